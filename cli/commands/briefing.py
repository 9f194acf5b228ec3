"""`flourish briefing`: stakeholder briefings: the proposed plan, scheduling, moving, cancelling,
listing and showing them, and their agendas."""

import argparse
import sys
from pathlib import Path

from cli.args import Group, json_flag, json_list, record_id, team_option
from cli.context import find_team_id, open_program, team_names
from cli.output import records, schedule_tables, short
from domain.dates import parse_time
from domain.errors import ValidationError
from domain.records import Person, parse_person
from domain.text import quoted, shown
from storage.facade import Flourish, InviteReport
from storage.mail import MailSettings

ATTENDEE_GROUPS = ("stakeholders", "line-managers", "members", "all")
WHEN = 'e.g. "2026-12-03 15:30" or "tue 9am"'
WHOSE = "for one team (default: the whole cluster)"


def register(top: Group) -> None:
    briefings = top.group("briefing", "stakeholder briefings")
    p = briefings.add("plan", briefing_plan, "propose (and accept) the default briefings")
    team_option(p, help=WHOSE)
    p.add_argument("--time", default="15:30", help="start time (default 15:30)")
    p.add_argument("--minutes", type=int, default=45, help="30 to 60 (default 45)")
    p.add_argument("--accept", metavar="all|1,3", help="schedule these proposals")
    p = briefings.add("add", briefing_add, "schedule a stakeholder briefing")
    p.add_argument("--title", required=True)
    p.add_argument("--start", required=True, help=WHEN)
    p.add_argument("--minutes", type=int, default=45, help="30 to 60 (default 45)")
    team_option(p, help=WHOSE)
    p.add_argument("--attendee", action="append", default=[], help='"Name, Role, email"')
    p.add_argument(
        "--attendee-group",
        action="append",
        default=[],
        choices=ATTENDEE_GROUPS,
        help="invite a whole group",
    )
    p.add_argument("--location", default="", help="a room or a meeting link")
    p.add_argument("--agenda", help="the agenda; - reads it from stdin (default: drafted)")
    p = briefings.add("move", briefing_move, "reschedule (or reinstate) a briefing")
    record_id(p, "briefing")
    p.add_argument("--start", help=WHEN)
    p.add_argument("--minutes", type=int, help="30 to 60")
    p.add_argument("--location", help="a room or a meeting link")
    p = briefings.add("cancel", briefing_cancel, "cancel a briefing (the record stays)")
    record_id(p, "briefing")
    p.add_argument("--reason", default="")
    p = briefings.add("list", briefing_list, "list briefings")
    team_option(p)
    json_list(p)
    p = briefings.add("show", briefing_show, "a briefing with its agenda and attendees")
    record_id(p, "briefing")
    json_flag(p)
    p = briefings.add(
        "invite",
        briefing_invite,
        "email each attendee an invitation, an update or a cancellation for their calendar",
    )
    record_id(p, "briefing")
    p.add_argument(
        "--dry-run", action="store_true", help="say who would be sent what; send nothing"
    )
    p.add_argument(
        "--eml",
        metavar="FOLDER",
        help="write one .eml file per attendee there, to send from your mail client",
    )
    p = briefings.add("agenda", briefing_agenda, "print a briefing's agenda")
    record_id(p, "briefing")
    p.add_argument(
        "--draft", action="store_true", help="print a fresh draft instead (nothing is saved)"
    )
    p = briefings.add("edit", briefing_edit, "change a briefing's title or agenda")
    record_id(p, "briefing")
    p.add_argument("--title")
    p.add_argument("--agenda", help="the new agenda; - reads it from stdin")


