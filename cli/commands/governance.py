"""`flourish governance`: the six governance models, the cluster's model now and the one it
is moving to, and its dated answers to each model's key questions."""

import argparse

from cli.args import Group, json_flag
from cli.context import open_program, parse_day
from cli.output import indented, records, short
from cli.output.cluster_tables import cluster_goal_lines
from domain.governance import MODELS, find_model

MODEL_KEYS = ", ".join(m.key for m in MODELS)


def register(top: Group) -> None:
    group = top.group("governance", "how the cluster is governed, and where it is heading")
    p = group.add("show", governance_show, "the models, the cluster's choice and its answers")
    p.add_argument("model", nargs="?", help=f"one model in full: {MODEL_KEYS}")
    json_flag(p)
    p = group.add("set", governance_set, "the model now and the one the cluster moves to")
    p.add_argument("--now", metavar="MODEL", help=f"{MODEL_KEYS} ('' for not yet said)")
    p.add_argument("--moving-to", metavar="MODEL", help="the model the cluster is moving to")
    p.add_argument("--notes", help="why, in a few words")
    p = group.add("answer", governance_answer, "answer one of a model's key questions")
    p.add_argument("model", help=MODEL_KEYS)
    p.add_argument("question", help="its number, as `governance show MODEL` lists them")
    p.add_argument("answer", help="the cluster's answer")
    p.add_argument("--on", metavar="DATE", help="when it was agreed (default: today)")


def governance_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    choice = program.governance()
    answers = program.governance_answers()
    if args.json:
        records.print_json(
            {
                "now": choice.now,
                "moving_to": choice.moving_to,
                "notes": choice.notes,
                "models": records.to_record(list(MODELS)),
                "answers": records.to_record(answers),
                "goals": records.to_record(program.cluster_goals("governance")),
            }
        )
        return 0
    names = {m.key: m.name for m in MODELS}
    print(f"Now:       {names.get(choice.now, 'not said yet')}")
    print(f"Moving to: {names.get(choice.moving_to, 'not said yet')}")
    if choice.notes:
        print(indented(choice.notes, "Why:       "))
    models = [find_model(args.model)] if args.model else MODELS
    for m in models:
        mark = (
            " (now)" if m.key == choice.now else " (moving to)" if m.key == choice.moving_to else ""
        )
        print(f"\n{m.name} [{m.key}]{mark}")
        print(indented(m.summary, "  "))
        for n, q in enumerate(m.questions):
            print(f"  {n + 1}. {q}")
            for a in (a for a in answers if a.model == m.key and a.question == n):
                by = f", {a.by}" if a.by else ""
                print(indented(a.answer, f"     {a.on}{by}: "))
    goals = program.cluster_goals("governance")
    if goals:
        print("\nGovernance: where we are now, where we want to be")
        for g in goals:
            cluster_goal_lines(g, program.cluster_goal_actions(g))
    return 0


def governance_set(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.set_governance(now=args.now, moving_to=args.moving_to, notes=args.notes)
    names = {m.key: m.name for m in MODELS}
    print(
        f"Governance now: {names.get(made.now, 'not said')}; "
        f"moving to: {names.get(made.moving_to, 'not said')}."
    )
    return 0


def governance_answer(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.answer_governance(
        args.model, args.question, args.answer, on=parse_day(program, args.on, "past")
    )
    print(f"Recorded the answer (id {short(made.id)}).")
    return 0
