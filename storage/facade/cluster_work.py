"""What the cluster's own verbs share: its records live in the cluster file, found by id or
id prefix, and read again under the lock before a change."""

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from domain.errors import NotFound
from domain.records import Record
from storage.facade.core import FacadeCore

R = TypeVar("R", bound=Record)


class ClusterWork(FacadeCore):
    def _cluster_records(self, table: str, cls: type[R]) -> list[R]:
        found: list[R] = self.ws.read(self.ws.cluster_file.all, table, cls)
        return found

    def _cluster_record(self, ref: str, table: str, cls: type[R], what: str) -> R:
        return self._by_id_prefix(ref, self._cluster_records(table, cls), what)

    def _cluster_fresh(self, table: str, found: R, what: str) -> R:
        """`found` as it is on disk now (inside a change, under the lock)."""
        record: R | None = self.ws.read(self.ws.cluster_file.get, table, type(found), found.id)
        if record is None:
            raise NotFound(f"That {what} has been deleted meanwhile, perhaps from another window.")
        return record

    def _edit_cluster(
        self,
        ref: str,
        table: str,
        cls: type[R],
        what: str,
        edit: Callable[[R], tuple[dict[str, Any], str]],
    ) -> R:
        """Apply `edit`'s (changes, label) to the record as it is on disk now, as one step;
        no changes, no step."""
        found = self._cluster_record(ref, table, cls, what)
        with self._change("") as change:
            old = self._cluster_fresh(table, found, what)
            changes, change.label = edit(old)
            if not changes:
                return old
            updated = replace(old, **changes, updated_at=self.now())
            self.ws.cluster_file.put(table, updated)
        return updated

    def _team_ids(self, schools: list[str]) -> list[str]:
        """Schools as typed (names, prefixes, ids; "all" for every team), as team ids, in the
        order given, each once."""
        if any(s.strip().casefold() == "all" for s in schools):
            return [t.id for t in self.teams()]
        ids: list[str] = []
        for ref in schools:
            if ref.strip() and (team_id := self.team(ref).id) not in ids:
                ids.append(team_id)
        return ids
