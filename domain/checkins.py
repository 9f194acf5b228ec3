"""Coaching check-ins and the rule for when the next one is due."""

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from domain.dates import working_day
from domain.records import Record, parse_choice

Day = date  # the field `date` below hides the type's name inside the class


class CheckInKind(StrEnum):
    COACHING = "coaching"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"
    OBSERVATION = "observation"
    BRIEFING = "briefing"


# Kinds where the coach works with the team itself; a webinar or a stakeholder briefing is not
# the team's coaching contact, so it does not reset the cadence clock.
CONTACT_KINDS = frozenset({CheckInKind.COACHING, CheckInKind.WORKSHOP, CheckInKind.OBSERVATION})


@dataclass(frozen=True, kw_only=True)
class CheckInDay:
    """A check-in's date and kind, decoded without the rest: what a count of contacts needs,
    which can then never hold a note, and costs a fraction of decoding every field."""

    date: date
    kind: CheckInKind = CheckInKind.COACHING


@dataclass(kw_only=True)
class CheckIn(Record):
    team_id: str
    date: date
    kind: CheckInKind = CheckInKind.COACHING
    coach: str = ""
    attendees: list[str] = field(default_factory=list)
    notes: str = ""
    confidential: bool = False
    action_ids: list[str] = field(default_factory=list)  # actions agreed or updated here
    next_checkin: Day | None = None
    sequence: int = 0  # rises when its date changes, so calendars take the correction


def parse_kind(text: str) -> CheckInKind:
    return parse_choice(CheckInKind, text, "check-in kind")


WITHHELD = "(confidential: not exported)"


def withheld(checkin: CheckIn) -> CheckIn:
    """The check-in as shared: confidential notes are left out."""
    return replace(checkin, notes=WITHHELD) if checkin.confidential else checkin


def checkin_warnings(checkin: CheckIn, others: list[CheckIn], team: str, start: date) -> list[str]:
    """What is unusual about a check-in that is still accepted: a second one on the same day
    (logged twice by mistake, or truly two meetings), or one before the program started."""
    warnings = []
    when = f"{checkin.date:%a} {checkin.date.day} {checkin.date:%b %Y}"
    if any(o.date == checkin.date and o.id != checkin.id for o in others):
        warnings.append(
            f"{team} already had a check-in on {when}; if it was logged twice, delete one."
        )
    if checkin.date < start:
        warnings.append(f"{when} is before {team}'s program started ({start.day} {start:%b %Y}).")
    return warnings


def last_contact(checkins: list[CheckIn]) -> CheckIn | None:
    contacts = [c for c in checkins if c.kind in CONTACT_KINDS]
    return max(contacts, key=lambda c: (c.date, c.created_at), default=None)


def next_checkin_due(
    checkins: list[CheckIn], start: date, cadence_weeks: int, holidays: Collection[date] = ()
) -> date:
    """The date agreed at the last contact, else one cadence after it (or after the start),
    moved to the next working day: never a weekend or one of `holidays`. Every view and
    export takes the next check-in from here (see domain/expected.py)."""
    last = last_contact(checkins)
    if last is None:
        return working_day(start + timedelta(weeks=cadence_weeks), holidays)
    return last.next_checkin or working_day(last.date + timedelta(weeks=cadence_weeks), holidays)


def days_overdue(due: date, today: date) -> int:
    """How many days past `due` today is; 0 when it is not yet due."""
    return max(0, (today - due).days)
