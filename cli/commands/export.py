"""The `flourish export` handlers: a calendar, a spreadsheet or a briefing pack, written to a
file (whole or not at all) with -o, else to standard output for a pipe."""

import argparse
import sys
from pathlib import Path

from cli.args import Group, output, team_option
from cli.context import open_program
from domain.errors import ValidationError
from storage.facade import CalendarScope, Flourish
from storage.facade.exports import INDEX_FILE

EVERY_TEAM = "one team (default: every team)"


def register(top: Group) -> None:
    exports = top.group("export", "calendars (iCal), spreadsheets (CSV) and briefing packs")

    p = exports.add("ics", ics, "a calendar to import into Google, Outlook or Apple")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--team", help="one team's whole program (name prefix or id)")
    who.add_argument("--person", metavar="EMAIL", help="one person's events, by email")
    who.add_argument(
        "--publish",
        metavar="FOLDER",
        help="write every audience's calendar there under names that never change, for "
        "calendar apps to subscribe to (see README)",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="only events on or after DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="only events on or before DATE")
    p.epilog = "Without --team or --person: the cluster's stakeholder briefings."
    output(p, "briefings.ics")

    p = exports.add("csv", csv, "actions, check-ins or challenges for a spreadsheet")
    p.add_argument("kind", choices=("actions", "checkins", "challenges"), help="which table")
    team_option(p, help=EVERY_TEAM)
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="include confidential check-in notes (for your own records only)",
    )
    output(p, "actions.csv")

    p = exports.add("briefing-pack", briefing_pack, "a summary for a stakeholder briefing")
    team_option(p, help=EVERY_TEAM)
    p.add_argument("--briefing", metavar="ID", help="for this briefing: its title and teams")
    p.add_argument(
        "--format", choices=("md", "html"), help="Markdown or HTML (default: from -o, else md)"
    )
    output(p, "pack.html")


def ics(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.publish:
        return publish(program, args)
    scope = CalendarScope(
        team=args.team,
        person=args.person,
        first=program.read_date(args.start) if args.start else None,
        last=program.read_date(args.end) if args.end else None,
    )
    path = Path(args.output) if args.output else None
    calendar = program.export_calendar(scope, path)
    count = len(calendar.events)
    what = f"{count} event{'s' * (count != 1)}"
    if path is not None:  # written by the export itself, which records it once written
        print(f"Wrote {what} to {path.expanduser().resolve()}.")
        return 0
    return _deliver(program, args, calendar.to_ical(), what)


def publish(program: Flourish, args: argparse.Namespace) -> int:
    if args.output or args.start or args.end:
        raise ValidationError(
            "--publish writes every calendar whole into its folder: leave out -o, --from and --to."
        )
    done = program.publish_calendars(Path(args.publish))
    folder = Path(args.publish).expanduser().resolve()
    events = sum(len(p.export.events) for p in done)
    print(
        f"Published {len(done)} calendars ({events} events) to {folder}; {INDEX_FILE} there "
        "says whose each file is. Run this again after changes: the names stay the same."
    )
    return 0


def csv(args: argparse.Namespace) -> int:
    program = open_program(args)
    data = program.table(args.kind, args.team, include_confidential=args.include_confidential)
    return _deliver(program, args, data, f"the {args.kind} table")


def briefing_pack(args: argparse.Namespace) -> int:
    program = open_program(args)
    html = args.format == "html" or (
        args.format is None and args.output and Path(args.output).suffix in (".html", ".htm")
    )
    text = program.briefing_pack(args.team, args.briefing, html=bool(html))
    return _deliver(program, args, text.encode("utf-8"), "the briefing pack")


def _deliver(program: Flourish, args: argparse.Namespace, data: bytes, what: str) -> int:
    if args.output:
        path = program.save_export(Path(args.output), data)
        print(f"Wrote {what} to {path}.")
    elif sys.stdout.isatty():  # read on screen: user text must not drive the terminal
        print(data.decode("utf-8-sig"), end="")
    else:  # piped or redirected: the file's bytes exactly
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
