"""The workspace on disk: a folder with one TinyDB file for the cluster and one per team.

    cluster.json         the cluster, its teams' profiles and its briefings
    teams/<team id>.json a team's action plan, check-ins, challenges and schedule revisions
    backups/<stamp>/     snapshots taken daily and before migrations
    .lock                held around every read-modify-write

One file per team keeps a write's cost to what changed (stock TinyDB rewrites the whole file).
"""

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import orjson
from tinydb import where
from tinydb.table import Table

from domain.errors import ValidationError
from domain.text import quoted
from storage.atomic import (
    MISSING,
    TEMP_SUFFIX,
    AtomicJSONStorage,
    CorruptFile,
    Transaction,
    TransactionSlot,
    remove_stale_temp_files,
)
from storage.codec import BadRecord, from_record, to_record
from storage.errors import (
    SchemaTooNew,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceExists,
    WorkspaceLocked,
    WorkspaceMissing,
    WorkspaceReadOnly,
    WriteFailed,
)
from storage.paths import CLUSTER_FILE
from storage.schema import damaged_record
from storage.transaction import commit, roll_forward

T = TypeVar("T")
Doc = dict[str, Any]  # a record as stored

SCHEMA_VERSION = 1
# MIGRATIONS[n] upgrades one file's raw data from version n to n + 1: fn(kind, data) -> data,
# where kind is "cluster" or "team". Each file records its own version, so an interrupted
# migration resumes where it stopped.
MIGRATIONS: dict[int, Callable[[str, Doc], Doc]] = {}

TEAMS_DIR, BACKUPS_DIR, LOCK_FILE = "teams", "backups", ".lock"
META = "_meta"
KEEP_BACKUPS = 10
BACKUP_EVERY = timedelta(hours=24)
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# A team's file is named by its id: a uuid, so never a path, and never a sync tool's copy
# ("<id>.sync-conflict-20261204-233701-ABC", "<id> (Jo's conflicted copy)").
TEAM_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
PARTIAL = ".partial-"  # a backup being taken; renamed to its stamp once complete


_DECODERS: dict[tuple[str, type[Any]], Callable[[bytes], list[Any]]] = {}


def _table_decoder(name: str, cls: type[T]) -> Callable[[bytes], list[T]]:
    """A decoder of a workspace file that builds the records of table `name` only (made once
    per table and type)."""
    if (name, cls) not in _DECODERS:
        records = dict[str, cls]  # type: ignore[valid-type]  # the table's type, at run time
        shape = msgspec.defstruct(f"Only_{name}", [(name, records, msgspec.field(default={}))])
        decoder = msgspec.json.Decoder(shape)
        _DECODERS[name, cls] = lambda data: list(getattr(decoder.decode(data), name).values())
    return _DECODERS[name, cls]


def _lock_timeout() -> float:
    value = os.environ.get("FLOURISH_LOCK_TIMEOUT", "10")
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses NaN; a negative timeout would wait forever
        raise WorkspaceError(
            f"FLOURISH_LOCK_TIMEOUT must be a number of seconds such as 10, not {quoted(value)}."
        )
    return seconds


