"""Helpers for the command-line tests: run the CLI (in this process through `cli.main`, or in a
subprocess for what only a real process shows) and check the bad-input contract. The clock is
pinned to Sunday 22 November 2026, 09:00 UTC (Europe/London is on GMT then)."""

import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import cli

REPO = Path(__file__).resolve().parents[2]
NOW = "2026-11-22T09:00:00+00:00"  # a Sunday
# An 80-column terminal (TTY_COMPATIBLE: Rich lays out as for one) without escape codes in the
# text the test reads (TERM=dumb): piped output is never cut, so layout is tested this way.
TERMINAL_80 = {"COLUMNS": "80", "TTY_COMPATIBLE": "1", "TERM": "dumb"}
TODAY = "2026-11-22"
TEAM_START = "2026-09-01"
HILLSIDE, HILLTOP = "Hillside Primary", "Hilltop Secondary"
CLUSTER_NAME = "North Cluster"


def base_env(data_home: Path) -> dict[str, str]:
    """The parent's environment without any FLOURISH_* setting, with a pinned clock, a private
    data folder (so the default and demo workspaces never touch the real one), a wide console
    (so tables show names whole) and an editor that fails rather than waits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLOURISH_")}
    env.update(
        FLOURISH_NOW=NOW,
        XDG_DATA_HOME=str(data_home),
        COLUMNS="200",
        LINES="50",
        VISUAL="false",
        EDITOR="false",
    )
    env.pop("NO_COLOR", None)
    return env


def run_cli(
    env: dict[str, str],
    *args: str,
    input: str | None = None,
    env_extra: dict[str, str] | None = None,
    timeout: float = 20,
    text: bool = True,
) -> subprocess.CompletedProcess:
    """Run the CLI once in this process, as `python -m cli` would run in a subprocess: with
    exactly this environment, stdout and stderr captured (pipes, not terminals), and stdin the
    `input` (without it, empty: not a terminal, never waiting). `timeout` is for
    run_cli_process; the result is a CompletedProcess with text (or, text=False, bytes)."""
    argv = [str(a) for a in args]
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    stdout, stderr = _pipe(), _pipe()
    with _environment({**env, **(env_extra or {})}), _streams(stdin, stdout, stderr):
        code = _main(argv)
    out, err = _drain(stdout), _drain(stderr)
    if text:
        return subprocess.CompletedProcess(argv, code, _decoded(out), _decoded(err))
    return subprocess.CompletedProcess(argv, code, out, err)


def run_cli_process(
    env: dict[str, str],
    *args: str,
    input: str | None = None,
    env_extra: dict[str, str] | None = None,
    timeout: float = 20,
    text: bool = True,
) -> subprocess.CompletedProcess:
    """Run `python -m cli` in a subprocess: for what only a real process shows (start-up, real
    stdin and stdout). Without `input`, stdin is /dev/null."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *map(str, args)],
        cwd=REPO,
        env={**env, **(env_extra or {})},
        input=input if text or input is None else input.encode("utf-8"),
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        text=text,
        encoding="utf-8" if text else None,
        timeout=timeout,
    )


def _main(argv: list[str]) -> int:
    """cli.main's exit status, as the process would have it (argparse exits for --help and
    for usage errors; an uncaught exception prints its traceback and exits 1)."""
    try:
        return cli.main(argv)
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        print(e.code, file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1


def _pipe() -> io.TextIOWrapper:
    """A text stream over bytes, like a pipe's: not a terminal, with a .buffer for bytes."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n", write_through=True)


def _drain(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    return stream.buffer.getvalue()  # type: ignore[attr-defined]


def _decoded(data: bytes) -> str:
    """Bytes read as subprocess.run(text=True) reads them: UTF-8, universal newlines."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


@contextlib.contextmanager
def _environment(env: dict[str, str]) -> Iterator[None]:
    """os.environ is exactly `env` inside, and as it was afterwards."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _streams(stdin: io.TextIOWrapper, stdout: io.TextIOWrapper, stderr: io.TextIOWrapper):
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
    try:
        yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """Assert success (showing stderr if not) and pass the result on."""
    assert result.returncode == 0, (
        f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result


def ok_json(result: subprocess.CompletedProcess):
    return json.loads(ok(result).stdout)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """Assert the bad-input contract (exit 2, nothing on stdout, exactly one non-empty line on
    stderr) and return that line."""
    assert result.returncode == 2, (
        f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), f"stderr is not one line: {result.stderr!r}"
    assert result.stderr.endswith("\n")
    assert result.stdout == "", f"unexpected stdout: {result.stdout!r}"
    return lines[0]


# Not the user's data: the lock file, the status cache (derived, saved by reads too, such as
# drafting a briefing's agenda) and backups (opening a workspace may take one).
NOT_DATA = {".lock", ".status-cache", ".id-index", ".desk-cache", ".cascade-cache"}


def snapshot(root: Path) -> dict[str, str]:
    """The workspace's files by relative path and content hash, leaving out what is not the
    user's data (NOT_DATA and backups)."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in NOT_DATA and p.relative_to(root).parts[0] != "backups"
    }


def short_id(result: subprocess.CompletedProcess) -> str:
    """The 8-character id a command reports as "(id 1a2b3c4d)"."""
    found = re.search(r"\(id ([0-9a-f]{8})\)", result.stdout)
    assert found, f"no id in {result.stdout!r}"
    return found[1]
