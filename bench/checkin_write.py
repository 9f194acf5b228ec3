"""What logging one check-in costs as a workspace grows, beside stock TinyDB.

Builds workspaces of about 1k, 10k and 100k documents (~200 per team: check-ins, action items
and challenges) in a temp folder, then measures, in the same run:

  * Flourish.log_checkin on a long-lived Flourish (as the TUI holds one), and with a fresh
    Flourish.open before each (as the CLI does), open and log timed separately;
  * one `db.table("checkins").insert(doc)` into a single stock TinyDB file (default
    JSONStorage) holding the same records;
  * the whole `flourish checkin add` process, beside `python -c pass` and
    `python -c "import storage.facade"`.

Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python bench/checkin_write.py [--sizes 1000,10000,100000] [--repeat 30]
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from domain.actions import ActionItem, ActionStatus, ProgressNote
from domain.challenges import Category, Challenge, ChallengeStatus, Severity, StatusChange
from domain.checkins import CheckIn, CheckInKind
from domain.records import Person
from storage.atomic import atomic_write
from storage.codec import to_record
from storage.facade import ACTIONS, CHALLENGES, CHECKINS, Flourish

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NOW_ENV = NOW.isoformat()  # FLOURISH_NOW for the CLI: the same instant as the facade's clock
TODAY = NOW.date()
LOG_ON = date(2026, 11, 20)  # the logged check-in's date: in the past, after every start
TIMEZONE = "Europe/London"
DOCS_PER_TEAM = 200
TARGET_LOG_MS = 20.0  # per logged check-in at 100k documents
TARGET_CLI_MS = 300.0  # `flourish checkin add`, whole process
BACKUP_DUE_RUNS = 3  # CLI runs that take the daily backup (each copies the whole workspace)

WORDS = str.split(
    "leadership team agreed staff meeting pulse survey data dashboard governance framework "
    "action plan coaching observation follow up webinar workshop timetable release time "
    "literacy numeracy wellbeing attendance priorities line manager briefing stakeholders "
    "review progress evidence students teachers curriculum assessment feedback roster "
    "relief staffing shortage term planning sustain results foundations casual cover"
)
NAMES = str.split("Ana Ben Chloe Dev Ema Finn Grace Hiro Isla Jack Kiri Liam Mia Noah Olive")


def clock() -> datetime:
    return NOW


# -- records -------------------------------------------------------------------------------


def _text(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _at(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, rng.randint(7, 17), tzinfo=UTC)


def team_records(rng: random.Random, team_id: str, start: date, n: int) -> dict[str, list[dict]]:
    """About n realistic records for one team, as the facade stores them (to_record dicts)."""
    n_checkins, n_challenges = n * 2 // 5, n * 3 // 20
    n_actions = n - n_checkins - n_challenges
    last = TODAY - timedelta(days=1)
    actions = []
    for _ in range(n_actions):
        made = _day(rng, start, last)
        actions.append(
            ActionItem(
                created_at=_at(made, rng),
                updated_at=_at(made, rng),
                team_id=team_id,
                title=_text(rng, 4, 9),
                owner=rng.choice(NAMES),
                stage=rng.randint(1, 3),
                due=made + timedelta(days=rng.randint(14, 90)),
                status=rng.choice(list(ActionStatus)),
                success_criteria=_text(rng, 8, 20),
                evidence=_text(rng, 0, 15) if rng.random() < 0.3 else "",
                notes=[
                    ProgressNote(date=_day(rng, made, last), text=_text(rng, 5, 25), by="Coach")
                    for _ in range(rng.randint(0, 3))
                ],
            )
        )
    checkins = []
    for _ in range(n_checkins):
        on = _day(rng, start, last)
        checkins.append(
            CheckIn(
                created_at=_at(on, rng),
                updated_at=_at(on, rng),
                team_id=team_id,
                date=on,
                kind=rng.choice(list(CheckInKind)),
                coach=rng.choice(NAMES),
                attendees=rng.sample(NAMES, rng.randint(1, 5)),
                notes=_text(rng, 30, 120),
                confidential=rng.random() < 0.2,
                action_ids=[a.id for a in rng.sample(actions, rng.randint(0, 3))],
                next_checkin=on + timedelta(weeks=4) if rng.random() < 0.5 else None,
            )
        )
    challenges = []
    for _ in range(n_challenges):
        raised = _day(rng, start, last)
        history = [
            StatusChange(at=_at(_day(rng, raised, last), rng), status=s, by=rng.choice(NAMES))
            for s in rng.sample(list(ChallengeStatus), rng.randint(1, 3))
        ]
        challenges.append(
            Challenge(
                created_at=_at(raised, rng),
                updated_at=_at(raised, rng),
                team_id=team_id,
                category=rng.choice(list(Category)),
                title=_text(rng, 4, 9),
                description=_text(rng, 15, 60),
                severity=rng.choice(list(Severity)),
                raised_on=raised,
                raised_by=rng.choice(NAMES),
                status=history[-1].status,
                history=history,
            )
        )
    return {
        CHECKINS: [to_record(r) for r in checkins],
        ACTIONS: [to_record(r) for r in actions],
        CHALLENGES: [to_record(r) for r in challenges],
    }


# -- building ------------------------------------------------------------------------------


def build(root: Path, stock_path: Path, docs: int, seed: int) -> dict:
    """A workspace of about `docs` documents, and a stock TinyDB file with the same records."""
    rng = random.Random(seed)
    n_teams = max(1, round(docs / DOCS_PER_TEAM))
    t0 = time.perf_counter()
    program = Flourish.create(
        root,
        name="Bench cluster",
        timezone=TIMEZONE,
        chair=Person(name="Chair Person", email="chair@example.org"),
        clock=clock,
    )
    teams = []
    for i in range(n_teams):
        start = date(2026, 7, 1) + timedelta(days=rng.randint(0, 75))
        coach = Person(name=f"Coach {i % 17}", email=f"coach{i % 17}@example.org")
        teams.append(program.add_team(f"School {i:04d}", start=start, coach=coach))
    t_teams = time.perf_counter() - t0

    t0 = time.perf_counter()
    stock: dict[str, list[dict]] = {CHECKINS: [], ACTIONS: [], CHALLENGES: []}
    ws = program.ws
    for i, team in enumerate(teams):
        n = docs // n_teams + (1 if i < docs % n_teams else 0)
        records = team_records(rng, team.id, team.start, n)
        team_file = ws.team_file(team.id)
        with ws.writing():  # one save per team
            for table, rows in records.items():
                team_file.table(table).insert_multiple(rows)
        for table, rows in records.items():
            stock[table].extend(rows)
    t_fill = time.perf_counter() - t0

    t0 = time.perf_counter()
    db = TinyDB(stock_path)  # stock: default JSONStorage
    for table, rows in stock.items():
        db.table(table).insert_multiple(rows)
    db.close()
    t_stock = time.perf_counter() - t0

    # Verify the facade reads what was written: open as the app does and count every record.
    t0 = time.perf_counter()
    check = Flourish.open(root, clock)
    counted = {
        "teams": len(check.teams()),
        CHECKINS: len(check.checkins()),
        ACTIONS: len(check.actions()),
        CHALLENGES: len(check.challenges()),
    }
    t_verify = time.perf_counter() - t0
    return {
        "teams": [t.id for t in teams],
        "team_names": [t.name for t in teams],
        "docs": sum(len(rows) for rows in stock.values()),
        "counted": counted,
        "stock_docs": sum(len(rows) for rows in stock.values()),
        "t_teams": t_teams,
        "t_fill": t_fill,
        "t_stock": t_stock,
        "t_verify": t_verify,
        "bytes": sum(p.stat().st_size for p in (root / "teams").glob("*.json"))
        + (root / "cluster.json").stat().st_size,
        "stock_bytes": stock_path.stat().st_size,
    }


# -- measuring -----------------------------------------------------------------------------


def size_label(docs: int) -> str:
    return f"{docs // 1000}k" if docs >= 1000 and docs % 1000 == 0 else f"{docs:,}"


def ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def summary(samples: list[float]) -> str:
    if not samples:
        return "-"
    return f"{statistics.median(samples):.1f} ({min(samples):.1f}–{max(samples):.1f})"


def notes(rng: random.Random) -> str:
    return _text(rng, 40, 80)


def bench_facade(root: Path, team_ids: list[str], repeat: int, seed: int) -> dict:
    rng = random.Random(seed)
    # Long-lived, as the TUI holds one; one untimed call first (first-use caches).
    program = Flourish.open(root, clock)
    program.log_checkin(rng.choice(team_ids), on=LOG_ON, kind="coaching", notes=notes(rng))
    long_lived = []
    for _ in range(repeat):
        team_id, text = rng.choice(team_ids), notes(rng)
        t0 = time.perf_counter()
        program.log_checkin(team_id, on=LOG_ON, kind="coaching", notes=text)
        long_lived.append(ms_since(t0))
    # A fresh Flourish.open each time, as each CLI command does.
    opens, logs, both = [], [], []
    for _ in range(repeat):
        team_id, text = rng.choice(team_ids), notes(rng)
        t0 = time.perf_counter()
        fresh = Flourish.open(root, clock)
        t1 = time.perf_counter()
        fresh.log_checkin(team_id, on=LOG_ON, kind="coaching", notes=text)
        t2 = time.perf_counter()
        opens.append((t1 - t0) * 1000)
        logs.append((t2 - t1) * 1000)
        both.append((t2 - t0) * 1000)
    # The first open of a day takes the daily backup (a hard link per file). Later clocks, so
    # that the CLI runs after this, pinned at NOW, find no backup due.
    backup_opens = []
    for days in (1, 2, 3):
        later = NOW + timedelta(days=days)
        t0 = time.perf_counter()
        Flourish.open(root, lambda later=later: later)
        backup_opens.append(ms_since(t0))
    return {
        "long": long_lived,
        "open": opens,
        "log": logs,
        "both": both,
        "backup_open": backup_opens,
    }


def bench_disk(folder: Path, data: bytes, repeat: int) -> list[float]:
    """storage.atomic.atomic_write alone (temp file, fsync, os.replace, fsync of the folder)."""
    path = folder / "disk-probe.json"
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        atomic_write(path, data)
        samples.append(ms_since(t0))
    path.unlink()
    return samples


def bench_stock(path: Path, repeat: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    db = TinyDB(path)
    table = db.table(CHECKINS)

    def doc() -> dict:
        now = NOW
        return to_record(
            CheckIn(
                created_at=now,
                updated_at=now,
                team_id="bench",
                date=LOG_ON,
                kind=CheckInKind.COACHING,
                coach="Coach",
                notes=notes(rng),
            )
        )

    table.insert(doc())  # untimed: the first insert also scans the table for the next id
    samples = []
    for _ in range(repeat):
        d = doc()
        t0 = time.perf_counter()
        table.insert(d)
        samples.append(ms_since(t0))
    db.close()
    return samples


def run_process(cmd: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True)
    return (time.perf_counter() - t0) * 1000, done


def bench_processes(
    workspaces: list[tuple[str, Path, str]], repeat: int
) -> tuple[list[tuple[str, list[float]]], dict[str, str], dict[str, str]]:
    env = {**os.environ, "FLOURISH_NOW": NOW_ENV}
    env.pop("FLOURISH_WORKSPACE", None)
    py = sys.executable
    cases = [
        ("python -c pass", [py, "-c", "pass"]),
        ('python -c "import storage.facade"', [py, "-c", "import storage.facade"]),
        ('python -c "import cli.commands"', [py, "-c", "import cli.commands"]),
    ]
    for label, root, team in workspaces:
        cmd = [py, "-m", "cli", "checkin", "add", "--workspace", str(root), "--team", team]
        cases.append((f"flourish checkin add ({label})", [*cmd, "--notes", "Bench check-in."]))
    rows = []
    # Interleave the cases round by round so that background load hits them alike.
    samples: dict[str, list[float]] = {label: [] for label, _ in cases}
    failures: dict[str, str] = {}
    said: dict[str, str] = {}
    for round_ in range(repeat + 1):
        for label, cmd in cases:
            ms, done = run_process(cmd, env)
            if done.returncode != 0:
                failures[label] = (done.stderr or done.stdout).strip()
            elif round_:  # round 0 warms the page and bytecode caches
                samples[label].append(ms)
                if done.stdout.strip():
                    said.setdefault(label, done.stdout.strip())
    for label, _ in cases:
        rows.append((label, samples[label]))
    # The first command of a day also takes the daily backup: a clock a day later each run
    # (later than every backup so far), on the largest workspace only.
    label, root, team = workspaces[-1]
    label = f"flourish checkin add ({label}), backup due"
    cmd = [py, "-m", "cli", "checkin", "add", "--workspace", str(root), "--team", team]
    due = []
    for days in range(10, 10 + BACKUP_DUE_RUNS):
        later = {**env, "FLOURISH_NOW": (NOW + timedelta(days=days)).isoformat()}
        ms, done = run_process([*cmd, "--notes", "Bench check-in."], later)
        if done.returncode != 0:
            failures[label] = (done.stderr or done.stdout).strip()
        else:
            due.append(ms)
    rows.append((label, due))
    return rows, failures, said


# -- main ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="documents per workspace")
    parser.add_argument("--repeat", type=int, default=30, help="facade check-ins per size")
    parser.add_argument(
        "--stock-repeat-large",
        type=int,
        default=5,
        help="stock TinyDB inserts at 50k+ documents (each costs about a second)",
    )
    parser.add_argument("--proc-repeat", type=int, default=10, help="runs per process timing")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--tmpdir", help="where to build the workspaces (default: system temp)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()

    tmp = Path(tempfile.mkdtemp(prefix="flourish-bench-", dir=args.tmpdir))
    try:
        print(f"Flourish check-in write benchmark — Python {sys.version.split()[0]}, ", end="")
        print(f"{os.cpu_count()} cores, workspaces in {tmp}")
        print(f"clock fixed at {NOW_ENV}; check-ins logged on {LOG_ON}; {args.repeat} repeats")
        print()
        built, results = {}, {}
        for docs in sizes:
            root, stock = tmp / f"ws-{docs}", tmp / f"stock-{docs}.json"
            info = build(root, stock, docs, args.seed + docs)
            built[docs] = (root, info)
            c = info["counted"]
            print(
                f"built {docs:>7,} docs: {len(info['teams'])} teams via add_team "
                f"{info['t_teams']:.1f} s, filled {info['t_fill']:.1f} s, stock TinyDB "
                f"{info['t_stock']:.1f} s; Flourish.open read back {c['teams']} teams, "
                f"{c[CHECKINS]} check-ins, {c[ACTIONS]} actions, {c[CHALLENGES]} challenges "
                f"= {c[CHECKINS] + c[ACTIONS] + c[CHALLENGES]:,} docs in {info['t_verify']:.1f} s"
                f" ({info['bytes'] / 1e6:.1f} MB in {len(info['teams']) + 1} files; "
                f"stock {info['stock_bytes'] / 1e6:.1f} MB)"
            )
            stock_repeat = args.repeat if docs < 50_000 else args.stock_repeat_large
            results[docs] = (
                bench_facade(root, info["teams"], args.repeat, args.seed),
                bench_stock(stock, stock_repeat, args.seed),
            )
        print()
        print("One check-in, milliseconds: median (min–max)")
        header = (
            f"{'size':>7} {'docs':>7} {'teams':>5} | {'log, long-lived':>18} | "
            f"{'open':>18} {'log after open':>18} {'open+log':>18} | "
            f"{'stock TinyDB insert':>26} | {'stock/facade':>12}"
        )
        print(header)
        print("-" * len(header))
        for docs in sizes:
            _, info = built[docs]
            facade, stock = results[docs]
            ratio = statistics.median(stock) / statistics.median(facade["long"])
            print(
                f"{size_label(docs):>7} {info['docs']:>7,} {len(info['teams']):>5} | "
                f"{summary(facade['long']):>18} | {summary(facade['open']):>18} "
                f"{summary(facade['log']):>18} {summary(facade['both']):>18} | "
                f"{summary(stock) + f' n={len(stock)}':>26} | {ratio:>11.1f}x"
            )
        large_root, large_info = built[max(sizes)]
        team_bytes = (large_root / "teams" / f"{large_info['teams'][0]}.json").read_bytes()
        disk = bench_disk(tmp, team_bytes, args.repeat)
        print(
            f"For scale, storage.atomic.atomic_write of one {len(team_bytes) / 1e3:.0f} KB team "
            f"file alone (temp file, fsync, os.replace, fsync folder): {summary(disk)}"
        )
        print(
            "Flourish.open when the daily backup is due (snapshots every file): "
            + ", ".join(
                f"{size_label(docs)} {summary(results[docs][0]['backup_open'])}" for docs in sizes
            )
        )
        print()

        small, large = min(sizes), max(sizes)
        workspaces = [
            (f"{size_label(docs)} docs", built[docs][0], built[docs][1]["team_names"][-1])
            for docs in sorted({small, large})
        ]
        rows, failures, said = bench_processes(workspaces, args.proc_repeat)
        print(
            f"Whole process, milliseconds: median (min–max) of {args.proc_repeat} runs "
            f"({BACKUP_DUE_RUNS} when the backup is due)"
        )
        width = max(len(label) for label, _ in rows)
        base = statistics.median(rows[0][1]) if rows[0][1] else 0.0
        for label, samples in rows:
            extra = f"  (+{statistics.median(samples) - base:.0f} over python)" if samples else ""
            print(f"  {label:<{width}}  {summary(samples):>20}{extra}")
        for label, text in said.items():
            print(f"  {label} printed: {text}")
        for label, text in failures.items():
            print(f"  {label} FAILED: {text}")
        print()

        print("Targets")
        long_large = statistics.median(results[large][0]["long"])
        both_large = statistics.median(results[large][0]["both"])
        verdict = "met" if long_large <= TARGET_LOG_MS else "MISSED"
        print(
            f"  ≤{TARGET_LOG_MS:.0f} ms per logged check-in at 100k docs: {long_large:.1f} ms "
            f"long-lived at {size_label(large)} docs ({verdict}); open+log {both_large:.1f} ms"
        )
        for label, samples in rows:
            if label.startswith("flourish checkin add") and samples:
                ms = statistics.median(samples)
                verdict = "met" if ms <= TARGET_CLI_MS else "MISSED"
                print(f"  `{label}` ≤{TARGET_CLI_MS:.0f} ms whole process: {ms:.0f} ms ({verdict})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
