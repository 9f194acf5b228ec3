"""One handler per command: turn arguments into facade calls and print the result."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from domain.dates import parse_date, parse_datetime
from domain.errors import ValidationError
from storage.facade import ActionChange, Flourish, NewAction
from storage.paths import demo_workspace
from tui import render
from tui.clock import clock_from_env
from tui.launch import workspace_path
from tui.people import parse_person


def open_program(args: argparse.Namespace) -> Flourish:
    clock = clock_from_env()
    root = workspace_path(args)
    if getattr(args, "demo", False) and not root.exists():
        from storage.demo import build_demo

        build_demo(root, clock)
    return Flourish.open(root, clock, user=_user(args))


def _user(args: argparse.Namespace) -> str:
    """Who is making the change: --as, else the settings file's `user`."""
    from tui.config import Settings

    return getattr(args, "user", "") or Settings.load().user


def _date(program: Flourish, text: str | None, prefer: str = "future"):
    return parse_date(text, program.today(), prefer) if text else None


# -- workspace -----------------------------------------------------------------------------


def init(args) -> int:
    root = workspace_path(args)
    try:
        months = tuple(int(m) for m in args.stage_months.split(","))
    except ValueError:
        raise ValidationError(
            f"--stage-months {args.stage_months!r}: give whole months, e.g. 3,6,3."
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


def demo(args) -> int:
    from storage.demo import build_demo

    root = Path(args.workspace).expanduser() if getattr(args, "workspace", None) else None
    root = root or demo_workspace()
    program = build_demo(root, clock_from_env(), force=args.force)
    print(f"Demo workspace for {program.cluster().name} ready at {root}.")
    print(f"Try: flourish --workspace {root} status")
    return 0


def status(args) -> int:
    program = open_program(args)
    rows = program.status()
    if args.json:
        render.print_json([render.status_record(s) for s in rows])
    else:
        render.status_table(program.cluster(), rows, program.today())
    return 0


# -- teams ---------------------------------------------------------------------------------


def team_add(args) -> int:
    program = open_program(args)
    team = program.add_team(
        args.name,
        start=parse_date(args.start, program.today()),
        coach=parse_person(args.coach),
        members=[parse_person(m) for m in args.member],
        line_managers=[parse_person(m) for m in args.line_manager],
        school_type=args.type,
    )
    print(f"Added {team.name}, starting {team.start} (id {render.short(team.id)}).")
    return 0


def team_list(args) -> int:
    program = open_program(args)
    teams = program.teams()
    if args.json:
        render.print_json(teams)
    else:
        render.team_table(program.status(teams))
    return 0


def team_show(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    (state,) = program.status([team])
    if args.json:
        render.print_json({"team": team, "status": render.status_record(state)})
    else:
        render.team_detail(state, program.today())
    return 0


# -- check-ins -----------------------------------------------------------------------------


def checkin_add(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    on = parse_date(args.date, program.today(), prefer="past")
    next_checkin = _date(program, args.next)
    changes = [_action_change(spec) for spec in args.update]
    for change in changes:
        program.action(change.action_id)  # refuses an unknown id
    # Refuse bad details before anyone spends time writing notes in an editor.
    kind = program.check_checkin(on=on, kind=args.kind, next_checkin=next_checkin)
    notes = _notes(args.notes, f"{kind} check-in with {team.name} on {on}")
    checkin = program.log_checkin(
        team.id,
        on=on,
        kind=kind,
        notes=notes,
        coach=args.coach,
        attendees=args.attendee,
        confidential=args.confidential,
        next_checkin=next_checkin,
        new_actions=[NewAction(title=title) for title in args.action],
        action_changes=changes,
    )
    (state,) = program.status([team])
    print(
        f"Logged {checkin.kind} check-in with {team.name} on {checkin.date} "
        f"(id {render.short(checkin.id)}). Next check-in due {state.checkin_due}."
    )
    return 0


def _action_change(spec: str) -> ActionChange:
    action_id, sep, status = spec.partition("=")
    if not sep or not action_id.strip() or not status.strip():
        raise ValidationError(
            f"--update {spec!r}: write it as ACTION_ID=STATUS, e.g. 1a2b3c4d=done."
        )
    return ActionChange(action_id=action_id.strip(), status=status.strip())


def _notes(given: str | None, subject: str) -> str:
    """--notes TEXT, --notes - for stdin, or $EDITOR when typing at a terminal."""
    if given == "-":
        return sys.stdin.read()
    if given is not None or not sys.stdin.isatty():
        return given or ""
    return _edit(f"# Notes for the {subject}.\n# Lines starting with # are ignored.\n")


def _edit(template: str) -> str:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, path = tempfile.mkstemp(prefix="flourish-notes-", suffix=".md")  # owner-only
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(template)
        if subprocess.call([*editor.split(), path]) != 0:
            raise ValidationError(f"The editor ({editor}) failed; the check-in was not logged.")
        text = Path(path).read_text(encoding="utf-8")
    finally:
        os.unlink(path)
    notes = "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()
    if not notes:
        raise ValidationError("No notes were written, so the check-in was not logged.")
    return notes


def checkin_list(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    checkins = program.checkins(team_id)[: args.limit]
    if args.json:
        render.print_json(checkins)
    else:
        render.checkin_table(checkins, _names(program))
    return 0


# -- actions -------------------------------------------------------------------------------


def action_add(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    action = program.add_action(
        team.id,
        args.title,
        owner=args.owner,
        stage=args.stage,
        due=_date(program, args.due),
        status=args.status,
        success_criteria=args.criteria,
    )
    print(f"Added action {action.title!r} for {team.name} (id {render.short(action.id)}).")
    return 0


def action_list(args) -> int:
    from domain.actions import parse_status

    program = open_program(args)
    team_id = _team_id(program, args.team)
    actions = program.actions(team_id)
    if args.status:
        wanted = parse_status(args.status)
        actions = [a for a in actions if a.status is wanted]
    if args.overdue:
        actions = [a for a in actions if a.is_overdue(program.today())]
    if args.json:
        render.print_json(actions)
    else:
        render.action_table(actions, _names(program), program.today())
    return 0


def action_update(args) -> int:
    program = open_program(args)
    fields = {
        "title": args.title,
        "owner": args.owner,
        "stage": args.stage,
        "due": _date(program, args.due),
        "success_criteria": args.criteria,
        "evidence": args.evidence,
    }
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes and args.status is None and not args.note:
        raise ValidationError("Nothing to change: give --status, --note, --due or another field.")
    action = program.update_action(args.id, status=args.status, note=args.note, **changes)
    print(f"Updated {action.title!r}: {action.status.label}, due {action.due or 'not set'}.")
    return 0


# -- challenges ----------------------------------------------------------------------------


def challenge_add(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    challenge = program.raise_challenge(
        team.id,
        category=args.category,
        kind=args.kind,
        title=args.title,
        description=args.description,
        severity=args.severity,
        raised_on=_date(program, args.date, prefer="past"),
    )
    print(
        f"Raised {challenge.kind} challenge {challenge.title!r} for {team.name} "
        f"(id {render.short(challenge.id)})."
    )
    return 0


def challenge_list(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    challenges = program.challenges(team_id)
    if args.open:
        challenges = [c for c in challenges if c.is_open]
    if args.json:
        render.print_json(challenges)
    else:
        render.challenge_table(challenges, _names(program), program.today())
    return 0


# -- briefings -----------------------------------------------------------------------------


def briefing_add(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    start = parse_datetime(args.start, program.today(), program.cluster().tz)
    briefing = program.add_briefing(
        args.title,
        start=start,
        minutes=args.minutes,
        team_id=team_id,
        attendees=[parse_person(a) for a in args.attendee],
        location=args.location,
        agenda=args.agenda,
    )
    print(
        f"Scheduled {briefing.title!r} on {briefing.start:%a %d %b %Y %H:%M} "
        f"for {briefing.minutes} min (id {render.short(briefing.id)})."
    )
    return 0


def briefing_list(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    briefings = program.briefings(team_id)
    if args.json:
        render.print_json(briefings)
    else:
        render.briefing_table(briefings, _names(program))
    return 0


def _team_id(program: Flourish, ref: str | None) -> str | None:
    """The id of the team a --team option names; None when it is not given."""
    return program.team(ref).id if ref else None


def _names(program: Flourish) -> dict[str, str]:
    return {t.id: t.name for t in program.teams()}
