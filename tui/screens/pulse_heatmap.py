"""The cluster's pulse heatmap: teams by survey dimensions, each cell the score with its band
(letter or word) on the band's shade, so colour is never the only signal. By default each
row is that team's latest month (teams survey at different times); `[` and `]` step through
the months for the whole cluster. Enter opens the team's Pulse tab."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from domain.pulse import PulsePoint
from domain.scales import Band, band
from storage.tables import ACTIONS, PULSE
from tui.base import WorkspaceScreen
from tui.panes.pulse import (
    BAND_LETTERS,
    BAND_RANGES,
    HIDDEN,
    month_name,
    number,
    summary,
)
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish, PulseHeatmap

# Shades that read on dark and light themes alike; the letter or word says the band too.
SHADES = {
    Band.LOW: "bold #ffffff on #9b2c2c",
    Band.MEDIUM: "#1c1c1c on #d7af5f",
    Band.HIGH: "#1c1c1c on #87d787",
}
MISSING = "·"
CELL_WIDTHS = (14, 10, 7, 5)  # the widest that leaves the school its room; 10+ has words
SCHOOL = 14  # the room a school's name should keep, when it is that long


class PulseHeatmapScreen(WorkspaceScreen):
    ENTER = "Open the team's Pulse tab"
    SHOWS = frozenset({PULSE, ACTIONS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#heatmap"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="heatmap.back"),
        Binding("left_square_bracket", "step(-1)", "Older month", id="heatmap.older"),
        Binding("right_square_bracket", "step(1)", "Newer month", id="heatmap.newer"),
        Binding("l", "latest", "Each latest", id="heatmap.latest"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.month: date | None = None  # None: each team's latest month
        self.months: list[date] = []  # every month with results, oldest first
        self._heatmap: PulseHeatmap | None = None
        self.today = date.min  # until the first load
        self.least = 0  # the anonymity threshold, for the legend

    @property
    def team_id(self) -> str | None:
        """The highlighted team: what `c` logs a check-in for."""
        table = self.query_one("#heatmap", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="heatmap-heading")
        # The cursor row keeps each cell's own colours: the shades and their text.
        yield DataTable(id="heatmap", cursor_type="row", cursor_foreground_priority="renderable")
        yield Static(id="heatmap-legend")
        yield Static(id="heatmap-detail")
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        self.today = program.today()
        self.months = sorted({r.month for r in program.pulse_results()})
        self._heatmap = program.pulse_heatmap(self.month)
        self.least = program.cluster().template.pulse_min_responses

    def fill(self) -> None:
        self._fill()

    def on_resize(self) -> None:
        if self._heatmap is not None:
            self._fill()

    @property
    def heatmap(self) -> PulseHeatmap:
        """What the last load read: the table is drawn only after one."""
        assert self._heatmap is not None, "drawn only once loaded"
        return self._heatmap

    # -- the table -------------------------------------------------------------------------

    def _fill(self) -> None:
        table = self.query_one("#heatmap", DataTable)
        keep = self.team_id
        heatmap, latest = self.heatmap, self.month is None
        month_width = self._month_width() if latest else 0
        width = self._cell_width(month_width)
        table.clear(columns=True)
        table.add_column("School", width=self._school_width(month_width, width))
        if latest:
            table.add_column("Month", width=month_width)
        for d in heatmap.dimensions:
            label = d.label if len(d.label) <= width else d.key.capitalize()
            table.add_column(_cut(label, width, centre=True), width=width)
        for team, cells in heatmap.rows:
            row = [_cut(team.name, table.ordered_columns[0].width)]
            if latest:
                shown = heatmap.months.get(team.id)
                row.append(Text(self._month(shown) if shown else "—", style="dim"))
            row += [_cell(cells.get(d.key), width) for d in heatmap.dimensions]
            table.add_row(*row, key=team.id)
        if keep is not None and keep in {team.id for team, _ in heatmap.rows}:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.query_one("#heatmap-heading", Static).update(self._heading())
        self.query_one("#heatmap-legend", Static).update(legend(self.least))
        self._show_detail()

    def _month(self, month: date) -> str:
        return f"{month:%b}" if month.year == self.today.year else f"{month:%b %y}"

    def _month_width(self) -> int:
        shown = self.heatmap.months.values()
        return max([5, *(len(self._month(m)) for m in shown)])

    def _spare(self, month_width: int) -> int:
        """The room left for the school's name (each column has 2 cells of padding)."""
        return self.size.width - 2 - 2 - (month_width + 2 if month_width else 0)

    def _cell_width(self, month_width: int) -> int:
        n = len(self.heatmap.dimensions)
        longest = max((len(team.name) for team, _ in self.heatmap.rows), default=SCHOOL)
        wanted = min(longest, SCHOOL)
        for width in CELL_WIDTHS:
            if self._spare(month_width) - n * (width + 2) >= wanted:
                return width
        return CELL_WIDTHS[-1]

    def _school_width(self, month_width: int, width: int) -> int:
        n = len(self.heatmap.dimensions)
        longest = max((len(team.name) for team, _ in self.heatmap.rows), default=SCHOOL)
        return max(10, min(longest, self._spare(month_width) - n * (width + 2)))

    def _heading(self) -> Text:
        text = Text("Pulse heatmap", style="bold")
        if self.month is None:
            text.append(" · each team's latest month")
        else:
            text.append(f" · {month_name(self.month)}")
        text.append(" · [ ] months · l latest", style="dim")
        text.truncate(max(20, self.size.width - 2), overflow="ellipsis")
        return text

    @on(DataTable.RowHighlighted, "#heatmap")
    def _show_detail(self) -> None:
        team_id = self.team_id
        row = next((team for team, _ in self.heatmap.rows if team.id == team_id), None)
        text = Text()
        if row is not None:
            text.append(row.name, style="bold")
            text.append(" · ")
            text.append_text(summary(self.program.pulse_latest(row.id), self.heatmap.dimensions))
            text.append("\nEnter opens its Pulse tab, where t makes a score an action", "dim")
        self.query_one("#heatmap-detail", Static).update(text)

    @on(DataTable.RowSelected, "#heatmap")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.action_open_team(event.row_key.value, tab="pulse")

    # -- months ----------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        """Older or newer: from each team's latest, older starts at the newest month."""
        if not self.months:
            return
        if self.month is None:
            index = len(self.months) if step < 0 else len(self.months) - 1
        else:
            index = self.months.index(self.month) if self.month in self.months else 0
        index += step
        if index >= len(self.months):
            self.action_latest()
            return
        self.month = self.months[max(0, index)]
        self.reload()

    def action_latest(self) -> None:
        self.month = None
        self.reload()


def _cell(point: PulsePoint | None, width: int) -> Text:
    """A score and its band on the band's shade; `–` hidden, `·` no result."""
    if point is None:
        return Text(MISSING.center(width), style="dim")
    if point.score is None:
        return Text((HIDDEN if width < 10 else f"{HIDDEN} hidden").center(width), style="dim")
    b = band(point.score)
    mark = b.value if width >= 10 else BAND_LETTERS[b]
    return Text(f"{number(point.score)} {mark}".center(width), style=SHADES[b])


def _cut(text: str, width: int, centre: bool = False) -> Text:
    out = Text(text)
    out.truncate(width, overflow="ellipsis")
    if centre:
        out.pad_left((width - out.cell_len) // 2)
    return out


def legend(least: int) -> Text:
    """What the shades, letters and marks mean."""
    text = Text()
    for b in Band:
        text.append(f" {BAND_LETTERS[b]} {b.value} {BAND_RANGES[b]} ", style=SHADES[b])
        text.append(" ")
    text.append("(3.9 is low, 7.9 medium)", style="dim")
    text.append(
        f"\n{HIDDEN}  hidden: fewer than {least} responses     {MISSING}  no result that month"
    )
    return text