class RecordFile:
    """One TinyDB file of records keyed by their string `id`.

    Writes happen only inside the workspace's transaction (Workspace.writing). When it keeps a
    journal, each put or remove appends (file, table, id, before, after), the raw documents
    either side of the change (None where there was none), so that it can be undone.
    """

    def __init__(self, path: Path, slot: TransactionSlot, required: bool = True):
        self.path = path
        # Every data file exists from the change that made it on: a missing one was deleted,
        # and reading it as empty would hide a whole team's records.
        self.storage = AtomicJSONStorage(path, slot, required=required)

    def table(self, name: str) -> Table:
        # A fresh, uncached Table each time: another process may have changed the file.
        return Table(self.storage, name, cache_size=0)

    def all(self, name: str, cls: type[T]) -> list[T]:
        # Straight from the parsed file: TinyDB's Table copies every document on the way, which
        # costs more than the decoding at 100k documents.
        docs = (self.storage.read() or {}).get(name, {})
        return [self._decoded(cls, doc) for doc in docs.values()]

    def each(self, name: str, cls: type[T]) -> list[T]:
        """Like `all`, for a read of one table across many files: decoded straight from the
        file's bytes, typed, the other tables skipped, when nothing of the file is cached."""
        found = self.storage.read_table(_table_decoder(name, cls))
        return self.all(name, cls) if found is None else found

    def get(self, name: str, cls: type[T], record_id: str) -> T | None:
        docs = self.table(name).search(where("id") == record_id)
        return self._decoded(cls, docs[0]) if docs else None

    def _decoded(self, cls: type[T], doc: Doc) -> T:
        try:
            return from_record(cls, doc)
        except BadRecord as e:
            raise CorruptFile(self.path, str(e)) from None

    def raw(self, name: str, record_id: str) -> Doc | None:
        docs = self.table(name).search(where("id") == record_id)
        return dict(docs[0]) if docs else None

    def put(self, name: str, record: Any) -> None:
        self.put_raw(name, record.id, to_record(record))

    def remove(self, name: str, record_id: str) -> None:
        self.put_raw(name, record_id, None)

    def put_raw(self, name: str, record_id: str, doc: Doc | None) -> None:
        """Store a document as it is, or remove the record when `doc` is None."""
        txn = self.storage.slot.current
        if txn is not None and txn.journal is not None:
            txn.journal.append((self, name, record_id, self.raw(name, record_id), doc))
        if doc is None:
            self.table(name).remove(where("id") == record_id)
        else:
            self.table(name).upsert(doc, where("id") == record_id)

    def put_many(self, name: str, docs: dict[str, Doc | None]) -> None:
        """Store or remove many documents by id in one pass over the table (a sync bringing a
        whole team's records): put_raw one by one would search the table for each."""
        txn = self.storage.slot.current
        if txn is not None and txn.journal is not None:
            for record_id, doc in docs.items():
                self.put_raw(name, record_id, doc)
            return
        table = self.table(name)
        ids: set[Any] = set(docs)
        table.remove(where("id").test(lambda record_id: record_id in ids))
        table.insert_multiple(doc for doc in docs.values() if doc is not None)

    def meta(self) -> Doc:
        docs = self.table(META).all()
        return dict(docs[0]) if docs else {}

    def set_meta(self, **values: Any) -> None:
        table = self.table(META)
        table.truncate()
        table.insert(values)


# What a journal records of each write: (file, table, record id, before, after).
JournalEntry = tuple[RecordFile, str, str, Doc | None, Doc | None]


