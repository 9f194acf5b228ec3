"""`flourish leaders`: aspiring leaders across the cluster, their activities beyond their own
school, and the feedback on each."""

import argparse

from cli.args import Group, json_flag, json_list
from cli.context import open_program, parse_day, team_names
from cli.output import records, short
from cli.output.cluster_tables import activity_lines, leader_table


def register(top: Group) -> None:
    group = top.group("leaders", "aspiring leaders and their learning beyond their school")
    p = group.add("list", leaders_list, "every aspiring leader")
    json_list(p)
    p = group.add("show", leaders_show, "one leader, their activities and feedback")
    p.add_argument("leader", help="their name (its start will do) or id")
    json_flag(p)
    p = group.add("add", leaders_add, "add an aspiring leader")
    p.add_argument("name")
    p.add_argument("--team", required=True, help="their own school")
    p.add_argument("--role", default="")
    p.add_argument("--email", default="")
    p.add_argument("--mentor", default="", help="who supports them")
    p = group.add("activity", leaders_activity, "add a development activity for a leader")
    p.add_argument("leader", help="their name or id")
    p.add_argument("title", help="the activity, e.g. 'Lead the shared music project'")
    p.add_argument("--where", default="", help="beyond their school: which school or group")
    p.add_argument("--success-criteria", default="", help="what will show it went well")
    p.add_argument("--behaviours", default="", help="the leadership behaviours, comma-separated")
    p.add_argument("--outcome", default="none", choices=("none", "report", "presentation"))
    p.add_argument("--outcome-to", default="", help="who receives the report or presentation")
    p.add_argument("--outcome-on", metavar="DATE", help="when it is due")
    p = group.add("feedback", leaders_feedback, "add dated feedback on an activity")
    p.add_argument("activity", help="the activity's id (or its first characters)")
    p.add_argument("text", help="the feedback")
    p.add_argument("--on", metavar="DATE", help="when it was given (default: today)")
    p = group.add("remove", leaders_remove, "remove an aspiring leader and their activities")
    p.add_argument("leader", help="their name or id")


def leaders_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    rows = [(p, program.leader_activities(p.id)) for p in program.leaders()]
    if args.json:
        records.print_json(
            [records.to_record(p) | {"activities": records.to_record(a)} for p, a in rows]
        )
        return 0
    if not rows:
        print("No aspiring leader yet: add one with `flourish leaders add NAME --team SCHOOL`.")
        return 0
    leader_table(rows, team_names(program))
    return 0


def leaders_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    p = program.leader(args.leader)
    activities = program.leader_activities(p.id)
    if args.json:
        records.print_json(records.to_record(p) | {"activities": records.to_record(activities)})
        return 0
    school = team_names(program).get(p.team_id, "?")
    print(f"{p.name}  (id {short(p.id)})")
    print(f"  {p.role + ', ' if p.role else ''}{school}")
    if p.mentor:
        print(f"  Mentor: {p.mentor}")
    for a in activities:
        activity_lines(a)
    if not activities:
        print("  No activity yet: `flourish leaders activity NAME TITLE` adds one.")
    return 0


def leaders_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_leader(
        args.name, args.team, role=args.role, email=args.email, mentor=args.mentor
    )
    print(f"Added {made.name} (id {short(made.id)}).")
    return 0


def leaders_activity(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_leader_activity(
        args.leader,
        args.title,
        where=args.where,
        success_criteria=args.success_criteria,
        behaviours=args.behaviours,
        outcome=args.outcome,
        outcome_to=args.outcome_to,
        outcome_on=parse_day(program, args.outcome_on),
    )
    print(f"Added the activity (id {short(made.id)}).")
    return 0


def leaders_feedback(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_feedback(args.activity, args.text, on=parse_day(program, args.on, "past"))
    print(f"Added feedback; the activity has {len(made.feedback)} entries.")
    return 0


def leaders_remove(args: argparse.Namespace) -> int:
    gone = open_program(args).delete_leader(args.leader)
    print(f"Removed {gone.name} and their activities. `flourish undo` brings them back.")
    return 0
