"""Argument definitions the command groups share, written once: the common options, a team, a
record's id, --json, -o/--output, a self-assessment round; and `Group`, which declares a group's
commands with the common options and their handlers."""

import argparse
from collections.abc import Callable

from cli import Parser
from domain.text import quoted

Handler = Callable[[argparse.Namespace], int]

TEAM = "name prefix or id"
LEVELS = "low, medium or high"


class Group:
    """The commands of one group (or of the whole program): `add` declares a command with the
    options every command accepts, `group` a group of commands beneath this one."""

    def __init__(self, actions: "argparse._SubParsersAction[Parser]", common: Parser) -> None:
        self._actions = actions
        self._common = common
        self.parser: Parser | None = None

    def add(self, name: str, handler: Handler, help: str) -> Parser:
        p = self._actions.add_parser(name, parents=[self._common], help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    def group(
        self,
        name: str,
        help: str,
        hidden_aliases: tuple[str, ...] = (),
        default: Handler | None = None,
    ) -> "Group":
        """A group of commands; given alone, it runs `default`, or prints its help and exits 2.
        A hidden alias is an old name kept working for scripts but no longer listed."""
        # A group that runs alone takes the common options too (`conflicts --workspace W`).
        parents = [self._common] if default else []
        p = self._actions.add_parser(name, help=help, description=help, parents=parents)
        for alias in hidden_aliases:
            # argparse looks commands up in this map; a name only here is accepted, not listed.
            self._actions._name_parser_map[alias] = p

        def usage(args: argparse.Namespace) -> int:
            p.print_help()
            return 2

        p.set_defaults(handler=default or usage)
        group = Group(p.add_subparsers(metavar="ACTION", parser_class=Parser), self._common)
        group.parser = p  # for options of the group itself, when it runs alone
        return group


def common_options() -> Parser:
    """Options accepted before or after the command; SUPPRESS keeps one from hiding the other."""
    common = Parser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument(
        "--workspace",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the workspace folder (default: $FLOURISH_WORKSPACE, else your data folder)",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use the demo workspace, creating it if missing",
    )
    common.add_argument(
        "--wide",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show every column whole, even if lines run past the terminal's edge",
    )
    common.add_argument(
        "--as",
        dest="user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is making the change (recorded in histories)",
    )
    return common


def positive(text: str) -> int:
    """An argparse type: a whole number of 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number of 1 or more")
    return int(text)


def team_option(p: Parser, *, required: bool = False, help: str = TEAM) -> None:
    """--team: a team by the start of its name or its id."""
    p.add_argument("--team", required=required, help=help)


def record_id(p: Parser, what: str) -> None:
    """The positional id of the record a command acts on."""
    p.add_argument("id", help=f"the {what}'s id (or its first characters)")


def json_flag(p: Parser) -> None:
    """--json for a command that shows one thing."""
    p.add_argument("--json", action="store_true", help="print JSON")


def json_list(p: Parser) -> None:
    """--json for a command that lists records."""
    p.add_argument("--json", action="store_true", help="print a JSON array of records")


def output(p: Parser, example: str) -> None:
    """-o/--output for an export, with an example file name."""
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"write to FILE, e.g. {example} (default: standard output)",
    )


def finding_options(p: Parser) -> None:
    """Who owns an action made from a finding, and when it is due (default: proposed)."""
    p.add_argument("--owner", default="", help="who will see the action through")
    p.add_argument("--due", metavar="DATE", help="when it is due (default: a few weeks on)")


def round_option(p: Parser) -> None:
    """--round: a self-assessment round by name."""
    p.add_argument("--round", metavar="NAME", help="the round's name (default: the latest)")


def comma_list(text: str | None) -> list[str] | None:
    """A list typed as "A, B, C" (--schools): None when the option was not given."""
    return None if text is None else [part for part in text.split(",") if part.strip()]
