"""Calendar events: what a team, a person or the cluster has in its diary, with stable ids.

Calendar clients match an imported event to one they already hold by its UID and take the
newer one by SEQUENCE, so every event here has a UID derived from record ids (never from a
date or a position that can change meaning) and a sequence that rises whenever its time,
place or status changes. Nothing here depends on today: exporting unchanged data on another
day gives the same events.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from domain.briefings import Briefing
from domain.checkins import CONTACT_KINDS, CheckIn, CheckInKind
from domain.cluster import Team
from domain.dates import weekday_day
from domain.errors import ValidationError
from domain.expected import expected_checkins
from domain.program import EventKind, ProgramTemplate
from domain.records import Person
from domain.text import closed
from domain.timeline import Milestone, ScheduleRevision, Timeline, build_timeline
from domain.workshops import Workshop, timed

UID_DOMAIN = "flourish"
# A template briefing is filled by a real one scheduled this close to it.
BRIEFING_NEAR = timedelta(days=14)

CATEGORY = {
    EventKind.BRIEFING: "Stakeholder briefing",
    EventKind.WORKSHOP: "Workshop",
    EventKind.COACHING: "Coaching check-in",
    EventKind.WEBINAR: "Webinar",
    EventKind.PULSE: "Pulse survey",
    EventKind.OBSERVATION: "Observation",
    EventKind.MILESTONE: "Milestone",
}


@dataclass(frozen=True, kw_only=True)
class CalendarEvent:
    """One event. A timed event has aware datetimes; an all-day one has dates, `end` being
    its last day (inclusive)."""

    uid: str
    kind: EventKind
    title: str
    start: date | datetime
    end: date | datetime
    sequence: int
    changed_at: datetime  # UTC: when it last changed, so re-exports are identical
    team_id: str | None = None  # None: the whole cluster
    location: str = ""
    description: str = ""
    attendees: tuple[Person, ...] = ()
    cancelled: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def category(self) -> str:
        return CATEGORY[self.kind]

    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    def last_day(self) -> date:
        return self.end.date() if isinstance(self.end, datetime) else self.end


def uid(*parts: str) -> str:
    return f"{'.'.join(parts)}@{UID_DOMAIN}"


def in_range(
    events: list[CalendarEvent], first: date | None, last: date | None
) -> list[CalendarEvent]:
    """The events that touch the days `first` to `last` (either may be open)."""
    if first and last and last < first:
        raise ValidationError(f"The range ends ({last}) before it starts ({first}).")
    return [
        e
        for e in events
        if (first is None or e.last_day() >= first) and (last is None or e.first_day() <= last)
    ]


# -- briefings -------------------------------------------------------------------------------


def briefing_event(b: Briefing, team_name: str | None) -> CalendarEvent:
    who = team_name or "the whole cluster"
    notes = [f"Cancelled: {b.cancel_reason}" if b.cancel_reason else ""] if b.cancelled else []
    notes += [f"A stakeholder briefing for {who}.", b.agenda]
    return CalendarEvent(
        uid=uid(b.id),
        kind=EventKind.BRIEFING,
        title=b.title,
        start=b.start,
        end=b.end,
        sequence=b.sequence,
        changed_at=_utc(b.updated_at),
        team_id=b.team_id,
        location=b.location,
        description="\n\n".join(n for n in notes if n),
        attendees=tuple(b.attendees),
        cancelled=b.cancelled,
    )


# -- a team's program schedule ---------------------------------------------------------------


def team_events(
    team: Team,
    template: ProgramTemplate,
    *,
    revisions: Sequence[ScheduleRevision] = (),
    checkins: Sequence[CheckIn] = (),
    briefings: Sequence[Briefing] = (),
) -> list[CalendarEvent]:
    """The team's whole program: its milestones on their revised dates, its coaching
    check-ins (held, agreed and expected), and the briefings it takes part in."""
    revisions = list(revisions)
    timeline = build_timeline(team.start, template, revisions)
    counts, changed = _milestone_changes(team, template, revisions)
    events = [
        _milestone_event(team, m, counts.get(m.key, 0), changed.get(m.key, team.created_at))
        for m in timeline.milestones
        if m.kind is not EventKind.COACHING
    ]
    events = [_unless_filled(e, briefings) for e in events]
    events += coaching_events(team, list(checkins), timeline.start, timeline.end, template)
    events += [briefing_event(b, team.name if b.team_id else None) for b in briefings]
    return sorted(events, key=event_order)


def event_order(e: CalendarEvent) -> tuple[date, bool, str]:
    """By day, all-day events first, then by UID so that the order never varies."""
    return (e.first_day(), not e.all_day, e.uid)


def _milestone_event(team: Team, m: Milestone, sequence: int, changed: datetime) -> CalendarEvent:
    stage = f"Stage {m.stage} of the program for {team.name}."
    moved = (
        f"Moved from {weekday_day(m.planned_start)} by a schedule revision." if m.revised else ""
    )
    return CalendarEvent(
        uid=uid(team.id, m.key),
        kind=m.kind,
        title=f"{m.title} ({closed(team.name)})",
        start=m.start,
        end=m.end,
        sequence=sequence,
        changed_at=_utc(changed),
        team_id=team.id,
        description=" ".join(p for p in (stage, moved) if p),
    )


def _unless_filled(event: CalendarEvent, briefings: Sequence[Briefing]) -> CalendarEvent:
    """A template briefing is only a placeholder: once a real briefing is scheduled near it,
    it is exported as cancelled, so a calendar that imported it earlier drops it."""
    if event.kind is not EventKind.BRIEFING:
        return event
    near = [
        b
        for b in briefings
        if not b.cancelled and abs(b.start.date() - event.first_day()) <= BRIEFING_NEAR
    ]
    if not near:
        return event
    real = min(near, key=lambda b: abs(b.start.date() - event.first_day()))
    return replace(
        event,
        cancelled=True,
        sequence=event.sequence + 1,
        changed_at=max(event.changed_at, _utc(real.created_at)),
        description=(
            f"Replaced by \u2018{closed(real.title)}\u2019 on {weekday_day(real.start)} "
            f"at {real.start:%H:%M}."
        ),
    )


def _milestone_changes(
    team: Team, template: ProgramTemplate, revisions: list[ScheduleRevision]
) -> tuple[dict[str, int], dict[str, datetime]]:
    """How many times each milestone's dates have changed, and when they last did: the
    revisions replayed in the order they were made and reverted."""
    # A revision is made before it is reverted, even within one clock tick.
    steps = sorted(
        [(r.created_at, 0, n, r.id) for n, r in enumerate(revisions)]
        + [(r.reverted_at, 1, n, r.id) for n, r in enumerate(revisions) if r.reverted_at],
    )
    active: set[str] = set()
    counts: dict[str, int] = {}
    changed: dict[str, datetime] = {}
    before = _dates(build_timeline(team.start, template))
    for at, reverting, _n, rev_id in steps:
        applied = not reverting
        (active.add if applied else active.discard)(rev_id)
        in_force = [replace(r, reverted_at=None) for r in revisions if r.id in active]
        try:
            after = _dates(build_timeline(team.start, template, in_force))
        except ValidationError:
            continue  # a state the program never stood in; the next step settles it
        for key, dates in after.items():
            if before.get(key) != dates:
                counts[key] = counts.get(key, 0) + 1
                changed[key] = at
        before = after
    return counts, changed


def _dates(timeline: Timeline) -> dict[str, tuple[date, date]]:
    return {m.key: (m.start, m.end) for m in timeline.milestones}


# -- coaching check-ins ----------------------------------------------------------------------


def coaching_events(
    team: Team, checkins: list[CheckIn], start: date, end: date, template: ProgramTemplate
) -> list[CalendarEvent]:
    """Coaching check-ins numbered in order: the ones held on the dates they were held, then
    the next one on the date agreed (or one cadence after the last contact), then one every
    cadence until the program ends. Check-in n keeps its UID as it moves from expected to
    held, so a calendar updates it rather than adding a second one."""
    contacts = sorted((c for c in checkins if c.kind in CONTACT_KINDS), key=_logged)
    held = sorted((c for c in contacts if c.kind is CheckInKind.COACHING), key=_held)
    events = []
    first_to_come = True
    for e in expected_checkins(checkins, start, end, template):  # the one rule for the dates
        if e.held is not None:
            moved_by, why = _moved_by(contacts, held[: e.number]), "Held."
        elif first_to_come:
            moved_by, first_to_come = contacts, False
            why = (
                "Agreed at the last check-in."
                if e.agreed
                else "Due one cadence after the last contact."
            )
        else:
            moved_by = contacts
            why = f"Expected: check-ins are every {template.checkin_cadence_weeks} weeks."
        events.append(_coaching(team, e.number, e.day, moved_by, why))
    return events


def _logged(c: CheckIn) -> tuple[datetime, str]:
    return (c.created_at, c.id)


def _held(c: CheckIn) -> tuple[date, datetime]:
    return (c.date, c.created_at)


def _moved_by(contacts: list[CheckIn], first_n: list[CheckIn]) -> list[CheckIn]:
    """The contacts that could have moved the n-th held check-in: all those logged up to the
    last logged of the first n (one logged later and dated earlier renumbers them)."""
    cutoff = max(_logged(c) for c in first_n)
    return [c for c in contacts if _logged(c) <= cutoff]


def _coaching(team: Team, n: int, day: date, moved_by: list[CheckIn], note: str) -> CalendarEvent:
    # Each contact logged (or edited) may have moved this check-in, so each counts once
    # (plus its own edits) towards the sequence.
    sequence = sum(1 + c.sequence for c in moved_by)
    changed = max((c.updated_at for c in moved_by), default=team.created_at)
    return CalendarEvent(
        uid=uid(team.id, f"checkin-{n}"),
        kind=EventKind.COACHING,
        title=f"Coaching check-in ({closed(team.name)})",
        start=day,
        end=day,
        sequence=sequence,
        changed_at=_utc(changed),
        team_id=team.id,
        description=f"Coaching check-in {n} with {closed(team.coach.name)}. {note}",
    )


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# -- people ----------------------------------------------------------------------------------


def is_invited(email: str, event: CalendarEvent) -> bool:
    return any(p.has_email(email) for p in event.attendees)


# -- the cluster's review workshops ------------------------------------------------------------


def workshop_event(w: Workshop) -> CalendarEvent:
    """A cluster review workshop: its agenda, with times, in the description."""
    lines = [f"{at:%H:%M} {item.title}" for at, item in timed(w.start, w.agenda)]
    return CalendarEvent(
        uid=uid("workshop", w.id),
        kind=EventKind.WORKSHOP,
        title=w.title,
        start=w.start,
        end=w.end,
        sequence=0,
        changed_at=_utc(w.updated_at),
        location=w.place,
        description="A cluster review workshop.\n\n" + "\n".join(lines),
        attendees=tuple(w.attendees),
    )
