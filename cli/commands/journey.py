"""`flourish journey`: the partnership's journey, its steps under six questions."""

import argparse

from cli.args import Group, comma_list, json_flag, json_list, record_id
from cli.context import open_program, parse_day, team_names
from cli.output import indented, records, short
from cli.output.cluster_tables import journey_lanes, journey_table
from domain.errors import ValidationError
from domain.journey import Question

QUESTIONS = ", ".join(f"{q.value} ({q.asks})" for q in Question)


def register(top: Group) -> None:
    group = top.group("journey", "the partnership's journey through six questions")
    p = group.add("list", journey_list, "every step by date, or by question with --lanes")
    p.add_argument("--lanes", action="store_true", help="by question, with the gaps")
    json_list(p)
    p = group.add("show", journey_show, "one step")
    record_id(p, "step")
    json_flag(p)
    p = group.add("add", journey_add, "add a step")
    p.add_argument("question", help=f"which question it answers: {QUESTIONS}")
    p.add_argument("what", help="what happened")
    _options(p)
    p = group.add("edit", journey_edit, "change a step")
    record_id(p, "step")
    p.add_argument("--question", help="which question it answers")
    p.add_argument("--what", help="what happened")
    _options(p, editing=True)
    p = group.add("delete", journey_delete, "delete a step")
    record_id(p, "step")


def _options(p: argparse.ArgumentParser, editing: bool = False) -> None:
    default = None if editing else ""
    p.add_argument("--on", metavar="DATE", help="when it happened (default: today)")
    p.add_argument("--schools", metavar="NAMES", help="the schools involved, comma-separated")
    p.add_argument("--partners", default=default, help="partners beyond the schools")
    p.add_argument("--evidence", default=default, help="what shows it")


def journey_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.json:
        if args.lanes:
            records.print_json(
                [
                    {"question": lane.question.value, "asks": lane.question.asks}
                    | {"steps": records.to_record(list(lane.steps))}
                    for lane in program.journey_lanes()
                ]
            )
        else:
            records.print_json(program.journey())
        return 0
    if args.lanes:
        journey_lanes(program.journey_lanes())
        return 0
    steps = program.journey()
    if not steps:
        print("No step yet: add one with `flourish journey add QUESTION WHAT`.")
        return 0
    journey_table(steps, team_names(program))
    return 0


def journey_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    s = program.journey_step(args.id)
    if args.json:
        records.print_json(s)
        return 0
    names = team_names(program)
    print(f"{s.question.asks}  (step {short(s.id)}, {s.on})")
    print(indented(s.what, "  "))
    print(f"  Schools: {', '.join(names.get(t, '?') for t in s.team_ids) or 'all'}")
    if s.partners:
        print(indented(s.partners, "  Partners: "))
    if s.evidence:
        print(indented(s.evidence, "  Evidence: "))
    return 0


def journey_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_journey_step(
        args.question,
        args.what,
        on=parse_day(program, args.on, "past"),
        schools=comma_list(args.schools) or [],
        partners=args.partners,
        evidence=args.evidence,
    )
    print(f"Added a step under {made.question.asks!s} (id {short(made.id)}).")
    return 0


def journey_edit(args: argparse.Namespace) -> int:
    program = open_program(args)
    changes: dict = {
        k: getattr(args, k)
        for k in ("question", "what", "partners", "evidence")
        if getattr(args, k) is not None
    }
    if args.on is not None:
        changes["on"] = parse_day(program, args.on, "past")
    if (schools := comma_list(args.schools)) is not None:
        changes["schools"] = schools
    if not changes:
        raise ValidationError("Nothing to change: give --question, --what, --on, --schools...")
    made = program.update_journey_step(args.id, **changes)
    print(f"Changed the step (id {short(made.id)}).")
    return 0


def journey_delete(args: argparse.Namespace) -> int:
    gone = open_program(args).delete_journey_step(args.id)
    print(f"Deleted the step (id {short(gone.id)}).")
    return 0
