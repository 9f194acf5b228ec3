"""Lost writes and partial changes under stress: counts, not timings. Asserts nothing.

  * same-record writers: W command-line processes at once, each adding M progress notes to
    one action (`flourish action update ID --note ...`, a process per note), then W long-lived
    sessions (as the app is) adding N notes each; counts the notes that are missing;
  * kills: a writer logging check-ins and importing a three-team pulse file is killed at a
    random moment, K times; counts acknowledged check-ins missing afterwards, pulse imports
    found in some teams but not others, and workspaces that no longer open.

Run from the repo root:

    .venv/bin/python bench/stress.py [--docs 100000] [--writers 3] [--kills 115]
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import build, clock

from storage.facade import Flourish

REPO = Path(__file__).resolve().parents[1]
NOW = clock().isoformat()
ENV = {**os.environ, "FLOURISH_NOW": NOW, "PYTHONPATH": str(REPO), "FLOURISH_LOCK_TIMEOUT": "60"}

SESSION = """
import sys
from pathlib import Path
from storage.clock import clock_from_env
from storage.facade import Flourish
root, action_id, tag, count = sys.argv[1:]
f = Flourish.open(Path(root), clock_from_env())
f.actions()  # a warm copy, as the app holds
for i in range(int(count)):
    f.update_action(action_id, note=f"{tag} {i}")
"""

KILLED = """
import sys
from pathlib import Path
from storage.clock import clock_from_env
from storage.facade import Flourish
root, team, csv = sys.argv[1:]
f = Flourish.open(Path(root), clock_from_env())
for i in range(10_000):
    print("checkin", f.log_checkin(team, on=f.today(), notes=f"n{i}").id, flush=True)
    f.import_pulse(csv.replace("MONTH", f"{2000 + i // 12:04d}-{i % 12 + 1:02d}"))
    print("pulse", f"{2000 + i // 12:04d}-{i % 12 + 1:02d}", flush=True)
"""


def same_record(root: Path, team_id: str, writers: int, each: int, sessions: int) -> None:
    f = Flourish.open(root, clock)
    action = f.add_action(team_id, "Weekly 90-minute SLT meeting")
    cli = [sys.executable, "-m", "cli", "action", "update", action.id, "--workspace", str(root)]
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(
            ["bash", "-c", " && ".join(
                " ".join([*map(_q, cli), "--note", _q(f"cli-{w}-{i}")]) for i in range(each)
            )],
            cwd=REPO, env=ENV, stdout=subprocess.DEVNULL,
        )
        for w in range(writers)
    ]  # fmt: skip
    failed = sum(p.wait() != 0 for p in procs)
    kept = {n.text for n in Flourish.open(root, clock).action(action.id).notes}
    lost = writers * each - len(kept)
    print(
        f"  {writers} command-line processes x {each} notes: {lost} lost of {writers * each}"
        f" ({failed} writers failed), {time.perf_counter() - t0:.1f} s"
    )

    script = Path(tempfile.mkdtemp()) / "session.py"
    script.write_text(textwrap.dedent(SESSION))
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(root), action.id, f"session-{w}", str(sessions)],
            cwd=REPO,
            env=ENV,
        )
        for w in range(writers)
    ]
    failed = sum(p.wait() != 0 for p in procs)
    notes = Flourish.open(root, clock).action(action.id).notes
    lost = writers * sessions - sum(n.text.startswith("session-") for n in notes)
    print(
        f"  {writers} long-lived sessions x {sessions} notes: {lost} lost of "
        f"{writers * sessions} ({failed} sessions failed)"
    )


def kills(root: Path, teams: list[str], names: list[str], count: int, seed: int) -> None:
    rng = random.Random(seed)
    script = Path(tempfile.mkdtemp()) / "killed.py"
    script.write_text(textwrap.dedent(KILLED))
    csv = "team,month,dimension,score,responses\n" + "".join(
        f"{name},MONTH,trust,4.5,12\n" for name in names[:3]
    )
    acknowledged: list[str] = []
    partial = unopenable = 0
    for _ in range(count):
        child = subprocess.Popen(
            [sys.executable, str(script), str(root), teams[0], csv],
            cwd=REPO,
            env=ENV,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.3, 1.5))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged += [line.split()[1] for line in out.splitlines() if line.startswith("checkin")]
        try:
            f = Flourish.open(root, clock)
        except Exception:
            unopenable += 1
            continue
        months: dict[object, int] = {}
        for name in names[:3]:
            for r in f.pulse_results(name):
                months[r.month] = months.get(r.month, 0) + 1
        partial += sum(n not in (0, 3) for n in months.values())
    found = {c.id for c in Flourish.open(root, clock).checkins(teams[0])}
    lost = len(set(acknowledged) - found)
    print(
        f"  {count} kills: {lost} of {len(acknowledged)} acknowledged check-ins lost, "
        f"{partial} pulse imports found in some teams but not all, {unopenable} workspaces "
        "that would not open"
    )


def _q(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--each", type=int, default=10, help="notes per command-line writer")
    parser.add_argument("--sessions", type=int, default=40, help="notes per long-lived writer")
    parser.add_argument("--kills", type=int, default=115)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        built = build(root, Path(tmp) / "stock.json", args.docs, args.seed)
        print(f"Workspace of {built['docs']} documents in {len(built['teams'])} teams")
        print("Same-record writers:")
        same_record(root, built["teams"][0], args.writers, args.each, args.sessions)
        print("Kills:")
        kills(root, built["teams"], built["team_names"], args.kills, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
