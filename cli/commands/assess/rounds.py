"""`flourish assess conditions`, `rounds` and `round add/rename/delete`: what the
sustainability grid asks each school to rate, and the rounds the ratings go into."""

import argparse

from cli.args import Group, json_flag
from cli.context import open_program, parse_day
from cli.output import quoted, records
from domain.scales import parse_keyed
from domain.sustainability import Condition

BANDS = "low 0-3, medium 4-7, high 8-10"


def register(assess: Group) -> None:
    p = assess.add("conditions", conditions, "the grid's conditions for success")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar='"key=Label"',
        help="the conditions become exactly those given, in order (repeat for each)",
    )
    json_flag(p)

    p = assess.add("rounds", rounds, "the self-assessment rounds, oldest first")
    json_flag(p)
    group = assess.group("round", "start, rename or delete a self-assessment round")
    p = group.add("add", round_add, "start a round (ratings go into the latest)")
    p.add_argument("name", metavar="NAME", help='e.g. "Autumn 2026"')
    p.add_argument("--on", metavar="DATE", help="the day it opened (default today)")
    p = group.add("rename", round_rename, "rename a round")
    p.add_argument("round", metavar="ROUND", help="the round's name")
    p.add_argument("name", metavar="NEW", help="its new name")
    p = group.add("delete", round_delete, "delete a round nobody has rated in")
    p.add_argument("round", metavar="ROUND", help="the round's name")


def conditions(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.set:
        cluster = program.update_cluster(conditions=[_condition(s) for s in args.set])
        found = cluster.template.conditions
    else:
        found = program.conditions()
    if args.json:
        records.print_json({"conditions": [records.keyed_record(c) for c in found]})
        return 0
    if args.set:
        print("Updated the self-assessment's conditions.")
    for c in found:
        print(f"  {c.key}: {c.label}")
    print(f"Each school rates each condition 0-10 with its evidence: {BANDS}.")
    return 0


def _condition(spec: str) -> Condition:
    return parse_keyed(spec, Condition, "impact=Impact measurement")


def rounds(args: argparse.Namespace) -> int:
    program = open_program(args)
    found = program.assessment_rounds()
    ratings = program.ratings()
    counts = {
        r.id: (
            sum(x.round_id == r.id for x in ratings),
            len({x.team_id for x in ratings if x.round_id == r.id}),
        )
        for r in found
    }
    if args.json:
        records.print_json(
            [
                records.round_record(r) | {"ratings": counts[r.id][0], "schools": counts[r.id][1]}
                for r in found
            ]
        )
        return 0
    if not found:
        print("No self-assessment rounds yet. Start one with `flourish assess round add NAME`.")
        return 0
    print("Self-assessment rounds, oldest first (ratings go into the latest unless --round):")
    width = max(len(r.name) for r in found)
    for r in found:
        made, schools = counts[r.id]
        rated = f"{made} ratings from {schools} school{'s' * (schools != 1)}" if made else "none"
        latest = "  (latest)" if r is found[-1] else ""
        print(f"  {r.name:<{width}}  opened {r.opened_on}  rated: {rated}{latest}")
    return 0


def round_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    on = parse_day(program, args.on, "past")
    made = program.start_round(args.name, on)
    latest = program.assessment_round()
    print(f"Started the self-assessment round {quoted(made.name)}, opened {made.opened_on}.")
    if latest.id == made.id:
        print("Ratings go into it unless --round names another.")
    else:
        print(f"It opened before {quoted(latest.name)}, which stays the default round for ratings.")
    return 0


def round_rename(args: argparse.Namespace) -> int:
    program = open_program(args)
    old = program.assessment_round(args.round)
    made = program.rename_round(old.id, args.name)
    print(f"Renamed the round {quoted(old.name)} to {quoted(made.name)}.")
    return 0


def round_delete(args: argparse.Namespace) -> int:
    program = open_program(args)
    gone = program.delete_round(args.round)
    print(f"Deleted the round {quoted(gone.name)}.")
    return 0
