"""What this workspace knows about its share, kept in `share.json` beside the data and never
shared: its own ids, the remote, the commit its records were last brought in line with, each
file's stamp at that moment, its clock, and what the last sync found.

This module is light (no git), so the facade can ask who changed a record in a sync."""

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from storage.atomic import atomic_write
from storage.settings import config_path

STATE_FILE = "share.json"
SHARE_DIR = "share.git"
SYNC_LOCK = ".sync.lock"
KEEP_AUTHORS = 2000  # who last changed each record, for the newest this many records


@dataclass
class ShareState:
    replica: str
    person: str
    install: str
    remote: str
    name: str = ""
    email: str = ""
    synced: str = ""  # the commit the workspace's records match, apart from newer local edits
    stamps: dict[str, list[int]] = field(default_factory=dict)
    clock: str = ""  # the highest stamp made or seen here
    unshared: int = 0  # records committed here and not yet pushed
    last_sync: str = ""  # when the last sync reached the remote (ISO)
    last_attempt: str = ""
    offline: str = ""  # why the last sync could not reach the remote, if it could not
    waiting: list[str] = field(default_factory=list)  # whose changes had not fully arrived
    bundles: dict[str, list[Any]] = field(default_factory=dict)  # what was read of each bundle
    opened_with: str = ""  # the public key sealed notes were last opened with here
    standing: str = ""  # this person's place in the share at the last sync: pending, approved…
    asking: list[str] = field(default_factory=list)  # for a chair: "Name (fingerprint)" pending
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # share path -> open ids
    changed_by: dict[str, str] = field(default_factory=dict)  # record id -> who, in a sync

    @classmethod
    def load(cls, root: Path) -> "ShareState | None":
        path = root / STATE_FILE
        try:
            data = orjson.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, orjson.JSONDecodeError) as e:
            from domain.errors import ValidationError

            raise ValidationError(
                f"Cannot read {path} ({e}); the workspace's own data is untouched. "
                "Move the file away and join the share again."
            ) from None
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, root: Path) -> None:
        if len(self.changed_by) > KEEP_AUTHORS:
            self.changed_by = dict(list(self.changed_by.items())[-KEEP_AUTHORS:])
        atomic_write(root / STATE_FILE, orjson.dumps(self, option=orjson.OPT_INDENT_2))

    def to_review(self) -> int:
        return sum(len(ids) for ids in self.conflicts.values())


def is_shared(root: Path) -> bool:
    return (root / STATE_FILE).exists()


def changed_by(root: Path, record_id: str) -> str:
    """Who changed a record in the last sync that brought a change to it ("" if unknown)."""
    try:
        state = ShareState.load(root)
    except Exception:  # only ever a nicer message: never a reason to fail
        return ""
    return state.changed_by.get(record_id, "") if state else ""


def records_to_review(root: Path) -> set[str]:
    """The ids of records with a sync conflict nobody has reviewed yet (none if not shared)."""
    try:
        state = ShareState.load(root)
    except Exception:  # only ever a marker on screen: never a reason to fail
        return set()
    if state is None:
        return set()
    return {path.rsplit("/", 1)[-1].removesuffix(".json") for path in state.conflicts}


def install_id() -> str:
    """This computer's (this user's) id, kept with the settings, outside any workspace: a
    workspace copied to another computer finds a different one."""
    path = config_path().parent / "install-id"
    try:
        found = path.read_text(encoding="utf-8").strip()
    except OSError:
        found = ""
    if found:
        return found
    new = uuid.uuid4().hex
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, new.encode())
    return new


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def as_json(value: Any) -> bytes:
    return orjson.dumps(value)
