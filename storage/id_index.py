"""Which team's file holds each record: every team's record ids by table, kept beside the
workspace's data (storage/team_cache.py), so that a verb naming one record by its id, or the
start of it, reads one team's file instead of decoding all 500. A team whose file changed is
read again: its JSON only, with no record decoded."""

from collections.abc import Iterable
from pathlib import Path

from storage.team_cache import TeamCache
from storage.workspace import RecordFile

INDEX_FILE = ".id-index"
VERSION = 1

Ids = dict[str, list[str]]  # record ids by table


class IdIndex:
    def __init__(self, root: Path):
        self._cache = TeamCache(root / INDEX_FILE, Ids, VERSION, _ids)

    def matching(
        self, files: Iterable[tuple[str, RecordFile]], table: str, prefix: str
    ) -> list[tuple[str, str]]:
        """(team id, record id) of each record in `table` whose id starts with `prefix`, in the
        teams' files given as (team id, file)."""
        return [
            (team_id, record_id)
            for team_id, ids in self._cache.values(files)
            for record_id in ids.get(table, ())
            if record_id.startswith(prefix)
        ]


def _ids(team_file: RecordFile) -> Ids:
    data = team_file.storage.read() or {}
    return {
        table: [str(doc["id"]) for doc in docs.values() if "id" in doc]
        for table, docs in data.items()
        if not table.startswith("_") and isinstance(docs, dict)
    }
