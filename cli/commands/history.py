"""`flourish undo` and `flourish redo`: take back the last change made from the command line,
and make it again. The app keeps its own history for each window."""

import argparse
import sys

from cli.args import Group
from cli.context import open_program
from domain.errors import ValidationError
from storage.facade import Step


def register(top: Group) -> None:
    for name, handler, help in (
        ("undo", undo, "take back the last change made from the command line"),
        ("redo", redo, "make again the change last taken back with undo"),
    ):
        p = top.add(name, handler, help)
        p.add_argument("--yes", action="store_true", help="remove a team without asking")


def undo(args: argparse.Namespace) -> int:
    program = open_program(args)
    _confirm(args, program.next_undo(), "Undo")
    print(f"Undone: {program.undo()}.")
    return 0


def redo(args: argparse.Namespace) -> int:
    program = open_program(args)
    _confirm(args, program.next_redo(), "Redo")
    print(f"Redone: {program.redo()}.")
    return 0


def _confirm(args: argparse.Namespace, step: Step | None, verb: str) -> None:
    """Taking a team away is asked first (or refused without a terminal to ask at)."""
    if step is None or not step.removes_team or args.yes:
        return
    what = f"{verb} ({step.label}) removes a team from the cluster"
    if not sys.stdin.isatty():
        raise ValidationError(f"{what}: run `flourish {verb.lower()} --yes` to do it.")
    answer = input(f"{what}. Go ahead? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise ValidationError(f"Nothing was {verb.lower()}ne.")
