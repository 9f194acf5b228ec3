"""The cluster dashboard: one row per team, where it stands today, and quick views of trouble."""

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static, Tab, Tabs

from domain.errors import FlourishError
from domain.status import Phase, TeamStatus
from tui import cells

WIDE = 170  # from this many columns, the coach and next milestone get their own columns
FILTER_DELAY = 0.12  # seconds of quiet typing before the table is refilled


@dataclass(frozen=True)
class View:
    id: str
    label: str
    key: str
    test: object  # TeamStatus -> bool


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
    ("milestone", "Next milestone"),
)
NARROW_LABELS = {"last": "Last", "due": "Due"}
NARROW_COLUMNS = {"stage": 9, "month": 9, "last": 8, "due": 8, "actions": 7, "chall": 6}
WIDE_COLUMNS = {
    "coach": 16,
    "stage": 23,
    "month": 11,
    "last": 23,
    "due": 8,
    "actions": 7,
    "chall": 6,
    "milestone": 24,
}
COLUMN_SORT = {"school": 0, "due": 1, "last": 1, "month": 2, "stage": 2, "actions": 3, "chall": 4}


class DashboardScreen(Screen):
    AUTO_FOCUS = "#teams"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="dashboard.filter", key_display="/"),
        Binding("s", "sort", "Sort", id="dashboard.sort"),
        Binding("a", "app.add_team", "Add team", id="dashboard.add_team"),
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
        self._wide: bool | None = None
        self._rows: dict[str, list] = {}
        self._filter_timer = None

    @property
    def team_id(self) -> str | None:
        """The highlighted team: what `c` logs a check-in for."""
        table = self.query_one("#teams", DataTable)
        return _current_key(table) if table.display else None

    @property
    def today(self):
        return self.app.program.today()

    def compose(self) -> ComposeResult:
        yield Header()
        views = Tabs(*(Tab(f"{v.key} {v.label}", id=v.id) for v in VIEWS), id="views")
        views.can_focus = False  # keys 1-4 switch views; focus stays on the table
        yield views
        yield Input(placeholder="Filter by school, coach or stage", id="filter")
        yield Static("Opening the workspace…", id="message")
        yield DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()  # the workspace may have opened before this screen mounted

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if self.app.program is not None:
            self._load()

    @work(thread=True, exclusive=True, group="dashboard")
    def _load(self) -> None:
        try:
            statuses = self.app.program.status()
        except FlourishError as e:  # a damaged team file: say so, as the command line does
            self.app.call_from_thread(self.app.show_problem, str(e))
            return
        self.app.call_from_thread(self._loaded, statuses)

    def _loaded(self, statuses: list[TeamStatus]) -> None:
        self.statuses = statuses
        self._rows: dict[str, list] = {}  # cells per team, built once per load and width
        message = self.query_one("#message", Static)
        table = self.query_one("#teams", DataTable)
        if not statuses:
            message.update(_welcome(self.app.program.cluster().name))
            message.display, table.display = True, False
            self.query_one("#detail", Static).update("")
        else:
            message.display, table.display = False, True
            self._count_views()
            self._fill()
            if self.focused is None:
                table.focus()
        self.post_message(self.Filled())

    # -- the table -------------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.statuses and (self.size.width >= WIDE) != self._wide:
            self._fill()

    def _columns(self, table: DataTable) -> None:
        self._wide = self.size.width >= WIDE
        widths = dict(WIDE_COLUMNS if self._wide else NARROW_COLUMNS)
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
        table = self.query_one("#teams", DataTable)
        keep = _current_key(table)
        if (self.size.width >= WIDE) != self._wide or not table.columns:
            self._columns(table)
            self._rows = {}
        table.clear()
        shown = self._shown()
        today = self.today
        widths = [column.width for column in table.ordered_columns]
        for s in shown:
            if s.team.id not in self._rows:
                self._rows[s.team.id] = self._row(s, today, widths)
            table.add_row(*self._rows[s.team.id], key=s.team.id)
        if keep in {s.team.id for s in shown}:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self._show_detail()

    def _shown(self) -> list[TeamStatus]:
        text = self.query_one("#filter", Input).value.strip().casefold()
        _label, key, reverse = SORTS[self.sort_index]
        found = [s for s in self.statuses if self.view.test(s) and _matches(s, text)]
        return sorted(found, key=key, reverse=reverse)

    def _row(self, s: TeamStatus, today, widths: list[int]) -> list:
        wide = self._wide
        row: list = [Text(s.team.name)]
        if wide:
            row.append(Text(s.team.coach.name))
        row.append(_stage(s, today, wide))
        row.append(cells.progress(s.program_month, s.timeline.months_total, 5 if wide else 3))
        row.append(_last(s, today, wide))
        row.append(_due(s, today))
        row.append(_actions(s))
        row.append(_challenges(s))
        if wide:
            row.append(_milestone(s, today))
        for text, width in zip(row, widths, strict=True):
            text.truncate(width, overflow="ellipsis")
        return row

    def _count_views(self) -> None:
        tabs = self.query_one("#views", Tabs)
        for v in VIEWS:
            count = sum(1 for s in self.statuses if v.test(s))
            tabs.query_one(f"#{v.id}", Tab).label = f"{v.key} {v.label} ({count})"

    @on(DataTable.RowHighlighted, "#teams")
    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        s = self._selected()
        if s is None:
            detail.update(Text("No team matches.", style="dim") if self.statuses else "")
            return
        today = self.today
        line = Text()
        line.append(s.team.name, style="bold")
        line.append(f"  Coach {s.team.coach.name}")
        if s.last_checkin:
            line.append(f" · last check-in {cells.day(s.last_checkin, today)}")
        if s.next_milestone:
            m = s.next_milestone
            line.append(f" · next: {m.title} {cells.day(m.start, today)}")
        sort = SORTS[self.sort_index][0]
        line.append(f"\nSorted by {sort} (s) · Enter opens the team", style="dim")
        detail.update(line)

    def _selected(self) -> TeamStatus | None:
        key = _current_key(self.query_one("#teams", DataTable))
        return next((s for s in self.statuses if s.team.id == key), None)

    @on(DataTable.RowSelected, "#teams")
    def _open(self, event: DataTable.RowSelected) -> None:
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

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        # Refill once typing pauses, not on every key: 500 rows take a moment to lay out.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._fill)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._fill()
        self.query_one("#teams").focus()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._fill()
        self.notify(f"Sorted by {SORTS[self.sort_index][0]}.", timeout=2, markup=False)

    def action_view(self, view_id: str) -> None:
        self.view = next(v for v in VIEWS if v.id == view_id)
        self.query_one("#views", Tabs).active = view_id
        self._fill()

    @on(Tabs.TabActivated, "#views")
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        if event.tab.id != self.view.id:
            self.action_view(event.tab.id)

    def commands(self):
        for v in VIEWS:
            yield SystemCommand(
                f"Show: {v.label}", "Dashboard quick view", lambda v=v: self.action_view(v.id)
            )


