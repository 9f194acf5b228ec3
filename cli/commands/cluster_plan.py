"""`flourish cluster action` and `flourish cluster goal`: the cluster development plan (its
own actions, cascaded into the schools' plans) and the cluster's goals."""

import argparse

from cli.args import Group, comma_list, json_flag, json_list, record_id
from cli.context import open_program, parse_day, team_names
from cli.output import records, short
from cli.output.cluster_tables import (
    cluster_action_detail,
    cluster_action_table,
    cluster_goal_lines,
)
from domain.errors import ValidationError
from domain.text import quoted

ACTION_TEXT = (
    ("--title", "the action's title"),
    ("--owner", "who sees it through: the chair, a stakeholder, a head or a coach"),
    ("--success-criteria", "what will the difference look like"),
    ("--evidence", "what shows progress"),
    ("--from", "where it came from: finding:CONDITION, workshop:ID or goal:ID"),
)
GOAL_TEXT = (
    ("--now", "where the cluster is now"),
    ("--want", "where it wants to be"),
    ("--now-evidence", "what shows it (one item per line)"),
    ("--want-evidence", "what will show it is there (one item per line)"),
)


def register(cluster: Group) -> None:
    actions = cluster.group("action", "the cluster development plan's actions")
    p = actions.add("list", action_list, "the cluster's actions and their progress")
    p.add_argument("--open", action="store_true", help="only those not done or dropped")
    json_list(p)
    p = actions.add("show", action_show, "one cluster action and the schools' linked actions")
    record_id(p, "cluster action")
    json_flag(p)
    p = actions.add("add", action_add, "add an action to the cluster plan")
    p.add_argument("title", help="what the cluster will do")
    _action_options(p)
    p = actions.add("update", action_update, "change a cluster action, its status or progress")
    record_id(p, "cluster action")
    for flag, help in ACTION_TEXT:
        p.add_argument(flag, metavar="TEXT", help=help)
    _action_options(p, adding=False)
    p.add_argument("--note", default="", help="a progress note, dated today")
    p = actions.add("cascade", action_cascade, "a linked action in each involved school's plan")
    record_id(p, "cluster action")
    p.add_argument("--owner", default="", help="who owns it in each school (default: nobody yet)")
    p = actions.add("delete", action_delete, "delete a cluster action (schools' actions stay)")
    record_id(p, "cluster action")

    goals = cluster.group("goal", "where the cluster is now and where it wants to be")
    p = goals.add("list", goal_list, "the cluster's goals and their actions")
    p.add_argument("--area", choices=("plan", "governance"), help="only the plan's or governance's")
    json_list(p)
    p = goals.add("show", goal_show, "one goal and its actions")
    record_id(p, "goal")
    json_flag(p)
    p = goals.add("add", goal_add, "add a goal")
    for flag, help in GOAL_TEXT:
        p.add_argument(flag, required=flag in ("--now", "--want"), default="", help=help)
    p.add_argument("--area", choices=("plan", "governance"), default="plan", help="default: plan")
    p = goals.add("edit", goal_edit, "change a goal")
    record_id(p, "goal")
    for flag, help in GOAL_TEXT:
        p.add_argument(flag, metavar="TEXT", help=help)
    p = goals.add("delete", goal_delete, "delete a goal (its actions stay)")
    record_id(p, "goal")
    for name, verb in (("link", goal_link), ("unlink", goal_unlink)):
        p = goals.add(name, verb, f"{name} a cluster action and a goal")
        record_id(p, "goal")
        p.add_argument("action", metavar="ACTION_ID", help="the cluster action's id")


def _action_options(p: argparse.ArgumentParser, adding: bool = True) -> None:
    if adding:
        for flag, help in ACTION_TEXT[1:]:
            p.add_argument(flag, default="", metavar="TEXT", help=help)
    p.add_argument("--due", metavar="DATE", help="when it is due")
    p.add_argument("--status", help="not-started, in-progress, done, blocked or dropped")
    p.add_argument(
        "--schools",
        metavar="NAMES",
        help='the schools involved, comma-separated ("all" for every school)',
    )


def action_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    found = program.cluster_actions()
    if args.open:
        found = [a for a in found if a.status.value not in ("done", "dropped")]
    rows = [(a, program.cascade(a)) for a in found]
    if args.json:
        records.print_json([_action_record(a, c) for a, c in rows])
        return 0
    if not rows:
        print("The cluster plan has no actions yet: add one with `flourish cluster action add`.")
        return 0
    cluster_action_table(rows, program.today())
    return 0


