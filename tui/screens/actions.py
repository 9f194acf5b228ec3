"""Every team's actions in one list (domain/action_list.py chooses them): late ones, those due
this week, every open one or all, across the cluster or my teams, narrowed by words typed in
the box (a title's words, an owner, a school). Enter opens the action."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from domain.actions import ActionItem
from domain.dates import day_month
from domain.week import my_teams
from tui import cells
from tui.base import WorkspaceScreen
from tui.cells import WARN
from tui.inert import visible
from tui.opening import open_record
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish

# What the list shows, with the key that picks it.
VIEWS = {"late": "late", "week": "due this week", "open": "open", "all": "all"}


class ActionsScreen(WorkspaceScreen):
    ENTER = "In the box: go to the list. On an action: open it"
    AUTO_FOCUS = "#actions"
    SHOWS = frozenset({"actions"})
    DEFAULT_CSS = """
    ActionsScreen #actions-filter {
        margin: 0 1;
    }
    ActionsScreen #actions-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    ActionsScreen #actions {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="actions.back"),
        Binding("l", "view('late')", "Late", id="actions.late"),
        Binding("d", "view('week')", "This week", id="actions.week"),
        Binding("o", "view('open')", "Open", id="actions.open"),
        Binding("A", "view('all')", "All", id="actions.all", key_display="A"),
        Binding("a", "everyone", "Mine/all", id="actions.everyone"),
        Binding(
            "slash", "focus_filter", "Filter", id="actions.filter", key_display="/", show=False
        ),
    ]

    def __init__(self, view: str = "late") -> None:
        super().__init__()
        self.view = view
        self.everyone = False
        self.words = ""
        self.actions: list[ActionItem] = []
        self.names: dict[str, str] = {}
        self.whose = ""
        self.today = date.min

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="/ filter: words of a title, an owner or a school", id="actions-filter"
        )
        yield Static(id="actions-heading")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        teams = program.teams()
        self.names = {t.id: t.name for t in teams}
        self.today = program.today()
        person = "" if self.everyone else self.app.user
        mine, self.whose = my_teams(teams, person, program.cluster().chair.name)
        ids = {t.id for t in mine}
        found = program.find_actions(
            open_only=self.view == "open",
            late=self.view == "late",
            due_week=self.view == "week",
            words=self.words,
        )
        found = [a for a in found if a.team_id in ids]
        self.actions = sorted(found, key=lambda a: (a.due or date.max, a.title.casefold()))

    def fill(self) -> None:
        heading = Text.styled(f"Actions {VIEWS[self.view]}", "bold")
        heading.append(f" · {self.whose} · {len(self.actions)}")
        if self.words.strip():
            heading.append(" holding ")
            heading.append(self.words.strip())
        heading.append(" · l d o A · a mine/all · enter opens", style="dim")
        self.query_one("#actions-heading", Static).update(visible(heading))
        table = self.query_one("#actions", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        wide = self.size.width >= 120
        school, owner = (30, 20) if wide else (13, 11)
        columns = [("Due", 11), ("Status", 13), ("School", school), ("Owner", owner)]
        for label, width in columns:
            table.add_column(label, width=width)
        table.add_column("Action", width=max(20, self.size.width - sum(w for _, w in columns) - 14))
        for action in self.actions:
            table.add_row(*self._cells(action), key=action.id)
        if not self.actions:
            table.add_row(Text(f"No {VIEWS[self.view]} actions.", style="dim"), key="none")
        table.move_cursor(row=min(max(row, 0), max(len(self.actions) - 1, 0)))

    def _cells(self, a: ActionItem) -> list[Text]:
        if a.due is None:
            due = Text("no date", style="dim")
        elif a.is_overdue(self.today):
            due = Text(f"⚠ {(self.today - a.due).days}d late", style=WARN)
        else:
            due = Text(f"{a.due:%a} {day_month(a.due)}")
        return [
            due,
            cells.status(a.status),
            visible(Text(self.names.get(a.team_id, ""), no_wrap=True, overflow="ellipsis")),
            visible(Text(a.owner, style="dim", no_wrap=True, overflow="ellipsis")),
            visible(Text(a.title, no_wrap=True, overflow="ellipsis")),
        ]

    def on_resize(self) -> None:
        if self.today != date.min:
            self.fill()

    @on(Input.Submitted, "#actions-filter")
    def _filter(self, event: Input.Submitted) -> None:
        self.words = event.value
        self.reload()
        self.query_one("#actions", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.actions):
            action = self.actions[event.cursor_row]
            open_record(self.app, "action", action.id, action.team_id)

    def action_view(self, view: str) -> None:
        self.view = view
        self.reload()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.reload()

    def action_focus_filter(self) -> None:
        self.query_one("#actions-filter", Input).focus()

    @property
    def team_id(self) -> str | None:
        table = self.query_one("#actions", DataTable) if self.is_mounted else None
        if table is None or not self.actions or table.cursor_row < 0:
            return None
        return self.actions[min(table.cursor_row, len(self.actions) - 1)].team_id
