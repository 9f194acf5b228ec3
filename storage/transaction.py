"""Saving a change that touches several files as one: all of them or none.

Each changed file is first written in full to a temp file beside it and fsynced; a failure
there (a full disk) removes the temps and leaves every file as it was. With more than one file,
a commit record listing each (temp, file) pair is then saved atomically in the workspace's
folder, the temps are renamed over their files, and the record is removed. A kill before the
record is saved leaves the old files (the temps are stale, removed on the next open); a kill
after it leaves a record that the next writer, or the next open, rolls forward.
"""

import contextlib
import os
from pathlib import Path, PurePosixPath

import orjson

from storage.atomic import TEMP_SUFFIX, CorruptFile, atomic_write, fsync_dir, stage

COMMIT_FILE = ".commit.json"


def commit(root: Path, files: list[tuple[Path, bytes]]) -> None:
    """Replace each path with its bytes, all or none."""
    if len(files) == 1:
        atomic_write(*files[0])
        return
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            staged.append((stage(path, data), path))
        record = [[_relative(root, temp), _relative(root, path)] for temp, path in staged]
        atomic_write(root / COMMIT_FILE, orjson.dumps(record))
    except BaseException:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise
    _apply(root, staged)


def roll_forward(root: Path) -> bool:
    """Finish a commit a killed writer left half done; call while holding the lock."""
    record_path = root / COMMIT_FILE
    try:
        raw = record_path.read_bytes()
    except FileNotFoundError:
        return False
    try:
        pairs = [(_inside(root, temp), _inside(root, path)) for temp, path in orjson.loads(raw)]
    except (orjson.JSONDecodeError, TypeError, ValueError):
        raise CorruptFile(record_path, "not a record of a change being saved") from None
    _apply(root, [(temp, path) for temp, path in pairs if temp.exists()])
    return True


def _apply(root: Path, staged: list[tuple[Path, Path]]) -> None:
    for temp, path in staged:
        os.replace(temp, path)
    for folder in {path.parent for _, path in staged}:
        fsync_dir(folder)
    (root / COMMIT_FILE).unlink(missing_ok=True)
    fsync_dir(root)


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _inside(root: Path, relative: object) -> Path:
    """A path from the commit record, refused unless it names a file inside the workspace."""
    if not isinstance(relative, str):
        raise ValueError(relative)
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        raise ValueError(relative)
    return root.joinpath(*parts)


__all__ = ["COMMIT_FILE", "TEMP_SUFFIX", "commit", "roll_forward"]
