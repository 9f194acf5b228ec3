"""Whole `flourish` commands at the scale of a local authority (500 teams, 100k documents), each
as a fresh process as a user runs it: the time to its exit and its peak memory, beside baselines
measured in the same run: the interpreter alone, importing the facade, and stock TinyDB finding
one document by id in one file of the same records. Asserts nothing.

Run from the repo root (about 3 minutes, most of it building the workspace):

    .venv/bin/python bench/commands.py [--docs 100000] [--repeat 5]

Peak memory is each child's maximum resident set (os.wait4), so it is not shown on Windows.
The workspace is built by a child process of its own: Linux counts in a child's peak the memory
of the parent it was forked from, so this script stays small itself.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import size_label

NOW = "2026-11-22T09:00:00+00:00"
PYTHON = sys.executable
STOCK_GET = (
    "import sys; from tinydb import TinyDB, where; "
    "db = TinyDB(sys.argv[1]); print(db.table('actions').get(where('id') == sys.argv[2]))"
)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """(milliseconds to exit, peak resident MB or None where it cannot be read)."""
    if "-o" in argv:  # an export never overwrites a file: each run writes afresh
        Path(argv[argv.index("-o") + 1]).unlink(missing_ok=True)
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        ms = (time.perf_counter() - t0) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
        # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
        scale = 1024 * 1024 if sys.platform == "darwin" else 1024
        mb: float | None = usage.ru_maxrss / scale
    else:
        child.wait()
        ms, mb = (time.perf_counter() - t0) * 1000, None
    if child.returncode != 0:
        err = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}): {err}")
    return ms, mb


def measure(label: str, argv: list[str], env: dict[str, str], repeat: int, base: float) -> None:
    run_once(argv, env)  # not counted: writes any bytecode cache missing, as an install has
    runs = [run_once(argv, env) for _ in range(repeat)]
    times = [ms for ms, _ in runs]
    peaks = [mb for _, mb in runs if mb is not None]
    median = statistics.median(times)
    line = f"  {label:<40} {median:8.0f} ms  ({min(times):.0f}-{max(times):.0f})"
    line += f"  x{median / base:5.2f} of the interpreter"
    if peaks:
        line += f"  {max(peaks):6.0f} MB"
    print(line, flush=True)


def build_workspace(root: Path, stock: Path, docs: int) -> None:
    """Build the workspace and print the ids the commands name, as JSON (in a child)."""
    from datetime import datetime

    from checkin_write import build

    from storage.facade import Flourish

    build(root, stock, docs, seed=1)
    program = Flourish.open(root, lambda: datetime.fromisoformat(NOW))
    actions, teams = program.actions(), program.teams()
    print(
        json.dumps(
            {
                "action": actions[len(actions) // 2].id,
                "challenge": program.challenges()[11].id,
                "team": teams[len(teams) // 2].name,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--build", nargs=2, metavar=("WORKSPACE", "STOCK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build_workspace(Path(args.build[0]), Path(args.build[1]), args.docs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root, stock = Path(tmp) / "ws", Path(tmp) / "stock.json"
        made = subprocess.run(
            [PYTHON, __file__, "--docs", str(args.docs), "--build", str(root), str(stock)],
            check=True,
            capture_output=True,
            text=True,
        )
        ids = json.loads(made.stdout.splitlines()[-1])
        action, challenge, team = ids["action"], ids["challenge"], ids["team"]
        # As a user's install runs: with Python's bytecode cache (some shells turn it off, and
        # every module edited since would then be compiled again on every run).
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "FLOURISH_NOW": NOW,
            "FLOURISH_WORKSPACE": str(root),
            "FLOURISH_CONFIG": str(Path(tmp) / "config.toml"),
            "COLUMNS": "120",
        }
        fl = [PYTHON, "-m", "cli"]
        print(f"{size_label(args.docs)} documents, median of {args.repeat} fresh processes:")
        base_runs = [run_once([PYTHON, "-c", "pass"], env)[0] for _ in range(args.repeat)]
        base = statistics.median(base_runs)
        print(f"  {'python -c pass (baseline)':<40} {base:8.0f} ms")
        out = Path(tmp)
        cases: list[tuple[str, list[str]]] = [
            ("import the facade (baseline)", [PYTHON, "-c", "import storage.facade"]),
            ("stock TinyDB: one action by id", [PYTHON, "-c", STOCK_GET, str(stock), action]),
            ("status", [*fl, "status"]),
            ("action show ID", [*fl, "action", "show", action[:8]]),
            ("challenge show ID", [*fl, "challenge", "show", challenge[:8]]),
            (
                "action update ID --status done",
                [*fl, "action", "update", action[:8], "--status", "done"],
            ),
            ("challenge list --escalated", [*fl, "challenge", "list", "--escalated"]),
            ("agenda (whole cluster)", [*fl, "agenda", "--cluster"]),
            ("agenda --coach 'Coach 3'", [*fl, "agenda", "--coach", "Coach 3"]),
            ("checkin list (every team)", [*fl, "checkin", "list"]),
            ("checkin list --team (one team)", [*fl, "checkin", "list", "--team", team]),
            ("export csv actions", [*fl, "export", "csv", "actions", "-o", str(out / "a.csv")]),
            (
                "briefing pack, cluster (md)",
                [*fl, "export", "briefing-pack", "-o", str(out / "p.md")],
            ),
            (
                "briefing pack, cluster (html)",
                [*fl, "export", "briefing-pack", "-o", str(out / "p.html")],
            ),
        ]
        for label, argv in cases:
            measure(label, argv, env, args.repeat, base)


if __name__ == "__main__":
    main()
