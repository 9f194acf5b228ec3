"""The week: what is due across my teams, late things first, then by day (domain/week.py).
Enter opens what a line names: an action or a briefing in full, a challenge on its own
screen, a check-in or a milestone on its team's view; `+`/`-` show more or fewer days, `a`
switches between my teams and the whole cluster."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from domain.dates import day_month
from domain.week import WeekItem
from tui.base import WorkspaceScreen
from tui.cells import WARN
from tui.inert import visible
from tui.opening import open_record
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish, Week

STEPS = (7, 14, 28)  # the windows + and - move between


class WeekScreen(WorkspaceScreen):
    ENTER = "Open what the line names: the action, briefing, challenge or team"
    AUTO_FOCUS = "#week"
    SHOWS = frozenset({"actions", "checkins", "challenges", "briefings", "revisions"})
    DEFAULT_CSS = """
    WeekScreen #week-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    WeekScreen #week {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="week.back"),
        Binding("enter", "open", "Open", id="week.open", show=False),
        Binding("plus,equals_sign", "days(1)", "More days", id="week.more"),
        Binding("minus", "days(-1)", "Fewer days", id="week.fewer"),
        Binding("a", "everyone", "Mine / all", id="week.everyone"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.days = STEPS[0]
        self.everyone = False
        self.week: Week | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="week-heading")
        yield DataTable(id="week", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        person = "" if self.everyone else self.app.user
        self.week = program.week(person, days=self.days)

    def fill(self) -> None:
        week = self.week
        assert week is not None
        late = sum(1 for i in week.items if i.late)
        heading = Text.styled(f"Due for {week.whose}", "bold")
        heading.append(f" · the next {week.days} days from {day_month(week.first)}")
        if late:
            heading.append(f" · {late} late", style=WARN)
        heading.append(" · enter opens · + - days · a mine/all", style="dim")
        self.query_one("#week-heading", Static).update(heading)
        table = self.query_one("#week", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        school, who, item_width = _widths(self.size.width)
        for label, width in (("When", 11), ("What", 9), ("School", school)):
            table.add_column(label, width=width)
        if who:  # at 80 columns the owner gives way to the item itself
            table.add_column("Who", width=who)
        table.add_column("Item", width=item_width)
        for n, item in enumerate(week.items):
            cells = _cells(item)
            table.add_row(*(cells if who else cells[:3] + cells[4:]), key=str(n))
        if not week.items:
            table.add_row(Text("Nothing due and nothing late.", style="dim"), key="none")
        table.move_cursor(row=min(max(row, 0), max(len(week.items) - 1, 0)))

    def on_resize(self) -> None:
        if self.week is not None:
            self.fill()

    def _current(self) -> WeekItem | None:
        table = self.query_one("#week", DataTable)
        if self.week is None or not self.week.items or table.cursor_row < 0:
            return None
        return self.week.items[min(table.cursor_row, len(self.week.items) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if (item := self._current()) is not None:
            open_record(self.app, item.kind.value, item.ref, item.team_id)

    def action_days(self, step: int) -> None:
        at = STEPS.index(self.days) if self.days in STEPS else 0
        self.days = STEPS[max(0, min(len(STEPS) - 1, at + step))]
        self.reload()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.reload()

    @property
    def team_id(self) -> str | None:
        item = self._current() if self.is_mounted else None
        return item.team_id if item else None


def _widths(total: int) -> tuple[int, int, int]:
    """The School, Who and Item columns' widths for a screen `total` wide (When and What are
    fixed); each column has a space either side. Who is left out below 120 columns."""
    wide = total >= 120
    school = min(34, total // 6) if wide else 14
    who = 18 if wide else 0
    columns = 5 if wide else 4
    item = max(20, total - 11 - 9 - school - who - 2 * columns - 2)  # 2: the scrollbar
    return school, who, item


def _cells(item: WeekItem) -> list[Text]:
    when = (
        Text(f"⚠ {item.late_days}d late", style=WARN)
        if item.late
        else Text(f"{item.day:%a} {day_month(item.day)}")
    )
    return [
        when,
        Text(item.kind.value),
        visible(Text(item.team, no_wrap=True, overflow="ellipsis")),
        visible(Text(item.who, style="dim", no_wrap=True, overflow="ellipsis")),
        visible(Text(item.text, no_wrap=True, overflow="ellipsis")),
    ]
