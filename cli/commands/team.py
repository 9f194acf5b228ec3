"""`flourish team`: add, list and show school leadership teams; archive, restore or remove\none."""

import argparse
import sys

from cli.args import TEAM, Group, json_flag, json_list
from cli.context import open_program
from cli.output import records, short, tables
from domain.errors import ValidationError
from domain.records import parse_person


def register(top: Group) -> None:
    teams = top.group("team", "add, list, show and archive school leadership teams")
    p = teams.add("add", team_add, "add a school's leadership team")
    p.add_argument("--name", required=True, help="the school")
    p.add_argument("--start", required=True, help="program start date")
    p.add_argument("--coach", required=True, help='the coach: "Name, email"')
    p.add_argument("--member", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--line-manager", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--type", default="", help="primary, secondary...")
    p = teams.add("list", team_list, "list the teams")
    p.add_argument("--archived", action="store_true", help="list the archived teams instead")
    json_list(p)
    p = teams.add("archive", team_archive, "take a team out of the program, keeping its records")
    p.add_argument("team", help=TEAM)
    p = teams.add("restore", team_restore, "bring an archived team back into the program")
    p.add_argument("team", help="an archived team's name prefix or id")
    p = teams.add("remove", team_remove, "remove an archived team for good (a backup is kept)")
    p.add_argument("team", help="an archived team's name prefix or id")
    p.add_argument("--yes", action="store_true", help="do not ask first")
    p = teams.add("show", team_show, "a team's people, stage and timeline")
    p.add_argument("team", help=TEAM)
    json_flag(p)


def team_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.add_team(
        args.name,
        start=program.read_date(args.start),
        coach=parse_person(args.coach),
        members=[parse_person(m) for m in args.member],
        line_managers=[parse_person(m) for m in args.line_manager],
        school_type=args.type,
    )
    print(f"Added {team.name}, starting {team.start} (id {short(team.id)}).")
    return 0


def team_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    teams = program.teams(archived=args.archived)
    if args.archived and not args.json:
        for team in teams:
            print(f"{short(team.id)}  {team.name}  archived {team.archived_on}")
        if not teams:
            print("No archived teams.")
        return 0
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


def team_archive(args: argparse.Namespace) -> int:
    team = open_program(args).archive_team(args.team)
    print(
        f"Archived {team.name}: it leaves the dashboard, status and exports; its records are "
        f"kept. `flourish team restore {short(team.id)}` brings it back."
    )
    return 0


def team_restore(args: argparse.Namespace) -> int:
    team = open_program(args).restore_team(args.team)
    print(f"Restored {team.name} to the program.")
    return 0


def team_remove(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team, archived=True)
    if not args.yes:
        question = f"Remove {team.name} and all its records for good? A backup is kept."
        if not sys.stdin.isatty():
            raise ValidationError(f"{question} Run with --yes to do it.")
        if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
            raise ValidationError(f"{team.name} was not removed.")
    removed, backup = program.remove_team(team.id)
    print(f"Removed {removed.name}. A copy of its records is in {backup}.")
    return 0
