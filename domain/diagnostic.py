"""The collaboration diagnostic: a questionnaire in sections about how well schools work
together. Several people in a school answer it; their answers are combined per question,
totalled per section, and a section well short of its maximum, a weak question or a question
respondents disagree on is flagged, so the team knows where to look (the toolkit's step 3:
"if there are significant gaps in a section, return to the questionnaire and focus on the
individual questions")."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from domain.csv_rows import csv_rows
from domain.dates import day_month_year, parse_date
from domain.errors import FlourishError, Rejected, RowsRejected, ValidationError
from domain.records import Record
from domain.text import quoted

TOP = 4  # answers run 0 (not in place) to 4 (fully in place)
SCALE = ("not in place", "just starting", "partly in place", "mostly in place", "fully in place")
GAP_SHARE = 0.5  # a section totalling less than half its maximum has a significant gap
WEAK = 2.0  # a question whose combined answer is below this is weak ("partly in place")
SPLIT = 2  # respondents this many points apart on a question see it differently


@dataclass(frozen=True, kw_only=True)
class Question:
    key: str  # "1.3": the section's number and the question's
    text: str


@dataclass(frozen=True, kw_only=True)
class Section:
    key: str  # "vision"
    title: str  # "What is our vision?"
    questions: tuple[Question, ...]

    @property
    def maximum(self) -> int:
        return TOP * len(self.questions)


def _section(n: int, key: str, title: str, *texts: str) -> Section:
    questions = tuple(Question(key=f"{n}.{i}", text=t) for i, t in enumerate(texts, 1))
    return Section(key=key, title=title, questions=questions)


DEFAULT_QUESTIONNAIRE = (
    _section(
        1,
        "vision",
        "What is our vision?",
        "We have agreed the principles of our partnership.",
        "We have agreed procedures and protocols.",
        "Roles and responsibilities are agreed and understood.",
        "We have agreed the financial implications.",
        "We have an agreed timeline.",
        "We have agreed success criteria.",
        "We have agreed methods of evaluation.",
    ),
    _section(
        2,
        "leadership",
        "What does leadership mean to us?",
        "We share an understanding of what leadership and networking mean to us.",
        "We have agreed how we define leadership talent.",
        "We have agreed which leadership roles to focus on most.",
    ),
    _section(
        3,
        "sharing",
        "What do we share?",
        "We share processes and systems across our schools.",
        "Expertise moves between our schools where it is needed.",
        "We pool resources where that serves us better than working alone.",
    ),
    _section(
        4,
        "growing",
        "How do we grow leaders together?",
        "We have a common career structure, or know what one would look like.",
        "We offer a shared portfolio of development opportunities.",
        "Aspiring leaders take on roles and projects beyond their own school.",
        "Aspiring leaders get ongoing feedback on their development.",
    ),
    _section(
        5,
        "systems",
        "How does it fit our other processes?",
        "Growing leaders is combined with performance management.",
        "Growing leaders is combined with school self-evaluation.",
        "Governors understand and support our joint work.",
    ),
    _section(
        6,
        "learning",
        "How do we learn in another context?",
        "Staff learn from activities in other schools and agencies.",
        "Each activity has agreed success criteria: what the difference will look like.",
        "Learning leads to a formal outcome shared with colleagues or governors.",
    ),
    _section(
        7,
        "evidence",
        "How will we know collaboration is working?",
        "We gather evidence of the difference collaboration makes.",
        "We review our partnership together at agreed points.",
        "Staff, students and families can see the benefits of our collaboration.",
    ),
)


@dataclass(kw_only=True)
class DiagnosticResponse(Record):
    """One person's answers (question key: 0-4); questions left out were not answered."""

    team_id: str
    respondent: str = ""  # a name or role; blank: anonymous
    answered_on: date
    answers: dict[str, int] = field(default_factory=dict)
    source: str = ""


def questions(questionnaire: tuple[Section, ...]) -> dict[str, Question]:
    return {q.key: q for s in questionnaire for q in s.questions}


