"""Aspiring leaders: people across the cluster preparing for leadership, and what they do to
learn beyond their own school (leading a project in another school, a cluster working group),
each with its success criteria, the behaviours it works on, a formal outcome and feedback."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from domain.records import Record, parse_choice


class Outcome(StrEnum):
    NONE = "none"
    REPORT = "report"
    PRESENTATION = "presentation"


def parse_outcome(text: str) -> Outcome:
    return parse_choice(Outcome, text, "outcome")


@dataclass(kw_only=True)
class AspiringLeader(Record):
    name: str
    team_id: str  # their own school
    role: str = ""
    email: str = ""
    mentor: str = ""


@dataclass(kw_only=True)
class Feedback:
    on: date
    text: str
    by: str = ""


@dataclass(kw_only=True)
class LeaderActivity(Record):
    leader_id: str
    title: str
    where: str = ""  # beyond their school: which school, partner or group
    success_criteria: str = ""
    behaviours: list[str] = field(default_factory=list)  # the leadership behaviours it works on
    outcome: Outcome = Outcome.NONE
    outcome_to: str = ""  # to whom the report or presentation goes
    outcome_on: date | None = None
    feedback: list[Feedback] = field(default_factory=list)


def behaviour_list(text: str) -> list[str]:
    """Behaviours as typed: separated by commas or lines, blanks dropped."""
    parts = text.replace("\n", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
