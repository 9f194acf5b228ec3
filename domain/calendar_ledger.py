"""What calendars were last given for each event, so that none ever goes backwards or
vanishes.

A calendar client keeps an imported event until a newer copy (a higher SEQUENCE, or the same
with a later DTSTAMP) says otherwise, and it never removes one because a later file lacks it.
So for each UID we remember the copy last exported; a re-export then:
- gives an event whose content changed a sequence above the one exported, even when its record
  went back (undo, a deleted check-in) and its own count fell;
- keeps the exported sequence and stamp for an unchanged event, so re-exports stay identical;
- sends an event that has left a calendar (a check-in pushed past the program's end, a person
  taken off a briefing) as cancelled, one sequence higher, so clients remove it.
"""

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from domain.schedule import CalendarEvent, event_order

WITHDRAWN = "No longer in this calendar."


@dataclass(frozen=True)
class Sent:
    """An event as it was last exported (its description and attendees may be left out: the
    fingerprint stands for them), and the fingerprint of its whole content."""

    event: CalendarEvent
    fingerprint: str

    @classmethod
    def of(cls, e: CalendarEvent) -> "Sent":
        return cls(e, fingerprint(e))


def fingerprint(e: CalendarEvent) -> str:
    """What a calendar shows of an event: everything but its sequence and stamp."""
    people = "\x1f".join(f"{p.name}\x1e{p.email}\x1e{p.role}" for p in e.attendees)
    parts: tuple[str, ...] = (
        e.uid,
        e.kind,
        e.title,
        e.start.isoformat(),
        e.end.isoformat(),
        str(e.all_day),
    )
    parts += (e.location, e.description, people, str(e.cancelled), e.team_id or "")
    return hashlib.sha256("\x1d".join(parts).encode("utf-8")).hexdigest()


def settle(
    events: Iterable[CalendarEvent],
    sent: Mapping[str, Sent],
    before: Collection[str],
    now: datetime,
) -> list[CalendarEvent]:
    """`events` as they must be exported after what was `sent`, plus a cancellation for each
    event in this calendar `before` that it no longer holds, in calendar order."""
    now = now.astimezone(UTC)
    out = [settled(e, sent.get(e.uid), now) for e in events]
    present = {e.uid for e in out}
    for uid in sorted(set(before) - present):
        if (prior := sent.get(uid)) is not None:
            out.append(withdrawn(prior, now))
    return sorted(out, key=event_order)


def settled(e: CalendarEvent, prior: Sent | None, now: datetime) -> CalendarEvent:
    """`e` with a sequence and stamp no lower than the copy `prior` exported, and higher when
    its content differs from that copy."""
    if prior is None:
        return e
    last = prior.event
    if fingerprint(e) == prior.fingerprint:
        return replace(
            e,
            sequence=max(e.sequence, last.sequence),
            changed_at=max(e.changed_at, last.changed_at),
        )
    # Changed since: its own stamp if that is newer, else now (a record taken back by undo
    # carries an older stamp than the copy calendars hold).
    stamp = e.changed_at if e.changed_at > last.changed_at else max(now, last.changed_at)
    return replace(e, sequence=max(e.sequence, last.sequence + 1), changed_at=stamp)


def withdrawn(prior: Sent, now: datetime) -> CalendarEvent:
    """The cancellation of an event a calendar no longer holds: the same again once sent."""
    gone = replace(prior.event, cancelled=True, description=WITHDRAWN, attendees=())
    return settled(gone, prior, now)