def _current_key(table: DataTable) -> str | None:
    if not table.row_count:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _matches(s: TeamStatus, text: str) -> bool:
    if not text:
        return True
    stage = s.stage.name if s.stage else s.phase.value
    return any(text in part.casefold() for part in (s.team.name, s.team.coach.name, stage))


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


def _stage(s: TeamStatus, today, wide: bool) -> Text:
    if s.phase is Phase.NOT_STARTED:
        return Text(f"starts {cells.day(s.timeline.start, today)}", style="dim")
    if s.phase is Phase.FINISHED:
        return Text("✓ finished", style="dim")
    return cells.stage_badge(s.stage, wide=wide)


def _last(s: TeamStatus, today, wide: bool) -> Text:
    age = cells.age if wide else cells.short_age
    text = Text(age(s.last_checkin, today))
    if wide and s.last_checkin:
        text = Text(f"{cells.day(s.last_checkin, today)} · ") + text
    if s.checkin_overdue:
        text = Text("⚠ ", style=cells.WARN) + text
        text.stylize(cells.WARN)
    return text


def _due(s: TeamStatus, today) -> Text:
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
    return text


def _milestone(s: TeamStatus, today) -> Text:
    m = s.next_milestone
    if m is None:
        return Text("—", style="dim")
    text = Text(f"{cells.day(m.start, today)} ")
    text.append(m.title)
    if m.revised:
        text.append(" (revised)", style="italic")
    return text
