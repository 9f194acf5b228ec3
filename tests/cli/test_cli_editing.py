"""Notes written in $EDITOR: the file is in a folder only its owner can open, it is gone once
the notes are read, and one a killed command left behind is removed on the next run."""

import os
import stat
import subprocess
import sys

import pytest

from cli.editing import PREFIX, edit, editing_folder


@pytest.fixture
def private_data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("cli.editing.data_root", lambda: tmp_path / "xdg" / "flourish")


def editor(tmp_path, monkeypatch, body: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        f"path.write_text(path.read_text() + {body!r})\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_notes_are_written_in_a_private_folder_and_removed(private_data, tmp_path, monkeypatch):
    editor(tmp_path, monkeypatch, "Agreed the timetable.\n")
    notes = edit("# Notes for the check-in.\n", "the check-in")
    assert notes == "Agreed the timetable."
    folder = editing_folder()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.iterdir()) == []


def test_a_file_left_by_a_killed_command_is_removed_on_the_next_run(
    private_data, tmp_path, monkeypatch
):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    folder = editing_folder()
    left = folder / f"{PREFIX}{dead_pid}-abc123.md"
    left.write_text("half-written notes about a member of staff")
    os.utime(left, (0, 0))  # old, too: where a process cannot be asked about, age decides
    editor(tmp_path, monkeypatch, "New notes.\n")
    edit("", "the check-in")
    assert not left.exists()
