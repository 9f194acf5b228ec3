"""`flourish workshop`: cluster review workshops. Plan one (its agenda drafted from the latest
self-assessment round), edit the agenda, record what it raised and agreed, and export its pack
or its calendar."""

import argparse
from pathlib import Path

from cli.args import Group, json_flag, json_list, output, record_id
from cli.commands.export import _deliver
from cli.context import open_program, parse_day, team_names
from cli.editing import edit
from cli.output import indented, records, short
from cli.output.cluster_tables import workshop_table
from domain.errors import ValidationError
from domain.governance import THEMES
from domain.records import parse_person
from domain.text import quoted
from domain.workshops import (
    Agreed,
    Reflection,
    format_agenda,
    parse_issue,
    parse_reflection,
    timed,
)

AGENDA_HELP = """\
# One line per item, its minutes first: "15 Welcome and purpose". Indented lines under an
# item are its notes. Each item starts when the one before ends. Lines starting # are ignored.
"""
RECORD_TEXT = (
    ("--authority-response", "the authority's response to the key findings"),
    ("--next-steps", "what happens next"),
    ("--evaluation", "a short evaluation of the workshop"),
)


def register(top: Group) -> None:
    group = top.group("workshop", "cluster review workshops")
    p = group.add("list", workshop_list, "the cluster's workshops")
    json_list(p)
    p = group.add("show", workshop_show, "a workshop: agenda, findings and what was agreed")
    record_id(p, "workshop")
    json_flag(p)
    p = group.add("add", workshop_add, "plan a workshop; its agenda is drafted from the findings")
    p.add_argument("title", help='e.g. "Spring cluster review"')
    p.add_argument("--at", required=True, metavar="WHEN", help='when it starts: "20 Jan 9:30"')
    p.add_argument("--place", default="", help="where it is")
    p.add_argument(
        "--attendee",
        action="append",
        default=[],
        metavar='"Name, Role, email"',
        help="someone attending (repeat for each)",
    )
    p.add_argument(
        "--theme",
        action="append",
        default=[],
        choices=tuple(THEMES),
        help="a discussion prompt to include (repeat for each)",
    )
    p.add_argument("--round", metavar="NAME", help="the self-assessment round (default: latest)")
    p = group.add("agenda", workshop_agenda, "show, edit or draft again a workshop's agenda")
    record_id(p, "workshop")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--edit", action="store_true", help="edit it in $EDITOR")
    how.add_argument("--from", dest="source", metavar="FILE", help="replace it with FILE's")
    how.add_argument("--redraft", action="store_true", help="draft it again from the findings")
    p.add_argument("--theme", action="append", choices=tuple(THEMES), help="with --redraft")
    p = group.add("record", workshop_record, "record what the workshop raised and agreed")
    record_id(p, "workshop")
    p.add_argument(
        "--issue",
        action="append",
        default=[],
        metavar='"KIND: ISSUE => APPROACH"',
        help="a political, rational or emotional issue and the approach to it",
    )
    p.add_argument(
        "--priority",
        action="append",
        metavar="TEXT",
        help="a priority agreed, most important first (replaces the list)",
    )
    p.add_argument(
        "--action",
        action="append",
        default=[],
        metavar='"TITLE | OWNER | DUE"',
        help="an action agreed: into the cluster plan (owner and due optional)",
    )
    p.add_argument(
        "--reflection",
        action="append",
        default=[],
        metavar='"SCHOOL: WORKED | HARD"',
        help="from a 1-to-1: what worked well and what was hard",
    )
    for flag, help in RECORD_TEXT:
        p.add_argument(flag, metavar="TEXT", help=help)
    p = group.add("export", workshop_export, "the workshop's pack, or its calendar")
    record_id(p, "workshop")
    p.add_argument("--format", choices=("md", "html", "ics"), help="default: from the file name")
    output(p, "workshop.html")
    p = group.add("delete", workshop_delete, "delete a workshop (its actions stay in the plan)")
    record_id(p, "workshop")


def workshop_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    found = program.workshops()
    if args.json:
        records.print_json(found)
        return 0
    if not found:
        print("No workshop yet: plan one with `flourish workshop add TITLE --at WHEN`.")
        return 0
    workshop_table(found)
    return 0


