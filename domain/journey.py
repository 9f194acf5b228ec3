"""The partnership's journey: the steps a family of schools takes, each answering one of six
questions a partnership asks itself as it grows, along a timeline with a lane per question,
so that the questions not yet worked on show as gaps."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from domain.records import Record, parse_choice


class Question(StrEnum):
    WHY = "why"
    WHO = "who"
    WHAT = "what"
    LEAD = "lead"
    WATCH = "watch"
    ALLIES = "allies"

    @property
    def asks(self) -> str:
        return _ASKS[self][0]

    @property
    def about(self) -> str:
        return _ASKS[self][1]

    @property
    def short(self) -> str:
        return _ASKS[self][2]


# The question, what answering it means, and a lane label short enough for 80 columns.
_ASKS = {
    Question.WHY: ("Why are we doing this?", "purpose and a shared vision", "Why"),
    Question.WHO: (
        "Who is in, who is out, and who is close by?",
        "membership and neighbours",
        "Who is in",
    ),
    Question.WHAT: (
        "What will we do together?",
        "shared curriculum, systems or resources",
        "Together",
    ),
    Question.LEAD: ("Who is in charge?", "leadership roles", "In charge"),
    Question.WATCH: ("Who keeps an eye on it?", "governance, informal or formal", "Oversight"),
    Question.ALLIES: ("Who can we work with now?", "new relationships and alliances", "Allies"),
}


def parse_question(text: str) -> Question:
    return parse_choice(Question, text, "journey question")


@dataclass(kw_only=True)
class JourneyStep(Record):
    question: Question
    on: date
    what: str  # what happened
    team_ids: list[str] = field(default_factory=list)  # the schools involved
    partners: str = ""  # partners beyond the schools, one per line
    evidence: str = ""


@dataclass(frozen=True, kw_only=True)
class Lane:
    question: Question
    steps: tuple[JourneyStep, ...]  # oldest first

    @property
    def gap(self) -> bool:
        return not self.steps


def lanes(steps: list[JourneyStep]) -> list[Lane]:
    """One lane per question, in the questions' order, each with its steps by date."""
    ordered = sorted(steps, key=lambda s: (s.on, s.created_at))
    return [Lane(question=q, steps=tuple(s for s in ordered if s.question is q)) for q in Question]


def span(steps: list[JourneyStep], today: date) -> tuple[date, date]:
    """The timeline's first and last day: the first step to today (or the last step, if
    later), whole months, so that marks fall on the month they happened."""
    days = [s.on for s in steps] or [today]
    first = min(days).replace(day=1)
    last = max([*days, today])
    return first, last


def position(day: date, first: date, last: date, width: int) -> int:
    """The column of `day` on a timeline of `width` cells from `first` to `last`."""
    total = max(1, (last - first).days)
    return min(width - 1, max(0, round((day - first).days * (width - 1) / total)))


def lane_marks(lane: Lane, first: date, last: date, width: int) -> str:
    """A lane as `width` cells: a dot per step where it happened, a digit where several
    share a cell, and a thin rule between."""
    cells = [0] * width
    for step in lane.steps:
        cells[position(step.on, first, last, width)] += 1
    return "".join("·" if n == 0 else "●" if n == 1 else str(min(n, 9)) for n in cells)


def axis(first: date, last: date, width: int) -> str:
    """A line under the lanes naming each year where it starts (the first year at the left
    edge), leaving out a label that would run into the one before."""
    cells = [" "] * width
    marks = [(first, str(first.year))]
    marks += [(date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1)]
    free = 0
    for day, label in marks:
        at = position(day, first, last, width)
        if at < free or at + len(label) > width:
            continue
        cells[at : at + len(label)] = label
        free = at + len(label) + 1
    return "".join(cells)
