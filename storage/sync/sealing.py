"""Sealing a record's text for the share, and opening what others sealed.

Which fields are sealed, and at which level, is domain/visibility.py. Who each level is sealed
to comes from the share's people: a team's circle is its coaches and viewers (as the chair
approved them) and the chair; the members' circle is every approved member; a private note's is
its author. The author of any text is always one of its recipients, and so is the cluster's
recovery key when the chair gave one.

Sealing is random: the same note sealed twice gives different bytes. So a field is sealed
again only when its text changed, and every sync does not rewrite every note.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from domain.sharing import canonical
from domain.visibility import NOT_SHARED, Level, sealed_fields
from storage.sync import keys

__all__ = ["NOT_SHARED", "Circles", "Member", "Sealer", "circles_of"]

PENDING, APPROVED, REMOVED = "pending", "approved", "removed"


@dataclass(frozen=True)
class Member:
    """One person of the share, as the sealing needs them."""

    recipient: str
    role: str
    status: str
    teams: frozenset[str]

    @classmethod
    def of(cls, record: dict[str, Any]) -> "Member":
        # A person from before approvals existed was trusted with everything; they still are.
        status = record.get("status") or APPROVED
        teams = record.get("teams")
        everything = "status" not in record
        return cls(
            recipient=record.get("recipient", ""),
            role=record.get("role", ""),
            status=status,
            teams=frozenset(teams or ()) if not everything else frozenset({"*"}),
        )

    def reads(self, team_id: str | None) -> bool:
        if self.status != APPROVED or not self.recipient:
            return False
        if team_id is None or self.role == "chair" or "*" in self.teams:
            return True
        return team_id in self.teams


@dataclass
class Circles:
    members: list[Member]
    recovery: list[str] = field(default_factory=list)
    me: str = ""  # this person's recipient, or "" without a key

    def recipients(self, level: Level, team_id: str | None) -> list[str]:
        mine = [self.me] if self.me else []
        if level is Level.PRIVATE:
            return [*mine, *self.recovery]
        team = team_id if level is Level.TEAM else None
        circle = [m.recipient for m in self.members if m.reads(team)]
        return list(dict.fromkeys([*mine, *circle, *self.recovery]))


class Sealer:
    """Seals records for the share and opens them, with this person's key."""

    def __init__(self, key: Any, circles: Circles):
        self.key = key
        self.circles = circles
        self._opened: dict[str, str | None] = {}  # armored text -> its words, once opened
        # What each sealed text says, as a digest of its words (kept between syncs, on this
        # laptop only): whether a field changed is known without opening it again, which at
        # 500 teams would cost seconds a sync.
        self.digests: dict[str, str] = {}

    def remember(self, other: "Sealer") -> None:
        self._opened = other._opened
        self.digests = other.digests

    # -- what leaves this laptop -------------------------------------------------------------

    def seal(
        self, table: str, record: dict[str, Any], old: dict[str, Any] | None, team: str | None
    ) -> dict[str, Any]:
        """`record` as the share holds it; `old` is the share's previous version, whose
        ciphertext is kept for every text that has not changed."""
        out = dict(record)
        for top, (level, parts) in _grouped(sealed_fields(table, record)).items():
            if top not in record:
                continue
            to = self.circles.recipients(level, team or record.get("team_id"))
            before = (old or {}).get(top)
            value = record[top]
            if parts or isinstance(value, list):
                out[top] = self._seal_entries(value, before, parts, to, level)
            else:
                out[top] = self._seal_text(value, before, to, level)
        return out

    def _seal_text(self, value: Any, before: Any, to: list[str], level: Level) -> Any:
        if not isinstance(value, str) or not value:
            return value
        if before is not None and self._digest_of(before) == _digest(value):
            # Unchanged (or, for text not shared with this person, still the placeholder), or
            # shared in plain before sealing existed (`share doctor` seals that): kept as is.
            return before
        if value == NOT_SHARED or not to:
            return ""  # never the placeholder, and never text with no one to read it
        return self._sealed(value, to, level)

    def _sealed(self, text: str, to: list[str], level: Level) -> dict[str, str]:
        sealed = keys.seal(text, to, level.value)
        self._opened[sealed[keys.SEALED]] = text
        self.digests[_digest(sealed[keys.SEALED])] = _digest(text)
        return sealed

    def _digest_of(self, value: Any) -> str | None:
        """The digest of the words a shared value stands for, as this person reads them."""
        if isinstance(value, str):
            return _digest(value)
        if not keys.is_sealed(value):
            return None
        armored = _digest(value[keys.SEALED])
        if armored not in self.digests:
            opened = self.open(value)
            self.digests[armored] = _digest(NOT_SHARED if opened is None else opened)
        return self.digests[armored]

    def _entry_key(self, entry: Any, parts: list[str], shared: bool) -> bytes:
        """An entry of a list, its text by digest: an entry here and its shared version have
        the same key when their words are the same."""

        def of(v: Any) -> Any:
            return self._digest_of(v) if shared else (_digest(v) if isinstance(v, str) else v)

        if isinstance(entry, dict) and parts:
            return canonical({**entry, **{p: of(entry[p]) for p in parts if p in entry}})
        return canonical(of(entry))

    def _seal_entries(
        self, entries: Any, before: Any, parts: list[str], to: list[str], level: Level
    ) -> Any:
        if not isinstance(entries, list):
            return entries
        pool: dict[bytes, list[Any]] = {}
        for old in before if isinstance(before, list) else []:
            pool.setdefault(self._entry_key(old, parts, shared=True), []).append(old)
        out = []
        for entry in entries:
            same = pool.get(self._entry_key(entry, parts, shared=False))
            if same:
                out.append(same.pop(0))
            elif isinstance(entry, dict):
                out.append(
                    {**entry, **{p: self._seal_text(entry.get(p), None, to, level) for p in parts}}
                )
            else:
                out.append(self._seal_text(entry, None, to, level))
        return out

    def reseal(self, table: str, shared: dict[str, Any], team: str | None) -> dict[str, Any]:
        """A shared record with every text this key can open sealed again to the circles as
        they are now (after someone joined a team's circle)."""
        out = dict(shared)
        for top, (level, parts) in _grouped(sealed_fields(table, shared)).items():
            value = shared.get(top)
            if level is Level.PRIVATE or value is None:
                continue
            to = self.circles.recipients(level, team or shared.get("team_id"))
            if isinstance(value, list):
                out[top] = [
                    {**e, **{p: self._reseal(e.get(p), to, level) for p in parts if p in e}}
                    if isinstance(e, dict) and parts
                    else self._reseal(e, to, level)
                    for e in value
                ]
            else:
                out[top] = self._reseal(value, to, level)
        return out

    def _reseal(self, value: Any, to: list[str], level: Level) -> Any:
        if not keys.is_sealed(value) or not to or (opened := self.open(value)) is None:
            return value
        return self._sealed(opened, to, level)

    # -- what arrives ------------------------------------------------------------------------

    def open_record(self, table: str, shared: dict[str, Any]) -> dict[str, Any]:
        """A shared record as this person reads it: sealed text opened where their key can,
        and NOT_SHARED where it cannot ("" for someone else's private note)."""
        out = dict(shared)
        for top, (level, parts) in _grouped(sealed_fields(table, shared)).items():
            if top not in shared:
                continue
            value = shared[top]
            if parts or isinstance(value, list):
                if isinstance(value, list):
                    out[top] = [self._open_entry(e, parts, level) for e in value]
            else:
                out[top] = self._open_value(value, level)
        return out

    def open(self, value: Any) -> str | None:
        """The words of one sealed value, or None when this key is not one it was sealed to."""
        armored = value[keys.SEALED]
        if armored not in self._opened:
            opened = keys.unseal(value, self.key)
            self._opened[armored] = opened
            if opened is not None:
                self.digests[_digest(armored)] = _digest(opened)
        return self._opened[armored]

    def open_any(self, value: Any) -> Any:
        """Any value with every sealed text in it opened (for showing a conflict)."""
        if keys.is_sealed(value):
            opened = self.open(value)
            return NOT_SHARED if opened is None else opened
        if isinstance(value, dict):
            return {k: self.open_any(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.open_any(v) for v in value]
        return value

    def holds_plain(self, table: str, shared: dict[str, Any]) -> bool:
        """Whether the share holds text of this record in plain that should be sealed."""
        for top, (_level, parts) in _grouped(sealed_fields(table, shared)).items():
            value = shared.get(top)
            values = value if isinstance(value, list) else [value]
            for v in values:
                texts = [v.get(p) for p in parts] if isinstance(v, dict) and parts else [v]
                if any(isinstance(t, str) and t for t in texts):
                    return True
        return False

    def _open_value(self, value: Any, level: Level) -> Any:
        if not keys.is_sealed(value):
            return value
        opened = self.open(value)
        if opened is not None:
            return opened
        return "" if level is Level.PRIVATE else NOT_SHARED

    def _open_entry(self, entry: Any, parts: list[str], level: Level) -> Any:
        if isinstance(entry, dict) and parts:
            return {
                **entry,
                **{p: self._open_value(entry.get(p), level) for p in parts if p in entry},
            }
        return self._open_value(entry, level)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=10).hexdigest()


def _grouped(fields: dict[str, Level]) -> dict[str, tuple[Level, list[str]]]:
    """`{"notes.text": team}` as `{"notes": (team, ["text"])}`."""
    out: dict[str, tuple[Level, list[str]]] = {}
    for name, level in fields.items():
        top, _, part = name.partition(".")
        parts = out.get(top, (level, []))[1]
        out[top] = (level, [*parts, part] if part else parts)
    return out


def circles_of(people: Iterable[dict[str, Any]], recovery: list[str], me: str) -> Circles:
    return Circles([Member.of(p) for p in people], recovery, me)
