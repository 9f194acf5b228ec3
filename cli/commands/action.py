"""`flourish action`: the HPT action plan's items: add, list, show and update."""

import argparse

from cli.args import Group, json_flag, json_list, record_id, team_option
from cli.context import open_program, parse_day, team_names
from cli.output import records, short, tables
from domain.dates import weekday_day
from domain.errors import ValidationError
from domain.text import quoted


def register(top: Group) -> None:
    actions = top.group("action", "the HPT action plan")
    p = actions.add("add", action_add, "add an action plan item")
    team_option(p, required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--owner", default="")
    p.add_argument("--stage", type=int, help="1-3 (default: the current stage)")
    p.add_argument("--due", help="due date")
    p.add_argument("--status", default="not-started")
    p.add_argument("--criteria", default="", help="what will the difference look like")
    p = actions.add("list", action_list, "list action plan items, across the cluster or one team")
    team_option(p)
    p.add_argument("--status", help="only this status")
    p.add_argument("--overdue", "--late", action="store_true", help="only late (overdue) items")
    p.add_argument("--due-week", action="store_true", help="only open items due in 7 days")
    p.add_argument("--owner", help="only this owner's items (the start of a name will do)")
    p.add_argument("--coach", help="only the teams this coach coaches")
    json_list(p)
    p = actions.add("show", action_show, "one action plan item with its progress notes")
    record_id(p, "action")
    json_flag(p)
    p = actions.add("update", action_update, "change an action plan item")
    record_id(p, "action")
    p.add_argument("--status")
    p.add_argument("--note", default="", help="a dated progress note")
    p.add_argument("--title")
    p.add_argument("--owner")
    p.add_argument("--stage", type=int)
    p.add_argument("--due")
    p.add_argument("--criteria")
    p.add_argument("--evidence")


def action_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    action = program.add_action(
        team.id,
        args.title,
        owner=args.owner,
        stage=args.stage,
        due=parse_day(program, args.due),
        status=args.status,
        success_criteria=args.criteria,
    )
    due = f", due {weekday_day(action.due)}" if action.due else ""
    print(f"Added action {quoted(action.title)} for {team.name}{due} (id {short(action.id)}).")
    return 0


def action_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    actions = program.find_actions(
        team=args.team,
        status=args.status,
        late=args.overdue,
        due_week=args.due_week,
        owner=args.owner or "",
        coach=args.coach or "",
    )
    if args.json:
        records.print_json(actions)
    else:
        tables.action_table(actions, team_names(program), program.today())
    return 0


def action_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    action = program.action(args.id)
    if args.json:
        records.print_json(action)
    else:
        tables.action_detail(action, team_names(program), program.today())
    return 0


def action_update(args: argparse.Namespace) -> int:
    program = open_program(args)
    fields = {
        "title": args.title,
        "owner": args.owner,
        "stage": args.stage,
        "due": parse_day(program, args.due),
        "success_criteria": args.criteria,
        "evidence": args.evidence,
    }
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes and args.status is None and not args.note:
        raise ValidationError("Nothing to change: give --status, --note, --due or another field.")
    action = program.update_action(args.id, status=args.status, note=args.note, **changes)
    print(f"Updated {quoted(action.title)}: {action.status.label}, due {action.due or 'not set'}.")
    return 0
