"""What sharing a cluster through a synced folder costs, beside plain `git fetch` of the same
bundle in the same run.

For workspaces of 50 and 500 teams (about 200 records each, built as checkin_write.py builds
them) shared through one folder (as a network drive gives it; a cloud client would also upload
and download the files), it measures:

  * a sync with nothing to do, on the coach's workspace, beside `git fetch` of the chair's
    bundle into the coach's repository (nothing new either);
  * one changed record end to end: the chair logs a check-in, the chair syncs (its bundle
    written), the coach syncs (the bundle read);
  * the size of a bundle, and per 1,000 records.

Prints figures; asserts nothing. Run from the repo root:

    .venv/bin/python bench/folder_sync.py [--teams 50,500] [--repeat 5]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import DOCS_PER_TEAM, build, clock
from sync import CHAIR, COACH, ms, one_change, summary, sync

from storage.sync.share import Share
from storage.workspace import Workspace


def bench(teams: int, repeat: int, tmp: Path) -> None:
    chair_root, coach_root, folder = tmp / "chair", tmp / "coach", tmp / "drive"
    t0 = time.perf_counter()
    records = teams * DOCS_PER_TEAM
    build(chair_root, tmp / "stock.json", records, seed=teams)
    print(f"\n{teams} teams, {records} records (built in {ms(t0) / 1000:.1f} s)")
    t0 = time.perf_counter()
    with Share.init(Workspace.open(chair_root, clock), f"folder:{folder}", CHAIR) as share:
        chair_bundle = folder / "outbox" / f"{share.state.replica}.bundle"
    print(f"  share init --folder (chair)        {ms(t0):8.0f} ms")
    t0 = time.perf_counter()
    with Share.join(coach_root, f"folder:{folder}", COACH, clock):
        pass
    print(f"  share join --folder (coach)        {ms(t0):8.0f} ms")
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
            [
                "git",
                "--git-dir",
                str(coach_root / "share.git"),
                "fetch",
                "-q",
                str(chair_bundle),
                "refs/heads/main",
            ],
            check=True,
        )
        git_fetch.append(ms(t0))
    print(f"  sync, nothing to do                {summary(idle)}")
    print(f"  git fetch of the bundle (baseline) {summary(git_fetch)}")

    one_change(chair_root, coach_root, repeat)
    size = chair_bundle.stat().st_size
    print(f"  the chair's bundle                 {size / 1e6:8.2f} MB")
    print(f"    per 1,000 records                {size / records:8.0f} KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", default="50,500")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for teams in (int(t) for t in args.teams.split(",")):
        with tempfile.TemporaryDirectory(prefix="flourish-folder-bench-") as tmp:
            os.environ["FLOURISH_CONFIG"] = str(Path(tmp) / "config.toml")
            bench(teams, args.repeat, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
