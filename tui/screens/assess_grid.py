"""The sustainability self-assessment grid: schools by conditions for success for one round,
each cell the school's 0-10 rating with its band letter on the band's shade (colour is never
the only signal), a mean per school and a cluster mean per condition, and below it the key
findings a cluster review asks for. `[` and `]` step through the rounds, `c` shows each
cell's change since the round before; Enter rates a cell, `t` makes it an action, `n` starts
a round. What is a strength or a priority is the domain's to say, not ours; the cells and the
findings table, and the highlighted cell's detail, are drawn in tui.cells.grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static

from domain.cluster import Team
from domain.errors import FlourishError
from domain.scales import Band, band
from domain.sustainability import (
    AssessmentRound,
    Cell,
    Condition,
    ConditionFinding,
    Grid,
    KeyFindings,
    key_findings,
)
from storage.tables import ACTIONS, RATINGS, ROUNDS
from tui.base import WorkspaceScreen
from tui.cells.grid import (
    MISSING,
    cell_detail,
    centre,
    cut,
    findings_table,
    fit,
    headers,
    mean_cell,
    mean_detail,
    school_detail,
    shaded,
    with_hint,
)
from tui.dialogs.finding_action import offer
from tui.panes.pulse import BAND_LETTERS, BAND_RANGES
from tui.screens.pulse_heatmap import SHADES
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish

MEAN_ROW = "_mean"  # the cluster mean row's key; a team's key is its id
SCHOOL_COLUMN, MEAN_COLUMN = "_school", "_mean"
CELL_WIDTHS = (11, 10, 9, 8, 7)  # a condition's column, its shade one narrower each side
MEAN_WIDTH = 7
SCHOOL = 24  # the room a school's name should keep, when it is that long
EMPTY = (
    "No self-assessment round yet. Press n to start one (“Autumn 2026”, say); then "
    "highlight a school's cell and press Enter to rate it 0–10 with its evidence."
)
NO_SCHOOLS = "No schools yet: add a team from the dashboard (a) before rating them."


class AssessGridScreen(WorkspaceScreen):
    SHOWS = frozenset({RATINGS, ROUNDS, ACTIONS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#grid"
    DEFAULT_CSS = """
    AssessGridScreen #grid-heading, AssessGridScreen #grid-detail {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    AssessGridScreen #grid { max-height: 70%; }
    AssessGridScreen #grid-message { height: auto; padding: 1 2; }
    AssessGridScreen #grid-legend { height: auto; padding: 0 1; }
    AssessGridScreen #grid-detail { max-height: 6; }
    AssessGridScreen #grid-findings { height: 1fr; padding: 0 1; }
    AssessGridScreen #grid-findings:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="grid.back", show=False),
        Binding("left_square_bracket", "step(-1)", "Older round", id="grid.older", show=False),
        Binding("right_square_bracket", "step(1)", "Newer round", id="grid.newer", show=False),
        Binding(
            "c",
            "compare",
            "Compare",
            id="grid.compare",
            tooltip="Each cell's change since the last round",
        ),
        Binding(
            "f",
            "findings",
            "Findings",
            id="grid.findings",
            tooltip="Key findings on the whole screen",
        ),
        Binding(
            "r",
            "rate",
            "Rate",
            id="grid.rate",
            show=False,
            tooltip="Rate the highlighted cell (Enter too)",
        ),
        Binding(
            "t",
            "make_action",
            "Action",
            id="grid.make_action",
            tooltip="Rating as an action (mean row: for all)",
        ),
        Binding(
            "T",
            "priority_actions",
            "Action for all",
            id="grid.priority",
            show=False,
            tooltip="Condition as an action for all below 8",
        ),
        # "Round", not "New round": the footer then keeps ? Help and q Quit at 80 columns.
        Binding("n", "new_round", "Round", id="grid.new_round", tooltip="Start a new round"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.round_id: str | None = None  # None: the latest round
        self.rounds: list[AssessmentRound] = []  # oldest first
        self._grid: Grid | None = None  # None: no round yet
        self._findings: KeyFindings | None = None
        self.compare = False  # show each cell's change since the round before
        self.only_findings = False  # the findings on the whole screen, the grid hidden
        self.column_width = CELL_WIDTHS[-1]

    @property
    def grid(self) -> Grid:
        """The round shown: the table and its details are drawn only when there is one."""
        assert self._grid is not None, "drawn only when a round exists"
        return self._grid

    @property
    def findings(self) -> KeyFindings:
        assert self._findings is not None, "worked out with the grid"
        return self._findings

    # -- where the cursor is ----------------------------------------------------------------

    def _keys(self) -> tuple[str | None, str | None]:
        """The highlighted row's key (a team id or MEAN_ROW) and column's key."""
        table = self.query_one("#grid", DataTable)
        if self._empty() or not table.row_count:
            return None, None
        key = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.row_key.value, key.column_key.value

    @property
    def team_id(self) -> str | None:
        """The highlighted school: what the palette's team verbs act on."""
        row, _ = self._keys()
        return None if row in (None, MEAN_ROW) else row

    @property
    def condition(self) -> Condition | None:
        """The highlighted condition, when the cursor is in a condition's column."""
        _, column = self._keys()
        if self._grid is None or column is None:
            return None
        return next((c for c in self.grid.conditions if c.key == column), None)

    def _row(self, team_id: str) -> tuple[Team, dict[str, Cell | None]]:
        return next(row for row in self.grid.rows if row[0].id == team_id)

    def _finding(self, condition: Condition | None) -> ConditionFinding | None:
        if condition is None or self._findings is None:
            return None
        return next((f for f in self.findings.ranking if f.condition.key == condition.key), None)

    # -- loading ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="grid-heading")
        yield Static(id="grid-message")
        # The cursor keeps each cell's shade: it shows in the cell's margins instead.
        yield DataTable(id="grid", cursor_type="cell", cell_padding=0, fixed_columns=1)
        yield Static(id="grid-legend")
        yield Static(id="grid-detail")
        with VerticalScroll(id="grid-findings"):
            yield Static(id="grid-findings-text")
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        self.rounds = program.assessment_rounds()
        if self.round_id not in {r.id for r in self.rounds}:
            self.round_id = None  # undone or deleted: back to the latest
        self._grid = program.sustainability_grid(self.round_id) if self.rounds else None

    def fill(self) -> None:
        self._findings = key_findings(self._grid) if self._grid else None
        self._fill()
        self.refresh_bindings()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        if not self.is_mounted:
            return
        empty = self._empty()
        message = self.query_one("#grid-message", Static)
        message.display = bool(empty)
        message.update(Text(empty))
        for part in ("#grid", "#grid-legend", "#grid-detail"):
            self.query_one(part).display = not empty and not self.only_findings
        self.query_one("#grid-findings").display = not empty
        self.query_one("#grid-heading", Static).update(self._heading())
        if empty:
            return
        self._fill_table()
        self.query_one("#grid-legend", Static).update(self._legend())
        self._show_detail()

    def _empty(self) -> str:
        if self._grid is None:
            return EMPTY
        return "" if self.grid.rows else NO_SCHOOLS

    # -- the table --------------------------------------------------------------------------

    def _fill_table(self) -> None:
        table = self.query_one("#grid", DataTable)
        keep = self._keys()
        self.column_width = self._cell_width()
        school = self._school_width()
        table.clear(columns=True)
        table.add_column(Text(" School", style="bold"), width=school, key=SCHOOL_COLUMN)
        labels = headers(self.grid.conditions, self.column_width)
        for label, c in zip(labels, self.grid.conditions, strict=True):
            table.add_column(label, width=self.column_width, key=c.key)
        table.add_column(centre(Text("Mean"), MEAN_WIDTH), width=MEAN_WIDTH, key=MEAN_COLUMN)
        means = {team.id: mean for team, mean in self.findings.schools}
        for team, row in self.grid.rows:
            name = cut(team.name, school - 1, style="" if team.id in means else "dim")
            scores = [self._cell(row[c.key]) for c in self.grid.conditions]
            table.add_row(name, *scores, mean_cell(means.get(team.id), MEAN_WIDTH), key=team.id)
        table.add_row(*self._mean_row(school), key=MEAN_ROW)
        self._restore(table, *keep)
        # Its rows (and a scrollbar when too narrow), and no more: the table measures itself
        # only once idle, too late for this layout.
        wide = school + len(self.grid.conditions) * self.column_width + MEAN_WIDTH > self.size.width
        table.styles.height = table.row_count + 1 + wide

    def _restore(self, table: DataTable, row: str | None, column: str | None) -> None:
        """Back to the cell highlighted before; at first, the top school's first condition."""
        rows = [r.key.value for r in table.ordered_rows]
        columns = [c.key.value for c in table.ordered_columns]
        at_row = rows.index(row) if row in rows else 0
        at_column = columns.index(column) if column in columns else 1
        table.move_cursor(row=at_row, column=at_column, animate=False)

    def _cell_width(self) -> int:
        n = len(self.grid.conditions)
        wanted = min(self._longest(), SCHOOL) + 2
        for width in CELL_WIDTHS:
            if self._spare() - n * width >= wanted:
                return width
        return CELL_WIDTHS[-1]

    def _school_width(self) -> int:
        n = len(self.grid.conditions)
        return max(12, min(self._longest() + 2, self._spare() - n * self.column_width))

    def _spare(self) -> int:
        """The room left for the school's name (a margin, and room for a scrollbar)."""
        return self.size.width - 2 - MEAN_WIDTH

    def _longest(self) -> int:
        return max([len("Cluster mean"), *(len(team.name) for team, _ in self.grid.rows)])

    def _cell(self, cell: Cell | None) -> Text:
        if cell is None:
            return centre(Text(MISSING, style="dim"), self.column_width)
        change = cell.change if self.compare else None
        shown = fit(str(cell.score), band(cell.score), change, self.column_width - 2)
        return shaded(shown, band(cell.score), self.column_width)

    def _mean_row(self, school: int) -> list[Text]:
        row = [cut("Cluster mean", school - 1, style="bold")]
        for c in self.grid.conditions:
            f = self._finding(c)
            if f is None or f.mean is None:  # nobody rated it
                row.append(centre(Text(MISSING, style="dim"), self.column_width))
                continue
            change = f.change if self.compare else None
            shown = fit(f"{f.mean:.1f}", band(f.mean), change, self.column_width - 2)
            row.append(shaded(shown, band(f.mean), self.column_width, bold=True))
        return [*row, mean_cell(self._findings.mean if self._findings else None, MEAN_WIDTH)]

    # -- the lines around it ----------------------------------------------------------------

    def _heading(self) -> Text:
        text = Text.assemble(("Sustainability grid", "bold"))
        if self._grid is None:
            return text
        at = [r.id for r in self.rounds].index(self.grid.round.id) + 1
        text.append(f" · {self.grid.round.name}", style="bold")
        text.append(f" ({at} of {len(self.rounds)})")
        if self.grid.previous is None:
            text.append(" · the first round", style="dim")
        elif self.compare:
            text.append(f" · changes since {self.grid.previous.name}")
        else:
            text.append(f" · compared with {self.grid.previous.name}")
        hint = " · f back to the grid" if self.only_findings else " · esc back"
        return with_hint(text, hint, self.size.width - 2)

    def _legend(self) -> Text:
        text = Text()
        for b in Band:
            text.append(f" {BAND_LETTERS[b]} {b.value} {BAND_RANGES[b]} ", style=SHADES[b])
            text.append(" ")
        text.append(f" {MISSING} not rated")
        if self.compare and self.grid.previous is not None:
            text.append(f"  ▲▼= since {self.grid.previous.name}")
        return with_hint(text, "  [ ] rounds", self.size.width - 2)

    @on(DataTable.CellHighlighted, "#grid")
    def _show_detail(self) -> None:
        row, _ = self._keys()
        detail = self.query_one("#grid-detail", Static)
        condition = self.condition
        if row is None:
            detail.update("")
        elif row == MEAN_ROW:
            detail.update(mean_detail(self.grid, self._finding(condition), condition))
        elif condition is None:
            detail.update(school_detail(self.grid, self.findings, *self._row(row)))
        else:
            detail.update(cell_detail(self.grid, *self._row(row), condition))
        self._show_findings()

    # -- key findings -----------------------------------------------------------------------

    def _show_findings(self) -> None:
        place = self.query_one("#grid-findings-text", Static)
        place.update(findings_table(self.findings, self.grid, self._focus()))

    def _focus(self) -> Condition | None:
        """The condition the findings look into: the highlighted one, else the top priority."""
        f = self._findings
        if self.condition is not None or not f or not f.ranking:
            return self.condition
        top = f.priorities[0] if f.priorities else f.lowest
        assert top is not None  # with no priority, the weakest rated condition is named
        return top.condition

    # -- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # With no round there is nothing to step through, rate or act on. (`c` stays ours, so
        # that it never falls through to the app's check-in.)
        if action in {"step", "findings", "rate", "make_action", "priority_actions"}:
            return self._grid is not None and bool(self.grid.rows)
        return True

    def action_step(self, step: int) -> None:
        if not self.rounds:
            return
        ids = [r.id for r in self.rounds]
        at = ids.index(self.grid.round.id) + step
        if not 0 <= at < len(ids):
            where = "first" if at < 0 else "latest"
            self.notify(f"This is the {where} round.", severity="warning", timeout=3)
            return
        self.round_id = None if at == len(ids) - 1 else ids[at]
        self.reload()

    def action_compare(self) -> None:
        if self._grid is None:
            self.notify("No round yet: n starts one.", severity="warning", timeout=4)
            return
        if self.grid.previous is None:
            self.notify(
                f"{self.grid.round.name} is the first round: nothing to compare with.",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        self.compare = not self.compare
        self._fill()

    def action_findings(self) -> None:
        """The findings on their own, for reading out at a review; again: the grid."""
        if self._grid is None:
            return
        self.only_findings = not self.only_findings
        self._fill()
        self.query_one("#grid-findings" if self.only_findings else "#grid").focus()

    def action_rate(self) -> None:
        team_id, condition = self.team_id, self.condition
        if self._grid is None:
            self.notify("Start a round first: n.", severity="warning", timeout=4)
            return
        if team_id is None or condition is None:
            self.notify("Highlight a school's cell to rate it.", severity="warning", timeout=4)
            return
        from tui.dialogs.rating import RatingForm

        self.app.push_screen(RatingForm(self.program, team_id, condition.key, self.grid.round.id))

    @on(DataTable.CellSelected, "#grid")
    def _selected(self) -> None:
        if self.team_id is not None and self.condition is not None:
            self.action_rate()

    def action_new_round(self) -> None:
        from tui.dialogs.rating import NewRoundForm

        def started(made) -> None:
            if made is not None:
                self.round_id = made.id
                self.reload()

        self.app.push_screen(NewRoundForm(self.program), started)

    def action_make_action(self) -> None:
        """The highlighted school's rating as an action; on the mean row, every school's."""
        row, _ = self._keys()
        if row == MEAN_ROW:
            self.action_priority_actions()
            return
        condition = self.condition
        if self.team_id is None or condition is None:
            self.notify("Highlight a school's cell first.", severity="warning", timeout=4)
            return
        program, round_id, team_id = self.program, self.grid.round.id, self.team_id
        offer(
            self.app,
            program,
            lambda c: program.action_from_rating(team_id, condition.key, round_id, c),
        )

    def action_priority_actions(self) -> None:
        condition = self.condition
        if self._grid is None or condition is None:
            self.notify("Highlight a condition's column first.", severity="warning", timeout=4)
            return
        program, round_id = self.program, self.grid.round.id
        made = self._act(lambda: program.actions_from_priority(condition.key, round_id))
        if made:
            names = {team.id: team.name for team, _ in self.grid.rows}
            schools = ", ".join(names.get(a.team_id, a.team_id) for a in made)
            self.notify(
                f"Added an action on {condition.label} to {len(made)} action "
                f"plan{'s' * (len(made) != 1)}: {schools}. ctrl+z takes them back.",
                title="Actions made",
                markup=False,
                timeout=8,
            )

    def _act(self, verb):
        """A finding to the plan: a refusal is a warning, not an error (nothing was lost)."""
        try:
            result = verb()
        except FlourishError as e:
            self.notify(str(e), title="No action made", severity="warning", markup=False)
            return None
        self.app.data_changed()
        return result

    def commands(self):
        yield SystemCommand(
            "Start a self-assessment round", "A new round of the grid", self.action_new_round
        )
        yield SystemCommand(
            "Compare with the previous round",
            "Each cell's change since the round before",
            self.action_compare,
        )
        yield SystemCommand(
            "Key findings", "Strengths, priorities and who does well", self.action_findings
        )


# -- pieces -----------------------------------------------------------------------------------
