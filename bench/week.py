"""How long the cross-team views take at the scale of a local authority: the week (the chair's
whole cluster, and one coach's teams) and a cluster-wide search, beside the dashboard's
status of every team read in the same run (the baseline). Asserts nothing.

Run from the repo root:

    .venv/bin/python bench/week.py [--sizes 10000,100000] [--repeat 5]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import build, clock, size_label
from timing import show, timed

from storage.facade import Flourish


def run(docs: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        build(root, Path(tmp) / "stock.json", docs, seed=1)
        print(f"{size_label(docs)} documents:")
        t0 = time.perf_counter()
        program = Flourish.open(root, clock)
        program.week("")  # every team file read once, as a session would have
        first = (time.perf_counter() - t0) * 1000
        print(f"  first week of the session (files read)   {first:8.0f} ms")
        coach = program.teams()[0].coach.name
        base = timed(repeat, lambda: program.status())
        show("dashboard status, every team (baseline)", base)
        show(
            "week, whole cluster",
            timed(repeat, lambda: program.week("")),
            base,
            of="the dashboard's status",
        )
        show(
            f"week, one coach ({coach})",
            timed(repeat, lambda: program.week(coach)),
            base,
            of="the dashboard's status",
        )
        show(
            "search, whole cluster",
            timed(repeat, lambda: program.search("plan")),
            base,
            of="the dashboard's status",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for docs in (int(s) for s in args.sizes.split(",")):
        run(docs, args.repeat)


if __name__ == "__main__":
    main()
