"""A command registers only its own group (so it does not import and build every other one);
the map saying which group declares each command must match the groups themselves, and the
command lines people type parse the same either way."""

import argparse
import importlib

import pytest

from cli import build_parser
from cli.args import Group, common_options
from cli.commands import COMMANDS, GROUPS, modules


def declared() -> dict[str, str]:
    """Each top-level command as the groups declare it, by module name."""
    found = {}
    for name in GROUPS:
        module = importlib.import_module(f"cli.commands.{name}")
        actions = argparse.ArgumentParser().add_subparsers()
        module.register(Group(actions, common_options()))
        found.update(dict.fromkeys(actions._name_parser_map, name))
    return found


def test_the_map_names_the_group_of_every_command():
    assert declared() == COMMANDS


@pytest.mark.parametrize(
    "argv",
    [
        ["action", "show", "ab12"],
        ["--workspace", "/tmp/w", "action", "update", "ab12", "--status", "done"],
        ["--as", "Ann", "checkin", "add", "--team", "Hill"],
        ["--demo", "status"],
        ["sync", "--json"],
        ["conflicts"],
        ["undo"],
    ],
)
def test_a_command_parses_alike_with_its_group_alone_or_with_every_group(argv):
    alone, everything = build_parser(argv), build_parser(None)
    assert len(modules(argv)) == 1
    assert vars(alone.parse_args(argv)) == vars(everything.parse_args(argv))


def test_no_command_or_an_unknown_one_registers_every_group():
    assert len(modules([])) == len(GROUPS)
    assert len(modules(["--help"])) == len(GROUPS)
    assert len(modules(["acton", "show"])) == len(GROUPS)
