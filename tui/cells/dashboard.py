"""How a team's status reads on the dashboard: its cells in the table and its detail line.

Apart from dashboard.py because it pulls in the domain (and dateutil): the dashboard imports
it once the statuses arrive, so the first frame does not wait for those imports.
"""

from datetime import date

from rich.text import Text

from domain.status import Phase, TeamStatus
from tui import cells


def row(s: TeamStatus, today: date, wide: bool, widths: list[int]) -> list[Text]:
    """One team's cells, each cut to its column's width."""
    out: list[Text] = [Text(s.team.name)]
    if wide:
        out.append(Text(s.team.coach.name))
    out.append(_stage(s, today, wide))
    out.append(_month(s, wide, widths[len(out)]))
    out.append(_last(s, today, wide))
    out.append(_due(s, today))
    out.append(_actions(s))
    out.append(_challenges(s))
    out.append(_pulse(s))
    if wide:
        out.append(_milestone(s, today))
    for text, width in zip(out, widths, strict=True):
        text.truncate(width, overflow="ellipsis")
    return out


def detail(s: TeamStatus, today: date, sort: str, enter: str = "the team") -> Text:
    """The line under the table about the highlighted team."""
    line = Text()
    line.append(s.team.name, style="bold")
    line.append(f"  Coach {s.team.coach.name}")
    if s.last_checkin:
        line.append(f" · last check-in {cells.day(s.last_checkin, today)}")
    if s.next_milestone:
        m = s.next_milestone
        line.append(f" · next: {m.title} {cells.day(m.start, today)}")
    if s.challenges_overdue:
        n = s.challenges_overdue
        line.append(f" · ⚠ {n} challenge{'s' * (n > 1)} overdue for the chair", style=cells.WARN)
    if s.pulse and (s.pulse.low or s.pulse.falling):
        flags = [f"{k} low" for k in s.pulse.low] + [f"{k} falling" for k in s.pulse.falling]
        line.append(f" · ⚠ pulse {s.pulse.month:%b}: {', '.join(flags)}", style=cells.WARN)
    line.append(f"\nSorted by {sort} (s) · Enter opens {enter} · h pulse heatmap", style="dim")
    return line


def _stage(s: TeamStatus, today: date, wide: bool) -> Text:
    if s.phase is Phase.NOT_STARTED:
        return Text(f"starts {cells.day(s.timeline.start, today)}", style="dim")
    if s.phase is Phase.FINISHED:
        return Text("✓ finished", style="dim")
    return cells.stage_badge(s.stage, wide=wide)


def _month(s: TeamStatus, wide: bool, width: int) -> Text:
    """`▰▱▱ 5/12`, or `5/12` alone in a column too narrow for the bar."""
    month, total = s.program_month, s.timeline.months_total
    if width < 9:
        return Text(f"{month}/{total}")
    return cells.progress(month, total, 5 if wide else 3)


def _pulse(s: TeamStatus) -> Text:
    """The latest pulse's mean and its change: `6.3▲`, `4.5▼`, `hid` when every result
    was hidden, `–` before the first survey; in warning colour when something is low or
    falling (the team's detail line says what)."""
    p = s.pulse
    if p is None:
        return Text("–", style="dim")
    if p.mean is None:
        return Text("hid", style="dim")
    text = Text(f"{p.mean:.1f}")
    if p.change is not None:
        text.append("▲" if p.change > 0 else "▼" if p.change < 0 else "=")
    if p.low or p.falling:
        text.stylize(cells.WARN)
    return text


def _last(s: TeamStatus, today: date, wide: bool) -> Text:
    age = cells.age if wide else cells.short_age
    text = Text(age(s.last_checkin, today))
    if wide and s.last_checkin:
        text = Text(f"{cells.day(s.last_checkin, today)} · ") + text
    if s.checkin_overdue:
        text = Text("⚠ ", style=cells.WARN) + text
        text.stylize(cells.WARN)
    return text


def _due(s: TeamStatus, today: date) -> Text:
    if s.checkin_due is None:
        return Text("—", style="dim")
    if s.checkin_overdue:
        return Text(f"{s.checkin_overdue_days}d late", style=cells.WARN)
    return Text(cells.day(s.checkin_due, today))


def _actions(s: TeamStatus) -> Text:
    text = Text(f"{s.actions_done}/{s.actions_total}")
    if s.actions_overdue:
        text.append(f" ⚠{s.actions_overdue}", style=cells.WARN)
    return text


def _challenges(s: TeamStatus) -> Text:
    if not s.challenges_open:
        return Text("0", style="dim")
    text = Text(str(s.challenges_open))
    if s.challenges_escalated:
        text.append(f" ▲{s.challenges_escalated}", style=cells.WARN)
    if s.challenges_overdue:  # the chair has not responded in time
        text.append("⚠", style=cells.WARN)
    return text


def _milestone(s: TeamStatus, today: date) -> Text:
    m = s.next_milestone
    if m is None:
        return Text("—", style="dim")
    text = Text(f"{cells.day(m.start, today)} ")
    text.append(m.title)
    if m.revised:
        text.append(" (revised)", style="italic")
    return text
