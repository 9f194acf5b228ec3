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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"


class CorruptFile(Exception):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or new file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:  # mkstemp makes the file readable by its owner only
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
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
    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> dict[str, Any] | None:
        if self._batch_depth and self._data is not None:
            return self._data
        stamp = _stamp(self.path)
        if stamp is None:
            self._data, self._stamp = None, None
        elif stamp != self._stamp or self._data is None:
            self._data, self._stamp = self._load(), stamp
        return self._data

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
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    def _flush(self) -> None:
        try:
            atomic_write(self.path, orjson.dumps(self._data))
        except BaseException:
            self.forget()  # memory may now differ from disk; re-read it next time
            raise
        self._stamp = _stamp(self.path)

    @contextlib.contextmanager
    def batch(self) -> Iterator["AtomicJSONStorage"]:
        """Group writes into one save on exit; on an exception nothing is saved."""
        if not self._batch_depth:
            # Under the lock, read what is on disk now: a stat stamp can miss a same-size
            # rewrite within one timestamp tick, and a write must never start from stale data.
            self.forget()
            self.read()
        self._batch_depth += 1
        try:
            yield self
        except BaseException:
            self._batch_depth -= 1
            if not self._batch_depth:
                self._dirty = False
                self.forget()
            raise
        self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._dirty = False
            self._flush()

    def release(self) -> None:
        """Free the parsed data (it is read again when next needed), unless mid-batch."""
        if not self._batch_depth:
            self.forget()

    def forget(self) -> None:
        """Drop the cache so the next read comes from disk."""
        self._data, self._stamp = None, None

    def close(self) -> None:
        self.forget()