def find_section(questionnaire: tuple[Section, ...], text: str) -> Section:
    """A section by its key, its number or its title, in any case."""
    key = " ".join(str(text).strip().casefold().split())
    for n, s in enumerate(questionnaire, 1):
        if key in (s.key, str(n), s.title.casefold(), s.title.casefold().rstrip("?")):
            return s
    known = ", ".join(s.key for s in questionnaire)
    raise ValidationError(f"Unknown diagnostic section {quoted(text)}: use one of {known}.")


def parse_answer(text: str | int) -> int:
    s = str(text).strip()
    if not s.isdigit() or int(s) > TOP:
        raise ValidationError(
            f"An answer is a whole number from 0 ({SCALE[0]}) to {TOP} ({SCALE[TOP]}), "
            f"not {quoted(text)}."
        )
    return int(s)


def check_answers(
    questionnaire: tuple[Section, ...], answers: Mapping[str, int | str]
) -> dict[str, int]:
    """Answers keyed by question, each 0-4, in the questionnaire's order."""
    known = questions(questionnaire)
    if unknown := [k for k in answers if k not in known]:
        raise ValidationError(
            f"The questionnaire has no question {quoted(unknown[0])}: questions run from "
            f"{next(iter(known))} to {list(known)[-1]}."
        )
    if not answers:
        raise ValidationError("Answer at least one question.")
    return {k: parse_answer(answers[k]) for k in known if k in answers}


def latest_responses(responses: list[DiagnosticResponse]) -> list[DiagnosticResponse]:
    """What is combined: each named respondent's latest answers and every anonymous one."""
    ordered = sorted(responses, key=lambda r: (r.answered_on, r.created_at))
    named = {r.respondent.strip().casefold(): r for r in ordered if r.respondent.strip()}
    anonymous = [r for r in ordered if not r.respondent.strip()]
    return sorted([*named.values(), *anonymous], key=lambda r: (r.answered_on, r.created_at))


_TIMESTAMP = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?\S*$")  # a time after the date


def answered_on(text: str, today: date) -> date:
    """The day a questionnaire was answered: not in the future. A survey export's timestamp
    ("2026-11-05 10:32") counts by its date."""
    s = _TIMESTAMP.sub("", str(text).strip())
    if m := re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", s):
        s = f"{m[1]}-{int(m[2]):02}-{int(m[3]):02}"
    day = parse_date(s, today, prefer="past")
    if day > today:
        raise ValidationError(
            f"{day_month_year(day)} is in the future: answers are given on or before today."
        )
    return day


# -- combining ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class QuestionResult:
    question: Question
    mean: float | None  # None: nobody answered it
    answered: int
    spread: int  # highest answer minus lowest

    @property
    def weak(self) -> bool:
        return self.mean is not None and self.mean < WEAK

    @property
    def split(self) -> bool:
        return self.answered > 1 and self.spread >= SPLIT


@dataclass(frozen=True, kw_only=True)
class SectionResult:
    section: Section
    total: float | None  # the combined answers' sum; None: no question answered
    maximum: int  # over the questions answered
    questions: tuple[QuestionResult, ...]

    @property
    def share(self) -> float | None:
        return self.total / self.maximum if self.total is not None and self.maximum else None

    @property
    def gap(self) -> bool:
        """A significant gap: the section totals less than half its maximum."""
        return self.share is not None and self.share < GAP_SHARE

    @property
    def flagged(self) -> tuple[QuestionResult, ...]:
        """The questions to return to: weak ones, and ones respondents see differently."""
        return tuple(q for q in self.questions if q.weak or q.split)


def combine(
    questionnaire: tuple[Section, ...], responses: list[DiagnosticResponse]
) -> list[SectionResult]:
    """Each section's combined result over `responses` (see latest_responses)."""
    results = []
    for section in questionnaire:
        qs = tuple(_question(q, responses) for q in section.questions)
        means = [q.mean for q in qs if q.mean is not None]
        total = round(sum(means), 1) if means else None
        results.append(
            SectionResult(section=section, total=total, maximum=TOP * len(means), questions=qs)
        )
    return results


