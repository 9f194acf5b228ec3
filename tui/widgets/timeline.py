"""A team's 12-month program at a glance: stage bands, month ticks, milestones and today.

Drawing is a pure function of (timeline, today, width) so it can be tested without an app;
the widget only stores its inputs and redraws. Text from data is always built with
`rich.text.Text`, never markup, so a stage called "[bold]" shows those characters.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from rich.console import Group, RenderableType
from rich.text import Text
from textual.widget import Widget

from domain.program import EventKind
from domain.timeline import Milestone, StageWindow, Timeline

# Explicit foreground and background, so the bands read the same in dark and light themes.
STAGE_STYLES = (
    "bold white on #2e7d32",
    "bold white on #1565c0",
    "bold white on #6a1b9a",
)
WORKSHOP, OTHER, PULSE = "◆", "•", "·"
REVISED_WORKSHOP, REVISED_OTHER = "◇", "○"
REVISED_STYLE = "bold dark_orange"
TODAY_STYLE = "bold"
LEGEND = f"{WORKSHOP} workshop  {OTHER} milestone  {REVISED_WORKSHOP}{REVISED_OTHER} revised"


def column(day: date, start: date, end: date, width: int) -> int:
    """The column of `day` on a bar where `start` is column 0 and `end` is `width - 1`."""
    span = (end - start).days
    if width <= 1 or span <= 0:
        return 0
    col = round((day - start).days * (width - 1) / span)
    return max(0, min(width - 1, col))


def timeline_lines(timeline: Timeline, today: date | None, width: int) -> list[Text]:
    """The bar's five lines, each exactly `width` cells wide."""
    if width <= 0:
        return []
    lines = [
        _band_row(timeline, width),
        _month_row(timeline, width),
        _milestone_row(timeline, width),
        _today_row(timeline, today, width) if today else Text(),
        _next_row(timeline, today, width) if today else Text(),
    ]
    return [_fit(line, width) for line in lines]


