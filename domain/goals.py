"""Where we are now / where we want to be: a team's paired statements, each side with its
evidence, linked to the action plan items that will move the team from one to the other."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.errors import ValidationError
from domain.records import Record, require_text


@dataclass(kw_only=True)
class Goal(Record):
    team_id: str
    now: str  # where we are now
    want: str  # where we want to be
    now_evidence: str = ""  # one piece of evidence per line
    want_evidence: str = ""  # what will show we are there, one per line
    action_ids: list[str] = field(default_factory=list)


FIELDS = ("now", "want", "now_evidence", "want_evidence")


def check_fields(changes: Mapping[str, object]) -> dict[str, Any]:
    """Edited fields, stripped; both statements are required."""
    if unknown := set(changes) - set(FIELDS):
        raise ValidationError(f"A statement pair has no field {', '.join(sorted(unknown))}.")
    checked = {k: str(v).strip() for k, v in changes.items()}
    if "now" in checked:
        checked["now"] = require_text(checked["now"], "Where we are now")
    if "want" in checked:
        checked["want"] = require_text(checked["want"], "Where we want to be")
    return checked


def evidence_lines(text: str) -> list[str]:
    """Evidence as a list: one item per non-blank line, without a typed bullet."""
    lines = (line.strip() for line in text.splitlines())
    return [line.removeprefix("- ").removeprefix("* ").strip() for line in lines if line]


def action_title(goal: Goal) -> str:
    return f"Move towards: {goal.want}"
