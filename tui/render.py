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


def challenge_table(challenges, names: dict[str, str], today: date) -> None:
    headers = ("Id", "School", "Kind", "Category", "Title", "Severity", "Status", "Age")
    cells = [
        [
            _text(short(c.id), "dim"),
            _text(names.get(c.team_id, "?")),
            _text(c.kind.value),
            _text(c.category.value),
            _text(c.title),
            _text(c.severity.value),
            _text(c.status.value),
            _text(f"{c.age_days(today)}d"),
        ]
        for c in challenges
    ]
    _print_table(None, headers, cells, flex=(("Category", 10), ("School", 10), ("Title", 14)))


def briefing_table(briefings, names: dict[str, str]) -> None:
    headers = ("Id", "When", "Min", "For", "Title", "Where", "People")
    cells = [
        [
            _text(short(b.id), "dim"),
            _text(f"{b.start:%Y-%m-%d %H:%M}"),
            _text(str(b.minutes)),
            _text(names.get(b.team_id, "?") if b.team_id else "cluster"),
            _text(b.title + (" (cancelled)" if b.status.value == "cancelled" else "")),
            _text(b.location),
            _text(str(len(b.attendees))),
        ]
        for b in briefings
    ]
    _print_table(None, headers, cells, flex=(("Where", 8), ("For", 8), ("Title", 14)))
