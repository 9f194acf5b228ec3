"""`flourish init`, `flourish demo` and `flourish status`: create a workspace (or the demo one)
and see every team at a glance."""

import argparse
from pathlib import Path

from cli.args import Group, json_list
from cli.context import open_program, workspace_path
from cli.output import records, tables
from domain.errors import ValidationError
from domain.records import parse_person
from domain.text import quoted
from storage.clock import clock_from_env
from storage.facade import Flourish
from storage.paths import demo_workspace


def register(top: Group) -> None:
    p = top.add("init", init, "create a workspace for a cluster")
    p.add_argument("--name", required=True, help="the cluster's name")
    p.add_argument("--timezone", required=True, help="IANA timezone, e.g. Europe/London")
    p.add_argument("--chair", required=True, help='the cluster chair: "Name, email"')
    p.add_argument("--stage-months", default="3,6,3", help="stage lengths (default 3,6,3)")
    p.add_argument("--cadence-weeks", type=int, default=4, help="weeks between check-ins")

    p = top.add("demo", demo, "create the demo workspace (seven schools)")
    p.add_argument("--force", action="store_true", help="reset an existing demo workspace")

    p = top.add("status", status, "each team's stage, check-ins, actions, challenges")
    json_list(p)


def init(args: argparse.Namespace) -> int:
    root = workspace_path(args)
    try:
        months = tuple(int(m) for m in args.stage_months.split(","))
    except ValueError:
        raise ValidationError(
            f"--stage-months {quoted(args.stage_months)}: give whole months, e.g. 3,6,3."
        ) from None
    program = Flourish.create(
        root,
        name=args.name,
        timezone=args.timezone,
        chair=parse_person(args.chair),
        stage_months=months,
        cadence_weeks=args.cadence_weeks,
        clock=clock_from_env(),
    )
    print(f"Created the workspace for {program.cluster().name} at {root}.")
    print("Next: add a team with `flourish team add --name ... --start ... --coach ...`.")
    return 0


def demo(args: argparse.Namespace) -> int:
    from demo import build_demo

    root = Path(args.workspace).expanduser() if getattr(args, "workspace", None) else None
    root = root or demo_workspace()
    program = build_demo(root, clock_from_env(), force=args.force)
    print(f"Demo workspace for {program.cluster().name} ready at {root}.")
    print(f"Try: flourish --workspace {root} status")
    return 0


def status(args: argparse.Namespace) -> int:
    program = open_program(args)
    rows = program.status()
    if args.json:
        records.print_json([records.status_record(s) for s in rows])
    else:
        tables.status_table(program.cluster(), rows, program.today())
    return 0
