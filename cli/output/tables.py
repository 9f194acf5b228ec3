"""Rich tables and detail views for the command line, in which user text is never markup.

Rich is imported only by the commands that draw tables, keeping quick capture fast. The
schedule's and briefings' views are in schedule_tables, the pulse survey's in pulse_tables, the
self-assessments' in assess_tables; JSON records in records."""

from datetime import date

from cli.output import short
from domain.dates import day_month_year, weekday_day
from domain.status import TeamStatus
from domain.text import UNSAFE as UNSAFE_TEXT
from domain.text import quoted, shown


def _print_table(title, headers, rows, flex=(), drop=(), console=None) -> None:
    """Print rows of Text, one line each.

    Piped, or with --wide, every value is whole, a line break in one shown as ⏎. At a
    terminal too narrow for the table, the `drop` columns are left out first (least important
    first), then the `flex` ones shrink with an ellipsis, in the order given, each down to its
    minimum width (a tuple of (header, minimum)); an id or a title is never cut to nothing:
    past that, lines run on and the terminal wraps them."""
    from rich.table import Table

    from cli.inert import console as new_console
    from cli.inert import whole

    console = console or new_console()
    if whole(console):
        rows = [[_one_line(cell) for cell in row] for row in rows]
    if not console.is_terminal:  # piped: no colour to draw, and Rich takes ms a row
        _print_plain(title, headers, rows, console.file)
        return
    widths = [max([len(h), *(row[i].cell_len for row in rows)]) for i, h in enumerate(headers)]
    shown_columns = list(range(len(headers)))

    def overflow() -> int:  # one space each side of a column
        used = sum(widths[i] for i in shown_columns) + 2 * (len(shown_columns) - 1)
        return used - console.width

    for header in drop:
        if overflow() > 0 and not whole(console):
            shown_columns.remove(headers.index(header))
    for header, minimum in flex:
        i = headers.index(header)
        if i in shown_columns and not whole(console):
            widths[i] -= min(max(0, overflow()), max(0, widths[i] - minimum))
    table = Table(
        title=_title(title), title_justify="left", header_style="bold", box=None, pad_edge=False
    )
    for i in shown_columns:
        table.add_column(headers[i], width=widths[i], no_wrap=True, overflow="ellipsis")
    for row in rows:
        table.add_row(*(row[i] for i in shown_columns))
    if overflow() > 0:  # every cut made: the lines run on rather than lose an id or title
        console.width += overflow()
    console.print(table)


