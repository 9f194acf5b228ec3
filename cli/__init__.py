"""The `flourish` command line. It parses, calls the storage facade, and prints.

No Textual here: quick capture from a terminal must start fast. Each command group declares its
arguments beside its handlers in `cli.commands`; this module builds the parser from them and
keeps the error contract (one line on stderr and exit 2 for any bad input).
"""

import argparse
import gc
import os
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from cli import inert
from cli.inert import InertStream
from domain.errors import FlourishError

# Values such as "-1w" (a week ago) or "-3d" are dates, not options.
_NEGATIVE_OFFSET = re.compile(r"^-\d+\s*[a-z]*$")


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_OFFSET

    def error(self, message: str) -> NoReturn:
        # One clear line and exit 2, as for every other bad input.
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _Version(argparse.Action):
    # Looked up only when asked: package metadata is slow to import on every run.
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from importlib.metadata import version

        parser.exit(0, f"flourish {version('flourish')}\n")


def build_parser(argv: list[str] | None = None) -> Parser:
    """The parser for `argv`: the common options, then the commands of the group that declares
    its command (of every group, in GROUPS order, when there is none or it is unknown)."""
    from cli.args import Group, common_options
    from cli.commands import modules

    common = common_options()
    parser = Parser(
        prog="flourish",
        parents=[common],
        description="Run a school-leadership cluster program from the terminal.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    top = Group(
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser), common
    )
    for group in modules(argv):
        group.register(top)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:  # no command: the app at a terminal, the cluster at a glance elsewhere
        if sys.stdin.isatty() and sys.stdout.isatty():
            from tui.launch import run_app

            return run_app(args)  # the app draws the screen itself
        from cli.commands.workspace import status

        handler = status
        args.json = False
    inert.WIDE = bool(getattr(args, "wide", False))
    # Every command's output shows user text as data (see cli/inert.py).
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)
    # A command makes its objects and exits: the cycle collector, run at its usual pace, would
    # walk all of them again and again as they grow (half of `checkin list` at 500 teams).
    # Still on, it runs far less often.
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        return _run(handler, args)
    finally:
        gc.set_threshold(*thresholds)
        sys.stdout, sys.stderr = streams


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return handler(args) or 0
    except FlourishError as e:
        # One line, whatever the message holds: a name typed with a line break in it is
        # echoed with the break as \n.
        print(f"flourish: {e}".replace("\n", "\\n"), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; say nothing more and exit as tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        print(f"flourish: {e.strerror or e}{where}. Nothing was changed.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