def _action_record(a, cascade) -> dict:
    return records.to_record(a) | {
        "cascade": {
            "schools": cascade.schools,
            "done": cascade.done,
            "late": list(cascade.late),
            "missing": list(cascade.missing),
        }
    }


def action_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    a = program.cluster_action(args.id)
    cascade, linked = program.cascade(a), program.cascaded_actions(a)
    if args.json:
        records.print_json(_action_record(a, cascade) | {"from": program.origin_label(a)})
        return 0
    cluster_action_detail(
        a,
        names=team_names(program),
        cascade=cascade,
        linked=linked,
        origin=program.origin_label(a),
        today=program.today(),
    )
    return 0


def action_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_cluster_action(
        args.title,
        owner=args.owner,
        due=parse_day(program, args.due),
        status=args.status or "not-started",
        success_criteria=args.success_criteria,
        evidence=args.evidence,
        schools=comma_list(args.schools) or [],
        origin=getattr(args, "from"),
    )
    print(f"Added {quoted(made.title)} to the cluster plan (id {short(made.id)}).")
    return 0


def action_update(args: argparse.Namespace) -> int:
    program = open_program(args)
    changes: dict = {}
    for flag, _ in ACTION_TEXT:
        name = flag.removeprefix("--").replace("-", "_")
        value = getattr(args, name)
        if value is not None:
            changes["origin" if name == "from" else name] = value
    if args.due is not None:
        changes["due"] = parse_day(program, args.due)
    if (schools := comma_list(args.schools)) is not None:
        changes["schools"] = schools
    if not changes and args.status is None and not args.note.strip():
        raise ValidationError(
            "Nothing to change: give --title, --owner, --due, --status, --schools, --note..."
        )
    made = program.update_cluster_action(args.id, status=args.status, note=args.note, **changes)
    print(f"Changed the cluster action (id {short(made.id)}): {made.status.label}.")
    return 0


def action_cascade(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.cascade_cluster_action(args.id, owner=args.owner)
    names = team_names(program)
    print(f"Added a linked action to {len(made)} schools' plans:")
    for a in made:
        print(f"  {names.get(a.team_id, '?')}: action {short(a.id)}")
    print("`flourish undo` takes them all back.")
    return 0


def action_delete(args: argparse.Namespace) -> int:
    program = open_program(args)
    gone = program.delete_cluster_action(args.id)
    print(f"Deleted the cluster action (id {short(gone.id)}); the schools' actions stay.")
    return 0


def goal_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    goals = [(g, program.cluster_goal_actions(g)) for g in program.cluster_goals(args.area)]
    if args.json:
        records.print_json([_goal_record(g, actions) for g, actions in goals])
        return 0
    if not goals:
        print(
            "No cluster goal yet: add one with `flourish cluster goal add --now TEXT --want TEXT`."
        )
        return 0
    print(f"{program.cluster().name}: where the cluster is now, where it wants to be")
    for g, actions in goals:
        cluster_goal_lines(g, actions)
    return 0


def _goal_record(g, actions) -> dict:
    return records.goal_record(g, actions) | {"area": g.area.value}


def goal_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    g = program.cluster_goal(args.id)
    actions = program.cluster_goal_actions(g)
    if args.json:
        records.print_json(_goal_record(g, actions))
    else:
        cluster_goal_lines(g, actions)
    return 0


def goal_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_cluster_goal(
        now=args.now,
        want=args.want,
        now_evidence=args.now_evidence,
        want_evidence=args.want_evidence,
        area=args.area,
    )
    print(f"Added the cluster goal (id {short(made.id)}).")
    return 0


def goal_edit(args: argparse.Namespace) -> int:
    program = open_program(args)
    names = ("now", "want", "now_evidence", "want_evidence")
    changes = {n: getattr(args, n) for n in names if getattr(args, n) is not None}
    if not changes:
        raise ValidationError("Give what changes: --now, --want, --now-evidence, --want-evidence.")
    made = program.update_cluster_goal(args.id, **changes)
    print(f"Changed the cluster goal (id {short(made.id)}).")
    return 0


def goal_delete(args: argparse.Namespace) -> int:
    gone = open_program(args).delete_cluster_goal(args.id)
    print(f"Deleted the cluster goal (id {short(gone.id)}); its actions stay in the plan.")
    return 0


def goal_link(args: argparse.Namespace) -> int:
    made = open_program(args).link_cluster_action(args.id, args.action)
    print(f"The goal has {len(made.action_ids)} linked actions.")
    return 0


def goal_unlink(args: argparse.Namespace) -> int:
    made = open_program(args).link_cluster_action(args.id, args.action, unlink=True)
    print(f"Unlinked; the goal has {len(made.action_ids)} linked actions.")
    return 0
