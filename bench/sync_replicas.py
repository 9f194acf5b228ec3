"""Random edits, notes, check-ins and syncs on three replicas sharing one repository, many
times over (the state machine of tests/sync/test_sync_property.py, run longer than the test
suite can afford): prints how many runs ended with divergent replicas or a lost write.

    .venv/bin/python bench/sync_replicas.py [--examples 100] [--steps 40]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    os.environ["FLOURISH_CONFIG"] = str(Path(tempfile.mkdtemp()) / "config.toml")
    from tests.sync.test_sync_property import run_machine

    t0 = time.perf_counter()
    found = run_machine(args.examples, args.steps)
    seconds = time.perf_counter() - t0
    print(f"{len(found)} runs of up to {args.steps} steps on 3 replicas in {seconds:.0f} s")
    print(f"  runs with divergent replicas  {sum(1 for f in found if f[0])}")
    print(f"  lost field writes             {sum(f[1] for f in found)}")
    print(f"  lost progress notes           {sum(f[2] for f in found)}")
    print(f"  lost check-ins                {sum(f[3] for f in found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
