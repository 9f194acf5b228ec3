"""Something worked out from each team's file, kept in one small file beside the workspace's
data so that a view across 500 teams reads that file instead of parsing every team's: which
record ids a team holds (storage/id_index.py), what it has open (the week, the chair's queue).

    .<name>    {"version", "teams": {team id: {"stamp", "value"}}}

A team's value is used only while its file has the same stamp (files are only ever replaced,
so any write, from any process, changes it); a team whose file changed is worked out again and
the file saved. The file is derived data, like .status-cache: not *.json, so it is never backed
up or shared; a damaged, missing or older one is ignored, and failing to save it is not an
error.
"""

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

import msgspec

from storage.atomic import atomic_write, file_stamp
from storage.workspace import RecordFile

V = TypeVar("V")
Stamp = tuple[int, int, int]


class _Entry(msgspec.Struct, Generic[V]):
    stamp: Stamp
    value: V


class _File(msgspec.Struct, Generic[V]):
    version: int
    teams: dict[str, _Entry[V]]


class TeamCache(Generic[V]):
    """`make(team file)` for each team, kept while the team's file is unchanged."""

    def __init__(
        self, path: Path, kind: type[V], version: int, make: Callable[[RecordFile], V]
    ) -> None:
        self.path, self.kind, self.version, self.make = path, kind, version, make
        self._teams: dict[str, _Entry[V]] | None = None
        self._lock = threading.Lock()  # the app reads in workers while a screen reads too

    def values(self, files: Iterable[tuple[str, RecordFile]]) -> list[tuple[str, V]]:
        """(team id, value) for each (team id, team file) given, up to date."""
        with self._lock:
            teams = self._load()
            changed = False
            found: list[tuple[str, V]] = []
            for team_id, team_file in files:
                entry = teams.get(team_id)
                stamp = file_stamp(team_file.path)
                if entry is None or stamp is None or entry.stamp != stamp:
                    entry, kept = self._work_out(team_file, stamp)
                    if kept:
                        teams[team_id], changed = entry, True
                found.append((team_id, entry.value))
            if changed:
                self._save(teams)
            return found

    def _work_out(self, team_file: RecordFile, stamp: Stamp | None) -> tuple[_Entry[V], bool]:
        """A team's value from its file, and whether it may be kept: not when the file changed
        while it was read, nor when a change under way holds records not yet saved."""
        storage = team_file.storage
        in_change = storage.slot.current is not None
        value = self.make(team_file)
        kept = not in_change and stamp is not None and file_stamp(team_file.path) == stamp
        storage.release()  # keeping 500 parsed files would stall every garbage collection
        return _Entry(stamp or (0, 0, 0), value), kept

    def _load(self) -> dict[str, _Entry[V]]:
        if self._teams is None:
            try:
                shape: type[_File[V]] = _File[self.kind]  # type: ignore[name-defined]
                saved = msgspec.json.decode(self.path.read_bytes(), type=shape)
            except (OSError, ValueError):  # missing, unreadable, damaged or of another shape
                saved = _File(self.version, {})
            self._teams = saved.teams if saved.version == self.version else {}
        return self._teams

    def _save(self, teams: dict[str, _Entry[V]]) -> None:
        data = msgspec.json.encode(_File(self.version, teams))
        # Another process may be saving it too: a failed save just means the next command
        # works the changed teams out again.
        with contextlib.suppress(OSError):
            atomic_write(self.path, data)
