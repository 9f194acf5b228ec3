"""HPT action plan items: what the leadership team will do, who owns it, and by when."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from domain.records import Record, parse_choice


class ActionStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


@dataclass(kw_only=True)
class ProgressNote:
    date: date
    text: str
    by: str = ""


@dataclass(kw_only=True)
class ActionItem(Record):
    team_id: str
    title: str
    owner: str = ""
    stage: int = 1
    due: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    success_criteria: str = ""  # what will the difference look like
    evidence: str = ""
    notes: list[ProgressNote] = field(default_factory=list)
    # The finding it was made from ("rating:ROUND-ID:impact", "pulse:2026-11:voice"): one
    # finding gets one open action, whatever its score was when the action was made.
    origin: str = ""

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status not in CLOSED_STATUSES


WEEK = timedelta(days=7)


def due_this_week(a: ActionItem, today: date) -> bool:
    """Open and due from today to six days on: what to finish this week."""
    return a.due is not None and today <= a.due < today + WEEK and a.status not in CLOSED_STATUSES


def similar(action: ActionItem, others: Iterable[ActionItem]) -> ActionItem | None:
    """Another action much like `action`: a title sharing at least two thirds of its words
    (short ones aside), so that a plan does not say the same thing twice."""

    def words(title: str) -> set[str]:
        return {w for w in re.findall(r"\w+", title.casefold()) if len(w) > 3}

    mine = words(action.title)
    for other in others:
        if other.id == action.id:
            continue
        theirs = words(other.title)
        if mine and theirs and len(mine & theirs) * 3 >= 2 * max(len(mine), len(theirs)):
            return other
    return None


def parse_status(text: str) -> ActionStatus:
    return parse_choice(ActionStatus, text, "action status")


def overdue_actions(actions: list[ActionItem], today: date) -> list[ActionItem]:
    return sorted((a for a in actions if a.is_overdue(today)), key=lambda a: a.due or date.max)
