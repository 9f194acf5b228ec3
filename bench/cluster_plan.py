"""How the cluster development plan behaves at the scale of a local authority: cascading one
cluster action into every school's plan (500 files in one step) and undoing it, the plan's
progress across the schools (a fresh session, then warm), and the cluster briefing pack that
carries it; beside stock TinyDB inserting one document into each of the same 500 files, and
the dashboard's status, measured in the same run. Asserts nothing.

Run from the repo root:

    .venv/bin/python bench/cluster_plan.py [--sizes 100000] [--repeat 5]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import build, clock, size_label
from timing import show, timed
from tinydb import TinyDB

from storage.facade import Flourish


def stock_writes(root: Path) -> None:
    """Stock TinyDB: one document into each team's file, as a cascade writes one action."""
    for path in sorted((root / "teams").glob("*.json")):
        with TinyDB(path) as db:
            db.table("bench").insert({"title": "Shared CPD"})


def run(docs: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        build(root, Path(tmp) / "stock.json", docs, seed=1)
        program = Flourish.open(root, clock)
        teams = len(program.teams())
        print(f"{size_label(docs)} documents, {teams} schools:")
        stock = timed(repeat, lambda: stock_writes(root))
        show(f"stock TinyDB, one insert into each of {teams} files (baseline)", stock)
        actions = [
            program.add_cluster_action(f"Cluster action {n}", schools=["all"]) for n in range(5)
        ]
        cascade: list[float] = []
        undo: list[float] = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            program.cascade_cluster_action(actions[0].id)
            cascade.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            program.undo()
            undo.append((time.perf_counter() - t0) * 1000)
        show(f"cascade one action to {teams} schools, one step", cascade, stock, of="stock")
        show("undo that cascade", undo, stock, of="stock")
        for a in actions:
            program.cascade_cluster_action(a.id)
        status = timed(repeat, lambda: program.status())
        show("dashboard status, every team (baseline)", status)
        t0 = time.perf_counter()
        fresh = Flourish.open(root, clock)
        [fresh.cascade(a) for a in fresh.cluster_actions()]
        print(f"  plan progress, 5 actions x {teams} schools, new session {ms(t0):8.0f} ms")
        warm = timed(repeat, lambda: [fresh.cascade(a) for a in fresh.cluster_actions()])
        show("plan progress, warm", warm, status, of="the dashboard's status")
        pack = timed(repeat, lambda: fresh.briefing_pack())
        show("cluster briefing pack with the plan", pack, status, of="the dashboard's status")


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for docs in (int(s) for s in args.sizes.split(",")):
        run(docs, args.repeat)


if __name__ == "__main__":
    main()
