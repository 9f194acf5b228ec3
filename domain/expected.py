"""When a team's coaching check-ins fall: one rule for every view and export.

The check-ins held are on the days they were held; the next is on the day agreed at the last
contact, or one cadence after it (or after the start); the rest follow every cadence until the
program ends. An expected check-in never falls on a weekend or a public holiday: it moves to
the next working day (the cadence counts on from the day it would have been, so it does not
drift).
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from domain.checkins import CONTACT_KINDS, CheckIn, CheckInKind, last_contact
from domain.dates import working_day
from domain.program import EventKind, ProgramTemplate
from domain.timeline import Milestone, Timeline


@dataclass(frozen=True)
class ExpectedCheckIn:
    number: int  # 1 for the first coaching check-in of the program
    day: date
    held: CheckIn | None  # the check-in held, or None while it is to come
    agreed: bool = False  # the day was agreed at the last contact


def expected_checkins(
    checkins: list[CheckIn], start: date, end: date, template: ProgramTemplate
) -> list[ExpectedCheckIn]:
    """Every coaching check-in of the program, held or to come, numbered in order."""
    contacts = [c for c in checkins if c.kind in CONTACT_KINDS]
    held = sorted(
        (c for c in contacts if c.kind is CheckInKind.COACHING),
        key=lambda c: (c.date, c.created_at),
    )
    out = [ExpectedCheckIn(n, c.date, c) for n, c in enumerate(held, 1)]
    last = last_contact(contacts)
    cadence = timedelta(weeks=template.checkin_cadence_weeks)
    # The day agreed at the last contact is kept as agreed; the others move off weekends and
    # holidays, with the cadence counting on from where each would have been.
    agreed = last is not None and last.next_checkin is not None
    planned = (last.next_checkin or last.date + cadence) if last else start + cadence
    n = len(held) + 1
    while planned <= end:
        day = planned if agreed else working_day(planned, template.holidays)
        out.append(ExpectedCheckIn(n, day, None, agreed))
        agreed = False
        n, planned = n + 1, planned + cadence
    return out


def with_expected_checkins(
    timeline: Timeline, checkins: list[CheckIn], template: ProgramTemplate
) -> Timeline:
    """The timeline with its check-ins where the one rule puts them, in place of the plain
    cadence from the start that the program's own dates carry."""
    kept = [m for m in timeline.milestones if m.kind is not EventKind.COACHING]
    expected = [
        Milestone(
            key=f"checkin-{e.number}",
            title="Coaching check-in" + (" (held)" if e.held else ""),
            kind=EventKind.COACHING,
            stage=0,
            start=e.day,
            end=e.day,
            planned_start=e.day,
        )
        for e in expected_checkins(checkins, timeline.start, timeline.end, template)
    ]
    milestones = sorted([*kept, *expected], key=lambda m: (m.start, m.key))
    return replace(timeline, milestones=tuple(milestones))
