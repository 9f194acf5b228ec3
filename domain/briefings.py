"""Stakeholder briefings: 30-60 minute sessions bringing line managers and executives together."""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from domain.dates import clock_change, weekday_day, working_day
from domain.errors import ValidationError
from domain.records import Person, Record
from domain.timeline import Timeline

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
    plan_key: str = ""  # the default-plan slot it fills ("stage-1-end"...), if any
    cancel_reason: str = ""
    # The start the agenda was written for, and whether a person wrote or edited it (a drafted
    # one is drafted again when the briefing moves; an edited one is flagged instead).
    agenda_for: datetime | None = None
    agenda_edited: bool = False

    @property
    def agenda_outdated(self) -> bool:
        """An agenda written for another date: the briefing has moved since."""
        return bool(self.agenda) and self.agenda_for is not None and self.agenda_for != self.start

    @property
    def cancelled(self) -> bool:
        return self.status is BriefingStatus.CANCELLED

    @property
    def end(self) -> datetime:
        # Added in UTC: on the night the clocks change, wall-clock arithmetic would make a
        # 60-minute briefing last 0 or 120 minutes.
        utc = self.start.astimezone(UTC) + timedelta(minutes=self.minutes)
        return utc.astimezone(self.start.tzinfo)


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValidationError(
            f"A stakeholder briefing lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}."
        )
    return minutes


def check_start(start: datetime) -> datetime:
    """A start that names one moment: not a time the clocks skip or pass twice, which a
    calendar would read differently from the way it was meant."""
    if start.tzinfo is None:
        raise ValidationError("A briefing's start time needs a timezone.")
    if why := clock_change(start):
        raise ValidationError(
            f"{start:%H:%M} on {weekday_day(start)} {why} in {start.tzinfo}: "
            "choose a time outside the hour the clocks change."
        )
    return start


# -- the default plan ------------------------------------------------------------------------

DEFAULT_TIME = time(15, 30)  # after school, before line managers leave
DEFAULT_MINUTES = 45


@dataclass(frozen=True, kw_only=True)
class PlanSlot:
    """A briefing the default plan proposes: one at each stage end and one mid-program."""

    key: str
    title: str
    day: date


def default_plan(timeline: Timeline, holidays: Collection[date] = ()) -> list[PlanSlot]:
    """A briefing in the last week of each stage and one at the program's midpoint, each on a
    working day (a weekend or a public holiday moves back to the working day before), in date
    order."""
    last = timeline.stages[-1].number
    slots = [
        PlanSlot(
            key=f"stage-{s.number}-end",
            title="Program completion briefing"
            if s.number == last
            else f"Stage {s.number} review: {s.name}",
            day=working_day(s.end, holidays, forward=False),
        )
        for s in timeline.stages
    ]
    middle = timeline.start + (timeline.end - timeline.start) / 2
    slots.append(
        PlanSlot(
            key="mid-program",
            title="Mid-program briefing",
            day=working_day(middle, holidays, forward=False),
        )
    )
    return sorted(slots, key=lambda s: s.day)
