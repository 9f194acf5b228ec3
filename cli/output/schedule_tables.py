"""The schedule's and the briefings' views: stages, milestones and revisions, what a revision
moves, the proposed briefings, and the briefing list and detail."""

from cli.output import short
from cli.output.tables import _field, _heading, _para, _print_table, _show, _text
from domain.dates import day_month, day_month_year, weekday_day


def schedule_detail(team, timeline, revisions, titles: dict[str, str], tz) -> None:
    from domain.timeline import describe_revision

    revised = any(s.revised for s in timeline.stages) or any(m.revised for m in timeline.milestones)
    _show(
        _heading(
            f"{team.name}: {day_month_year(timeline.start)} to {day_month_year(timeline.end)}"
            + (" (revised)" if revised else "")
        )
    )
    stages = [
        [
            _text(f"{s.number} {s.name}"),
            _text(str(s.start)),
            _text(str(s.end)),
            _text(
                f"revised: planned {s.planned_start} to {s.planned_end}" if s.revised else "",
                "yellow",
            ),
        ]
        for s in timeline.stages
    ]
    _print_table("Stages", ("Stage", "From", "To", ""), stages, flex=(("", 10), ("Stage", 12)))
    milestones = [
        [
            _text(str(m.start)),
            _text(str(m.end) if m.end != m.start else ""),
            _text(m.key, "dim"),
            _text(m.title),
            _text(f"revised: planned {m.planned_start}" if m.revised else "", "yellow"),
        ]
        for m in timeline.milestones
    ]
    _print_table(
        "Milestones",
        ("Date", "Until", "Key", "Milestone", ""),
        milestones,
        flex=(("", 10), ("Milestone", 16)),
    )
    if not revisions:
        _show(_text("No revisions: the schedule is as planned."))
        return
    rows = [
        [
            _text(short(r.id), "dim"),
            _text(f"{r.created_at.astimezone(tz):%Y-%m-%d %H:%M}"),
            _text(r.made_by or "-"),
            _text(describe_revision(r)),
            _text(" ".join(r.reason.split())),
            _text(titles.get(r.challenge_id, short(r.challenge_id)) if r.challenge_id else "-"),
            _text("active", "green")
            if r.active
            else _text(f"reverted {r.reverted_at.astimezone(tz):%Y-%m-%d}", "dim"),
        ]
        for r in revisions
    ]
    _print_table(
        "Revisions",
        ("Id", "When", "By", "What", "Reason", "Challenge", "State"),
        rows,
        flex=(("Reason", 16), ("What", 16)),
        drop=("Challenge", "By"),
    )


def timeline_moves(before, after) -> list[tuple[str, str, str]]:
    """What a revision moves, as (what, before, after), in date order: stages, the program's
    end, then each milestone whose date changes."""
    moves = []
    for b, a in zip(before.stages, after.stages, strict=True):
        if (b.start, b.end) != (a.start, a.end):
            moves.append(
                (f"Stage {b.number} {b.name}", f"{b.start} to {b.end}", f"{a.start} to {a.end}")
            )
    if before.end != after.end:
        moves.append(("Program end", str(before.end), str(after.end)))
    now = {m.key: m for m in after.milestones}
    for m in before.milestones:
        moved = now.get(m.key)
        if moved is not None and moved.start != m.start:
            moves.append((f"{m.title} ({m.key})", str(m.start), str(moved.start)))
    return moves


def moves_table(title: str, moves: list[tuple[str, str, str]]) -> None:
    rows = [[_text(what), _text(was), _text("→"), _text(now, "bold")] for what, was, now in moves]
    _print_table(title, ("What moves", "Before", "", "After"), rows, flex=(("What moves", 16),))


# -- briefings -------------------------------------------------------------------------------


