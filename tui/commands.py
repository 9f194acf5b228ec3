"""One handler per command: turn arguments into facade calls and print the result."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from domain.challenges import ChallengeKind
from domain.dates import parse_date, parse_datetime, parse_shift, parse_time
from domain.errors import NotFound, ValidationError
from domain.records import parse_choice, parse_person
from domain.timeline import describe_revision
from storage.clock import clock_from_env
from storage.facade import ActionChange, Flourish, NewAction
from storage.paths import demo_workspace
from tui import render
from tui.launch import workspace_path


def open_program(args: argparse.Namespace) -> Flourish:
    clock = clock_from_env()
    root = workspace_path(args)
    if getattr(args, "demo", False) and not root.exists():
        from demo import build_demo

        build_demo(root, clock)
    return Flourish.open(root, clock, user=_user(args))


def _user(args: argparse.Namespace) -> str:
    """Who is making the change: --as, else the settings file's `user`."""
    from storage.settings import Settings

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
    from demo import build_demo

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
        impact=args.impact,
        urgency=args.urgency,
        raised_on=_date(program, args.date, prefer="past"),
    )
    print(
        f"Raised {challenge.kind} challenge {challenge.title!r} for {team.name}, severity "
        f"{render.severity_text(challenge)} (id {render.short(challenge.id)})."
    )
    return 0