class Workspace:
    """The files of one workspace, the lock that serialises writers, backups and migrations."""

    def __init__(self, root: Path, clock: Callable[[], datetime]):
        # Absolute: a change records its files relative to the root, and temp files are
        # made beside them by absolute path (`--workspace a` must work as well as a full path).
        self.root = Path(root).absolute()
        self.clock = clock
        self._slot = TransactionSlot()
        self.cluster_file = RecordFile(self.root / CLUSTER_FILE, self._slot)
        self._team_files: dict[str, RecordFile] = {}
        self._extra_files: dict[str, RecordFile] = {}
        self._lock: Any = None  # the lock file's lock, made on first use
        # TinyDB is not thread-safe: the app reads in a worker while its screens write.
        self._thread_lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        root: Path,
        clock: Callable[[], datetime],
        fill: Callable[[RecordFile], None] = lambda f: None,
        **meta: Any,
    ) -> "Workspace":
        """A new workspace whose cluster file holds `meta` and what `fill` puts there, saved
        in one write: a crash leaves a whole workspace or none."""
        root = Path(root)
        if holds_workspace(root):
            if (root / CLUSTER_FILE).exists():
                raise WorkspaceExists(f"A workspace already exists at {root}.")
            raise WorkspaceExists(
                f"{root} holds a workspace whose {CLUSTER_FILE} is missing; nothing was "
                f"created. Restore {CLUSTER_FILE} from the newest folder in {root / BACKUPS_DIR}, "
                "or choose another folder for a new workspace."
            )
        for folder in (root, root / TEAMS_DIR):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.chmod(0o700)  # coaching notes are personal: owner only
        ws = cls(root, clock)
        with ws.writing():
            ws.stamp(ws.cluster_file, **meta)
            fill(ws.cluster_file)
        return ws

    @staticmethod
    def stamp(f: RecordFile, **meta: Any) -> None:
        """Start a new file, marked with the schema version it is written in."""
        f.storage.start_new()
        f.set_meta(schema_version=SCHEMA_VERSION, **meta)

    @classmethod
    def open(cls, root: Path, clock: Callable[[], datetime]) -> "Workspace":
        root = Path(root)
        ws = cls(root, clock)
        if not (root / CLUSTER_FILE).exists():
            if holds_workspace(root):
                raise ws._corrupt(CorruptFile(root / CLUSTER_FILE, MISSING))
            raise WorkspaceMissing(
                f"No workspace at {root}. Create one with `flourish init`, or try the demo "
                "with `flourish demo`."
            )
        version = ws._cluster_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"The workspace at {root} was written by a newer Flourish (schema {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Upgrade Flourish to open it."
            )
        try:
            ws._tidy(version)
        except WorkspaceReadOnly:
            if version < SCHEMA_VERSION:
                raise
            # Reading needs no lock: files are only ever replaced whole.
        return ws

    def _tidy(self, version: int) -> None:
        """What opening does under the lock: finish a half-saved change, remove a killed
        writer's temp files, migrate, and take the daily backup."""
        with self.lock():
            try:
                roll_forward(self.root)  # before the temps it names could be taken for stale
            except CorruptFile as e:
                raise self._corrupt(e) from None
            for folder in (self.root, self.root / TEAMS_DIR):
                remove_stale_temp_files(folder)
            if version < SCHEMA_VERSION:
                self.migrate()
            elif self._backup_due():
                # A backups folder that cannot be written to must not stop anyone reading.
                with contextlib.suppress(OSError):
                    self.backup()

    def _cluster_version(self) -> int:
        """The cluster file's schema version; a file without one is not a workspace file."""
        path = self.root / CLUSTER_FILE
        try:
            version = self.read(self.cluster_file.meta).get("schema_version")
        except (KeyError, ValueError, TypeError, AttributeError):
            version = None
        if not isinstance(version, int) or version < 1:
            raise self._corrupt(CorruptFile(path, "not a Flourish workspace file"))
        return version

    @property
    def meta(self) -> Doc:
        return self.read(self.cluster_file.meta)

    # -- files -----------------------------------------------------------------------------

    def team_file(self, team_id: str) -> RecordFile:
        if team_id not in self._team_files:
            if not TEAM_ID.fullmatch(team_id):  # it names a file: never a path of its own
                raise self._corrupt(
                    CorruptFile(
                        self.root / CLUSTER_FILE, f"a team's id {quoted(team_id)} is not an id"
                    )
                )
            path = self.root / TEAMS_DIR / f"{team_id}.json"
            self._team_files[team_id] = RecordFile(path, self._slot)
        return self._team_files[team_id]

    def remove_team_file(self, team_id: str) -> None:
        """Delete a removed team's file (its backup keeps a copy)."""
        with self.lock():
            self.team_file(team_id).path.unlink(missing_ok=True)
            self._team_files.pop(team_id, None)

    def extra_file(self, name: str) -> RecordFile:
        """A file of the workspace's own beside the data (not backed up), saved with the change
        that writes it; it may not exist yet."""
        if name not in self._extra_files:
            self._extra_files[name] = RecordFile(self.root / name, self._slot, required=False)
        return self._extra_files[name]

    def file_at(self, relative: str) -> RecordFile:
        """A data file by its path in the workspace, as a record of changes names it."""
        parts = relative.split("/")
        if parts == [CLUSTER_FILE]:
            return self.cluster_file
        if len(parts) == 2 and parts[0] == TEAMS_DIR and parts[1].endswith(".json"):
            return self.team_file(parts[1].removesuffix(".json"))
        raise WorkspaceError(f"{quoted(relative)} is not a file of the workspace.")

    def team_ids_on_disk(self) -> list[str]:
        return sorted(p.stem for p in self._team_paths())

    def _team_paths(self) -> list[Path]:
        return [p for p in (self.root / TEAMS_DIR).glob("*.json") if TEAM_ID.fullmatch(p.stem)]

    def stray_files(self) -> list[Path]:
        """Files in the teams folder that are not a team's file and are never read: a sync
        tool's copy of a file two people changed at once, say. The user should know."""
        folder = self.root / TEAMS_DIR
        if not folder.is_dir():
            return []
        return sorted(
            p
            for p in folder.iterdir()
            if not (p.suffix == ".json" and TEAM_ID.fullmatch(p.stem))
            and not p.name.endswith(TEMP_SUFFIX)
        )

    def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a read, turning an unreadable file into an error that names the backup."""
        try:
            with self._thread_lock:
                return fn(*args)
        except CorruptFile as e:
            raise self._corrupt(e) from None

    def fingerprint(self) -> tuple[tuple[int, int, int] | None, ...]:
        """Changes whenever any data file is saved, by this process or another: files are only
        ever replaced, which gives the cluster file a new inode and touches the teams folder."""
        stamps: list[tuple[int, int, int] | None] = []
        for path in (self.root / CLUSTER_FILE, self.root / TEAMS_DIR):
            try:
                st = path.stat()
            except OSError:
                stamps.append(None)
            else:
                stamps.append((st.st_ino, st.st_mtime_ns, st.st_size))
        return tuple(stamps)

    def _corrupt(self, e: CorruptFile) -> WorkspaceCorrupt:
        backup = self.newest_backup_of(e.path)
        hint = (
            f"The newest readable backup of it is {backup}: copy it over the damaged file "
            "to restore."
            if backup
            else "There is no backup of it yet."
        )
        if e.reason == MISSING:
            hint = hint.replace("copy it over the damaged file", "copy it back")
            return WorkspaceCorrupt(f"{e.path} is missing, so the workspace cannot be used. {hint}")
        return WorkspaceCorrupt(f"Cannot read {e.path}: {e.reason}. It was left untouched. {hint}")

    # -- writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        # filelock is imported only here: a command that only reads never pays for it.
        import filelock

        with self._thread_lock:
            if self._lock is None:
                self._lock = filelock.FileLock(self.root / LOCK_FILE, mode=0o600)
            try:
                self._lock.acquire(timeout=_lock_timeout())
            except filelock.Timeout:
                raise WorkspaceLocked(
                    f"The workspace at {self.root} is busy: another Flourish process kept it "
                    f"locked for {_lock_timeout():g} s. Try again in a moment."
                ) from None
            except OSError as e:
                raise WorkspaceReadOnly(
                    f"The workspace at {self.root} can be read but not changed "
                    f"({e.strerror or e}); nothing was saved. Check the folder's permissions."
                ) from None
            try:
                yield
            finally:
                self._lock.release()

    @contextlib.contextmanager
    def writing(self, journal: list[JournalEntry] | None = None) -> Iterator[None]:
        """Hold the lock for one change: every file it reads comes from disk, and every file
        it writes is saved at the end, all or none; on an error nothing is saved. A change
        begun inside another is part of it. `journal` collects each write, for undo."""
        with self.lock():
            if self._slot.current is not None:
                yield
                return
            txn = self._slot.current = Transaction(journal)
            try:
                try:
                    roll_forward(self.root)  # a change a killed writer left half saved
                    yield
                except CorruptFile as e:
                    raise self._corrupt(e) from None
                self._commit(txn)
            except BaseException:
                for storage in txn.dirty.values():
                    storage.forget()  # memory may now differ from disk
                raise
            finally:
                self._slot.current = None

    def _commit(self, txn: Transaction) -> None:
        try:
            for storage in txn.dirty.values():
                data = storage.read() or {}
                # A damaged record elsewhere in the file refuses the change: it would be saved
                # on, and every later read would fail on it.
                if reason := damaged_record(data):
                    raise CorruptFile(storage.path, reason)
                if (version := _file_version(data)) > SCHEMA_VERSION:
                    raise SchemaTooNew(
                        f"{storage.path} was written by a newer Flourish (schema {version}; "
                        f"this one writes {SCHEMA_VERSION}), so it was not changed. Upgrade "
                        "Flourish to change it."
                    )
            files = [(s.path, orjson.dumps(s.read())) for s in txn.dirty.values()]
            if files:
                commit(self.root, files)
        except CorruptFile as e:
            raise self._corrupt(e) from None
        except orjson.JSONEncodeError:
            raise ValidationError(
                "Some of the text is not valid Unicode (it may have come from a file or "
                "terminal in another encoding); nothing was saved."
            ) from None
        except OSError as e:
            raise WriteFailed(
                f"Could not save the change to the workspace at {self.root}: "
                f"{e.strerror or e}. Every file was left as it was before; free some disk "
                "space or check the folder's permissions, then try again."
            ) from e
        for storage in txn.dirty.values():
            storage.saved()

    # -- backups ---------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Complete backup folders, newest first."""
        folder = self.root / BACKUPS_DIR
        return (
            sorted(
                (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                reverse=True,
            )
            if folder.is_dir()
            else []
        )

    def _backup_due(self) -> bool:
        newest = self.backups()[:1]
        if not newest:
            return True
        taken = datetime.strptime(newest[0].name[:16], STAMP_FORMAT).replace(tzinfo=UTC)
        return self.clock() - taken >= BACKUP_EVERY

    def backup(self, label: str = "") -> Path | None:
        """Back up every file; call while holding the lock. Keeps the newest KEEP_BACKUPS,
        and the newest copy of any file that is missing now.

        Files changed since the newest backup are checked and copied; unchanged ones share
        that backup's copy (a link between backups, never to a live file). While any changed
        file is unreadable no backup is taken, so rotation never pushes out the last good copy.
        A backup is built in a hidden folder and renamed when complete: never half of one.
        """
        previous = next(iter(self.backups()), None)
        plan: dict[Path, Path | tuple[bytes, int]] = {}
        for path in self._data_files():
            relative, stat = path.relative_to(self.root), path.stat()
            old = previous / relative if previous else None
            if old and _same_file_version(stat, old):
                plan[relative] = old
                continue
            data = path.read_bytes()
            if not _workspace_file(data, cluster=path.name == CLUSTER_FILE):
                return None
            plan[relative] = (data, stat.st_mtime_ns)
        name = self.clock().astimezone(UTC).strftime(STAMP_FORMAT) + (f"-{label}" if label else "")
        folder = self.root / BACKUPS_DIR
        building = folder / f"{PARTIAL}{name}"
        folder.mkdir(mode=0o700, exist_ok=True)
        for stale in folder.glob(f"{PARTIAL}*"):  # left by a kill mid-backup
            shutil.rmtree(stale, ignore_errors=True)
        for part in (building, building / TEAMS_DIR):
            part.mkdir(mode=0o700)
        for relative, source in plan.items():
            _keep(source, building / relative)
        target = folder / name
        if target.exists():  # a resumed migration's backup: keep the pre-migration bytes
            shutil.rmtree(building)
        else:
            building.rename(target)
        self._rotate()
        return target

    def _rotate(self) -> None:
        backups = self.backups()
        keep = set(backups[:KEEP_BACKUPS])
        live = {p.relative_to(self.root) for p in self._data_files()}
        held = {p.relative_to(b) for b in backups for p in _files_in(b)}
        for missing in held - live:
            newest = next((b for b in backups if (b / missing).exists()), None)
            if newest is not None:
                keep.add(newest)
        for old in backups:
            if old not in keep:
                shutil.rmtree(old, ignore_errors=True)

    def newest_backup_of(self, path: Path) -> Path | None:
        relative = Path(path).relative_to(self.root)
        for backup in self.backups():
            candidate = backup / relative
            with contextlib.suppress(OSError):
                if _workspace_file(candidate.read_bytes(), cluster=relative == Path(CLUSTER_FILE)):
                    return candidate
        return None

    def _data_files(self) -> list[Path]:
        return [self.root / CLUSTER_FILE, *sorted(self._team_paths())]

    # -- migrations ------------------------------------------------------------------------

    def migrate(self) -> None:
        """Bring every file to SCHEMA_VERSION after a backup. Call while holding the lock."""
        self.backup(f"before-v{SCHEMA_VERSION}")
        teams = [self.team_file(team_id) for team_id in self.team_ids_on_disk()]
        # A file without a version (a team file first saved by a check-in after a kill cut
        # add_team short) holds data at the version the workspace had before this migration.
        before = _file_version(self.cluster_file.storage.read() or {})
        # The cluster file goes last: its version says the whole workspace is done.
        for kind, f in [*(("team", t) for t in teams), ("cluster", self.cluster_file)]:
            with self.writing():
                data = f.storage.read() or {}
                version = _file_version(data) or before
                for step in range(version, SCHEMA_VERSION):
                    data = MIGRATIONS[step](kind, data)
                data[META] = {
                    "1": {**data.get(META, {}).get("1", {}), "schema_version": SCHEMA_VERSION}
                }
                f.storage.write(data)


def holds_workspace(root: Path) -> bool:
    """Whether the folder holds a workspace's files, even one whose cluster file is gone."""
    return (root / CLUSTER_FILE).exists() or any(
        folder.is_dir() and any(folder.iterdir())
        for folder in (root / TEAMS_DIR, root / BACKUPS_DIR)
    )


def _files_in(backup: Path) -> list[Path]:
    return [backup / CLUSTER_FILE, *(backup / TEAMS_DIR).glob("*.json")]


def _workspace_file(data: bytes, cluster: bool) -> bool:
    """Whether `data` reads as a workspace file: a JSON object, and for the cluster file one
    whose meta table carries a schema version (team files may lack it; see migrate)."""
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    if not isinstance(parsed, dict) or damaged_record(parsed):
        return False
    if not cluster:
        return True
    meta = parsed.get(META)
    docs = meta.values() if isinstance(meta, dict) else ()
    return any(isinstance(doc, dict) and "schema_version" in doc for doc in docs)


def _file_version(data: Doc) -> int:
    meta: dict[str, Doc] = data.get(META, {})
    version: int = next(iter(meta.values()), {}).get("schema_version", 0) if meta else 0
    return version


def _same_file_version(stat: os.stat_result, copy: Path) -> bool:
    # Copies carry their original's size and modification time; files are only ever replaced,
    # so a live file that still matches them has not been written since.
    try:
        other = copy.stat()
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (other.st_size, other.st_mtime_ns)


def _keep(source: Path | tuple[bytes, int], dest: Path) -> None:
    """Put one file in a backup: a link to an older backup's copy, or new bytes.

    An existing file is kept: a resumed migration must not replace the pre-migration bytes."""
    if isinstance(source, Path):
        with contextlib.suppress(FileExistsError):
            try:
                os.link(source, dest)
            except FileExistsError:
                raise
            except OSError:  # no hard links here: copy instead
                shutil.copy2(source, dest)
        return
    data, mtime_ns = source
    # A real copy, not a link to the live file, which damage in place would reach too. No
    # fsync: the live files are the durable ones.
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.utime(dest, ns=(mtime_ns, mtime_ns))
