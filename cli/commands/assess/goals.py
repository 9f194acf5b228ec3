"""`flourish assess goals`: where a school is now and where it wants to be, as statement pairs
with their evidence, and the actions that move it from one to the other. `assess where`, its
first name, still works (hidden) so that scripts written for it do not break."""

import argparse

from cli.args import Group, finding_options, json_flag, record_id, team_option
from cli.commands.assess.grid import action_line
from cli.context import finding_choices, open_program
from cli.output import print_pair, quoted, records, short
from domain.errors import ValidationError

OPTIONS = (
    ("--now", "where we are now"),
    ("--want", "where we want to be"),
    ("--now-evidence", "what shows it (one item per line)"),
    ("--want-evidence", "what will show we are there (one item per line)"),
)


def register(assess: Group) -> None:
    goals = assess.group(
        "goals", "where a school is now and where it wants to be", hidden_aliases=("where",)
    )
    p = goals.add("show", goals_show, "a school's statement pairs and their actions")
    team_option(p, required=True)
    json_flag(p)
    p = goals.add("add", goals_add, "add a statement pair")
    team_option(p, required=True)
    for flag, help in OPTIONS:
        p.add_argument(
            flag, required=flag in ("--now", "--want"), default="", metavar="TEXT", help=help
        )
    p = goals.add("edit", goals_edit, "change a statement pair")
    record_id(p, "pair")
    for flag, help in OPTIONS:
        p.add_argument(flag, metavar="TEXT", help=help)
    p = goals.add("delete", goals_delete, "delete a statement pair")
    record_id(p, "pair")
    p = goals.add("link", goals_link, "link one of the school's actions to a pair")
    record_id(p, "pair")
    _action_id(p)
    p = goals.add("unlink", goals_unlink, "unlink an action from a pair")
    record_id(p, "pair")
    _action_id(p)
    p = goals.add("action", goals_action, "add an action towards a pair, linked to it")
    record_id(p, "pair")
    p.add_argument("--title", help="the action's title (default: Move towards: WANT)")
    finding_options(p)


def _action_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", metavar="ACTION_ID", help="the action's id (or its first characters)")


def goals_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    pairs = [(a, program.goal_actions(a)) for a in program.goals(team.id)]
    if args.json:
        records.print_json(
            records.team_ref(team)
            | {"pairs": [records.goal_record(a, actions) for a, actions in pairs]}
        )
        return 0
    if not pairs:
        print(
            f"{team.name} has not said where it is and where it wants to be yet. Add a pair "
            "with `flourish assess where add --team TEAM --now TEXT --want TEXT`."
        )
        return 0
    print(f"{team.name}: where we are now, where we want to be")
    for a, actions in pairs:
        print_pair(f"id {short(a.id)}", a, actions, "No action linked yet.")
    return 0


def goals_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    made = program.add_goal(
        team.id,
        now=args.now,
        want=args.want,
        now_evidence=args.now_evidence,
        want_evidence=args.want_evidence,
    )
    print(f"Added where {team.name} is and wants to be (id {short(made.id)}).")
    return 0


WHERE_FIELDS = ("now", "want", "now_evidence", "want_evidence")


def goals_edit(args: argparse.Namespace) -> int:
    program = open_program(args)
    changes = {f: getattr(args, f) for f in WHERE_FIELDS if getattr(args, f) is not None}
    if not changes:
        raise ValidationError("Give what changes: --now, --want, --now-evidence, --want-evidence.")
    made = program.update_goal(args.id, **changes)
    print(f"Changed the statement pair (id {short(made.id)}).")
    return 0


def goals_delete(args: argparse.Namespace) -> int:
    program = open_program(args)
    gone = program.delete_goal(args.id)
    print(f"Deleted the statement pair (id {short(gone.id)}).")
    return 0


def goals_link(args: argparse.Namespace) -> int:
    program = open_program(args)
    before = program.goal(args.id)
    item = program.action(args.action)
    program.link_action(before.id, item.id)
    again = " (it already was)" if item.id in before.action_ids else ""
    print(f"Linked {quoted(item.title)} to the statement pair (id {short(before.id)}){again}.")
    return 0


def goals_unlink(args: argparse.Namespace) -> int:
    program = open_program(args)
    pair = program.goal(args.id)
    item = program.action(args.action)
    program.unlink_action(pair.id, item.id)
    print(f"Unlinked {quoted(item.title)} from the statement pair (id {short(pair.id)}).")
    return 0


def goals_action(args: argparse.Namespace) -> int:
    program = open_program(args)
    pair = program.goal(args.id)
    item = program.action_from_goal(pair.id, args.title or "", finding_choices(program, args))
    team = program.team(item.team_id)
    print(f"Added action for {team.name}, linked to the pair: {action_line(item)}")
    return 0
