"""Command-line output: JSON records, and Rich tables in which user text is never markup."""

import json
import sys
from datetime import date

from domain.status import TeamStatus
from storage.codec import to_record


def short(record_id: str) -> str:
    return record_id[:8]


def print_json(value) -> None:
    json.dump(to_record(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def status_record(s: TeamStatus) -> dict:
    return {
        "team_id": s.team.id,
        "team": s.team.name,
        "phase": s.phase.value,
        "stage": s.stage.number if s.stage else None,
        "stage_name": s.stage.name if s.stage else None,
        "program_month": s.program_month,
        "months_total": s.timeline.months_total,
        "percent": round(s.percent, 1),
        "last_checkin": s.last_checkin.isoformat() if s.last_checkin else None,
        "checkin_due": s.checkin_due.isoformat() if s.checkin_due else None,
        "checkin_overdue_days": s.checkin_overdue_days,
        "actions_done": s.actions_done,
        "actions_total": s.actions_total,
        "actions_overdue": s.actions_overdue,
        "challenges_open": s.challenges_open,
        "challenges_escalated": s.challenges_escalated,
        "challenges_overdue": s.challenges_overdue,
        "next_milestone": to_record(s.next_milestone) if s.next_milestone else None,
    }


# Rich is imported only by the commands that draw tables, keeping quick capture fast.


def _print_table(title, headers, rows, flex=(), console=None) -> None:
    """Print rows of Text, one line each. To fit the terminal the `flex` columns shrink with an
    ellipsis, in the order given (least important first), each down to its minimum width;
    `flex` is a tuple of (header, minimum width). The other columns keep their natural width."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    widths = [max([len(h), *(row[i].cell_len for row in rows)]) for i, h in enumerate(headers)]
    overflow = sum(widths) + 2 * (len(headers) - 1) - console.width  # 1 space each side
    # Down to each minimum first; then, still too wide, as far as 4 before touching the rest.
    for header, minimum in [*flex, *((h, 4) for h, _ in flex)]:
        i = headers.index(header)
        cut = min(max(0, overflow), max(0, widths[i] - minimum))
        widths[i] -= cut
        overflow -= cut
    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for header, width in zip(headers, widths, strict=True):
        table.add_column(header, width=width, no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _show(renderable) -> None:
    from rich.console import Console

    Console().print(renderable)


def _text(value, style: str = ""):
    """User text as a Rich Text: shown literally, so "[bold]" stays "[bold]"."""
    from rich.text import Text

    text = "" if value is None else str(value)
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def _stage(s: TeamStatus):
    if s.stage is None:
        return _text(s.phase.value, "dim")
    return _text(
        f"{s.stage.number} {s.stage.name}", ("cyan", "green", "magenta")[(s.stage.number - 1) % 3]
    )


def _ago(days: int) -> str:
    """A short age: 0d, 6d, 3w, 2mo."""
    if days < 14:
        return f"{days}d"
    return f"{days // 7}w" if days < 60 else f"{days // 30}mo"


def _last_checkin(s: TeamStatus, today: date):
    if s.last_checkin is None:
        return _text("none", "dim")
    return _text(_ago((today - s.last_checkin).days) + " ago")


def _due(s: TeamStatus):
    if s.checkin_due is None:
        return _text("-", "dim")
    if s.checkin_overdue:
        return _text(f"!{s.checkin_overdue_days}d late", "bold red")
    return _text(f"{s.checkin_due:%d %b}")


def status_table(cluster, rows: list[TeamStatus], today: date) -> None:
    if not rows:
        _show(_text("No teams yet. Add one with `flourish team add`."))
        return
    headers = ("School", "Stage", "Month", "Seen", "Due", "Done", "Late", "Open", "Next")
    cells = []
    for s in rows:
        milestone = s.next_milestone
        cells.append(
            [
                _text(s.team.name, "bold"),
                _stage(s),
                _text(f"{s.program_month}/{s.timeline.months_total}"),
                _last_checkin(s, today),
                _due(s),
                _text(f"{s.actions_done}/{s.actions_total}"),
                _text(str(s.actions_overdue), "bold red" if s.actions_overdue else "dim"),
                _text(str(s.challenges_open), "" if s.challenges_open else "dim"),
                _text(f"{milestone.start:%d %b} {milestone.title}" if milestone else "-"),
            ]
        )
    title = f"{cluster.name}, {today:%a %d %b %Y}"
    _print_table(title, headers, cells, flex=(("Next", 10), ("Stage", 8), ("School", 12)))
    _show(
        _text(
            "Seen: last check-in. Due: next check-in (! overdue). Done: actions done of planned. "
            "Late: overdue actions. Open: open challenges.",
            "dim",
        )
    )


def team_table(rows: list[TeamStatus]) -> None:
    headers = ("Id", "School", "Type", "Coach", "Start", "Stage", "Members")
    cells = [
        [
            _text(short(s.team.id), "dim"),
            _text(s.team.name, "bold"),
            _text(s.team.school_type),
            _text(s.team.coach.name),
            _text(str(s.team.start)),
            _stage(s),
            _text(str(len(s.team.members))),
        ]
        for s in rows
    ]
    _print_table(None, headers, cells, flex=(("Stage", 8), ("Coach", 8), ("School", 12)))


def team_detail(s: TeamStatus, today: date) -> None:
    t = s.team
    _show(_text(f"{t.name} ({short(t.id)}) {t.school_type}".strip(), "bold"))
    _show(
        _text(
            f"Month {s.program_month}/{s.timeline.months_total}, {s.percent:.0f}% through; "
            f"actions {s.actions_done}/{s.actions_total} done, {s.actions_overdue} late; "
            f"{s.challenges_open} open challenge{'' if s.challenges_open == 1 else 's'}"
        )
    )
    due = _text("Next check-in: ")
    due.append_text(_due(s) if s.checkin_due else _text("-"))
    _show(due)
    people = [[_text(t.coach.name), _text("Coach"), _text(t.coach.email)]]
    people += [[_text(p.name), _text(p.role), _text(p.email)] for p in t.members]
    people += [
        [_text(p.name), _text(p.role or "Line manager"), _text(p.email)] for p in t.line_managers
    ]
    _print_table(
        "People",
        ("Name", "Role", "Email"),
        people,
        flex=(("Email", 12), ("Role", 10), ("Name", 12)),
    )
    stages = []
    for w in s.timeline.stages:
        note = f"revised (planned {w.planned_start} to {w.planned_end})" if w.revised else ""
        marker = "<- now" if s.stage and s.stage.number == w.number else ""
        stages.append(
            [
                _text(f"{w.number} {w.name}"),
                _text(str(w.start)),
                _text(str(w.end)),
                _text(" ".join(filter(None, [marker, note]))),
            ]
        )
    _print_table("Timeline", ("Stage", "From", "To", ""), stages, flex=(("", 6), ("Stage", 12)))
    coming = [
        [_text(str(m.start)), _text(m.title + (" (revised)" if m.revised else ""))]
        for m in [m for m in s.timeline.milestones if m.start >= today][:6]
    ]
    _print_table("Coming up", ("Date", "Milestone"), coming, flex=(("Milestone", 20),))


def checkin_table(checkins, names: dict[str, str]) -> None:
    headers = ("Id", "Date", "School", "Kind", "Coach", "Notes")
    cells = [
        [
            _text(short(c.id), "dim"),
            _text(str(c.date)),
            _text(names.get(c.team_id, "?")),
            _text(c.kind.value),
            _text(c.coach),
            _text(("(confidential) " if c.confidential else "") + " ".join(c.notes.split())),
        ]
        for c in checkins
    ]
    _print_table(None, headers, cells, flex=(("Coach", 8), ("Notes", 16), ("School", 10)))


def action_table(actions, names: dict[str, str], today: date) -> None:
    headers = ("Id", "School", "Stage", "Action", "Owner", "Due", "Status")
    cells = []
    for a in actions:
        late = a.is_overdue(today)
        cells.append(
            [
                _text(short(a.id), "dim"),
                _text(names.get(a.team_id, "?")),
                _text(str(a.stage)),
                _text(a.title),
                _text(a.owner),
                _text(f"{a.due} late" if late else str(a.due or "-"), "bold red" if late else ""),
                _text(a.status.label),
            ]
        )
    _print_table(None, headers, cells, flex=(("Owner", 8), ("School", 10), ("Action", 16)))


# -- challenges ------------------------------------------------------------------------------

_SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}


def severity_text(c) -> str:
    """critical (impact high, urgency high); just the severity for challenges recorded before
    impact and urgency."""
    if c.impact is None or c.urgency is None:
        return c.severity.value
    return f"{c.severity.value} (impact {c.impact.value}, urgency {c.urgency.value})"


def overdue_text(overdue_days: int) -> str:
    return f"⚠ overdue {overdue_days} day{'' if overdue_days == 1 else 's'}"


def challenge_record(c, names: dict[str, str], *, age_days, overdue, overdue_days) -> dict:
    """A challenge's stored record plus what is worked out from it today."""
    return to_record(c) | {
        "kind": c.kind.value,
        "team": names.get(c.team_id),
        "severity": c.severity.value,
        "waiting_on": c.waiting_on.value if c.waiting_on else None,
        "age_days": age_days,
        "overdue": overdue,
        "overdue_days": overdue_days,
    }


def challenge_table(challenges, facts: list[dict], names: dict[str, str], queue=False) -> None:
    if not challenges:
        _show(_text("The chair's queue is empty." if queue else "No challenges."))
        return
    headers = ("Id", "School", "Kind", "Category", "Title", "Severity", "Status", "Waiting on")
    headers += ("Age", "Overdue")
    cells = [
        [
            _text(short(c.id), "dim"),
            _text(names.get(c.team_id, "?")),
            _text(c.kind.value),
            _text(c.category.value),
            _text(c.title),
            _text(c.severity.value, _SEVERITY_STYLE.get(c.severity.value, "")),
            _text(c.status.label),
            _text(c.waiting_on.value if c.waiting_on else "-", "" if c.waiting_on else "dim"),
            _text(f"{f['age_days']}d"),
            _text(overdue_text(f["overdue_days"]) if f["overdue"] else "", "bold red"),
        ]
        for c, f in zip(challenges, facts, strict=True)
    ]
    title = "The chair's queue: most severe, then longest waiting, first" if queue else None
    _print_table(title, headers, cells, flex=(("Category", 10), ("School", 10), ("Title", 14)))


def challenge_detail(c, names, briefings, cluster, today: date, **facts) -> None:
    tz = cluster.tz
    _show(_heading(f"{c.title} ({short(c.id)})"))
    _field("School", names.get(c.team_id, "?"))
    _field("Kind", f"{c.kind.value}: {c.category.label} ({c.category.value})")
    _field("Severity", severity_text(c), _SEVERITY_STYLE.get(c.severity.value, ""))
    status = c.status.label
    if c.waiting_on:
        status += f", waiting on {c.waiting_on.value}"
    _field("Status", status)
    if facts["overdue"]:
        _field(
            "Overdue",
            f"{overdue_text(facts['overdue_days'])}: escalated {c.waiting_days(today)} days ago "
            f"with no chair response (response time {cluster.response_days} days)",
            "bold red",
        )
    by = f" by {c.raised_by}" if c.raised_by else ""
    _field("Raised", f"{c.raised_on}{by}, {facts['age_days']} days ago")
    if c.description:
        _field("Description", c.description)
    if c.escalated_on:
        _field("Escalated", f"{c.escalated_on}: {c.escalation_reason}")
        _field("Schedule impact", c.schedule_impact)
    if c.responses:
        _show(_heading("\nChair's responses"))
        for r in c.responses:
            who = f" by {r.by}" if r.by else ""
            line = f"{r.on}  {r.kind.label} ({r.kind.value}){who}"
            if r.with_whom:
                line += f", with {', '.join(r.with_whom)}"
            _show(_para(line))
            _show(_para(f"    {r.outcome}"))
            if r.revision_id:
                _show(_para(f"    schedule revision {short(r.revision_id)}", "dim"))
    if c.outcome or c.resolution:
        _show(_heading("\nResolution"))
        closed = f" (closed {c.closed_on})" if c.closed_on else ""
        _show(_para(f"{c.outcome.label if c.outcome else ''}{closed}".strip()))
        _show(_para(f"    {c.resolution}"))
    elif c.closed_on:
        _field("Closed", str(c.closed_on))
    if briefings:
        _show(_heading("\nOn the agenda of"))
        for b in briefings:
            state = " (cancelled)" if b.cancelled else ""
            _show(_para(f"{short(b.id)}  {b.start:%a %d %b %Y %H:%M}  {b.title}{state}"))
    _show(_heading("\nHistory"))
    for h in c.history:
        by = f"  {h.by}" if h.by else ""
        _show(_para(f"{h.at.astimezone(tz):%Y-%m-%d %H:%M}{by}  {h.what} [{h.status.label}]"))
        if h.note:
            _show(_para(f"    {h.note}", "dim"))


def briefing_summary(b) -> dict:
    return {"id": b.id, "title": b.title, "start": b.start.isoformat(), "status": b.status.value}


def _heading(text: str):
    from rich.text import Text

    return Text(text, style="bold")


def _para(text: str, style: str = ""):
    """User text that wraps rather than being cut: for detail views."""
    from rich.text import Text

    return Text(text, style=style)


def _field(label: str, value: str, style: str = "") -> None:
    from rich.text import Text

    line = Text(f"{label}: ", style="bold")
    line.append(value, style=style)
    _show(line)


# -- schedule --------------------------------------------------------------------------------


def schedule_record(team, timeline, revisions) -> dict:
    from domain.timeline import describe_revision

    return {
        "team_id": team.id,
        "team": team.name,
        "start": timeline.start.isoformat(),
        "end": timeline.end.isoformat(),
        "stages": [to_record(s) | {"revised": s.revised} for s in timeline.stages],
        "milestones": [to_record(m) | {"revised": m.revised} for m in timeline.milestones],
        "revisions": [
            to_record(r) | {"what": describe_revision(r), "active": r.active} for r in revisions
        ],
    }


def schedule_detail(team, timeline, revisions, titles: dict[str, str], tz) -> None:
    from domain.timeline import describe_revision

    revised = any(s.revised for s in timeline.stages) or any(m.revised for m in timeline.milestones)
    _show(
        _heading(
            f"{team.name}: {timeline.start:%-d %b %Y} to {timeline.end:%-d %b %Y}"
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
        flex=(("Challenge", 10), ("Reason", 16), ("By", 8)),
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
    _print_table(None, headers, cells, flex=(("Where", 8), ("For", 8), ("Title", 14)))


def briefing_detail(b, names: dict[str, str], challenges, now) -> None:
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
    people = [[_text(p.name), _text(p.role), _text(p.email)] for p in b.attendees]
    if people:
        _print_table(
            f"\nAttendees ({len(people)})",
            ("Name", "Role", "Email"),
            people,
            flex=(("Email", 12), ("Role", 10), ("Name", 12)),
        )
    else:
        _field("Attendees", "none yet")
    _show(_heading("\nAgenda"))
    _show(_para(b.agenda or "No agenda yet (`flourish briefing agenda ID --draft` drafts one)."))


# -- the cluster -----------------------------------------------------------------------------


def cluster_detail(cluster, teams: int) -> None:
    _show(_heading(cluster.name))
    _field("Timezone", cluster.timezone)
    chair = cluster.chair
    _field("Chair", chair.name + (f" <{chair.email}>" if chair.email else ""))
    _field(
        "Response time",
        f"{cluster.response_days} day{'' if cluster.response_days == 1 else 's'} (an escalated "
        "challenge with no chair response after that is overdue)",
    )
    template = cluster.template
    stages = "; ".join(f"{s.number} {s.name}, {s.months} months" for s in template.stages)
    _field("Stages", stages)
    _field("Check-ins", f"every {template.checkin_cadence_weeks} weeks")
    _field("Teams", str(teams))
    people = [[_text(p.name), _text(p.role), _text(p.email)] for p in cluster.stakeholders]
    if people:
        _print_table(
            "Executive stakeholders",
            ("Name", "Role", "Email"),
            people,
            flex=(("Email", 12), ("Role", 10), ("Name", 12)),
        )
    else:
        _field(
            "Executive stakeholders", "none yet (add with `flourish cluster set --add-stakeholder`)"
        )


# -- the pulse survey ------------------------------------------------------------------------

_BAND_STYLE = {"low": "red", "medium": "yellow", "high": "green"}
HIDDEN = "–"  # a result too few people answered: never its score


def _pulse_score(point, letter: bool = False, missing: str = ""):
    """A shown score in its band's colour (with L/M/H when `letter`), – when hidden, and
    `missing` when there is no result."""
    from domain.scales import band

    if point is None:
        return _text(missing, "dim")
    if point.hidden or point.score is None:
        return _text(HIDDEN, "dim")
    b = band(point.score).value
    return _text(f"{point.score:g}" + (f" {b[0].upper()}" if letter else ""), _BAND_STYLE[b])


def _pulse_change(delta):
    if delta is None:
        return _text("")
    if delta > 0:
        return _text(f"▲ {delta:g}", "green")
    if delta < 0:
        return _text(f"▼ {abs(delta):g}", "red")
    return _text("= 0", "dim")


def _pulse_table(title, headers, rows, right=()) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for n, header in enumerate(headers):
        # A score column ("6.3 M") never shrinks: on a narrow terminal its header and the
        # school's name are shortened instead.
        table.add_column(
            header,
            justify="right" if n in right else "left",
            no_wrap=True,
            overflow="ellipsis",
            min_width=5 if n in right else 6 if n else None,
            max_width=8 if n in right else 20 if n == 0 else None,
        )
    for row in rows:
        table.add_row(*row)
    _show(table)


def pulse_trend_table(team_name, dimensions, trends, months, changes, latest, least) -> None:
    """Rows are dimensions, columns months (oldest first), then the change since the month
    before and the band of the latest score."""
    from domain.scales import band

    if not months:
        _show(
            _text(
                f"No pulse results for {team_name} yet. Record them with `flourish pulse add` "
                "or `flourish pulse import`."
            )
        )
        return
    rows = []
    for d in dimensions:
        points = {p.month: p for p in trends.get(d.key, [])}
        now = points.get(months[-1])
        shown_now = now is not None and not now.hidden and now.score is not None
        b = band(now.score).value if shown_now else ""
        rows.append(
            [
                _text(d.key, "dim"),
                _text(d.label),
                *(_pulse_score(points.get(m)) for m in months),
                _pulse_change(changes.get(d.key)),
                _text(b, _BAND_STYLE.get(b, "")),
            ]
        )
    headers = ("Key", "Dimension", *(f"{m:%b %y}" for m in months), "Change", "Band")
    span = f"{months[0]:%b %Y} to {months[-1]:%b %Y}" if len(months) > 1 else f"{months[0]:%b %Y}"
    right = range(2, 3 + len(months))
    _pulse_table(f"{team_name}: pulse survey, {span}", headers, rows, right)
    if latest is not None and latest.mean is not None:
        line = f"{latest.month:%B %Y}: mean {latest.mean:g}"
        if latest.change is not None:
            line += f", {_pulse_change(latest.change).plain} since the month before"
        _show(_text(line, "bold"))
    flagged = list(dict.fromkeys([*latest.low, *latest.falling])) if latest else []
    if flagged:
        _show(
            _para(
                f"Low or falling: {', '.join(flagged)}. Turn one into an action with "
                f"`flourish pulse action --team TEAM --dimension KEY`."
            )
        )
    _show(
        _text(
            f"{HIDDEN} fewer than {least} responses (hidden); blank: no result. "
            "Change: since the month before (▲ up, ▼ down). "
            "Band: low below 4, medium 4 to 7.9, high 8 or more.",
            "dim",
        )
    )


def pulse_heatmap_table(cluster_name, heatmap, least) -> None:
    """Teams by dimensions for one month (or each team's latest, with a Month column); each
    cell the score and its band letter."""
    if not heatmap.months:
        when = f" for {heatmap.month:%B %Y}" if heatmap.month else " yet"
        _show(_text(f"No pulse results{when}. Record them with `flourish pulse add` or `import`."))
        return
    keys = [d.key for d in heatmap.dimensions]
    each = heatmap.month is None
    rows = []
    for team, cells in heatmap.rows:
        month = heatmap.months.get(team.id)
        when = [_text(f"{month:%b %y}" if month else "-", "" if month else "dim")] if each else []
        scores = [_pulse_score(cells.get(k), letter=True, missing=HIDDEN) for k in keys]
        rows.append([_text(team.name, "bold"), *when, *scores])
    span = "each team's latest month" if each else f"{heatmap.month:%B %Y}"
    headers = ("School", *(["Month"] if each else []), *keys)
    _pulse_table(
        f"{cluster_name}: pulse survey, {span}",
        headers,
        rows,
        right=range(len(headers) - len(keys), len(headers)),
    )
    _show(
        _text(
            "L low (below 4), M medium (4 to 7.9), H high (8 or more); "
            f"{HIDDEN} fewer than {least} responses, or no result.",
            "dim",
        )
    )
    _show(_para("; ".join(f"{d.key}: {d.label}" for d in heatmap.dimensions), "dim"))


# -- self-assessments ------------------------------------------------------------------------

UNRATED = "·"  # a condition a school has not rated; a section nobody has answered


def signed(delta) -> str:
    """A change as +2, -1.5 or =0."""
    return "=0" if delta == 0 else f"{delta:+g}"


def _short_keys(keys: list[str]) -> list[str]:
    """The shortest prefixes, of 4 characters or more, that still tell the keys apart."""
    for n in range(4, max(map(len, keys), default=4) + 1):
        short = [k[:n] for k in keys]
        if len(set(short)) == len(short):
            return short
    return list(keys)


def _keyed_table(title, first: str, keys: list[str], extras: tuple, rows) -> list[str]:
    """Rows of Text: a name, a cell per key, then the `extras` columns, all but the name on the
    right. The keys head their columns whole when that fits the terminal, else shortened; the
    headers used are returned for a key line. Score columns never shrink: the name does."""
    from rich.console import Console
    from rich.table import Table

    console = Console()

    def widths(headers):
        return [max([len(h), *(row[i].cell_len for row in rows)]) for i, h in enumerate(headers)]

    heads = list(keys)
    w = widths([first, *heads, *extras])
    if sum(w) + 2 * (len(w) - 1) > console.width:
        heads = _short_keys(keys)
        w = widths([first, *heads, *extras])
    # Two spaces between columns when the names still get 8 characters, else one.
    gap = 2 if sum(w[1:]) + 2 * (len(w) - 1) + 8 <= console.width else 1
    w[0] = max(6, min(w[0], 24, console.width - sum(w[1:]) - gap * (len(w) - 1)))
    table = Table(
        title=_para(title),  # a round's name is user text, never markup
        title_justify="left",
        header_style="bold",
        box=None,
        pad_edge=False,
        padding=(0, 1) if gap == 2 else (0, 1, 0, 0),
    )
    for n, (header, width) in enumerate(zip([first, *heads, *extras], w, strict=True)):
        table.add_column(
            header, width=width, justify="right" if n else "left", no_wrap=True, overflow="ellipsis"
        )
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return heads


def _key_line(heads: list[str], items: list[tuple[str, str]]) -> None:
    """What each column's header stands for: `key: label`, or `short key: label`."""
    parts = [
        f"{key}: {label}" if head == key else f"{head} {key}: {label}"
        for head, (key, label) in zip(heads, items, strict=True)
    ]
    _show(_para("; ".join(parts), "dim"))


def _scored(text: str, score):
    from domain.scales import band

    return _text(text, _BAND_STYLE[band(score).value]) if score is not None else _text("")


def _letter(score) -> str:
    from domain.scales import band

    return band(score).value[0].upper()


def assess_grid_table(cluster_name, grid, findings) -> None:
    """Schools by conditions for one round: each cell the score, its band letter and its
    change since the round before; each school's mean; the cluster's mean per condition."""
    if not any(cell for _, cells in grid.rows for cell in cells.values()):
        _show(
            _text(
                f"No school has rated a condition in {grid.round.name} yet. "
                "Rate with `flourish assess rate --team TEAM --rate KEY=SCORE`."
            )
        )
        return
    keys = [c.key for c in grid.conditions]
    school_means = {team.id: mean for team, mean in findings.schools}
    found = {f.condition.key: f for f in findings.ranking}
    rows = []
    for team, cells in grid.rows:
        mean = school_means.get(team.id)
        rows.append(
            [
                _text(team.name, "bold"),
                *(_rating_cell(cells[k]) for k in keys),
                _mean_cell(mean),
            ]
        )
    means = [found[k].mean if k in found else None for k in keys]
    rows.append(
        [_text("Cluster", "bold"), *(_mean_cell(m) for m in means), _mean_cell(findings.mean)]
    )
    if grid.previous:
        changes = [found[k].change if k in found else None for k in keys]
        moved = [_text(signed(c) if c is not None else "") for c in changes]
        rows.append([_text("Change", "dim"), *moved, _text("")])
    since = f", change since {grid.previous.name}" if grid.previous else ""
    heads = _keyed_table(
        f"{cluster_name}: self-assessment, {grid.round.name}{since}",
        "School",
        keys,
        ("Mean",),
        rows,
    )
    change = f"; +2 or -1: the change since {grid.previous.name}" if grid.previous else ""
    _show(
        _text(
            f"L low (0-3), M medium (4-7), H high (8-10){change}; {UNRATED} not rated. "
            "Mean: over the conditions a school rated. Cluster: each condition's mean over the "
            "schools rating it, and every rating's.",
            "dim",
        )
    )
    _key_line(heads, [(c.key, c.label) for c in grid.conditions])


def _mean_cell(mean):
    return _scored(f"{mean:g} {_letter(mean)}", mean) if mean is not None else _text(UNRATED)


def _rating_cell(cell):
    if cell is None:
        return _text(UNRATED, "dim")
    text = f"{cell.score} {_letter(cell.score)}"
    if cell.change is not None:
        text += f" {signed(cell.change)}"
    return _scored(text, cell.score)


_GAP_STYLE = {"!": "red", "?": "yellow", "": "green"}


def section_flag(result) -> str:
    """! a significant gap; ? no gap but a question to return to; blank: neither."""
    return "!" if result.gap else "?" if result.flagged else ""


def diagnostic_overview_table(cluster_name, results, questionnaire) -> None:
    """Schools by sections of the collaboration diagnostic: each section's combined total,
    flagged when it has a gap or a question to return to."""
    if not any(r.respondents for r in results):
        _show(
            _text(
                "Nobody has answered the collaboration diagnostic yet. Record answers with "
                "`flourish assess diagnostic add` or `flourish assess diagnostic import`."
            )
        )
        return
    rows = []
    for r in results:
        cells = []
        for s in r.sections:
            if s.total is None:
                cells.append(_text(UNRATED, "dim"))
                continue
            flag = section_flag(s)
            cells.append(_text(f"{s.total:g}{' ' + flag if flag else ''}", _GAP_STYLE[flag]))
        rows.append([_text(r.team.name, "bold"), *cells, _text(str(r.respondents))])
    keys = [s.key for s in questionnaire]
    heads = _keyed_table(
        f"{cluster_name}: collaboration diagnostic", "School", keys, ("People",), rows
    )
    _show(
        _text(
            "! a gap: less than half the section's maximum; ? no gap, but a question to return "
            f"to; {UNRATED} not answered. People: respondents combined.",
            "dim",
        )
    )
    _key_line(heads, [(s.key, f"{s.title} (of {s.maximum})") for s in questionnaire])
