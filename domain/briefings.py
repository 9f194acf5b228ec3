"""Stakeholder briefings: 30-60 minute sessions bringing line managers and executives together."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import ValidationError
from domain.records import Person, Record

MIN_MINUTES, MAX_MINUTES = 30, 60


class BriefingStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


@dataclass(kw_only=True)
class Briefing(Record):
    title: str
    start: datetime  # timezone-aware, in the cluster's timezone
    minutes: int = 45
    team_id: str | None = None  # None: a briefing for the whole cluster
    attendees: list[Person] = field(default_factory=list)
    location: str = ""  # a room or a meeting link
    agenda: str = ""
    status: BriefingStatus = BriefingStatus.SCHEDULED
    sequence: int = 0  # rises each time the time, place or status changes (calendar updates)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValidationError(
            f"A stakeholder briefing lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}."
        )
    return minutes


def check_start(start: datetime) -> datetime:
    if start.tzinfo is None:
        raise ValidationError("A briefing's start time needs a timezone.")
    return start
