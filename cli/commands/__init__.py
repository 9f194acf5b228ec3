"""The command groups, one module each; every module declares its commands' arguments beside
their handlers in a `register(top)` function. The parser adds them in GROUPS order, which is
the order `flourish --help` lists them in.

A command runs with only its own group registered: importing every group and building ~150
parsers would cost each `flourish action show` about a quarter of its time. COMMANDS says which
module declares each command; a test checks it against the groups themselves.
"""

import importlib
from types import ModuleType

GROUPS = (
    "workspace",
    "agenda",
    "search",
    "team",
    "checkin",
    "action",
    "challenge",
    "schedule",
    "briefing",
    "export",
    "pulse",
    "assess",
    "cluster",
    "workshop",
    "journey",
    "governance",
    "leaders",
    "history",
    "share",
)

COMMANDS = {
    "init": "workspace",
    "demo": "workspace",
    "status": "workspace",
    **{name: name for name in GROUPS if name not in ("workspace", "history", "share")},
    "undo": "history",
    "redo": "history",
    "share": "share",
    "sync": "share",
    "conflicts": "share",
}

# Options before the command that take a value (see cli.args.common_options).
_VALUED = frozenset({"--workspace", "--as"})


def modules(argv: list[str] | None) -> list[ModuleType]:
    """The groups to register for `argv`: the one declaring its command when that is known;
    every one otherwise (--help, or a mistyped command, whose error lists them all)."""
    command = _command(argv or [])
    names = [COMMANDS[command]] if command in COMMANDS else list(GROUPS)
    return [importlib.import_module(f"cli.commands.{name}") for name in names]


def _command(argv: list[str]) -> str | None:
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word.startswith("-"):
            if word in _VALUED:
                next(words, None)
            continue
        return word
    return None
