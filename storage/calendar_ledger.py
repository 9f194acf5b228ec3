"""What this workspace has given calendars, kept in `calendars.json` beside the data: for each
event the copy last exported or sent, for each calendar the events it has held, and for each
briefing who was sent an invitation at which sequence.

It is a record of what left this machine, not of the program: undo never takes it back (an
email cannot be unsent) and it is not shared, since each person's exports and invitations
are their own. Read and rewritten under the workspace lock."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson

from domain.calendar_ledger import Sent
from domain.errors import ValidationError
from domain.invitations import Invitation, Method
from domain.program import EventKind
from domain.schedule import CalendarEvent
from storage.atomic import atomic_write

LEDGER_FILE = "calendars.json"


class SentEvents(Mapping[str, Sent]):
    """uid -> the copy last given out, decoded only for the events an export asks about:
    a cluster's ledger holds every event of every team."""

    def __init__(self, raw: dict[str, dict[str, Any]] | None = None, path: Path | None = None):
        self.raw = raw or {}
        self.path = path
        self._decoded: dict[str, Sent] = {}

    def __getitem__(self, uid: str) -> Sent:
        if uid not in self._decoded:
            data = self.raw[uid]
            try:
                self._decoded[uid] = _sent(data)
            except (ValueError, KeyError, TypeError) as e:
                raise damaged(self.path, e) from None
        return self._decoded[uid]

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def put(self, sent: Sent) -> None:
        self._decoded[sent.event.uid] = sent
        self.raw[sent.event.uid] = _sent_data(sent)


@dataclass
class CalendarLedger:
    sent: SentEvents = field(default_factory=SentEvents)
    calendars: dict[str, list[str]] = field(default_factory=dict)  # calendar -> uids held
    # briefing id -> email (casefolded) -> the last invitation sent
    invitations: dict[str, dict[str, Invitation]] = field(default_factory=dict)
    # file name -> [calendar, its name]: what `export ics --publish` keeps in its folder
    published: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "CalendarLedger":
        path = root / LEDGER_FILE
        try:
            data = orjson.loads(path.read_bytes())
            return cls(
                sent=SentEvents(data.get("sent", {}), path),
                calendars={k: list(v) for k, v in data.get("calendars", {}).items()},
                invitations={
                    b: {k: _invitation(i) for k, i in people.items()}
                    for b, people in data.get("invitations", {}).items()
                },
                published={k: list(v) for k, v in data.get("published", {}).items()},
            )
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise damaged(path, e) from None

    def save(self, root: Path) -> None:
        data = {
            "sent": dict(sorted(self.sent.raw.items())),
            "calendars": self.calendars,
            "invitations": {
                b: {k: _invitation_data(i) for k, i in people.items()}
                for b, people in self.invitations.items()
            },
            "published": self.published,
        }
        atomic_write(root / LEDGER_FILE, orjson.dumps(data))

    def record(self, calendar: str | None, events: list[CalendarEvent]) -> None:
        """`events` were given out, in `calendar` (None: only as invitations)."""
        for e in events:
            self.sent.put(Sent.of(e))
        if calendar is not None:
            held = self.calendars.setdefault(calendar, [])
            held += [e.uid for e in events if e.uid not in set(held)]


def damaged(path: Path | None, e: BaseException) -> ValidationError:
    return ValidationError(
        f"Cannot read {path} ({type(e).__name__}: {e}): it records what calendars were given. "
        "Move it away and export again; calendars may then show some events twice."
    )


def _sent_data(s: Sent) -> dict[str, Any]:
    """What is kept of an event: enough to send it again as cancelled, and the fingerprint of
    the rest (the description and attendees, the bulk of it, are not kept)."""
    e = s.event
    return {
        "uid": e.uid,
        "kind": e.kind.value,
        "title": e.title,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "all_day": e.all_day,
        "sequence": e.sequence,
        "changed_at": e.changed_at.isoformat(),
        "team_id": e.team_id,
        "location": e.location,
        "cancelled": e.cancelled,
        "fingerprint": s.fingerprint,
    }


def _sent(d: dict[str, Any]) -> Sent:
    moment = date.fromisoformat if d["all_day"] else datetime.fromisoformat
    event = CalendarEvent(
        uid=d["uid"],
        kind=EventKind(d["kind"]),
        title=d["title"],
        start=moment(d["start"]),
        end=moment(d["end"]),
        sequence=int(d["sequence"]),
        changed_at=datetime.fromisoformat(d["changed_at"]),
        team_id=d["team_id"],
        location=d["location"],
        cancelled=bool(d["cancelled"]),
    )
    return Sent(event, d["fingerprint"])


def _invitation_data(i: Invitation) -> dict[str, Any]:
    return {
        "email": i.email,
        "name": i.name,
        "sequence": i.sequence,
        "method": i.method.value,
        "sent_at": i.sent_at.isoformat(),
    }


def _invitation(d: dict[str, Any]) -> Invitation:
    return Invitation(
        email=d["email"],
        name=d["name"],
        sequence=int(d["sequence"]),
        method=Method(d["method"]),
        sent_at=datetime.fromisoformat(d["sent_at"]),
    )
