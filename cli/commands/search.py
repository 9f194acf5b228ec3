"""`flourish search TEXT`: check-in notes, actions, challenges, goals and briefing agendas
holding every word, newest first. A confidential note that matches is listed as such, never
quoted; the app's Check-ins tab shows it on the machine that holds it."""

import argparse

from cli.args import Group, json_flag, team_option
from cli.context import open_program, team_names
from cli.output import records
from cli.output.tables import search_table


def register(top: Group) -> None:
    p = top.add("search", search, "find words in notes, actions, challenges, goals, agendas")
    p.add_argument("text", nargs="+", help="the words to find (all of them, any order)")
    team_option(p, help="one team's records (default: the whole cluster)")
    json_flag(p)


def search(args: argparse.Namespace) -> int:
    program = open_program(args)
    query = " ".join(args.text)
    hits = program.search(query, args.team)
    names = team_names(program)
    if args.json:
        records.print_json(
            [records.to_record(h) | {"team": names.get(h.team_id or "")} for h in hits]
        )
    else:
        search_table(hits, names, query)
    return 0
