"""What sharing a cluster through git costs, beside plain `git fetch` in the same run.

For workspaces of 50 and 500 teams (about 200 records each, built as checkin_write.py builds
them) shared at a bare repository in a temp folder, it measures:

  * `share init` (the chair's whole workspace into the share) and a coach's `share join`;
  * a sync with nothing to do, on the coach's workspace, beside `git fetch` of the same
    remote into the coach's repository (nothing new either), and beside dulwich's fetch alone;
  * one changed record end to end: the chair logs a check-in, the chair syncs, the coach syncs;
  * the whole `flourish checkin add` process on the shared workspace and on an unshared copy
    of it (sharing must not slow quick capture);
  * the share's size on disk.

Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python bench/sync.py [--teams 50,500] [--repeat 7]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import DOCS_PER_TEAM, NOW_ENV, build, clock

from domain.records import Person
from storage.facade import Flourish
from storage.sync.repo import ShareRepo
from storage.sync.share import Share
from storage.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
CHAIR = Person(name="Chair Person", email="chair@example.org")
COACH = Person(name="Coach Zero", email="coach0@example.org")


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def summary(samples: list[float]) -> str:
    return f"{statistics.median(samples):8.0f} ms  ({min(samples):.0f}–{max(samples):.0f})"


def sync(root: Path):
    with Share.open(Workspace.open(root, clock)) as share:
        return share.sync()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def one_change(chair_root: Path, coach_root: Path, repeat: int) -> None:
    """One check-in end to end, `repeat` times: the chair logs it and syncs, the coach syncs."""
    publish, receive, both = [], [], []
    team_id = Flourish.open(chair_root, clock).teams()[0].id
    for i in range(repeat):
        fl = Flourish.open(chair_root, clock, user="Chair Person")
        fl.log_checkin(team_id, on=date(2026, 11, 20), notes=f"Bench check-in {i}")
        t0 = time.perf_counter()
        sync(chair_root)
        publish.append(ms(t0))
        t1 = time.perf_counter()
        report = sync(coach_root)
        receive.append(ms(t1))
        both.append(ms(t0))
        assert report.received == 1, report
    print(f"  one check-in: chair's sync         {summary(publish)}")
    print(f"  one check-in: coach's sync         {summary(receive)}")
    print(f"  one check-in, end to end           {summary(both)}")


def cli(root: Path, *args: str) -> float:
    env = {**os.environ, "FLOURISH_NOW": NOW_ENV}
    t0 = time.perf_counter()
    subprocess.run(
        [str(REPO / ".venv/bin/flourish"), "--workspace", str(root), *args],
        env=env,
        check=True,
        capture_output=True,
    )
    return ms(t0)


def bench(teams: int, repeat: int, folder: Path) -> None:
    chair_root, coach_root = folder / "chair", folder / "coach"
    remote = folder / "remote.git"
    t0 = time.perf_counter()
    build(chair_root, folder / "stock.json", teams * DOCS_PER_TEAM, seed=teams)
    print(f"\n{teams} teams, {teams * DOCS_PER_TEAM} records (built in {ms(t0) / 1000:.1f} s)")
    plain = folder / "unshared"
    shutil.copytree(chair_root, plain)

    t0 = time.perf_counter()
    with Share.init(Workspace.open(chair_root, clock), str(remote), CHAIR):
        pass
    print(f"  share init (chair)                 {ms(t0):8.0f} ms")
    t0 = time.perf_counter()
    with Share.join(coach_root, str(remote), COACH, clock):
        pass
    print(f"  share join (coach's first sync)    {ms(t0):8.0f} ms")
    sync(chair_root)

    idle = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        report = sync(coach_root)
        idle.append(ms(t0))
        assert report.received == 0 and report.shared == 0, report
    git_fetch = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(
            ["git", "--git-dir", str(coach_root / "share.git"), "fetch", "-q", str(remote), "main"],
            check=True,
        )
        git_fetch.append(ms(t0))
    dulwich_fetch = []
    for _ in range(repeat):
        repo = ShareRepo(coach_root / "share.git")
        t0 = time.perf_counter()
        repo.fetch(str(remote))
        dulwich_fetch.append(ms(t0))
        repo.close()
    print(f"  sync, nothing to do                {summary(idle)}")
    print(f"  git fetch, nothing new (baseline)  {summary(git_fetch)}")
    print(f"  dulwich fetch alone                {summary(dulwich_fetch)}")
    ratio = statistics.median(idle) / statistics.median(git_fetch)
    print(f"    ratio sync / git fetch           {ratio:8.1f}x")

    one_change(chair_root, coach_root, repeat)

    shared_add, plain_add = [], []
    team = Flourish.open(plain, clock).teams()[0].name
    args = ("checkin", "add", "--team", team, "--date", "2026-11-20", "--notes", "quick")
    for _ in range(max(3, repeat // 2)):
        shared_add.append(cli(coach_root, *args))
        plain_add.append(cli(plain, *args))
    print(f"  flourish checkin add, shared       {summary(shared_add)}")
    print(f"  flourish checkin add, not shared   {summary(plain_add)}")
    size = folder_size(coach_root / "share.git") / 1e6
    print(f"  share.git on disk (coach)          {size:8.1f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", default="50,500")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for teams in (int(t) for t in args.teams.split(",")):
        with tempfile.TemporaryDirectory(prefix="flourish-sync-bench-") as tmp:
            os.environ["FLOURISH_CONFIG"] = str(Path(tmp) / "config.toml")
            bench(teams, args.repeat, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