def plan_list(plan, team_name: str | None) -> None:
    whose = team_name or "the cluster"
    if not plan:
        _show(
            _text(f"Nothing to propose: every default briefing for {whose} is scheduled or past.")
        )
        return
    rows = [
        [
            _text(f"{n}."),
            _text(f"{b.start:%a %d %b %Y %H:%M}"),
            _text(str(b.minutes)),
            _text(b.title),
            _text(str(len(b.attendees))),
        ]
        for n, b in enumerate(plan, 1)
    ]
    _print_table(
        f"Default briefing plan for {whose}",
        ("#", "When", "Min", "Title", "Invited"),
        rows,
        flex=(("Title", 16),),
    )


def _briefing_state(b, now):
    if b.cancelled:
        return _text("cancelled", "bold red")
    if b.end <= now:
        return _text("past", "dim")
    return _text("scheduled")


def briefing_table(briefings, names: dict[str, str], now) -> None:
    if not briefings:
        _show(_text("No briefings yet. Plan them with `flourish briefing plan`."))
        return
    headers = ("Id", "When", "Min", "For", "Title", "Where", "People", "Status")
    cells = [
        [
            _text(short(b.id), "dim"),
            _text(f"{b.start:%Y-%m-%d %H:%M}"),
            _text(str(b.minutes)),
            _text(names.get(b.team_id, "?") if b.team_id else "cluster"),
            _text(
                b.title + (" (cancelled)" if b.cancelled else ""), "strike" if b.cancelled else ""
            ),
            _text(b.location),
            _text(str(len(b.attendees))),
            _briefing_state(b, now),
        ]
        for b in briefings
    ]
    _print_table(
        None,
        headers,
        cells,
        flex=(("For", 8), ("Title", 14)),
        drop=("People", "Min", "Where"),
    )


def briefing_detail(b, names: dict[str, str], challenges, now, invited=()) -> None:
    _show(_heading(f"{b.title} ({short(b.id)})"))
    _field(
        "When", f"{b.start:%a %d %b %Y %H:%M}-{b.end:%H:%M} ({b.minutes} min, {b.start.tzname()})"
    )
    _field("For", names.get(b.team_id, "?") if b.team_id else "the whole cluster")
    _field("Where", b.location or "not set yet")
    state = _briefing_state(b, now).plain
    if b.cancelled and b.cancel_reason:
        state += f": {b.cancel_reason}"
    _field("Status", state, "bold red" if b.cancelled else "")
    if challenges:
        _show(_heading("\nChallenges on the agenda"))
        for c in challenges:
            _show(_para(f"{short(c.id)}  {c.title} ({c.status.label})"))
    sent = {i.email.casefold(): i for i in invited}
    people = [
        [_text(p.name), _text(p.role), _text(p.email), _text(_invited(sent, p.email))]
        for p in b.attendees
    ]
    if people:
        _print_table(
            f"\nAttendees ({len(people)})",
            ("Name", "Role", "Email", "Invited"),
            people,
            flex=(("Email", 12), ("Role", 10), ("Name", 12), ("Invited", 10)),
        )
    else:
        _field("Attendees", "none yet")
    _show(_heading("\nAgenda"))
    if b.agenda_outdated and b.agenda_for is not None:
        _show(_para(outdated_note(b), style="yellow"))
    _show(_para(b.agenda or "No agenda yet (`flourish briefing agenda ID --draft` drafts one)."))


def _invited(sent: dict, email: str) -> str:
    """Whether an attendee was emailed the briefing, and which version."""
    i = sent.get(email.strip().casefold())
    if i is None:
        return "not yet" if email.strip() else "no email"
    what = "cancelled" if i.method == "CANCEL" else "invited"
    return f"{what}, v{i.sequence}, {day_month(i.sent_at)}"


def outdated_note(b) -> str:
    """An edited agenda kept when its briefing moved: it was written for another day."""
    return (
        f"Written for {weekday_day(b.agenda_for)}, before the briefing moved: its dates may be "
        f"out of date (`flourish briefing agenda {short(b.id)} --draft` drafts it afresh)."
    )
