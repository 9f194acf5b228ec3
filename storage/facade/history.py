"""Undo and redo: each change's writes, kept so that it can be taken back and made again.

The app keeps each window's history in memory. The command line runs a new process for each
command, so its history is kept in the workspace (HISTORY_FILE), written in the same step as
the change it records: `flourish undo` then takes back the last command's change.
"""

from dataclasses import dataclass, field
from typing import Any

from domain.errors import FlourishError, ValidationError
from storage.tables import TEAM_TABLES, TEAMS
from storage.workspace import Doc, JournalEntry, RecordFile, Workspace

UNDO_DEPTH = 50
HISTORY_FILE = ".history.json"


@dataclass
class Change:
    """One verb's writes: what it did, and each record either side of it as
    (file, table, id, before, after)."""

    label: str
    entries: list[JournalEntry] = field(default_factory=list)

    @property
    def team_ids(self) -> frozenset[str]:
        """The teams whose records the change touched: in a team's file, the team's own
        record, or a cluster record for one team (a team's briefing)."""
        ids = {f.path.stem for f, *_ in self.entries if f.path.parent.name == "teams"}
        ids |= {record_id for _, table, record_id, *_ in self.entries if table == TEAMS}
        for *_, before, after in self.entries:
            team_id = (after or before or {}).get("team_id")
            if isinstance(team_id, str):
                ids.add(team_id)
        return frozenset(ids)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for _, table, *_ in self.entries)

    def net(self, backwards: bool) -> dict[tuple[RecordFile, str, str], tuple[Doc | None, ...]]:
        """Each record's (now, wanted) for undoing the change or redoing it: a record written
        twice in one change goes back to its first `before`."""
        first: dict[tuple[RecordFile, str, str], Doc | None] = {}
        last: dict[tuple[RecordFile, str, str], Doc | None] = {}
        for f, table, record_id, before, after in self.entries:
            first.setdefault((f, table, record_id), before)
            last[(f, table, record_id)] = after
        if backwards:
            return {key: (last[key], first[key]) for key in first}
        return {key: (first[key], last[key]) for key in first}


@dataclass(frozen=True)
class Step:
    """What undo or redo would do next, so the app can ask before it does it."""

    label: str
    team_ids: frozenset[str]
    tables: frozenset[str]  # the kinds of record it touches (storage/tables.py)
    removes_team: bool  # the team goes from the cluster: asked before, always


class History:
    """A session's undo and redo stacks; `kept` ones live in the workspace."""

    def __init__(self, ws: Workspace, kept: bool = False):
        self.ws = ws
        self.kept = kept
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    # -- what is there ---------------------------------------------------------------------

    def next(self, backwards: bool) -> Step | None:
        if self.kept:
            self._load()
        stack = self._stack(backwards)
        if not stack:
            return None
        change = stack[-1]
        removed = [
            record_id
            for (_, table, record_id), (_now, wanted) in change.net(backwards).items()
            if table == TEAMS and wanted is None
        ]
        return Step(change.label, change.team_ids, change.tables, bool(removed))

    # -- recording -------------------------------------------------------------------------

    def record(self, change: Change) -> None:
        """Remember a change just made (inside its transaction): a new change ends any redo."""
        if self.kept:
            self._load()
        self._undo = [*self._undo[-UNDO_DEPTH + 1 :], change]
        self._redo = []
        if self.kept:
            self._save()

    def clear(self) -> None:
        """Forget every step (inside a transaction when kept)."""
        self._undo, self._redo = [], []
        if self.kept:
            self._save()

    def apply(self, backwards: bool) -> str:
        """Undo (backwards) or redo the newest change and say what it was. Refused, with
        nothing changed, if a record it touched has been changed since."""
        verb = "undo" if backwards else "redo"
        with self.ws.writing():
            if self.kept:
                self._load()
            stack = self._stack(backwards)
            if not stack:
                raise ValidationError(
                    f"Nothing to {verb}: "
                    + ("no changes have been made." if backwards else "nothing has been undone.")
                )
            change = stack.pop()
            net = change.net(backwards)
            for (f, table, record_id), (now, wanted) in net.items():
                if f.raw(table, record_id) != now or _orphans(f, table, record_id, wanted, self.ws):
                    self._undo, self._redo = [], []
                    if self.kept:
                        self._save()
                    what = change.label[0].lower() + change.label[1:]
                    raise ValidationError(
                        f"Cannot {verb} ({what}): it has been changed since, "
                        f"{_changed_by(self.ws, record_id)}. Nothing was {verb}ne."
                    )
            for (f, table, record_id), (_now, wanted) in net.items():
                f.put_raw(table, record_id, wanted)
            self._stack(not backwards).append(change)
            if self.kept:
                self._save()
        return change.label

    def _stack(self, backwards: bool) -> list[Change]:
        return self._undo if backwards else self._redo

    # -- kept in the workspace -------------------------------------------------------------

    def _file(self) -> RecordFile:
        return self.ws.extra_file(HISTORY_FILE)

    def _load(self) -> None:
        # The history is a convenience: one that cannot be read starts afresh rather than
        # stopping anyone's work.
        try:
            data = self.ws.read(self._file().storage.read) or {}
            self._undo = [self._change(doc) for doc in data.get("undo", [])]
            self._redo = [self._change(doc) for doc in data.get("redo", [])]
        except (FlourishError, KeyError, TypeError, ValueError, AttributeError):
            self._undo, self._redo = [], []

    def _save(self) -> None:
        data = {
            "undo": [self._doc(c) for c in self._undo],
            "redo": [self._doc(c) for c in self._redo],
        }
        self._file().storage.write(data)

    def _doc(self, change: Change) -> dict[str, Any]:
        rows = [
            [f.path.relative_to(self.ws.root).as_posix(), table, record_id, before, after]
            for f, table, record_id, before, after in change.entries
        ]
        return {"label": change.label, "entries": rows}

    def _change(self, doc: dict[str, Any]) -> Change:
        entries: list[JournalEntry] = [
            (self.ws.file_at(path), table, record_id, before, after)
            for path, table, record_id, before, after in doc["entries"]
        ]
        return Change(doc["label"], entries)


def _changed_by(ws: Workspace, record_id: str) -> str:
    """Who changed a record since, as far as this workspace knows."""
    from storage.sync.state import changed_by

    who = changed_by(ws.root, record_id)
    return f"by {who} (it came in with a sync)" if who else "perhaps from another window"


def _orphans(f: RecordFile, table: str, record_id: str, wanted: Doc | None, ws: Workspace) -> bool:
    """Whether taking a team away would orphan records logged for it since it was made."""
    if table != TEAMS or wanted is not None:
        return False
    team_file = ws.team_file(record_id)
    return any(team_file.table(t).all() for t in TEAM_TABLES)