def workshop_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    w = program.workshop(args.id)
    actions = program.workshop_actions(w)
    if args.json:
        records.print_json(records.to_record(w) | {"actions": records.to_record(actions)})
        return 0
    names = team_names(program)
    start = w.start.astimezone(program.cluster().tz)
    print(f"{w.title}  (id {short(w.id)})")
    print(f"  {start:%A %d %B %Y, %H:%M} to {w.end.astimezone(start.tzinfo):%H:%M}")
    if w.place:
        print(f"  {w.place}")
    if w.attendees:
        print(indented(", ".join(p.name for p in w.attendees), "  Attendees: "))
    print("\nAgenda")
    for at, item in timed(start, w.agenda):
        print(f"  {at:%H:%M}  {item.title} ({item.minutes} min)")
        for note in item.notes.splitlines():
            print(f"         {note}")
    for r in w.reflections:
        print(f"\nFrom the 1-to-1 with {names.get(r.team_id, '?')}")
        if r.worked:
            print(indented(r.worked, "  Worked well: "))
        if r.hard:
            print(indented(r.hard, "  Was hard:    "))
    if w.issues:
        print("\nIssues raised")
        for n, i in enumerate(w.issues, 1):
            print(indented(i.issue, f"  {n}. {i.kind.value}: "))
            if i.approach:
                print(indented(i.approach, "     approach: "))
    if w.priorities:
        print("\nPriorities agreed")
        for n, text in enumerate(w.priorities, 1):
            print(f"  {n}. {text}")
    if actions:
        print("\nActions agreed (in the cluster plan)")
        for a in actions:
            print(f"  {short(a.id)}  {a.title} ({a.owner or 'no owner'}, due {a.due or 'not set'})")
    for flag, label in RECORD_TEXT:
        text = getattr(w, flag.removeprefix("--").replace("-", "_"))
        if text:
            print(f"\n{label.capitalize()}")
            print(indented(text, "  "))
    return 0


def workshop_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    made = program.add_workshop(
        args.title,
        program.read_datetime(args.at),
        place=args.place,
        attendees=[parse_person(p) for p in args.attendee],
        themes=args.theme,
        round=args.round,
    )
    end = made.end.astimezone(program.cluster().tz)
    print(
        f"Planned {quoted(made.title)} (id {short(made.id)}), until {end:%H:%M} by its agenda; "
        f"`flourish workshop agenda {short(made.id)} --edit` changes it."
    )
    return 0


def workshop_agenda(args: argparse.Namespace) -> int:
    program = open_program(args)
    w = program.workshop(args.id)
    if args.redraft:
        w = program.redraft_agenda(w.id, args.theme)
    elif args.edit or args.source:
        if args.source:
            text = Path(args.source).expanduser().read_text(encoding="utf-8")
        else:
            text = edit(AGENDA_HELP + format_agenda(w.agenda), "the agenda")
        w = program.update_workshop(w.id, agenda=text)
    elif args.theme:
        raise ValidationError("--theme goes with --redraft.")
    start = w.start.astimezone(program.cluster().tz)
    for at, item in timed(start, w.agenda):
        print(f"{at:%H:%M}  {item.title} ({item.minutes} min)")
    print(f"{w.end.astimezone(start.tzinfo):%H:%M}  close")
    return 0


def workshop_record(args: argparse.Namespace) -> int:
    program = open_program(args)
    w = program.workshop(args.id)
    issues = [parse_issue(text) for text in args.issue]
    reflections = [parse_reflection(text) for text in args.reflection]
    actions = [_action(program, text) for text in args.action]
    changes = {
        flag.removeprefix("--").replace("-", "_"): value
        for flag, _ in RECORD_TEXT
        if (value := getattr(args, flag.removeprefix("--").replace("-", "_"))) is not None
    }
    if args.priority is not None:
        changes["priorities"] = args.priority
    if not (issues or reflections or actions or changes):
        raise ValidationError(
            "Nothing to record: give --issue, --priority, --action, --reflection, "
            "--authority-response, --next-steps or --evaluation."
        )
    program.record_workshop(
        w.id,
        reflections=[
            Reflection(team_id=t, worked=worked, hard=hard) for t, worked, hard in reflections
        ],
        issues=issues,
        actions=[Agreed(title=title, owner=owner, due=due) for title, owner, due in actions],
        **changes,
    )
    done = [", ".join(k.replace("_", " ") for k in changes)] if changes else []
    counted = ((reflections, "reflections"), (issues, "issues"), (actions, "cluster actions"))
    done += [f"{len(found)} {what}" for found, what in counted if found]
    print(f"Recorded on {quoted(w.title)}: {'; '.join(done)}.")
    return 0


def _action(program, text: str):
    title, owner, due, *extra = [*(p.strip() for p in text.split("|")), "", ""][:4]
    if extra and extra[0]:
        raise ValidationError(f"{quoted(text)}: write an action as 'TITLE | OWNER | DUE'.")
    if not title:
        raise ValidationError(f"{quoted(text)} names no action before its first |.")
    return title, owner, parse_day(program, due) if due else None


def workshop_export(args: argparse.Namespace) -> int:
    program = open_program(args)
    suffix = Path(args.output).suffix.lower() if args.output else ""
    kind = args.format or {".html": "html", ".htm": "html", ".ics": "ics"}.get(suffix, "md")
    if kind == "ics":
        export = program.workshop_calendar(args.id)
        result = _deliver(program, args, export.to_ical(), "the workshop's calendar")
        program.workshop_calendar(args.id, record=True)
        return result
    text = program.workshop_pack(args.id, html=kind == "html")
    return _deliver(program, args, text.encode("utf-8"), "the workshop pack")


def workshop_delete(args: argparse.Namespace) -> int:
    gone = open_program(args).delete_workshop(args.id)
    print(f"Deleted {quoted(gone.title)}; the actions it agreed stay in the cluster plan.")
    return 0
