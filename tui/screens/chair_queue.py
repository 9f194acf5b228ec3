"""The cluster chair's queue: every escalated challenge across the cluster, most severe and
longest waiting first, with whose move it is and which are past the chair's response time.

Enter opens a challenge in full; single keys record a response, propose a revised schedule,
resolve it or put it on a briefing. 1 2 3 show all, internal or external challenges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static, Tab, Tabs

from domain.challenges import Challenge
from domain.errors import FlourishError
from storage.tables import CHALLENGES, REVISIONS
from tui import cells
from tui.base import WorkspaceScreen
from tui.cells import challenge as show
from tui.inert import visible
from tui.moves import CHALLENGE_BINDINGS, ChallengeActions
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish

WIDE = 120  # from this many columns: one line per challenge, the school in its own column


@dataclass(frozen=True)
class View:
    id: str
    label: str
    key: str
    kind: str | None  # None: every kind


VIEWS = (
    View("all", "All", "1", None),
    View("internal", "Internal", "2", "internal"),
    View("external", "External", "3", "external"),
)


class ChairQueueScreen(ChallengeActions, WorkspaceScreen):
    ENTER = "Open the challenge, with its history and the chair's responses"
    SHOWS = frozenset({CHALLENGES, REVISIONS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#queue"
    DEFAULT_CSS = """
    ChairQueueScreen #queue-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    ChairQueueScreen #queue-views {
        height: 2;
    }
    ChairQueueScreen #queue {
        height: 1fr;
    }
    ChairQueueScreen #queue-message {
        padding: 1 2;
        height: auto;
        display: none;
    }
    ChairQueueScreen #queue-detail {
        height: 4;
        padding: 0 1;
        background: $boost;
    }
    ChairQueueScreen.-wide #queue-detail {
        height: 5;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="chair.back"),
        *(
            Binding(v.key, f"view('{v.id}')", v.label, id=f"chair.view.{v.id}", show=False)
            for v in VIEWS
        ),
        Binding("x", "all_teams", "Whole cluster", id="chair.all_teams"),
        *CHALLENGE_BINDINGS,
        Binding("ctrl+e", "export", "Export", id="chair.export"),
    ]

    def __init__(self, team_id: str | None = None):
        super().__init__()
        self.only_team = team_id  # show one team's escalated challenges only
        self.view = VIEWS[0]
        self.queue: list[Challenge] = []  # every escalated challenge, in queue order
        self.records: dict[str, Challenge] = {}  # those shown, by id
        self.overdue: dict[str, int] = {}  # days past the response time, by challenge id
        self.schools: dict[str, str] = {}
        self._today: date | None = None  # until the first load
        self._wide: bool | None = None
        self._widths: list[int] = []
        self.to_review: set[str] = set()

    @property
    def team_id(self) -> str | None:
        """The highlighted challenge's team: what `c` logs a check-in for."""
        c = self.current_challenge()
        return c.team_id if c is not None else self.only_team

    def current_challenge(self) -> Challenge | None:
        key = self._current_key()
        return self.records.get(key) if key is not None else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="queue-heading")
        tabs = (Tab(f"{v.key} {v.label}", id=f"queue-{v.id}") for v in VIEWS)
        views = Tabs(*tabs, id="queue-views")
        views.can_focus = False  # 1 2 3 switch views; focus stays on the table
        yield views
        yield Static(id="queue-message")
        yield DataTable(id="queue", cursor_type="row", zebra_stripes=True)
        yield Static(id="queue-detail")
        yield AppFooter()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "all_teams":
            return self.only_team is not None
        return super().check_action(action, parameters)

    # -- loading -----------------------------------------------------------------------------

    def waiting(self) -> None:
        self._say(Text("Opening the workspace…", style="dim"))

    def load(self, program: Flourish) -> None:
        self._today = program.today()
        self.schools = {t.id: t.name for t in program.teams()}
        queue = program.escalated()
        if self.only_team is not None:
            queue = [c for c in queue if c.team_id == self.only_team]
        self.queue = queue
        self.overdue = {c.id: show.overdue_days(program, c, self.today) for c in queue}
        from storage.sync.state import records_to_review

        # Changed on two laptops at once (a withdrawal crossing a response, say): flagged.
        self.to_review = records_to_review(program.ws.root)

    def fill(self) -> None:
        self._heading()
        self._count_views()
        self._fill()

    def _heading(self) -> None:
        program = self.program  # the cluster's name is in the header already
        text = Text.styled("Chair's queue", "bold")
        if self.only_team is not None:
            text.append(" · ")
            text.append(self.schools.get(self.only_team, "—"))
        late = sum(1 for days in self.overdue.values() if days)
        text.append(f"  {len(self.queue)} escalated")
        if late:
            text.append(" · ")
            text.append(f"⚠ {late} overdue", style=cells.WARN)
        days = show.days(program.cluster().response_days)
        text.append(f" · the chair responds within {days}", style="dim")
        text.truncate(max(20, self.size.width - 2), overflow="ellipsis")
        self.query_one("#queue-heading", Static).update(text)

    def _count_views(self) -> None:
        tabs = self.query_one("#queue-views", Tabs)
        for v in VIEWS:
            count = sum(1 for c in self.queue if v.kind is None or c.kind == v.kind)
            tabs.query_one(f"#queue-{v.id}", Tab).label = f"{v.key} {v.label} ({count})"

    # -- the table ---------------------------------------------------------------------------

    @property
    def today(self) -> date:
        assert self._today is not None, "drawn only once loaded"
        return self._today

    def on_resize(self) -> None:
        if self._today is None:
            return
        self._heading()
        if (self.size.width >= WIDE) != self._wide:
            self._fill()
        else:
            self._show_detail()

    def _columns(self, table: DataTable) -> list[int]:
        self._wide = wide = self.size.width >= WIDE
        self.set_class(wide, "-wide")
        if wide:
            longest = max((len(self.schools.get(c.team_id, "")) for c in self.queue), default=12)
            school = max(12, min(longest, 28))
            columns = [
                ("Severity", 10),
                ("School", school),
                ("Kind", 8),
                ("Challenge", None),
                ("Age", 4),
                ("Waiting on", 14),
                ("Overdue", 12),
            ]
        else:
            columns = [
                ("Sev", 6),
                ("Challenge · school", None),
                ("Kind", 4),
                ("Age", 4),
                ("Waiting", 12),
            ]
        # The challenge takes what the others leave (each cell has 2 of padding).
        fixed = sum(width or 0 for _, width in columns)
        spare = self.size.width - fixed - 2 * len(columns) - 2
        widths = [width or max(16, spare) for _, width in columns]
        table.clear(columns=True)
        for (label, _), width in zip(columns, widths, strict=True):
            table.add_column(label, width=width)
        return widths

    def _fill(self) -> None:
        table = self.query_one("#queue", DataTable)
        keep = self._current_key()
        if (self.size.width >= WIDE) != self._wide or not table.columns:
            self._widths = self._columns(table)
        table.clear()
        shown = [c for c in self.queue if self.view.kind is None or c.kind == self.view.kind]
        self.records = {c.id: c for c in shown}
        for c in shown:
            row = self._row(c, self._widths)
            table.add_row(*(visible(cell) for cell in row), key=c.id, height=1 if self._wide else 2)
        if keep in self.records:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self._empty(bool(shown))
        self._show_detail()

    def _row(self, c: Challenge, widths: list[int]) -> list[Text]:
        today, overdue = self.today, self.overdue.get(c.id, 0)
        school = Text(self.schools.get(c.team_id, "—"))
        age = Text(f"{c.age_days(today)}d")
        if self._wide:
            row = [
                show.severity(c.severity),
                school,
                show.kind(c.kind),
                self._title(c),
                age,
                show.waiting(c, today),
                show.overdue(overdue),
            ]
            for text, width in zip(row, widths, strict=True):
                text.truncate(width, overflow="ellipsis")
            return row
        title = self._title(c)
        title.truncate(widths[1], overflow="ellipsis")
        school.truncate(widths[1], overflow="ellipsis")
        school.stylize("dim")
        # One column for whose move it is and, when late, how late: overdue is always the chair's.
        waiting = show.overdue(overdue) if overdue else show.waiting(c, today)
        return [
            show.severity(c.severity, wide=False),
            Text.assemble(title, "\n", school),
            show.kind(c.kind, wide=False),
            age,
            waiting,
        ]

    def _title(self, c: Challenge) -> Text:
        if c.id not in self.to_review:
            return Text(c.title)
        return Text.assemble(("⇄ ", cells.WARN), c.title)

    def _empty(self, any_shown: bool) -> None:
        table = self.query_one("#queue", DataTable)
        message = self.query_one("#queue-message", Static)
        table.display = any_shown
        message.display = not any_shown
        if any_shown:
            return
        if self.queue:  # the filter hides them all
            text = Text(f"No {self.view.label.lower()} challenge is escalated. ")
            text.append("1", style="bold reverse")
            text.append(" shows them all.")
        else:
            text = _nothing_escalated(self.schools.get(self.only_team) if self.only_team else None)
        message.update(text)

    def _say(self, text: Text) -> None:
        message = self.query_one("#queue-message", Static)
        message.update(text)
        message.display = True
        self.query_one("#queue", DataTable).display = False

    def _current_key(self) -> str | None:
        table = self.query_one("#queue", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#queue")
    def _show_detail(self) -> None:
        self.query_one("#queue-detail", Static).update(self._detail())
        self.refresh_bindings()

    def _detail(self) -> Text:
        c = self.current_challenge()
        if c is None:
            return Text("")
        today, width = self.today, max(20, self.size.width - 2)
        overdue = self.overdue.get(c.id, 0)
        first = Text.styled(c.title, "bold")
        first.append(" · ")
        first.append(self.schools.get(c.team_id, "—"))
        first.append(f" · {c.category.label}", style="dim")
        why = Text(f"Escalated {cells.day(c.escalated_on, today)}: " if c.escalated_on else "")
        why.append(cells.first_line(c.escalation_reason, 200) or "no reason given")
        lines = [first, why]
        if self._wide:
            schedule = Text("Expected impact on the schedule: ")
            schedule.append(cells.first_line(c.schedule_impact, 200) or "—")
            lines.append(schedule)
        last = c.last_response()
        if overdue:
            late = Text.styled(f"⚠ {show.days(overdue)} overdue", cells.WARN)
            late.append(f": no response in {show.days(c.waiting_days(today))}")
            lines.append(late)
        elif last is not None:
            said = Text(f"Last response {cells.day(last.on, today)}: {last.kind.label}")
            if last.with_whom:
                said.append(" with " + ", ".join(last.with_whom))
            if last.outcome.strip():
                said.append(" — ")
                said.append(cells.first_line(last.outcome, 200))
            lines.append(said)
        else:
            lines.append(Text("No response yet.", style="dim"))
        if c.id in self.to_review:  # in place of the keys' hint: the box has no more room
            review = "⇄ Changed on two laptops at once: see Review sync conflicts (ctrl+p)"
            lines.append(Text.styled(review, cells.WARN))
        else:
            hint = "Enter opens it · 1 2 3 all, internal, external · ? every key"
            lines.append(Text(hint, "dim"))
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    @on(DataTable.RowSelected, "#queue")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open_challenge(event.row_key.value)

    # -- views -------------------------------------------------------------------------------

    def action_view(self, view_id: str) -> None:
        self.view = next(v for v in VIEWS if v.id == view_id)
        self.query_one("#queue-views", Tabs).active = f"queue-{view_id}"
        if self._today is not None:
            self._fill()

    @on(Tabs.TabActivated, "#queue-views")
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        view_id = (event.tab.id or "").removeprefix("queue-")
        if view_id != self.view.id:
            self.action_view(view_id)

    def action_all_teams(self) -> None:
        self.only_team = None
        self.reload()
        self.refresh_bindings()

    def action_export(self) -> None:
        """The queue's challenges, a briefing pack and the cluster's briefings: for the
        queue's one team when it shows one, else the whole cluster."""
        from tui.dialogs.export import ExportScreen

        try:
            screen = ExportScreen.for_queue(self.program, self.only_team)
        except FlourishError as e:
            self.app.show_problem(str(e))
            return
        self.app.push_screen(screen)

    def commands(self):
        yield from self.challenge_commands()
        for v in VIEWS:
            yield SystemCommand(
                f"Chair's queue: {v.label.lower()}",
                "Show these escalated challenges",
                lambda v=v: self.action_view(v.id),
            )


def _nothing_escalated(school: str | None) -> Text:
    text = Text()
    if school:
        text.append("Nothing from ")
        text.append(school)
        text.append(" is escalated to the chair. ")
        text.append("x", style="bold reverse")
        text.append(" shows the whole cluster.\n\n")
    else:
        text.append("Nothing is escalated to the chair.\n\n", style="bold")
    text.append(
        "A challenge comes here when its school team escalates it: open the team from the "
        "dashboard (Enter), go to its Challenges tab (] moves between tabs), highlight a "
        "raised challenge and press "
    )
    text.append("e", style="bold reverse")
    text.append(
        ". It stays here while the chair acts on it, and leaves once it is resolved or withdrawn."
    )
    return text
