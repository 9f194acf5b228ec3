"""What every command needs before it acts: the workspace (its path, opened on the clock), who
is making the change, and dates typed relative to the workspace's today."""

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storage.clock import clock_from_env
from storage.paths import default_workspace, demo_workspace

if TYPE_CHECKING:  # the app imports this module too, and must not wait for the facade
    from domain.dates import Prefer
    from storage.facade import Choices, Flourish


def workspace_path(args: argparse.Namespace) -> Path:
    if getattr(args, "workspace", None):
        return Path(args.workspace).expanduser()
    return demo_workspace() if getattr(args, "demo", False) else default_workspace()


def open_program(args: argparse.Namespace) -> "Flourish":
    from storage.facade import Flourish

    clock = clock_from_env()
    root = workspace_path(args)
    if getattr(args, "demo", False) and not root.exists():
        from demo import build_demo

        build_demo(root, clock)
    # Each command is a process of its own: its history is kept in the workspace for undo.
    program = Flourish.open(root, clock, user=user(args), keep_history=True)
    for note in (program.synced_note(), program.stray_note()):
        if note:
            print(f"flourish: note: {note}", file=sys.stderr)
    return program


def user(args: argparse.Namespace) -> str:
    """Who is making the change: --as, else the settings file's `user`."""
    from storage.settings import Settings

    return getattr(args, "user", "") or Settings.load().user


def parse_day(program: "Flourish", text: str | None, prefer: "Prefer" = "future") -> date | None:
    """A date option as typed ("friday", "-1w", "2026-12-03"), or None when it was not given."""

    return program.read_date(text, prefer) if text else None


def find_team_id(program: "Flourish", ref: str | None) -> str | None:
    """The id of the team a --team option names; None when it is not given."""
    return program.team(ref).id if ref else None


def team_names(program: "Flourish") -> dict[str, str]:
    """Each team's name by its id, for lists that show whose a record is."""
    return {t.id: t.name for t in program.teams()}


def finding_choices(program: "Flourish", args: argparse.Namespace) -> "Choices":
    """The --owner and --due given for an action made from a finding."""
    from storage.facade import Choices

    return Choices(owner=args.owner, due=parse_day(program, args.due))
