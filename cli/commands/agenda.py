"""`flourish agenda`: what is due across my teams, in date order (late things first):
check-ins, actions (with their owners), workshops and milestones, briefings, and challenges
waiting on me. Each line's id opens the record (`action show`, `briefing show`...)."""

import argparse

from cli.args import Group, json_flag, positive
from cli.context import open_program, user
from cli.output import records
from cli.output.week_tables import week_table


def register(top: Group) -> None:
    p = top.add("agenda", agenda, "what is due across my teams this week, late things first")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--coach", metavar="NAME", help="this coach's teams")
    who.add_argument(
        "--me", action="store_true", help="your teams, by your name in the settings (default)"
    )
    who.add_argument("--cluster", action="store_true", help="every team (as the chair sees it)")
    p.add_argument("--days", type=positive, default=7, help="how many days ahead (default 7)")
    json_flag(p)


def agenda(args: argparse.Namespace) -> int:
    program = open_program(args)
    person = "" if args.cluster else args.coach or user(args)
    week = program.week(person, days=args.days, coach=bool(args.coach))
    if args.json:
        records.print_json(
            {
                "whose": week.whose,
                "from": week.first.isoformat(),
                "days": week.days,
                "items": [records.to_record(i) | {"late": i.late} for i in week.items],
            }
        )
    else:
        week_table(week)
    return 0
