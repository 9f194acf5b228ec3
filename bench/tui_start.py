"""Cold start of the TUI to its first frame and to the dashboard filled, beside a bare Textual app.

Builds, in a temp folder, the demo workspace and one of about 100k documents (500 teams, via
checkin_write.build), then runs bench/tui_probe.py as a fresh process per measurement, round
by round so that background load hits every case alike:

  * bare:   an App with Header, DataTable (6 columns, 12 rows) and Footer, to its first frame;
  * paint:  FlourishApp on each workspace, to its first frame;
  * filled: FlourishApp on each workspace, to the first frame after DashboardScreen.Filled;
            on the large one also with a status cache saved the day before (the first open
            of a day) and with none at all (the first open ever, or after an upgrade).

Then, in one process on the large workspace, the latency of 50 cursor moves and of typing 10
characters into the filter once the dashboard is filled, and Flourish.status() alone (no UI).

Headless (`App.run(headless=True, size=(120, 36))`, Pilot for the keys): no terminal needed.
Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python bench/tui_start.py [--repeat 7] [--docs 100000]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import NOW, REPO, build, clock, size_label, summary

from demo import build_demo
from storage.facade import Flourish
from storage.status_cache import CACHE_FILE

PROBE = Path(__file__).resolve().parent / "tui_probe.py"
TARGET_PAINT_RATIO = 1.3  # first frame, against the bare app in the same run
TARGET_FILLED_MS = 500.0  # dashboard filled at 100k documents, whole process (issue 16)
STALL_MS = 100.0  # our reading of "never stalls": every key shows its result within this
KEY_FIGURES = {"first": "first frame", "last": "last frame", "blocked": "loop blocked"}


def docs_in(root: Path) -> int:
    program = Flourish.open(root, clock)
    return len(program.checkins()) + len(program.actions()) + len(program.challenges())


def probe(args: list[str], env: dict) -> tuple[float, dict]:
    """Run the probe once: (whole-process ms, what it printed)."""
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROBE), *args], env=env, cwd=REPO, capture_output=True, text=True
    )
    wall = (time.perf_counter() - t0) * 1000
    lines = done.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"error": f"exit {done.returncode}: {(done.stderr or done.stdout).strip()}"}
    if "error" in result and done.stderr.strip():
        result["error"] += "\n" + done.stderr.strip()[-3000:]
    return wall, result


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="cold starts per case")
    parser.add_argument("--docs", type=int, default=100_000, help="documents in the large one")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tmpdir", help="where to build the workspaces (default: system temp)")
    args = parser.parse_args()
    started = time.perf_counter()

    tmp = Path(tempfile.mkdtemp(prefix="flourish-tui-bench-", dir=args.tmpdir))
    env = {
        **os.environ,
        "FLOURISH_CONFIG": str(tmp / "config.toml"),  # never the user's settings
        "FLOURISH_BENCH_NOW": NOW.isoformat(),
    }
    env.pop("FLOURISH_WORKSPACE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an install runs: with its bytecode cache
    try:
        print(f"Flourish TUI cold-start benchmark — Python {sys.version.split()[0]}, ", end="")
        print(f"{os.cpu_count()} cores, workspaces in {tmp}")
        print(f"clock fixed at {NOW.isoformat()}; headless, 120x36; {args.repeat} rounds")
        print()

        demo = tmp / "demo"
        t0 = time.perf_counter()
        build_demo(demo, clock)
        demo_docs = docs_in(demo)  # also takes the day's backup, so no timed run pays for it
        demo_teams = len(Flourish.open(demo, clock).teams())
        print(
            f"built the demo: {demo_teams} teams, {demo_docs} docs "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        big = tmp / f"ws-{args.docs}"
        stock = tmp / "stock.json"
        info = build(big, stock, args.docs, args.seed)
        stock.unlink()  # checkin_write's stock TinyDB copy: not needed here
        big_teams, big_docs = len(info["teams"]), info["docs"]
        print(
            f"built {big_docs:,} docs, {big_teams} teams in "
            f"{info['t_teams'] + info['t_fill'] + info['t_stock']:.1f} s "
            f"({info['bytes'] / 1e6:.1f} MB in {big_teams + 1} files)"
        )
        big_label = f"{size_label(args.docs)} docs"

        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "domain", "storage", "exports", "tui"],
            cwd=REPO,
            check=True,
        )
        print(f"compiled bytecode in {time.perf_counter() - t0:.1f} s; round 0 is discarded")
        print()

        def forget() -> None:  # no status cache at all: every team file is read
            (big / CACHE_FILE).unlink(missing_ok=True)

        def yesterday() -> None:  # the cache as yesterday's last session left it
            forget()
            Flourish.open(big, lambda: NOW - timedelta(days=1)).status()

        cases = [
            ("bare Textual app: first frame", ["bare"], None),
            ("Flourish, demo: first frame", ["paint", str(demo)], None),
            ("Flourish, demo: dashboard filled", ["filled", str(demo)], None),
            (f"Flourish, {big_label}: first frame", ["paint", str(big)], None),
            (f"Flourish, {big_label}: dashboard filled", ["filled", str(big)], None),
            (
                f"Flourish, {big_label}: filled, cache from yesterday",
                ["filled", str(big)],
                yesterday,
            ),
            (f"Flourish, {big_label}: filled, no status cache", ["filled", str(big)], forget),
        ]
        walls: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        frames: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        messages: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        ready: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        seen: dict[str, dict] = {}
        failures: dict[str, str] = {}
        for round_ in range(args.repeat + 1):
            for label, cmd, before in cases:
                if before is not None:
                    before()
                wall, result = probe(cmd, env)
                if "error" in result:
                    failures[label] = result["error"]
                    continue
                seen[label] = result
                if round_:  # round 0 warms the page cache and any bytecode left
                    walls[label].append(wall)
                    frames[label].append(result["frame_ms"])
                    ready[label].append(result["ready_ms"])
                    if "filled_ms" in result:
                        messages[label].append(result["filled_ms"])

        print(f"Cold start, milliseconds: median (min–max) of {args.repeat} runs")
        print("  in process = from the top of the probe script, before any import, to the frame;")
        print("  imports = of that, the imports and building the App (median); Filled message =")
        print("  when DashboardScreen.Filled reached the app; whole process = as the parent")
        print("  times it, interpreter start-up included; x bare = in process / the bare app's")
        head = (
            f"  {'case':<50} {'imports':>7} {'in process':>22} {'Filled message':>22} "
            f"{'whole process':>22}  {'x bare':>6}"
        )
        print(head)
        print("  " + "-" * (len(head) - 2))
        bare = cases[0][0]
        for label, _, _ in cases:
            ratio = median(frames[label]) / median(frames[bare]) if frames[bare] else float("nan")
            print(
                f"  {label:<50} {median(ready[label]):>7.1f} {summary(frames[label]):>22} "
                f"{summary(messages[label]):>22} "
                f"{summary(walls[label]):>22}  {ratio:>5.2f}x"
            )
        for label, result in seen.items():
            print(
                f"  ({label}: the frame showed {result['screen']} with {result['rows']} rows "
                f"in the table; frame {result['frames']})"
            )
        for label, text in failures.items():
            print(f"  {label} FAILED:\n{text}")
        print()

        # -- keys, and the facade alone --------------------------------------------------
        _, keys = probe(["keys", str(big)], env)
        _, status = probe(["status", str(big)], env)
        if "error" in keys:
            print(f"Keys on {big_label} FAILED:\n{keys['error']}")
        else:
            print(
                f"Keys on a filled dashboard, {big_label} ({keys['rows']} rows), one process "
                "(Pilot), milliseconds:"
            )
            print("  first frame = key to the first frame painted after it; last frame = to the")
            print("  last (the table refilled, the detail line updated); loop blocked = longest")
            print("  time the event loop ran nothing else meanwhile")
            print(f"  {'':<34} {'median':>8} {'max':>8}")
            for name, what in (("down", "cursor down x50"), ("type", "filter, 10 keys")):
                for key, kind in KEY_FIGURES.items():
                    samples = keys[f"{name}_{key}_ms"]
                    title = f"{what}, {kind}"
                    worst = max(samples, default=float("nan"))
                    print(f"  {title:<34} {median(samples):>8.1f} {worst:>8.1f}")
            print(
                f"  (cursor ended on row {keys['cursor_row']}; typed {keys['typed']!r}, "
                f"{keys['rows_after_filter']} rows left; keys that painted nothing: "
                f"{keys['down_unpainted']} down, {keys['type_unpainted']} typed)"
            )
        print()
        if "error" in status:
            print(f"Flourish.status() FAILED:\n{status['error']}")
        else:
            calls = status["status_ms"]
            print(f"The facade alone on {big_label}, one fresh process, milliseconds:")
            print(f"  Flourish.open                          {status['open_ms']:>8.1f}")
            print(
                f"  Flourish.status(), first call          {calls[0]:>8.1f}  (from the status "
                f"cache, {status['cache_bytes'] / 1e6:.1f} MB)"
            )
            print(f"  Flourish.status(), again (in memory)   {median(calls[1:]):>8.1f}")
            print(
                f"  Flourish.status(), yesterday's cache   {status['yesterday_ms']:>8.1f}  "
                "(the first open of a day)"
            )
            print(
                f"  Flourish.status(), no status cache     {status['no_cache_ms']:>8.1f}  "
                "(every team file parsed)"
            )
            print(
                f"  checkins()+actions()+challenges()    {status['records_ms']:>8.1f}  "
                f"({status['records']:,} records decoded, files already parsed)"
            )
            print(
                f"  floor: read {status['files']} files ({status['bytes'] / 1e6:.1f} MB) "
                f"{status['read_ms']:.1f}, orjson.loads them {status['json_ms']:.1f}"
            )
        print()

        print("Targets (printed, not asserted)")
        for name in ("demo", big_label):
            paint = f"Flourish, {name}: first frame"
            if frames[paint] and frames[bare]:
                ratio = median(frames[paint]) / median(frames[bare])
                whole = median(walls[paint]) / median(walls[bare])
                print(
                    f"  first frame ≤{TARGET_PAINT_RATIO}x the bare app, {name}: {ratio:.2f}x in "
                    f"process, {whole:.2f}x whole process "
                    f"({met(ratio <= TARGET_PAINT_RATIO)})"
                )
        filled = f"Flourish, {big_label}: dashboard filled"
        if walls[filled]:
            ms = median(walls[filled])
            day = median(walls[cases[-2][0]])
            cold = median(walls[cases[-1][0]])
            print(
                f"  dashboard filled ≤{TARGET_FILLED_MS:.0f} ms at {big_label}: {ms:.0f} ms "
                f"whole process, {median(frames[filled]):.0f} ms in process "
                f"({met(ms <= TARGET_FILLED_MS)})"
            )
            print(
                f"  ... first open of a day (yesterday's cache): {day:.0f} ms whole process "
                f"({met(day <= TARGET_FILLED_MS)}); {cold:.0f} ms with no status cache"
            )
        if "error" not in keys:
            down = max(keys["down_last_ms"], default=0.0)
            typing = max(keys["type_last_ms"], default=0.0)
            worst = max(down, typing)
            print(
                f"  keys never stall (each shows its result within {STALL_MS:.0f} ms): worst "
                f"{worst:.0f} ms, cursor {down:.0f}, filter {typing:.0f} ({met(worst <= STALL_MS)})"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
