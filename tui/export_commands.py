"""The `flourish export` handlers: a calendar, a spreadsheet or a briefing pack, written to a
file (whole or not at all) with -o, else to standard output for a pipe."""

import sys
from pathlib import Path

from domain.dates import parse_date
from storage.facade import CalendarScope, save_export
from tui.commands import open_program


def ics(args) -> int:
    program = open_program(args)
    today = program.today()
    scope = CalendarScope(
        team=args.team,
        person=args.person,
        first=parse_date(args.start, today) if args.start else None,
        last=parse_date(args.end, today) if args.end else None,
    )
    calendar = program.calendar(scope)
    count = len(calendar.events)
    return _deliver(args, calendar.to_ical(), f"{count} event{'s' * (count != 1)}")


def csv(args) -> int:
    program = open_program(args)
    data = program.table(args.kind, args.team, include_confidential=args.include_confidential)
    return _deliver(args, data, f"the {args.kind} table")


def briefing_pack(args) -> int:
    program = open_program(args)
    html = args.format == "html" or (
        args.format is None and args.output and Path(args.output).suffix in (".html", ".htm")
    )
    text = program.briefing_pack(args.team, args.briefing, html=bool(html))
    return _deliver(args, text.encode("utf-8"), "the briefing pack")


def _deliver(args, data: bytes, what: str) -> int:
    if args.output:
        path = save_export(Path(args.output), data)
        print(f"Wrote {what} to {path}.")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
