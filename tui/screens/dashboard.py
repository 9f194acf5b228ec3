"""The cluster dashboard: one row per team, where it stands today, and quick views of trouble."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static

from domain.errors import FlourishError
from storage.tables import TEAMS
from tui.base import WorkspaceScreen
from tui.sharing import AppFooter
from tui.widgets.quick_views import QuickViews
from tui.widgets.team_table import TeamTable

if TYPE_CHECKING:  # the domain arrives with the statuses, after the first frame
    from domain.cluster_plan import Glance
    from domain.status import TeamStatus

WIDE = 170  # from this many columns, the coach and next milestone get their own columns
ROOMY = 100  # below this many, the program month is a number without its bar


@dataclass(frozen=True)
class View:
    id: str
    label: str
    key: str
    test: Callable[[TeamStatus], bool]


VIEWS = (
    View("all", "All teams", "1", lambda s: True),
    View("overdue", "Overdue check-ins", "2", lambda s: s.checkin_overdue),
    View("late", "Late actions", "3", lambda s: s.actions_overdue > 0),
    View("escalated", "Escalated", "4", lambda s: s.challenges_escalated > 0),
)

# Sort orders, in the order `s` cycles through them: (label, key, reverse).
SORTS = (
    ("school", lambda s: s.team.name.casefold(), False),
    ("check-in due", lambda s: (-s.checkin_overdue_days, s.checkin_due or s.timeline.end), False),
    ("program month", lambda s: (s.percent, s.team.name.casefold()), True),
    ("late actions", lambda s: (s.actions_overdue, -s.actions_total), True),
    ("escalated", lambda s: (s.challenges_escalated, s.challenges_open), True),
)
COLUMNS = (
    ("school", "School"),
    ("coach", "Coach"),
    ("stage", "Stage"),
    ("month", "Month"),
    ("last", "Last check-in"),
    ("due", "Next due"),
    ("actions", "Actions"),
    ("chall", "Chall."),
    ("pulse", "Pulse"),
    ("milestone", "Next milestone"),
)
NARROW_LABELS = {"last": "Last", "due": "Due"}
NARROW_COLUMNS = {
    "stage": 9,
    "month": 9,
    "last": 8,
    "due": 8,
    "actions": 7,
    "chall": 6,
    "pulse": 5,
}
WIDE_COLUMNS = {
    "coach": 16,
    "stage": 23,
    "month": 11,
    "last": 23,
    "due": 8,
    "actions": 7,
    "chall": 6,
    "pulse": 5,
    "milestone": 24,
}
COLUMN_SORT = {"school": 0, "due": 1, "last": 1, "month": 2, "stage": 2, "actions": 3, "chall": 4}


class DashboardScreen(WorkspaceScreen):
    ENTER = "Open the team (in the escalated view, its challenges in the chair's queue)"
    SHOWS = frozenset({TEAMS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#teams"
    BINDINGS = [
        # At 80 columns the footer has room for six keys and the app's check-in: filtering
        # and adding a team are left to help (? lists them) and the palette.
        Binding("slash", "filter", "Filter", id="dashboard.filter", key_display="/", show=False),
        Binding("s", "sort", "Sort", id="dashboard.sort"),
        Binding("a", "app.add_team", "Add team", id="dashboard.add_team", show=False),
        Binding("w", "app.week", "Week", id="dashboard.week"),
        Binding(
            "e",
            "app.chair_queue",
            "Queue",
            id="dashboard.chair_queue",
            tooltip="The chair's queue: every escalated challenge",
        ),
        Binding("h", "app.pulse_heatmap", "Pulse", id="dashboard.pulse_heatmap"),
        Binding(
            "g",
            "app.assess_grid",
            "Grid",
            id="dashboard.assess_grid",
            tooltip="Sustainability self-assessment grid",
            show=False,  # in ? and the palette: the footer keeps room for the week, c and q
        ),
        Binding(
            "d",
            "app.diagnostic",
            "Diagnostic",
            id="dashboard.diagnostic",
            tooltip="Collaboration diagnostic, by school",
            show=False,
        ),
        Binding(
            "t",
            "app.actions",
            "Actions",
            id="dashboard.actions",
            tooltip="Every team's actions: late, due this week, open or all",
            show=False,
        ),
        Binding(
            "p",
            "app.cluster",
            "Cluster",
            id="dashboard.cluster",
            tooltip="The cluster's own work: its plan, goals, workshops, journey, governance",
            show=False,
        ),
        Binding("escape", "clear_filter", "Clear filter", id="dashboard.clear", show=False),
        *(
            Binding(v.key, f"view('{v.id}')", v.label, id=f"dashboard.view.{v.id}", show=False)
            for v in VIEWS
        ),
    ]

    class Filled(Message):
        """The table has been filled with the workspace's teams."""

    def __init__(self) -> None:
        super().__init__()
        self.statuses: list[TeamStatus] = []
        self.view = VIEWS[0]
        self.sort_index = 0
        self._wide = False  # set with the columns, before any row is made
        self._layout: tuple[bool, bool] | None = None  # (wide, roomy) of the columns made
        self._rows: dict[str, list] = {}  # cells per team, built once per load and width
        self._shown_ids: list[str] | None = None  # the rows in the table, in order
        self._detail = Text()  # what the detail line shows
        self._searched: dict[str, str] = {}  # what the filter looks in, per team

    @property
    def team_id(self) -> str | None:
        """The highlighted team: what `c` logs a check-in for."""
        table = self.query_one("#teams", DataTable)
        return _current_key(table) if table.display else None

    @property
    def today(self):
        return self.program.today()

    def compose(self) -> ComposeResult:
        yield Header()
        yield QuickViews(_view_labels(), id="views")
        # The filter last used ("Helen": my teams) comes back until it is cleared.
        kept = self.app.settings.filter
        box = Input(kept, placeholder="Filter by school, coach or stage", id="filter")
        box.display = bool(kept)
        yield box
        yield Static("Opening the workspace…", id="message")
        yield TeamTable(self._show_detail, id="teams", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Static(id="cluster-line")
        yield AppFooter()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        # Read in a worker: at 500 teams the status takes long enough to be felt. The base's
        # on_mount calls this too, as the workspace may have opened before the screen mounted.
        if self.app.program is None:
            return
        first, self.app.first_statuses = self.app.first_statuses, None
        if first is not None:
            self._loaded(*first)  # read as the workspace opened, a moment ago
        else:
            self._load()

    @work(thread=True, exclusive=True, group="dashboard")
    def _load(self) -> None:
        app = self.app  # while it runs: the app may close before this read is done
        program = app.program
        if program is None:
            return
        try:
            statuses = program.status()
            glance = program.cluster_glance()
        except FlourishError as e:  # a damaged team file: say so, as the command line does
            _tell(app, app.show_problem, str(e))
            return
        _tell(app, self._loaded, statuses, glance)

    def _loaded(self, statuses: list[TeamStatus], glance: Glance | None = None) -> None:
        self.statuses = statuses
        if glance is not None:
            self.query_one("#cluster-line", Static).update(Text(glance.line(), style="dim"))
        self._searched = {s.team.id: _searched(s) for s in statuses}
        self._rows = {}
        self._shown_ids = None  # the cells may have changed: refill
        message = self.query_one("#message", Static)
        table = self.query_one("#teams", DataTable)
        if not statuses:
            message.update(_welcome(self.program.cluster().name))
            message.display, table.display = True, False
            self._show_detail()
        else:
            message.display, table.display = False, True
            self._count_views()
            self._fill()
            if self.focused is None:
                table.focus()
        if not gc.get_freeze_count():
            # Once, when the app has started: what is alive now (Textual, the statuses, the
            # cells) lives as long as the app. Frozen, the cycle collector no longer walks it on
            # each full collection, a pause of 30-70 ms that would otherwise land on a key.
            gc.freeze()
            gc.set_threshold(*self.app._gc_thresholds)  # the usual pace from now on
        self.post_message(self.Filled())

    # -- the table -------------------------------------------------------------------------

    def _layout_now(self) -> tuple[bool, bool]:
        return self.size.width >= WIDE, self.size.width >= ROOMY

    def on_resize(self) -> None:
        if self.statuses and self._layout_now() != self._layout:
            self._fill()

    def _columns(self, table: DataTable) -> None:
        self._layout = self._layout_now()
        self._wide = self._layout[0]
        widths = dict(WIDE_COLUMNS if self._wide else NARROW_COLUMNS)
        if not self._layout[1]:  # 80 columns: room for the pulse, not the month's bar
            widths["month"] = 5
        # The school takes what the other columns leave (each cell has 2 of padding).
        spare = self.size.width - sum(widths.values()) - 2 * (len(widths) + 1) - 2
        longest = max((len(s.team.name) for s in self.statuses), default=10)
        widths["school"] = max(12, min(longest, spare, 36))
        if self._wide:  # the next milestone takes whatever is left
            widths["milestone"] += max(0, spare - widths["school"])
        table.clear(columns=True)
        for key, label in COLUMNS:
            if key in widths:
                label = label if self._wide else NARROW_LABELS.get(key, label)
                table.add_column(label, key=key, width=widths[key])

    def _fill(self) -> None:
        from tui.cells import (
            dashboard as dashboard_cells,  # imports the domain: not before the data
        )

        table = self.query_one("#teams", TeamTable)
        keep = _current_key(table)  # the highlighted team stays highlighted
        if self._layout_now() != self._layout or not table.columns:
            self._columns(table)
            self._rows, self._shown_ids = {}, None
        shown = self._shown()
        ids = [s.team.id for s in shown]
        # Most keys typed in the filter leave the same teams: then there is nothing to redo.
        if ids != self._shown_ids:
            today, widths = self.today, [column.width for column in table.ordered_columns]
            for s in shown:
                if s.team.id not in self._rows:
                    self._rows[s.team.id] = dashboard_cells.row(s, today, self._wide, widths)
            table.refill([(i, self._rows[i]) for i in ids], keep)
            self._shown_ids = ids
        self._show_detail()

    def _shown(self) -> list[TeamStatus]:
        text = self.query_one("#filter", Input).value.strip().casefold()
        _label, key, reverse = SORTS[self.sort_index]
        searched = self._searched
        found = [s for s in self.statuses if self.view.test(s) and text in searched[s.team.id]]
        return sorted(found, key=key, reverse=reverse)

    def _count_views(self) -> None:
        counts = [sum(1 for s in self.statuses if v.test(s)) for v in VIEWS]
        self.query_one(QuickViews).labels = _view_labels(counts)

    def _show_detail(self) -> None:
        s = self._selected()
        if s is not None:
            from tui.cells import dashboard as dashboard_cells

            enter = "its escalated challenges" if self.view.id == "escalated" else "the team"
            text = dashboard_cells.detail(s, self.today, SORTS[self.sort_index][0], enter)
        else:
            text = Text("No team matches.", style="dim") if self.statuses else Text()
        if text != self._detail:  # most keys typed in the filter leave it as it was
            self._detail = text
            self.query_one("#detail", Static).update(text, layout=False)  # its size is fixed

    def _selected(self) -> TeamStatus | None:
        key = _current_key(self.query_one("#teams", DataTable))
        return next((s for s in self.statuses if s.team.id == key), None)

    @on(DataTable.RowSelected, "#teams")
    def _open(self, event: DataTable.RowSelected) -> None:
        # The escalated view leads to the chair's queue, showing that team's challenges.
        if self.view.id == "escalated":
            self.app.action_chair_queue(event.row_key.value)
        elif event.row_key.value is not None:
            self.app.action_open_team(event.row_key.value)

    @on(DataTable.HeaderSelected, "#teams")
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value in COLUMN_SORT:
            self.sort_index = COLUMN_SORT[event.column_key.value]
            self._fill()

    # -- filter, sort, views ---------------------------------------------------------------

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value or box.display:
            box.value = ""
            box.display = False
            self.query_one("#teams").focus()
            self._fill()
            self._keep_filter("")

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self.app.program is None:  # a kept filter, set before the workspace is open
            return
        self._fill()  # cheap enough to follow every key (see TeamTable and _fill)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#teams").focus()
        self._keep_filter(self.query_one("#filter", Input).value.strip())

    def _keep_filter(self, text: str) -> None:
        settings = self.app.settings
        if text == settings.filter:
            return
        try:
            settings.save_filter(text)
        except OSError as e:  # the filter still works; it is only not remembered
            self.notify(f"Could not remember the filter: {e.strerror or e}.", markup=False)

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._fill()
        self.notify(f"Sorted by {SORTS[self.sort_index][0]}.", timeout=2, markup=False)

    def action_view(self, view_id: str) -> None:
        self.view = next(v for v in VIEWS if v.id == view_id)
        self.query_one(QuickViews).active = VIEWS.index(self.view)
        self._fill()

    @on(QuickViews.Clicked)
    def _view_clicked(self, event: QuickViews.Clicked) -> None:
        self.action_view(VIEWS[event.index].id)

    def commands(self):
        for v in VIEWS:
            yield SystemCommand(
                f"Show: {v.label}", "Dashboard quick view", lambda v=v: self.action_view(v.id)
            )


def _view_labels(counts: list[int] | None = None) -> tuple[str, ...]:
    if counts is None:  # before the workspace is read
        return tuple(f"{v.key} {v.label}" for v in VIEWS)
    return tuple(f"{v.key} {v.label} ({n})" for v, n in zip(VIEWS, counts, strict=True))


def _current_key(table: DataTable) -> str | None:
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _searched(s: TeamStatus) -> str:
    """What the filter looks in: the school, the coach and the stage, one per line."""
    stage = s.stage.name if s.stage else s.phase.value
    return "\n".join((s.team.name, s.team.coach.name, stage)).casefold()


def _welcome(cluster: str) -> Text:
    text = Text()
    text.append(f"Welcome to {cluster}.\n\n", style="bold")
    text.append("There are no school leadership teams yet. To begin:\n\n")
    text.append("  a  ", style="bold reverse")
    text.append("  add the first team: the school, its coach, start date and members\n")
    text.append("  c  ", style="bold reverse")
    text.append("  then log a coaching check-in, with the actions agreed\n")
    text.append("  ?  ", style="bold reverse")
    text.append("  lists every key; ctrl+p finds any command\n")
    return text


def _tell(app: Any, fn: Callable[..., Any], *args: Any) -> None:
    """Hand a worker's result to the app, unless the app has closed meanwhile."""
    if app.is_running:
        with contextlib.suppress(RuntimeError):  # closed between the check and the call
            app.call_from_thread(fn, *args)
