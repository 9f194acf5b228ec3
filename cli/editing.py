"""Notes typed in the user's $EDITOR: the file lives in a folder only its owner can open, and
one left behind by a killed command is removed the next time notes are written."""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from domain.errors import ValidationError
from storage.paths import data_root

PREFIX = "notes-"
STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it is alive


def editing_folder() -> Path:
    folder = data_root() / "editing"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # coaching notes are personal
    return folder


def edit(template: str, what: str) -> str:
    """What the user wrote in their editor, the template's # lines left out."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    folder = editing_folder()
    remove_stale(folder)
    fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".md", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(template)
        if subprocess.call([*editor.split(), str(path)]) != 0:
            raise ValidationError(f"The editor ({editor}) failed; {what} was not saved.")
        text = path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


def remove_stale(folder: Path) -> None:
    """Remove notes files whose command is no longer running (killed before it cleaned up)."""
    for path in folder.glob(f"{PREFIX}*"):
        with contextlib.suppress(OSError):
            if _left_behind(path):
                path.unlink()


def _left_behind(path: Path) -> bool:
    pid = path.name.removeprefix(PREFIX).split("-", 1)[0]
    if not pid.isdigit():
        return True
    if sys.platform == "win32":  # no portable way to ask: go by age
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    try:
        os.kill(int(pid), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # another user's process, alive
    return False