def _print_plain(title, headers, rows, out) -> None:
    """The table as plain lines, laid out as Rich would lay it out piped: every value whole,
    two spaces between columns. A listing of 20,000 late actions prints in a blink."""
    from cli.inert import UNSAFE

    widths = [max([len(h), *(row[i].cell_len for row in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[tuple[str, int]]) -> str:
        # Each cell's text was made safe as the cell was made (Cell, shown()).
        padded = [text + " " * (widths[i] - width) for i, (text, width) in enumerate(cells)]
        return "  ".join(padded).rstrip() + "\n"

    if title is not None:
        out.write(UNSAFE.sub("", _title(title).plain) + "\n")
    out.write(UNSAFE.sub("", line([(h, len(h)) for h in headers])))
    # Written a thousand lines at a time: the stream checks each write for what would act on
    # a terminal, quicker over one long string than over 40,000 short ones.
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        out.write("".join(line([(cell.plain, cell.cell_len) for cell in row]) for row in chunk))
    out.flush()


def _one_line(cell):
    """A cell on one line, for output read by programs: a line break shows as ⏎."""
    if "\n" not in cell.plain:
        return cell
    from rich.text import Text

    return Text(cell.plain.replace("\n", " ⏎ "), style=cell.style, no_wrap=True)


def _title(title):
    """A table's title, never markup: it often names a school or a round."""
    from rich.text import Text

    return title if title is None or isinstance(title, Text) else Text(shown(str(title)))


def _show(renderable) -> None:
    from cli.inert import console

    console().print(renderable)


class Cell:
    """A table cell of user text, as cheap as a string: a listing of 40,000 check-ins piped to
    a file never builds a Rich Text per cell (that took seconds); at a terminal, Rich draws
    it as one."""

    __slots__ = ("cell_len", "plain", "style")

    def __init__(self, value, style: str = ""):
        text = value if type(value) is str else "" if value is None else str(value)
        # Control characters escaped (shown()); most text has none, found at C speed.
        self.plain = shown(text) if _UNSAFE_AT(text) else text
        self.style = style
        # Its width on screen: ASCII is one column a character; Rich measures the rest.
        self.cell_len = len(self.plain) if self.plain.isascii() else _cell_len(self.plain)

    def __rich__(self):
        from rich.text import Text

        return Text(self.plain, style=self.style, no_wrap=True, overflow="ellipsis")


_UNSAFE_AT = UNSAFE_TEXT.search


def _cell_len(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _text(value, style: str = ""):
    """User text as a Rich Text: shown literally, so "[bold]" stays "[bold]"."""
    from rich.text import Text

    text = "" if value is None else shown(str(value))  # control characters as escapes
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
    _print_table(
        title, headers, cells, flex=(("Stage", 8), ("School", 12), ("Next", 10)), drop=("Next",)
    )
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
    _print_table(
        None,
        headers,
        cells,
        flex=(("Stage", 8), ("Coach", 8), ("School", 12)),
        drop=("Members", "Type"),
    )


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
            Cell(short(c.id), "dim"),
            Cell(str(c.date)),
            Cell(names.get(c.team_id, "?")),
            Cell(c.kind.value),
            Cell(c.coach),
            Cell(("(confidential) " if c.confidential else "") + " ".join(c.notes.split())),
        ]
        for c in checkins
    ]
    _print_table(
        None,
        headers,
        cells,
        flex=(("School", 10), ("Notes", 16)),
        drop=("Coach", "Kind"),
    )


def action_table(actions, names: dict[str, str], today: date) -> None:
    headers = ("Id", "School", "Stage", "Action", "Owner", "Due", "Status")
    cells = []
    for a in actions:
        late = a.is_overdue(today)
        cells.append(
            [
                Cell(short(a.id), "dim"),
                Cell(names.get(a.team_id, "?")),
                Cell(str(a.stage)),
                Cell(a.title),
                Cell(a.owner),
                Cell(f"{a.due} late" if late else str(a.due or "-"), "bold red" if late else ""),
                Cell(a.status.label),
            ]
        )
    _print_table(
        None,
        headers,
        cells,
        flex=(("Owner", 8), ("School", 10), ("Action", 16)),
        drop=("Stage",),
    )


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


def challenge_table(challenges, facts: list[dict], names: dict[str, str], queue=False) -> None:
    if not challenges:
        _show(_text("The chair's queue is empty." if queue else "No challenges."))
        return
    headers: tuple[str, ...] = ("Id", "School", "Kind", "Category", "Title", "Severity", "Status")
    headers += ("Waiting on", "Age", "Overdue")
    cells = [
        [
            Cell(short(c.id), "dim"),
            Cell(names.get(c.team_id, "?")),
            Cell(c.kind.value),
            Cell(c.category.value),
            Cell(c.title),
            Cell(c.severity.value, _SEVERITY_STYLE.get(c.severity.value, "")),
            Cell(c.status.label),
            Cell(c.waiting_on.value if c.waiting_on else "-", "" if c.waiting_on else "dim"),
            Cell(f"{f['age_days']}d"),
            Cell(overdue_text(f["overdue_days"]) if f["overdue"] else "", "bold red"),
        ]
        for c, f in zip(challenges, facts, strict=True)
    ]
    title = "The chair's queue: most severe, then longest waiting, first" if queue else None
    _print_table(
        title,
        headers,
        cells,
        flex=(("School", 10), ("Status", 8), ("Title", 14)),
        drop=("Age", "Kind", "Category", "Waiting on", "Severity"),
    )


def action_detail(a, names: dict[str, str], today: date) -> None:
    _show(_heading(f"{a.title} ({short(a.id)})"))
    _field("School", names.get(a.team_id, "?"))
    _field("Owner", a.owner or "nobody yet")
    _field("Stage", str(a.stage))
    late = f" (overdue by {(today - a.due).days} days)" if a.is_overdue(today) else ""
    _field("Due", f"{weekday_day(a.due)}{late}" if a.due else "no date", "bold red" if late else "")
    _field("Status", a.status.value)
    if a.success_criteria:
        _show(_heading("\nSuccess criteria"))
        _show(_para(a.success_criteria))
    if a.evidence:
        _show(_heading("\nEvidence"))
        _show(_para(a.evidence))
    if a.notes:
        _show(_heading(f"\nProgress notes ({len(a.notes)})"))
        for note in a.notes:
            by = f" ({note.by})" if note.by else ""
            _show(_para(f"{day_month_year(note.date)}{by}: {note.text}"))


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


def _heading(text: str):
    from rich.text import Text

    return Text(shown(text), style="bold")


def _para(text: str, style: str = ""):
    """User text that wraps rather than being cut: for detail views."""
    from rich.text import Text

    return Text(shown(text), style=style)


def _field(label: str, value: str, style: str = "") -> None:
    from rich.text import Text

    line = Text(f"{label}: ", style="bold")
    line.append(shown(value), style=style)
    _show(line)


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
    _field(
        "Public holidays",
        f"{template.holiday_country} ({len(template.holidays)} days known; check-ins and "
        "default briefings avoid them and weekends)"
        if template.holiday_country
        else "none set (`flourish cluster set --holiday-country GB`); weekends are avoided",
    )
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


_BAND_STYLE = {"low": "red", "medium": "yellow", "high": "green"}  # a score's band, in tables


def search_table(hits, names: dict[str, str], query: str) -> None:
    if not hits:
        _show(_text(f"Nothing holds {quoted(query)}."))
        return
    cells = [
        [
            _text(short(h.ref), "dim"),
            _text(h.kind.value),
            _text(f"{h.day}"),
            _text(names.get(h.team_id or "", "cluster")),
            _text(h.title),
            _text(h.snippet, "dim"),
        ]
        for h in hits
    ]
    title = f"{len(hits)} found for {quoted(query)}, newest first"
    _print_table(
        title,
        ("Id", "Kind", "Date", "School", "Title", "Found in"),
        cells,
        flex=(("School", 10), ("Title", 16), ("Found in", 20)),
        drop=("Date", "Kind"),
    )
