"""`flourish team`: add, list and show school leadership teams."""

import argparse

from cli.args import TEAM, Group, json_flag, json_list
from cli.context import open_program
from cli.output import records, short, tables
from domain.dates import parse_date
from domain.records import parse_person


def register(top: Group) -> None:
    teams = top.group("team", "add, list and show school leadership teams")
    p = teams.add("add", team_add, "add a school's leadership team")
    p.add_argument("--name", required=True, help="the school")
    p.add_argument("--start", required=True, help="program start date")
    p.add_argument("--coach", required=True, help='the coach: "Name, email"')
    p.add_argument("--member", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--line-manager", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--type", default="", help="primary, secondary...")
    p = teams.add("list", team_list, "list the teams")
    json_list(p)
    p = teams.add("show", team_show, "a team's people, stage and timeline")
    p.add_argument("team", help=TEAM)
    json_flag(p)


def team_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.add_team(
        args.name,
        start=parse_date(args.start, program.today()),
        coach=parse_person(args.coach),
        members=[parse_person(m) for m in args.member],
        line_managers=[parse_person(m) for m in args.line_manager],
        school_type=args.type,
    )
    print(f"Added {team.name}, starting {team.start} (id {short(team.id)}).")
    return 0


def team_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    teams = program.teams()
    if args.json:
        records.print_json(teams)
    else:
        tables.team_table(program.status(teams))
    return 0


def team_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    (state,) = program.status([team])
    if args.json:
        records.print_json({"team": team, "status": records.status_record(state)})
    else:
        tables.team_detail(state, program.today())
    return 0
