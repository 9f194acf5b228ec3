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
    out.append(cells.progress(s.program_month, s.timeline.months_total, 5 if wide else 3))
    out.append(_last(s, today, wide))
    out.append(_due(s, today))
    out.append(_actions(s))
    out.append(_challenges(s))
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
    line.append(f"\nSorted by {sort} (s) · Enter opens {enter}", style="dim")
    return line


def _stage(s: TeamStatus, today: date, wide: bool) -> Text:
    if s.phase is Phase.NOT_STARTED:
        return Text(f"starts {cells.day(s.timeline.start, today)}", style="dim")
    if s.phase is Phase.FINISHED:
        return Text("✓ finished", style="dim")
    return cells.stage_badge(s.stage, wide=wide)


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
