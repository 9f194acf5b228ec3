"""`flourish cluster`: the cluster's settings: show them, and change the chair's response time,
the check-in cadence, the executive stakeholders or the holiday country."""

import argparse

from cli.args import Group, json_flag, positive
from cli.commands import cluster_plan
from cli.context import open_program
from cli.output import records, tables
from domain.errors import NotFound, ValidationError
from domain.records import parse_person
from domain.text import quoted


def register(top: Group) -> None:
    cluster = top.group("cluster", "the cluster's settings")
    p = cluster.add("show", cluster_show, "the cluster, its chair and stakeholders")
    json_flag(p)
    p = cluster.add("set", cluster_set, "change the cluster's settings")
    p.add_argument(
        "--response-days",
        type=positive,
        metavar="N",
        help="days before an escalated challenge with no response is overdue",
    )
    p.add_argument(
        "--add-stakeholder",
        action="append",
        default=[],
        metavar='"Name, Role, email"',
        help="add an executive stakeholder",
    )
    p.add_argument(
        "--remove-stakeholder",
        action="append",
        default=[],
        metavar="NAME",
        help="remove an executive stakeholder (by name or email)",
    )
    p.add_argument(
        "--cadence-weeks", type=positive, metavar="N", help="weeks between coaching check-ins"
    )
    p.add_argument(
        "--holiday-country",
        metavar="CODE",
        help="whose public holidays check-ins avoid: GB, IE, US, GB-SCT..., auto or none",
    )
    cluster_plan.register(cluster)


def cluster_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    cluster = program.cluster()
    if args.json:
        records.print_json(cluster)
    else:
        tables.cluster_detail(cluster, len(program.teams()))
    return 0


def cluster_set(args: argparse.Namespace) -> int:
    program = open_program(args)
    cluster = program.cluster()
    changes: dict = {}
    if args.response_days is not None:
        changes["response_days"] = args.response_days
    if args.add_stakeholder or args.remove_stakeholder:
        changes["stakeholders"] = _stakeholders(
            cluster.stakeholders, args.add_stakeholder, args.remove_stakeholder
        )
    if args.holiday_country is not None:
        changes["holiday_country"] = args.holiday_country
    if args.cadence_weeks is not None:
        changes["cadence_weeks"] = args.cadence_weeks
    if not changes:
        raise ValidationError(
            "Nothing to change: give --response-days, --cadence-weeks, --add-stakeholder, "
            "--remove-stakeholder or --holiday-country."
        )
    updated = program.update_cluster(**changes)
    names = ", ".join(p.name for p in updated.stakeholders) or "none"
    print(
        f"Updated {updated.name}: response time {updated.response_days} "
        f"day{'' if updated.response_days == 1 else 's'}; executive stakeholders: {names}; "
        f"check-ins every {updated.template.checkin_cadence_weeks} weeks; "
        f"public holidays: {updated.template.holiday_country or 'none'}."
    )
    return 0


def _stakeholders(current: list, add: list[str], remove: list[str]) -> list:
    def key(p) -> set[str]:
        return {p.name.strip().casefold(), p.email.strip().casefold()} - {""}

    people = list(current)
    for ref in remove:
        wanted = ref.strip().casefold()
        matches = [p for p in people if wanted in key(p)]
        if not matches:
            known = ", ".join(p.name for p in people) or "none"
            raise NotFound(
                f"No executive stakeholder is named {quoted(ref)}. Stakeholders: {known}."
            )
        people = [p for p in people if p not in matches]
    for spec in add:
        person = parse_person(spec)
        if any(key(person) & key(p) for p in people):
            raise ValidationError(f"{person.name} is already an executive stakeholder.")
        people.append(person)
    return people