def _question(question: Question, responses: list[DiagnosticResponse]) -> QuestionResult:
    given = [r.answers[question.key] for r in responses if question.key in r.answers]
    return QuestionResult(
        question=question,
        mean=round(sum(given) / len(given), 2) if given else None,
        answered=len(given),
        spread=max(given) - min(given) if given else 0,
    )


def scale_word(mean: float) -> str:
    """The scale's word for a combined answer, rounded down as the weak rule reads it: 1.7 is
    "just starting"."""
    return SCALE[min(TOP, max(0, int(mean)))]


def action_title(result: SectionResult) -> str:
    """The action plan item a section's gap, or its questions to return to, suggest."""
    title = result.section.title.rstrip("?")
    if result.gap:
        return f"Close the collaboration gap: {title} ({result.total:g} of {result.maximum})"
    keys = ", ".join(q.question.key for q in result.flagged)
    return f"Return to {title}: question{'s' * (len(result.flagged) != 1)} {keys}"


# -- importing a survey export -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DiagnosticRow:
    line: int
    team_id: str
    respondent: str
    answered_on: date | None
    answers: dict[str, int]


def csv_header(questionnaire: tuple[Section, ...]) -> list[str]:
    """The columns of a survey export: one row per respondent, one column per question."""
    return ["team", "respondent", "date", *questions(questionnaire)]


def parse_diagnostic_csv(
    text: str, team_of: Callable[[str], str], questionnaire: tuple[Section, ...], today: date
) -> list[DiagnosticRow]:
    """Every row of a survey export, or RowsRejected naming each bad line. The `team`
    column and at least one question column are required; `respondent` and `date` are
    optional; a blank answer was not given."""
    lines = iter(csv_rows(text))
    header = [h.strip().casefold() for h in next(lines, (0, []))[1]]
    _check_header(header, questionnaire)
    rows, rejected = [], []
    for line, cells in lines:
        if not any(c.strip() for c in cells):
            continue
        try:
            rows.append(_diagnostic_row(header, cells, line, team_of, questionnaire, today))
        except FlourishError as e:
            rejected.append(Rejected(line, str(e).rstrip(".")))
    if rejected:
        raise RowsRejected(rejected, len(rows) + len(rejected))
    if not rows:
        raise ValidationError("The file has no rows to import after its header.")
    return rows


def _check_header(header: list[str], questionnaire: tuple[Section, ...]) -> None:
    known = set(csv_header(questionnaire))
    example = ",".join(csv_header(questionnaire)[:5]) + ",..."
    if "team" not in header or not set(header) & set(questions(questionnaire)):
        raise ValidationError(
            f"The first line must name a team column and question columns, like {example}"
        )
    if unknown := [h for h in header if h not in known]:
        raise ValidationError(f"Unknown column {quoted(unknown[0])}: the columns are {example}")
    if len(set(header)) != len(header):
        raise ValidationError("A column is named twice in the first line.")


def _diagnostic_row(
    header: list[str],
    cells: list[str],
    line: int,
    team_of: Callable[[str], str],
    questionnaire: tuple[Section, ...],
    today: date,
) -> DiagnosticRow:
    if len(cells) != len(header):
        raise ValidationError(f"{len(cells)} columns, not {len(header)}")
    row = dict(zip(header, (c.strip() for c in cells), strict=True))
    answers: dict[str, int] = {}
    for key in questions(questionnaire):
        if row.get(key):
            try:
                answers[key] = parse_answer(row[key])
            except ValidationError:
                raise ValidationError(
                    f"question {key}: {quoted(row[key])} is not 0 to {TOP}"
                ) from None
    if not answers:
        raise ValidationError("no question is answered")
    return DiagnosticRow(
        line=line,
        team_id=team_of(row["team"]),
        respondent=row.get("respondent", ""),
        answered_on=answered_on(row["date"], today) if row.get("date") else None,
        answers=answers,
    )
