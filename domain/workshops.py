"""Cluster review workshops: school leaders, coaches, the chair and the authority agree the
self-assessment's key findings, what to prioritise and who does what. The agenda is drafted
from the latest round's findings with times that add up, and can be edited as text; what the
workshop raised and agreed is recorded on it."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from domain.errors import ValidationError
from domain.governance import THEMES
from domain.records import Person, Record, parse_choice
from domain.sustainability import KeyFindings
from domain.text import one_line, quoted

MAX_MINUTES = 8 * 60  # a workshop is a day at most


class IssueKind(StrEnum):
    POLITICAL = "political"
    RATIONAL = "rational"
    EMOTIONAL = "emotional"


def parse_kind(text: str) -> IssueKind:
    return parse_choice(IssueKind, text, "kind of issue")


@dataclass(kw_only=True)
class AgendaItem:
    minutes: int
    title: str
    notes: str = ""


@dataclass(kw_only=True)
class RaisedIssue:
    kind: IssueKind
    issue: str
    approach: str = ""


@dataclass(kw_only=True)
class Reflection:
    """From a 1-to-1 with a school's leaders before the workshop."""

    team_id: str
    worked: str = ""  # what worked well
    hard: str = ""  # what was hard


@dataclass(frozen=True, kw_only=True)
class Agreed:
    """An action a workshop agreed, as given: it goes into the cluster plan."""

    title: str
    owner: str = ""
    due: date | None = None
    schools: tuple[str, ...] = ()  # as typed: names, ids, or "all"
    success_criteria: str = ""


@dataclass(kw_only=True)
class Workshop(Record):
    title: str
    start: datetime
    place: str = ""
    attendees: list[Person] = field(default_factory=list)
    round_id: str = ""  # the self-assessment round whose findings it reviews
    agenda: list[AgendaItem] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # discussion prompts included (THEMES)
    reflections: list[Reflection] = field(default_factory=list)
    issues: list[RaisedIssue] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)  # ranked, most important first
    action_ids: list[str] = field(default_factory=list)  # cluster actions agreed
    authority_response: str = ""  # the local authority's response to the key findings
    next_steps: str = ""
    evaluation: str = ""

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.agenda) or 120

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def draft_agenda(findings: KeyFindings | None, themes: Sequence[str] = ()) -> list[AgendaItem]:
    """The module's five parts, with the findings in the notes and a slot per discussion
    theme chosen; 2 h 10 without themes."""
    strengths = ", ".join(f.condition.label for f in findings.strengths) if findings else ""
    priorities = ", ".join(f.condition.label for f in findings.priorities) if findings else ""
    if findings and not priorities and findings.lowest:
        priorities = f"{findings.lowest.condition.label} (the lowest rated)"
    found = []
    if strengths:
        found.append(f"Doing well: {strengths}")
    if priorities:
        found.append(f"To prioritise: {priorities}")
    if not found:
        found.append("No self-assessment round has ratings yet: bring each school's view")
    items = [
        AgendaItem(minutes=10, title="Welcome and purpose"),
        AgendaItem(minutes=25, title="Key findings for the cluster", notes="\n".join(found)),
        AgendaItem(
            minutes=40,
            title="Discussion and prioritising",
            notes="Political, rational and emotional issues; agree a ranked list",
        ),
    ]
    items += [
        AgendaItem(minutes=10, title=f"Discussion: {t}", notes=THEMES[t].partition(": ")[2])
        for t in themes
    ]
    items += [
        AgendaItem(minutes=40, title="Action planning", notes="Owners and dates for each priority"),
        AgendaItem(minutes=15, title="Evaluation and close"),
    ]
    return items


def timed(start: datetime, agenda: list[AgendaItem]) -> list[tuple[datetime, AgendaItem]]:
    """Each item with the time it starts: each begins when the one before ends."""
    out, at = [], start
    for item in agenda:
        out.append((at, item))
        at += timedelta(minutes=item.minutes)
    return out


_LINE = re.compile(r"(\d+)\s*(?:min(?:ute)?s?\b)?\s*(.*)")


def parse_agenda(text: str) -> list[AgendaItem]:
    """An agenda as typed: a line at the margin per item, its minutes first ("15 Welcome"),
    and indented lines under it as its notes."""
    items: list[AgendaItem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line[0] in " \t":
            if not items:
                raise ValidationError(f"Line {n}: a note comes under an item; start with one.")
            note = line.strip()
            items[-1].notes = f"{items[-1].notes}\n{note}" if items[-1].notes else note
            continue
        found = _LINE.fullmatch(line.strip())
        if not found or not found[2].strip():
            raise ValidationError(
                f"Line {n}: {quoted(line.strip())} should start with its minutes, as in "
                "'15 Welcome and purpose'."
            )
        minutes = int(found[1])
        if not 1 <= minutes <= MAX_MINUTES:
            raise ValidationError(f"Line {n}: an item lasts 1 to {MAX_MINUTES} minutes.")
        title = one_line(found[2].strip(), f"Line {n}")
        items.append(AgendaItem(minutes=minutes, title=title))
    if not items:
        raise ValidationError("An agenda needs at least one item.")
    if sum(i.minutes for i in items) > MAX_MINUTES:
        raise ValidationError(f"The agenda's items add up to more than {MAX_MINUTES // 60} hours.")
    return items


def format_agenda(agenda: list[AgendaItem]) -> str:
    """The agenda as parse_agenda reads it back."""
    lines = []
    for item in agenda:
        lines.append(f"{item.minutes} {item.title}")
        lines += [f"    {note}" for note in item.notes.splitlines() if note.strip()]
    return "\n".join(lines) + "\n"


def parse_issue(text: str) -> RaisedIssue:
    """An issue as typed: `political: the issue => the approach`."""
    kind, sep, rest = text.partition(":")
    if not sep:
        raise ValidationError(
            f"{quoted(text)}: start with its kind, as in 'emotional: staff fear losing "
            "their posts => meet each team first'."
        )
    issue, _, approach = rest.partition("=>")
    if not issue.strip():
        raise ValidationError(f"{quoted(text)} names no issue after its kind.")
    return RaisedIssue(kind=parse_kind(kind), issue=issue.strip(), approach=approach.strip())


def parse_reflection(text: str) -> tuple[str, str, str]:
    """A 1-to-1's reflection as typed: `School: what worked well | what was hard`; the school
    as typed, for the caller to find."""
    school, sep, rest = text.partition(":")
    if not sep or not school.strip():
        raise ValidationError(
            f"{quoted(text)}: start with the school, as in 'Northgate: the visits | finding cover'."
        )
    worked, _, hard = rest.partition("|")
    if not worked.strip() and not hard.strip():
        raise ValidationError(f"{quoted(text)}: say what worked well, what was hard, or both.")
    return school.strip(), worked.strip(), hard.strip()


def format_issue(issue: RaisedIssue) -> str:
    """An issue as parse_issue reads it back."""
    return f"{issue.kind.value}: {issue.issue}" + (
        f" => {issue.approach}" if issue.approach else ""
    )
