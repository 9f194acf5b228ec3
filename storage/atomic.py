"""A crash-safe TinyDB storage.

Stock JSONStorage rewrites its file in place, so a kill mid-save can leave it unreadable. Here
every save goes to a temp file in the same folder, is fsynced, and replaces the file with
os.replace, which is atomic: readers see the old file or the new one, never half of one.

Reads are cached and re-read only when the file on disk changed (another process replaced it),
so a long-running app sees other processes' writes and a write costs one file's size.
"""

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson
from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"
MISSING = "missing"  # the reason given for a required file that is not there


class CorruptFile(Exception):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or new file."""
    temp = stage(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def stage(path: Path, data: bytes) -> Path:
    """Write `data` in full to a new temp file beside `path`, ready to be renamed over it."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:  # mkstemp makes the file readable by its owner only
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return Path(temp)


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temp files a killed writer left behind. Call only while holding the write lock."""
    stale = list(folder.glob(f".*{TEMP_SUFFIX}"))
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return stale


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """Changes whenever the file is replaced (new inode) or rewritten."""
    return _stamp(path)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


class AtomicJSONStorage(Storage):
    """A TinyDB storage for one file. Outside a transaction it reads through a cache checked
    against the file's stamp, and writes at once. Inside one (see storage/transaction.py) it
    reads the file from disk the first time it is touched, keeps writes in memory, and leaves
    the saving to the transaction, which saves every file it changed or none."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        slot: "TransactionSlot | None" = None,
        required: bool = False,
    ):
        self.path = Path(path)
        self.slot = slot or TransactionSlot()
        self.required = required  # a missing file is an error, not an empty one
        self._data: dict[str, Any] | None = None
        self._stamp: tuple[int, int, int] | None = None

    def start_new(self) -> None:
        """Begin the file afresh in this transaction (it need not exist yet)."""
        txn = self.slot.current
        if txn is None:
            raise RuntimeError(f"{self.path} started outside a transaction")  # a bug of ours
        txn.touch(self)
        self._data, self._stamp = {}, None

    def read(self) -> dict[str, Any] | None:
        txn = self.slot.current
        if txn is not None and txn.touch(self):
            # First use under the lock: read what is on disk now. A stat stamp can miss a
            # same-size rewrite within one timestamp tick, and a change must never start from
            # a stale copy.
            self.forget()
        elif txn is not None and self._data is not None:
            return self._data
        stamp = _stamp(self.path)
        if stamp is None:
            if self.required:
                raise CorruptFile(self.path, MISSING)
            self._data, self._stamp = None, None
        elif stamp != self._stamp or self._data is None:
            self._data, self._stamp = self._load(), stamp
        return self._data

    def read_table(self, decode: Callable[[bytes], list[Any]]) -> list[Any] | None:
        """One table's records decoded straight from the file's bytes by `decode` (which
        skips the other tables without building them), when nothing of the file is held here
        and no change is under way; None otherwise, or when the file does not decode cleanly,
        and the caller reads through the cache (which says what is wrong with a bad file)."""
        if self.slot.current is not None or self._data is not None:
            return None
        try:
            return decode(self.path.read_bytes())
        except FileNotFoundError:
            if self.required:
                raise CorruptFile(self.path, MISSING) from None
            return []
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as e:
            raise CorruptFile(self.path, f"not valid JSON ({e})") from None
        if not isinstance(data, dict):
            raise CorruptFile(self.path, "not a Flourish workspace file")
        return data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        txn = self.slot.current
        if txn is None:
            raise RuntimeError(f"{self.path} written outside a transaction")  # a bug of ours
        txn.changed(self)

    def saved(self) -> None:
        """Called once the transaction has put this file's data on disk."""
        self._stamp = _stamp(self.path)

    def release(self) -> None:
        """Free the parsed data (it is read again when next needed), unless mid-transaction."""
        if self.slot.current is None:
            self.forget()

    def forget(self) -> None:
        """Drop the cache so the next read comes from disk."""
        self._data, self._stamp = None, None

    def close(self) -> None:
        self.forget()


class TransactionSlot:
    """The transaction a workspace's files are in now, shared by all of them (None outside)."""

    def __init__(self) -> None:
        self.current: Transaction | None = None


class Transaction:
    """The files one change has read and written while holding the lock."""

    def __init__(self, journal: list[Any] | None = None) -> None:
        self.read: set[int] = set()  # ids of the storages read from disk in this transaction
        self.dirty: dict[int, AtomicJSONStorage] = {}
        self.journal = journal  # where RecordFile notes each write so that it can be undone

    def touch(self, storage: AtomicJSONStorage) -> bool:
        """Whether this is the transaction's first use of `storage`."""
        first = id(storage) not in self.read
        self.read.add(id(storage))
        return first

    def changed(self, storage: AtomicJSONStorage) -> None:
        self.dirty[id(storage)] = storage
