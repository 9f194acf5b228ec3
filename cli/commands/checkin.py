"""`flourish checkin`: log a coaching check-in (notes from --notes, stdin or $EDITOR, with the
actions agreed and updated) and list them."""

import argparse
import sys

from cli.args import Group, json_list, positive, team_option
from cli.context import find_team_id, open_program, parse_day, team_names
from cli.editing import edit
from cli.output import records, short, tables
from domain.checkins import CheckIn, withheld
from domain.errors import ValidationError
from domain.text import quoted
from storage.facade import ActionChange, Flourish, NewAction


def register(top: Group) -> None:
    checkins = top.group("checkin", "log and list coaching check-ins")
    p = checkins.add("add", checkin_add, "log a check-in")
    team_option(p, required=True)
    p.add_argument("--date", default="today", help="when it happened (default today)")
    p.add_argument("--kind", default="coaching", help="coaching, webinar, workshop...")
    p.add_argument("--notes", help="the notes; - reads them from stdin")
    p.add_argument("--attendee", action="append", default=[], help="who attended")
    p.add_argument("--confidential", action="store_true", help="keep notes out of exports")
    p.add_argument("--next", help="when the next check-in is due")
    p.add_argument("--coach", help="who coached (default: the team's coach)")
    p.add_argument("--action", action="append", default=[], help="a new action agreed")
    p.add_argument(
        "--update", action="append", default=[], metavar="ID=STATUS", help="an action's new status"
    )
    p = checkins.add("list", checkin_list, "list check-ins, newest first")
    team_option(p)
    p.add_argument("--limit", type=positive, help="at most this many")
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="show confidential notes too (for your own records only)",
    )
    json_list(p)


def checkin_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    on = program.read_date(args.date, prefer="past")
    next_checkin = parse_day(program, args.next)
    changes = [_action_change(spec) for spec in args.update]
    for change in changes:
        program.action(change.action_id)  # refuses an unknown id
    # Refuse bad details before anyone spends time writing notes in an editor.
    kind = program.check_checkin(on=on, kind=args.kind, next_checkin=next_checkin)
    notes = _notes(args.notes, f"{kind} check-in with {team.name} on {on}")
    checkin = program.log_checkin(
        team.id,
        on=on,
        kind=kind,
        notes=notes,
        coach=args.coach,
        attendees=args.attendee,
        confidential=args.confidential,
        next_checkin=next_checkin,
        new_actions=[NewAction(title=title) for title in args.action],
        action_changes=changes,
    )
    (state,) = program.status([team])
    print(
        f"Logged {checkin.kind} check-in with {team.name} on {checkin.date} "
        f"(id {short(checkin.id)}). Next check-in due {state.checkin_due}."
    )
    _say_actions(program, checkin, len(args.action))
    for warning in program.checkin_warnings(checkin):
        print(f"flourish: note: {warning}", file=sys.stderr)
    return 0


def _say_actions(program: Flourish, checkin: CheckIn, agreed: int) -> None:
    """The actions the check-in made (the first `agreed` of its ids) and those it updated."""
    for i, action in enumerate(program.action(a) for a in checkin.action_ids):
        if i < agreed:
            print(f"Added the action {quoted(action.title)} (id {short(action.id)}).")
        else:
            print(f"Updated the action {quoted(action.title)}: {action.status.value}.")


def _action_change(spec: str) -> ActionChange:
    action_id, sep, status = spec.partition("=")
    if not sep or not action_id.strip() or not status.strip():
        raise ValidationError(
            f"--update {quoted(spec)}: write it as ACTION_ID=STATUS, e.g. 1a2b3c4d=done."
        )
    return ActionChange(action_id=action_id.strip(), status=status.strip())


def _notes(given: str | None, subject: str) -> str:
    """--notes TEXT, --notes - for stdin, or $EDITOR when typing at a terminal."""
    if given == "-":
        return sys.stdin.read()
    if given is not None or not sys.stdin.isatty():
        return given or ""
    return _edit(f"# Notes for the {subject}.\n# Lines starting with # are ignored.\n")


def _edit(template: str) -> str:
    notes = edit(template, "the check-in")
    if not notes:
        raise ValidationError("No notes were written, so the check-in was not logged.")
    return notes


def checkin_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    checkins = program.checkins(team_id)[: args.limit]
    if not args.include_confidential:  # output that may be piped or shared: as the CSV does
        checkins = [withheld(c) for c in checkins]
    if args.json:
        records.print_json(checkins)
    else:
        tables.checkin_table(checkins, team_names(program))
    return 0