class TimelineBar(Widget):
    """One team's program timeline, shown at the top of a team screen."""

    DEFAULT_CSS = """
    TimelineBar { height: 5; }
    """

    def __init__(
        self, timeline: Timeline | None = None, today: date | None = None, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.timeline = timeline
        self.today = today

    def show(self, timeline: Timeline, today: date) -> None:
        """Draw `timeline` as seen on `today` (the caller's clock, never the real one)."""
        self.timeline, self.today = timeline, today
        self.refresh()

    def render(self) -> RenderableType:
        if self.timeline is None:
            return Text("No timeline yet.", style="dim")
        return Group(*timeline_lines(self.timeline, self.today, self.size.width))


# -- rows ----------------------------------------------------------------------------------


def _band_row(timeline: Timeline, width: int) -> Text:
    # Each band runs from its stage's start column to the next stage's, so they tile exactly.
    stages = timeline.stages
    lefts = [0, *(column(s.start, timeline.start, timeline.end, width) for s in stages[1:])]
    row = Text()
    for stage, left, right in zip(stages, lefts, [*lefts[1:], width], strict=True):
        if right > left:
            row.append_text(_band(stage, right - left))
    return row


def _band(stage: StageWindow, width: int) -> Text:
    """The stage's number and name, so colour is not the only signal; "*" marks a revision."""
    number, name = str(stage.number), _one_line(stage.name)
    short = f" {number}*" if stage.revised else f" {number}"
    if stage.revised and Text(f" {number} {name} (revised)").cell_len <= width:
        label = f" {number} {name} (revised)"
    elif width >= len(short) + 3:  # room for the number and a little of the name
        label = f"{short} {name}"
    else:
        label = short if width >= len(short) else short.strip()
    band = Text(label, style=STAGE_STYLES[(stage.number - 1) % len(STAGE_STYLES)])
    band.truncate(width, overflow="ellipsis", pad=True)
    return band


def _month_row(timeline: Timeline, width: int) -> Text:
    row = _Row(width)
    for n in range(1, timeline.months_total + 1):
        first = timeline.start + relativedelta(months=n - 1)
        col = column(first, timeline.start, timeline.end, width)
        label = str(n)
        col = min(col, width - len(label))  # the last month's label ends at the right edge
        # A blank cell before each label keeps neighbours like "1" "2" from reading as "12".
        if row.free(col - 1 if col else col, len(label) + (1 if col else 0)):
            row.put(col, label, "dim")
    return row.text()


def _milestone_row(timeline: Timeline, width: int) -> Text:
    row = _Row(width)
    # Routine check-ins recur every few weeks and would bury the rest, so they are left out.
    shown = [m for m in timeline.milestones if m.kind != EventKind.COACHING]
    # Where marks share a column, the revised one wins, then a workshop: drawn last.
    for m in sorted(shown, key=lambda m: (m.revised, m.kind == EventKind.WORKSHOP)):
        glyph, style = _mark(m)
        row.put(column(m.start, timeline.start, timeline.end, width), glyph, style, force=True)
    return row.text()


def _mark(m: Milestone) -> tuple[str, str]:
    workshop = m.kind == EventKind.WORKSHOP
    if m.revised:
        return (REVISED_WORKSHOP if workshop else REVISED_OTHER), REVISED_STYLE
    if workshop:
        return WORKSHOP, "bold"
    return (PULSE, "dim") if m.kind == EventKind.PULSE else (OTHER, "")


def _today_row(timeline: Timeline, today: date, width: int) -> Text:
    if today < timeline.start:
        return Text(f"◀ starts {_long(timeline.start)}", style=TODAY_STYLE)
    if today > timeline.end:
        return Text(f"finished {_long(timeline.end)} ▶", style=TODAY_STYLE, justify="right")
    col = column(today, timeline.start, timeline.end, width)
    label = f"today {_short(today)}"
    if col + 2 + len(label) <= width:  # label to the right of the arrow
        text = f"{' ' * col}▲ {label}"
    elif col >= len(label) + 1:  # near the right edge: label to the left
        text = f"{' ' * (col - len(label) - 1)}{label} ▲"
    else:
        text = f"{' ' * col}▲"
    return Text(text, style=TODAY_STYLE)


def _next_row(timeline: Timeline, today: date, width: int) -> Text:
    m = timeline.next_milestone(today)
    if m is None:
        return Text("No milestones ahead.", style="dim")
    when = f" · {_long(m.start)}"
    if m.revised:
        when += f" (revised from {_short(m.planned_start)})"
    title = Text(_one_line(m.title))
    # Shorten the title, not the date: the date is what people look for.
    room = width - len("Next: ") - len(when)
    if title.cell_len > room >= 8:
        title.truncate(room, overflow="ellipsis")
    row = Text("Next: ", style="bold")
    row.append_text(title)
    row.append(when, style=REVISED_STYLE if m.revised else "")
    if row.cell_len + 4 + len(LEGEND) <= width:
        row.append(" " * (width - row.cell_len - len(LEGEND)))
        row.append(LEGEND, style="dim")
    return row


# -- helpers -------------------------------------------------------------------------------


class _Row:
    """A line of single-cell marks placed at columns; anything off the edge is dropped."""

    def __init__(self, width: int) -> None:
        self.cells: list[tuple[str, str]] = [(" ", "")] * width

    def free(self, col: int, length: int) -> bool:
        end = col + length
        return col >= 0 and end <= len(self.cells) and all(c == " " for c, _ in self.cells[col:end])

    def put(self, col: int, chars: str, style: str = "", force: bool = False) -> None:
        if force or self.free(col, len(chars)):
            for i, char in enumerate(chars):
                if 0 <= col + i < len(self.cells):
                    self.cells[col + i] = (char, style)

    def text(self) -> Text:
        text = Text()
        for char, style in self.cells:
            text.append(char, style)
        return text


def _fit(line: Text, width: int) -> Text:
    """Exactly `width` cells: cut with an ellipsis, or pad (right-justified lines on the left)."""
    line.no_wrap = True
    if line.justify == "right" and line.cell_len < width:
        line = Text(" " * (width - line.cell_len)) + line
    line.truncate(width, overflow="ellipsis", pad=True)
    return line


def _one_line(text: str) -> str:
    # A newline in a name would break the row into two lines.
    return " ".join(text.splitlines()).replace("\t", " ")


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
