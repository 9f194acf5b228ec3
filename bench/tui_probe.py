"""One cold start of a Textual app, timed from the top of this script; bench/tui_start.py runs it.

Run once per measurement, as a fresh process (compiled bytecode already present):

    python bench/tui_probe.py bare                   # App with Header, DataTable, Footer
    python bench/tui_probe.py paint ROOT             # FlourishApp on ROOT, to its first frame
    python bench/tui_probe.py filled ROOT            # ... to the first frame after Filled
    python bench/tui_probe.py keys ROOT              # per-key latency once filled (Pilot)
    python bench/tui_probe.py status ROOT            # Flourish.status() alone, no UI

Every mode prints one JSON line on stdout. Times are milliseconds since the top of this script,
before any import; the parent adds the interpreter's own start-up by timing the whole process.

"First paint" is the first time a screen hands a frame to `App._display`, the one place every
frame goes to the terminal. The same override (PaintClock below) times the bare app and
FlourishApp. Runs are headless: `_display` then writes nothing, so the override renders
each frame to terminal escape codes and throws them away, the work a real terminal would
cost. The probe leaves with `os._exit` once it has its figure, so a worker thread still
reading the workspace does not hold the process open.
"""

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SIZE = (120, 36)
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # checkin_write.NOW; not imported: it is heavy
# 10 keys: all 500 teams match up to "school 0" (the table has nothing to redo), 99 match
# "school 00" and 10 "school 004" (the table is refilled).
FILTER_TEXT = "school 004"
CURSOR_MOVES = 50
KEY_FIGURES = ("first", "last", "blocked")  # per key: to the first frame, to the last, loop


def ms() -> float:
    return (time.perf_counter() - T0) * 1000


def leave(result: dict) -> None:
    """Print the result and end the process at once (Textual has redirected sys.stdout)."""
    os.write(1, (json.dumps(result) + "\n").encode())
    os._exit(0)


def _css_beside(cls: type):
    import inspect

    paths = cls.CSS_PATH
    if paths is None:
        return None
    folder = Path(inspect.getfile(cls)).parent
    many = paths if isinstance(paths, list | tuple) else [paths]
    return [folder / p for p in many]


def paint_clock(base: type) -> type:
    """`base` with every frame timed; the same code for the bare app and FlourishApp."""
    from textual._compositor import CompositorUpdate

    class PaintClock(base):
        # Textual finds a relative CSS_PATH beside the file that defines the class: this one.
        CSS_PATH = _css_beside(base)
        exit_on_paint = True  # leave at the first frame (paint) or the first after Filled
        wait_for_filled = False

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.frames = 0
            self.ready_ms = 0.0  # imports done and the app built, just before it runs
            self.filled_at: float | None = None
            self.frame_listeners: list = []

        def _display(self, screen, renderable) -> None:
            if renderable is not None and not self._batch_count:
                if self.is_headless and isinstance(renderable, CompositorUpdate):
                    renderable.render_segments(self.console)  # what a terminal would be sent
                self.frames += 1
                for listener in self.frame_listeners:
                    listener()
                if self.exit_on_paint and (not self.wait_for_filled or self.filled_at):
                    done = {
                        "frame_ms": ms(),
                        "ready_ms": self.ready_ms,
                        "screen": type(screen).__name__,
                    }
                    table = screen.query("#teams")
                    done["rows"] = table.first().row_count if table else None
                    if self.filled_at:
                        done["filled_ms"] = self.filled_at
                    leave({**done, "frames": self.frames})
            super()._display(screen, renderable)

        def on_dashboard_screen_filled(self, message) -> None:
            self.filled_at = ms()

    return PaintClock


def bare_app() -> type:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        TITLE = "Bare"

        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("School", "Coach", "Stage", "Month", "Last check-in", "Actions")
            for i in range(12):
                row = (f"School {i:04d}", f"Coach {i % 5}", "2 Drive", "5/12", "3d ago", "4/9")
                table.add_row(*row)

    return Bare


def flourish_app(root: Path, now: datetime, **kwargs):
    from storage.settings import Settings
    from tui.app import FlourishApp

    # A user who has given their name: the first run's one question is not start-up.
    settings = Settings(user="Bench User", path=Path(os.environ["FLOURISH_CONFIG"]))
    return paint_clock(FlourishApp)(root, clock=lambda: now, settings=settings, **kwargs)


# -- modes ---------------------------------------------------------------------------------


def run_bare() -> None:
    app = paint_clock(bare_app())()
    app.ready_ms = ms()
    app.run(headless=True, size=SIZE)
    leave({"error": "the app exited without painting"})


def run_flourish(root: Path, now: datetime, filled: bool) -> None:
    app = flourish_app(root, now)
    app.wait_for_filled = filled
    app.ready_ms = ms()
    app.run(headless=True, size=SIZE)
    leave({"error": "the app exited before " + ("the dashboard filled" if filled else "painting")})