def briefing_plan(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    plan = program.plan_briefings(team_id, at=parse_time(args.time), minutes=args.minutes)
    chosen = _chosen(args.accept, plan) if args.accept else []
    if args.accept is None:
        schedule_tables.plan_list(plan, team_names(program).get(team_id) if team_id else None)
        if plan:
            print("Schedule them with --accept all, or some with e.g. --accept 1,3.")
        return 0
    made = program.accept_plan(chosen)
    print(f"Scheduled {len(made)} briefing{'' if len(made) == 1 else 's'}:")
    for b in made:
        print(f"  {b.start:%a %d %b %Y %H:%M}  {b.title} (id {short(b.id)})")
    return 0


def _chosen(spec: str, plan: list) -> list:
    """The proposals `--accept` names: all, or their numbers as listed (1,3)."""
    if not plan:
        raise ValidationError("Nothing to accept: every briefing in the plan is scheduled or past.")
    if spec.strip().lower() == "all":
        return plan
    picked = []
    for part in spec.split(","):
        part = part.strip()
        if not part.isdigit():
            raise ValidationError(
                f"--accept {quoted(spec)}: give all, or numbers from the plan such as 1,3."
            )
        n = int(part)
        if not 1 <= n <= len(plan):
            raise ValidationError(
                f"--accept {quoted(spec)}: the plan has {len(plan)} briefing"
                f"{'' if len(plan) == 1 else 's'}, numbered 1 to {len(plan)}."
            )
        if plan[n - 1] not in picked:
            picked.append(plan[n - 1])
    return picked


def briefing_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    start = program.read_datetime(args.start)
    attendees = [parse_person(a) for a in args.attendee]
    attendees += _group_invitees(program, team_id, args.attendee_group, attendees)
    agenda = sys.stdin.read() if args.agenda == "-" else args.agenda
    briefing = program.add_briefing(
        args.title,
        start=start,
        minutes=args.minutes,
        team_id=team_id,
        attendees=attendees,
        location=args.location,
        agenda=agenda,
    )
    people = len(briefing.attendees)
    print(
        f"Scheduled {quoted(briefing.title)} on {briefing.start:%a %d %b %Y %H:%M} "
        f"for {briefing.minutes} min with {people} attendee{'' if people == 1 else 's'} "
        f"(id {short(briefing.id)})."
    )
    if args.agenda is None:
        print(f"Agenda drafted; see it with `flourish briefing agenda {short(briefing.id)}`.")
    return 0


# The groups Flourish.invitees labels: "Executive stakeholder", "Line manager, <school>", and
# a school's name for its leadership team's members.
_STAKEHOLDER_LABEL, _LINE_MANAGER_PREFIX = "Executive stakeholder", "Line manager, "


def _group_invitees(program: Flourish, team_id, groups: list[str], already: list) -> list:
    if not groups:
        return []
    wanted = set(groups)
    if "all" in wanted:
        wanted = {"stakeholders", "line-managers", "members"}
    seen = {(p.email or p.name).casefold() for p in already}
    found = []
    for label, person in program.invitees(team_id):
        if label == _STAKEHOLDER_LABEL:
            group = "stakeholders"
        elif label.startswith(_LINE_MANAGER_PREFIX):
            group = "line-managers"
        else:
            group = "members"
        key = (person.email or person.name).casefold()
        if group in wanted and key not in seen:
            seen.add(key)
            found.append(person)
    return found


def briefing_move(args: argparse.Namespace) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    nothing = args.start is None and args.minutes is None and args.location is None
    if nothing and not briefing.cancelled:  # moving a cancelled briefing alone reinstates it
        raise ValidationError("Nothing to change: give --start, --minutes or --location.")
    start = program.read_datetime(args.start) if args.start else None
    moved = program.move_briefing(
        briefing.id, start=start, minutes=args.minutes, location=args.location
    )
    verb = "Reinstated" if briefing.cancelled else "Moved"
    where = f" at {moved.location}" if moved.location else ""
    print(
        f"{verb} {quoted(moved.title)}: {moved.start:%a %d %b %Y %H:%M} "
        f"for {moved.minutes} min{where}."
    )
    return 0


def briefing_cancel(args: argparse.Namespace) -> int:
    program = open_program(args)
    briefing = program.cancel_briefing(args.id, reason=args.reason)
    print(
        f"Cancelled {quoted(briefing.title)} ({briefing.start:%a %d %b %Y %H:%M}); it stays listed "
        "as cancelled so calendars can show it."
    )
    return 0


def briefing_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    briefings = program.briefings(team_id)
    if args.json:
        records.print_json(briefings)
    else:
        schedule_tables.briefing_table(briefings, team_names(program), program.now())
    return 0


def briefing_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    names = team_names(program)
    linked = [c for c in program.challenges() if briefing.id in c.briefing_ids]
    invited = program.invitations(briefing.id)
    if args.json:
        records.print_json(records.briefing_record(briefing, names, linked, invited))
    else:
        schedule_tables.briefing_detail(briefing, names, linked, program.now(), invited)
    return 0


def briefing_invite(args: argparse.Namespace) -> int:
    """Exit 0 when everyone who needed one was sent it, 4 when some were not (a retry sends
    only to them), 2 on bad input."""
    program = open_program(args)
    if args.dry_run:
        report = program.plan_invitations(args.id)
    else:
        mail = None if args.eml else MailSettings.load()
        eml = Path(args.eml) if args.eml else None
        report = program.send_invitations(args.id, eml_dir=eml, mail=mail)
    for line in invite_lines(report, dry_run=args.dry_run):
        print(line)
    return 4 if report.failed else 0


def invite_lines(report: InviteReport, *, dry_run: bool) -> list[str]:
    plan = report.plan
    title = f"{quoted(report.briefing.title)} (sequence {plan.event.sequence})"
    lines = []
    if not plan.deliveries:
        lines.append(f"Nothing to send for {title}: every attendee has it as it stands.")
    elif dry_run:
        lines.append(f"Would send for {title}:")
        lines += [f"  {d.describe():<13} {_person(d.person)}" for d in plan.deliveries]
    else:
        where = f" as files in {report.files[0].parent}" if report.files else ""
        lines.append(f"Sent {len(report.sent)} of {len(plan.deliveries)} for {title}{where}:")
        lines += [f"  {d.describe():<13} {_person(d.person)}" for d in report.sent]
        for d, why in report.failed:
            lines.append(f"  NOT SENT      {_person(d.person)}: {why}")
        if report.failed:
            lines.append(
                f"Run `flourish briefing invite {short(report.briefing.id)}` again to send "
                "only to those not sent."
            )
        if report.files:
            lines.append("Send them from your mail client: open each file and send it.")
    if plan.current:
        lines.append("Up to date: " + ", ".join(_person(p) for p in plan.current) + ".")
    if plan.no_email:
        names = ", ".join(shown(p.name) for p in plan.no_email)
        lines.append(f"No email, so not invited: {names} (add one with briefing edit).")
    return lines


def _person(p: Person) -> str:
    return f"{shown(p.name)} <{shown(p.email.strip())}>"


def briefing_agenda(args: argparse.Namespace) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    if args.draft:
        agenda = program.draft_agenda(briefing.team_id, briefing.start)
    else:
        agenda = briefing.agenda
        if not agenda:
            raise ValidationError(
                f"{quoted(briefing.title)} has no agenda yet; `flourish briefing agenda "
                f"{short(briefing.id)} --draft` drafts one."
            )
    sys.stdout.write(agenda.rstrip("\n") + "\n")
    return 0


def briefing_edit(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.title is None and args.agenda is None:
        raise ValidationError("Nothing to change: give --title or --agenda (- reads stdin).")
    briefing = program.briefing(args.id)  # an unknown id is refused before stdin is read
    changes = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.agenda is not None:
        changes["agenda"] = sys.stdin.read() if args.agenda == "-" else args.agenda
    briefing = program.update_briefing(briefing.id, **changes)
    print(f"Updated {quoted(briefing.title)}: {' and '.join(changes)}.")
    return 0
