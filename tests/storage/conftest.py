"""Shared fixtures for the storage tests: a fixed clock, a workspace with teams, file snapshots
and child processes that use the facade. Nothing here reads the real clock."""

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from domain.records import Person
from storage.facade import Flourish

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAM_START = date(2026, 9, 1)
CHECKIN_DAY = date(2026, 11, 20)
REPO = Path(__file__).resolve().parents[2]


class FixedClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def root(tmp_path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture
def flourish(root, clock) -> Flourish:
    """A new workspace (no backup taken yet: backups are taken on open)."""
    return Flourish.create(
        root,
        name="North Cluster",
        timezone="Europe/London",
        chair=Person(name="Chair Person", email="chair@example.org"),
        clock=clock,
    )


@pytest.fixture
def add_team(flourish):
    def add(name: str):
        return flourish.add_team(name, start=TEAM_START, coach=Person(name=f"Coach of {name}"))

    return add


@pytest.fixture
def team(add_team):
    return add_team("Hillside Primary")


@pytest.fixture
def team_path(root, team) -> Path:
    return root / "teams" / f"{team.id}.json"


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Every file under a folder, by relative path, with its bytes."""

    def take(folder: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    return take


@pytest.fixture
def temp_files() -> Callable[[Path], list[Path]]:
    """Temp files a writer would leave behind anywhere under a folder."""
    return lambda folder: sorted(folder.rglob("*.tmp"))


# -- child processes ---------------------------------------------------------------------------

CHILD_PRELUDE = f"""
import sys, time
from datetime import datetime, date
from pathlib import Path
from storage.facade import Flourish
from storage.workspace import Workspace

ROOT = Path(sys.argv[1])
ARGS = sys.argv[2:]
NOW = datetime.fromisoformat({START.isoformat()!r})
CLOCK = lambda: NOW
DAY = date.fromisoformat({CHECKIN_DAY.isoformat()!r})
"""


@pytest.fixture
def spawn(tmp_path):
    """Start a Python child running `body` (after CHILD_PRELUDE) with the workspace root and
    args on its command line; stdout is a pipe of text lines, stderr goes to a file. Children
    still running at the end of the test are killed."""
    children: list[subprocess.Popen] = []

    def start(body: str, root: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
        script = tmp_path / f"child_{len(children)}.py"
        script.write_text(CHILD_PRELUDE + textwrap.dedent(body))
        stderr = open(tmp_path / f"child_{len(children)}.err", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, str(script), str(root), *args],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        )
        proc.stderr_path = stderr.name
        stderr.close()
        children.append(proc)
        return proc

    yield start
    for proc in children:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()


def child_error(proc: subprocess.Popen) -> str:
    return Path(proc.stderr_path).read_text(errors="replace")


@pytest.fixture
def stderr_of():
    return child_error


def expect_line(proc: subprocess.Popen, expected: str) -> None:
    line = proc.stdout.readline()
    assert line == expected + "\n", f"child said {line!r}; stderr:\n{child_error(proc)}"


@pytest.fixture
def wait_for():
    """Read the next line a child prints and check it (e.g. "ready")."""
    return expect_line


@pytest.fixture
def decoded(monkeypatch) -> list[type]:
    """The class of every record decoded from the workspace's files from here on."""
    import storage.codec

    seen: list[type] = []
    real = storage.codec.from_record

    def counting(cls, doc):
        seen.append(cls)
        return real(cls, doc)

    monkeypatch.setattr("storage.workspace.from_record", counting)
    return seen
