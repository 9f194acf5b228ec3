"""What keeping calendars right costs: an export recorded in the calendar ledger (so that no
event goes backwards or vanishes) beside the same calendar built without it (the preview), a
whole-folder publish, and the ledger's size. Asserts nothing.

Run from the repo root:

    .venv/bin/python bench/calendars.py [--sizes 10000,100000] [--repeat 7]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin_write import build, clock, size_label
from timing import show, timed

from storage.calendar_ledger import LEDGER_FILE
from storage.facade import CalendarScope, Flourish


def run(docs: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, site = Path(tmp) / "ws", Path(tmp) / "site"
        site.mkdir()
        build(root, Path(tmp) / "stock.json", docs, seed=1)
        program = Flourish.open(root, clock)
        teams = program.teams()
        scope = CalendarScope(team=teams[len(teams) // 2].id)
        print(f"{size_label(docs)} documents, {len(teams)} teams:")
        preview = timed(repeat, lambda: program.calendar(scope).to_ical())
        show("one team's calendar, preview (no ledger)", preview)
        recorded = timed(repeat, lambda: program.export_calendar(scope).to_ical())
        show("one team's calendar, exported and recorded", recorded, preview, of="the preview")
        t0 = time.perf_counter()
        published = program.publish_calendars(site)
        took = (time.perf_counter() - t0) * 1000
        events = sum(len(p.export.events) for p in published)
        print(f"  publish every calendar (first time)          {took:8.0f} ms  "
              f"({len(published)} files, {events} events)")  # fmt: skip
        size = (root / LEDGER_FILE).stat().st_size
        print(f"  ledger after publishing                      {size / 1024:8.0f} KB")
        after = timed(repeat, lambda: program.export_calendar(scope).to_ical())
        show("one team's calendar, recorded, full ledger", after, preview, of="the preview")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="documents, comma-separated")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for docs in (int(s) for s in args.sizes.split(",")):
        run(docs, args.repeat)


if __name__ == "__main__":
    main()