async def keys(root: Path, now: datetime) -> dict:
    """Per-key latency on a filled dashboard, driven by Pilot.

    For each key: from the moment Pilot sends it to the last frame painted because of it (the
    frame that shows the moved cursor or the refilled table), and the longest the event loop
    went without running other tasks meanwhile (a heartbeat task notices the gaps). Pilot's
    own waits (press and pause each sleep at least 20 ms to detect idleness) are not counted.
    """
    import asyncio
    import itertools

    app = flourish_app(root, now)
    app.exit_on_paint = False
    frames: list[float] = []
    app.frame_listeners.append(lambda: frames.append(time.perf_counter()))
    beats: list[float] = []

    async def heartbeat() -> None:
        while True:
            beats.append(time.perf_counter())
            await asyncio.sleep(0.002)

    async with app.run_test(size=SIZE) as pilot:
        while app.filled_at is None:  # set by PaintClock.on_dashboard_screen_filled
            await asyncio.sleep(0.005)
        await pilot.pause(0.5)  # let the frames that follow the fill settle
        await pilot.pause()
        filled_ms = app.filled_at
        table = app.screen.query_one("#teams")
        box = app.screen.query_one("#filter")
        box.cursor_blink = False  # a blinking cursor paints frames of its own
        rows = table.row_count
        beating = asyncio.create_task(heartbeat())

        async def timed(key: str) -> tuple[float | None, float | None, float]:
            seen = len(frames)
            t = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            end = time.perf_counter()
            painted = frames[seen:]
            gaps = [b - a for a, b in itertools.pairwise(beats) if b > t and a < end]
            blocked = max(gaps, default=0.0) * 1000
            if not painted:  # nothing to show, e.g. down on the last row
                return None, None, blocked
            return (painted[0] - t) * 1000, (painted[-1] - t) * 1000, blocked

        moves = [await timed("down") for _ in range(CURSOR_MOVES)]
        cursor = table.cursor_row
        await pilot.press("slash")
        await pilot.pause()
        typing = [await timed(ch) for ch in FILTER_TEXT]
        typed = box.value
        left = table.row_count
        beating.cancel()

    figures = list(enumerate(KEY_FIGURES))
    return {
        "filled_ms": filled_ms,
        "rows": rows,
        "cursor_row": cursor,
        "typed": typed,
        "rows_after_filter": left,
        "down_unpainted": sum(1 for m in moves if m[0] is None),
        "type_unpainted": sum(1 for m in typing if m[0] is None),
        **{f"down_{k}_ms": [m[i] for m in moves if m[i] is not None] for i, k in figures},
        **{f"type_{k}_ms": [m[i] for m in typing if m[i] is not None] for i, k in figures},
    }


def status(root: Path, now: datetime, repeat: int = 3) -> dict:
    """Flourish.status() alone, as the dashboard's worker calls it, and what lies under it."""
    import orjson  # what storage.atomic decodes the files with

    from storage.facade import Flourish
    from storage.status_cache import CACHE_FILE

    t = time.perf_counter()
    program = Flourish.open(root, lambda: now)
    open_ms = (time.perf_counter() - t) * 1000
    calls = []  # the first reads the statuses the last session saved (storage/status_cache.py)
    for _ in range(repeat):
        t = time.perf_counter()
        statuses = program.status()
        calls.append((time.perf_counter() - t) * 1000)
    # The first open of a day: what yesterday's last session saved, read on today's date.
    (root / CACHE_FILE).unlink(missing_ok=True)
    Flourish.open(root, lambda: now - timedelta(days=1)).status()
    day = Flourish.open(root, lambda: now)
    t = time.perf_counter()
    day.status()
    yesterday_ms = (time.perf_counter() - t) * 1000
    # The first open ever, or after an upgrade: nothing saved, every team file parsed.
    (root / CACHE_FILE).unlink(missing_ok=True)
    fresh = Flourish.open(root, lambda: now)
    t = time.perf_counter()
    fresh.status()  # also saves the statuses again
    no_cache_ms = (time.perf_counter() - t) * 1000
    # Every record as a domain object, through the public readers (files already parsed).
    t = time.perf_counter()
    records = len(program.checkins()) + len(program.actions()) + len(program.challenges())
    records_ms = (time.perf_counter() - t) * 1000
    # The floor under any reading of every record: the files' bytes, then orjson.loads.
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    t = time.perf_counter()
    blobs = [f.read_bytes() for f in files]
    read_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    for blob in blobs:
        orjson.loads(blob)
    parse_ms = (time.perf_counter() - t) * 1000
    return {
        "open_ms": open_ms,
        "status_ms": calls,
        "yesterday_ms": yesterday_ms,
        "no_cache_ms": no_cache_ms,
        "cache_bytes": (root / CACHE_FILE).stat().st_size,
        "teams": len(statuses),
        "records": records,
        "records_ms": records_ms,
        "files": len(files),
        "bytes": sum(len(b) for b in blobs),
        "read_ms": read_ms,
        "json_ms": parse_ms,
    }


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    now = datetime.fromisoformat(os.environ.get("FLOURISH_BENCH_NOW", NOW.isoformat()))
    if mode == "bare":
        run_bare()
    elif mode in ("paint", "filled", "keys", "status") and len(sys.argv) == 3:
        root = Path(sys.argv[2])
        os.environ.setdefault("FLOURISH_CONFIG", str(root.parent / "bench-config.toml"))
        if mode == "status":
            leave(status(root, now))
        elif mode == "keys":
            import asyncio

            leave(asyncio.run(keys(root, now)))
        else:
            run_flourish(root, now, filled=mode == "filled")
    else:
        sys.exit(__doc__.split("\n\n")[1])


if __name__ == "__main__":
    main()