def challenge_list(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    if args.escalated:
        challenges = program.escalated(args.kind)  # the chair's queue, in queue order
        if team_id:
            challenges = [c for c in challenges if c.team_id == team_id]
    else:
        challenges = program.challenges(team_id)
        if args.kind:
            wanted = parse_choice(ChallengeKind, args.kind, "challenge kind")
            challenges = [c for c in challenges if c.kind is wanted]
        if args.open:
            challenges = [c for c in challenges if c.is_open]
    names = _names(program)
    facts = _challenge_facts(program, challenges)
    if args.json:
        render.print_json(
            [render.challenge_record(c, names, **f) for c, f in zip(challenges, facts, strict=True)]
        )
    else:
        render.challenge_table(challenges, facts, names, queue=args.escalated)
    return 0


def _challenge_facts(program: Flourish, challenges: list) -> list[dict]:
    """What the list and show commands add to each challenge's record: its age, and whether
    (and by how many days) the chair's response is overdue, as the facade judges it."""
    today, allowed = program.today(), program.cluster().response_days
    facts = []
    for c in challenges:
        facts.append(
            {
                "age_days": c.age_days(today),
                "overdue": c.is_overdue(today, allowed),
                "overdue_days": c.overdue_days(today, allowed),
            }
        )
    return facts


def challenge_show(args) -> int:
    program = open_program(args)
    challenge = program.challenge(args.id)
    names = _names(program)
    (facts,) = _challenge_facts(program, [challenge])
    linked = _linked_briefings(program, challenge)
    if args.json:
        record = render.challenge_record(challenge, names, **facts)
        record["briefings"] = [render.briefing_summary(b) for b in linked]
        render.print_json(record)
    else:
        render.challenge_detail(
            challenge,
            names,
            linked,
            program.cluster(),
            program.today(),
            **facts,
        )
    return 0


def _linked_briefings(program: Flourish, challenge) -> list:
    by_id = {b.id: b for b in program.briefings()}
    return [by_id[i] for i in challenge.briefing_ids if i in by_id]


def challenge_escalate(args) -> int:
    program = open_program(args)
    challenge = program.escalate_challenge(
        args.id, reason=args.reason, schedule_impact=args.impact_on_schedule
    )
    days = program.cluster().response_days
    print(
        f"Escalated {challenge.title!r} to the chair ({_team_name(program, challenge)}); "
        f"a response is due within {days} day{'' if days == 1 else 's'}."
    )
    return 0


def challenge_respond(args) -> int:
    program = open_program(args)
    challenge = program.respond_to_challenge(
        args.id,
        kind=args.kind,
        outcome=args.outcome,
        on=_date(program, args.date, prefer="past"),
        with_whom=args.with_whom,
        awaiting=args.waiting_on,
    )
    response = challenge.last_response()
    print(
        f"Recorded the chair's response to {challenge.title!r} ({response.kind.value} on "
        f"{response.on}); now {challenge.status.label}, waiting on {challenge.waiting_on}."
    )
    return 0


def challenge_resolve(args) -> int:
    program = open_program(args)
    challenge = program.resolve_challenge(args.id, resolution=args.resolution, outcome=args.outcome)
    print(f"Resolved {challenge.title!r}: {challenge.outcome.label}.")
    return 0


def challenge_reopen(args) -> int:
    program = open_program(args)
    challenge = program.reopen_challenge(args.id, reason=args.reason)
    print(
        f"Reopened {challenge.title!r}: {challenge.status.label}, waiting on "
        f"{challenge.waiting_on}."
    )
    return 0


def challenge_withdraw(args) -> int:
    program = open_program(args)
    challenge = program.withdraw_challenge(args.id, reason=args.reason)
    print(f"Withdrew {challenge.title!r}.")
    return 0


def challenge_edit(args) -> int:
    program = open_program(args)
    fields = {
        "title": args.title,
        "description": args.description,
        "impact": args.impact,
        "urgency": args.urgency,
        "category": args.category,
    }
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise ValidationError(
            "Nothing to change: give --title, --description, --impact, --urgency or --category."
        )
    before = program.challenge(args.id)
    challenge = program.update_challenge(before.id, **changes)
    if len(challenge.history) == len(before.history):  # the facade found nothing different
        print(f"Nothing changed: {challenge.title!r} already has those details.")
        return 0
    print(f"Updated {challenge.title!r}: {challenge.history[-1].note}.")
    return 0


def challenge_link(args) -> int:
    program = open_program(args)
    challenge = program.link_briefing(args.id, args.briefing)
    briefing = program.briefing(challenge.briefing_ids[-1])
    print(
        f"Put {challenge.title!r} on the briefing {briefing.title!r} "
        f"({briefing.start:%a %d %b %Y %H:%M})."
    )
    return 0


def _team_name(program: Flourish, record) -> str:
    return _names(program).get(record.team_id, "?")


# -- schedule ------------------------------------------------------------------------------


def schedule_show(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    timeline = program.timeline(team.id)
    revisions = program.revisions(team.id)
    titles = {c.id: c.title for c in program.challenges(team.id)}
    if args.json:
        render.print_json(render.schedule_record(team, timeline, revisions))
    else:
        render.schedule_detail(team, timeline, revisions, titles, program.cluster().tz)
    return 0


def schedule_revise(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    proposal: dict = {"reason": args.reason or ""}
    if args.move:
        if args.from_stage is not None or args.from_date:
            raise ValidationError("--from-stage and --from go with --shift, not --move.")
        if not args.to:
            raise ValidationError("--move needs --to DATE: the milestone's new date.")
        proposal |= {"milestone_key": args.move, "move_to": _date(program, args.to)}
    else:
        if args.to:
            raise ValidationError("--to goes with --move; a shift moves dates by --shift.")
        proposal["shift_days"] = parse_shift(args.shift)
        if args.from_stage is not None:
            proposal["from_stage"] = args.from_stage
        else:  # without a stage, from a date; without either, the rest of the program
            proposal["from_date"] = _date(program, args.from_date) or program.today()
    if args.challenge:
        proposal["challenge_id"] = program.challenge(args.challenge).id
    if not args.dry_run and not (args.reason or "").strip():
        raise ValidationError("Give --reason: why the schedule changes (it is kept with it).")
    before, after, revision = program.preview_revision(team.id, **proposal)
    moves = render.timeline_moves(before, after)
    if not moves:
        raise ValidationError(
            f"That revision ({describe_revision(revision)}) moves no date of {team.name}'s "
            "schedule; nothing was changed."
        )
    title = f"{team.name}: {describe_revision(revision)}"
    if args.dry_run:
        render.moves_table(title, moves)
        print("Dry run: nothing was saved.")
        return 0
    was = program.challenge(revision.challenge_id) if revision.challenge_id else None
    saved = program.revise_schedule(team.id, **proposal)
    render.moves_table(title, moves)  # once saved: a refusal prints its one line only
    print(f"Revised {team.name}'s schedule (revision {render.short(saved.id)}).")
    if was is not None:
        now = program.challenge(was.id)
        if len(now.responses) > len(was.responses):
            print(f"Recorded as the chair's response to {was.title!r} (now {now.status.label}).")
        else:
            print(f"Noted in the history of {was.title!r}.")
    return 0


def schedule_revert(args) -> int:
    program = open_program(args)
    revision = program.revert_revision(None, args.id)
    name = _names(program).get(revision.team_id, "?")
    print(
        f"Reverted revision {render.short(revision.id)} of {name}'s schedule: "
        f"{describe_revision(revision)}."
    )
    return 0


# -- briefings -----------------------------------------------------------------------------


def briefing_plan(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    plan = program.plan_briefings(team_id, at=parse_time(args.time), minutes=args.minutes)
    chosen = _chosen(args.accept, plan) if args.accept else []
    if args.accept is None:
        render.plan_list(plan, _names(program).get(team_id) if team_id else None)
        if plan:
            print("Schedule them with --accept all, or some with e.g. --accept 1,3.")
        return 0
    made = program.accept_plan(chosen)
    print(f"Scheduled {len(made)} briefing{'' if len(made) == 1 else 's'}:")
    for b in made:
        print(f"  {b.start:%a %d %b %Y %H:%M}  {b.title} (id {render.short(b.id)})")
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
                f"--accept {spec!r}: give all, or numbers from the plan such as 1,3."
            )
        n = int(part)
        if not 1 <= n <= len(plan):
            raise ValidationError(
                f"--accept {spec!r}: the plan has {len(plan)} briefing"
                f"{'' if len(plan) == 1 else 's'}, numbered 1 to {len(plan)}."
            )
        if plan[n - 1] not in picked:
            picked.append(plan[n - 1])
    return picked


def briefing_add(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    start = parse_datetime(args.start, program.today(), program.cluster().tz)
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
        f"Scheduled {briefing.title!r} on {briefing.start:%a %d %b %Y %H:%M} "
        f"for {briefing.minutes} min with {people} attendee{'' if people == 1 else 's'} "
        f"(id {render.short(briefing.id)})."
    )
    if args.agenda is None:
        print(
            f"Agenda drafted; see it with `flourish briefing agenda {render.short(briefing.id)}`."
        )
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


def briefing_move(args) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    nothing = args.start is None and args.minutes is None and args.location is None
    if nothing and not briefing.cancelled:  # moving a cancelled briefing alone reinstates it
        raise ValidationError("Nothing to change: give --start, --minutes or --location.")
    start = (
        parse_datetime(args.start, program.today(), program.cluster().tz) if args.start else None
    )
    moved = program.move_briefing(
        briefing.id, start=start, minutes=args.minutes, location=args.location
    )
    verb = "Reinstated" if briefing.cancelled else "Moved"
    where = f" at {moved.location}" if moved.location else ""
    print(
        f"{verb} {moved.title!r}: {moved.start:%a %d %b %Y %H:%M} for {moved.minutes} min{where}."
    )
    return 0


def briefing_cancel(args) -> int:
    program = open_program(args)
    briefing = program.cancel_briefing(args.id, reason=args.reason)
    print(
        f"Cancelled {briefing.title!r} ({briefing.start:%a %d %b %Y %H:%M}); it stays listed "
        "as cancelled so calendars can show it."
    )
    return 0


def briefing_list(args) -> int:
    program = open_program(args)
    team_id = _team_id(program, args.team)
    briefings = program.briefings(team_id)
    if args.json:
        render.print_json(briefings)
    else:
        render.briefing_table(briefings, _names(program), program.now())
    return 0


def briefing_show(args) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    names = _names(program)
    linked = [c for c in program.challenges() if briefing.id in c.briefing_ids]
    if args.json:
        record = render.to_record(briefing)
        record |= {
            "team": names.get(briefing.team_id) if briefing.team_id else None,
            "end": briefing.end.isoformat(),
            "challenge_ids": [c.id for c in linked],
        }
        render.print_json(record)
    else:
        render.briefing_detail(briefing, names, linked, program.now())
    return 0


def briefing_agenda(args) -> int:
    program = open_program(args)
    briefing = program.briefing(args.id)
    if args.draft:
        agenda = program.draft_agenda(briefing.team_id, briefing.start)
    else:
        agenda = briefing.agenda
        if not agenda:
            raise ValidationError(
                f"{briefing.title!r} has no agenda yet; `flourish briefing agenda "
                f"{render.short(briefing.id)} --draft` drafts one."
            )
    sys.stdout.write(agenda.rstrip("\n") + "\n")
    return 0


def briefing_edit(args) -> int:
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
    print(f"Updated {briefing.title!r}: {' and '.join(changes)}.")
    return 0


# -- the cluster ---------------------------------------------------------------------------


def cluster_show(args) -> int:
    program = open_program(args)
    cluster = program.cluster()
    if args.json:
        render.print_json(cluster)
    else:
        render.cluster_detail(cluster, len(program.teams()))
    return 0


def cluster_set(args) -> int:
    program = open_program(args)
    cluster = program.cluster()
    changes: dict = {}
    if args.response_days is not None:
        changes["response_days"] = args.response_days
    if args.add_stakeholder or args.remove_stakeholder:
        changes["stakeholders"] = _stakeholders(
            cluster.stakeholders, args.add_stakeholder, args.remove_stakeholder
        )
    if not changes:
        raise ValidationError(
            "Nothing to change: give --response-days, --add-stakeholder or --remove-stakeholder."
        )
    updated = program.update_cluster(**changes)
    names = ", ".join(p.name for p in updated.stakeholders) or "none"
    print(
        f"Updated {updated.name}: response time {updated.response_days} "
        f"day{'' if updated.response_days == 1 else 's'}; executive stakeholders: {names}."
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
            raise NotFound(f"No executive stakeholder is named {ref!r}. Stakeholders: {known}.")
        people = [p for p in people if p not in matches]
    for spec in add:
        person = parse_person(spec)
        if any(key(person) & key(p) for p in people):
            raise ValidationError(f"{person.name} is already an executive stakeholder.")
        people.append(person)
    return people


def _team_id(program: Flourish, ref: str | None) -> str | None:
    """The id of the team a --team option names; None when it is not given."""
    return program.team(ref).id if ref else None


def _names(program: Flourish) -> dict[str, str]:
    return {t.id: t.name for t in program.teams()}
