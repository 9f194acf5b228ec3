"""The collaboration diagnostic across the cluster: teams by the questionnaire's sections,
each cell a section's combined total of its maximum (its share at narrow widths), marked GAP
when it is below half. Below, the highlighted team's totals and the highlighted section's
questions, each with why it is flagged: the toolkit's "return to the questionnaire and focus
on the individual questions". `a` records a response, `t` makes the section an action, `x`
lists the team's responses. What counts as a gap or a flag is the domain's to say."""

from __future__ import annotations

from math import floor
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from domain.diagnostic import (
    SCALE,
    SPLIT,
    WEAK,
    QuestionResult,
    Section,
    SectionResult,
    scale_word,
)
from domain.errors import FlourishError
from domain.scales import Band
from storage.tables import ACTIONS, DIAGNOSTIC
from tui import cells
from tui.base import WorkspaceScreen
from tui.dialogs.finding_action import offer
from tui.screens.pulse_heatmap import SHADES
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish, TeamDiagnostic

# GAP (or G) says it in words; the shade repeats it.
GAP_STYLE = SHADES[Band.LOW]
FLAG_STYLE = "#d7af5f"
FLAG = "*"  # a section without a gap but with a question to return to
MISSING = "·"
CELL_WIDTHS = (7, 5)  # `35% GAP`, `35% G`; wider than these: `9.7/28 GAP`
SCHOOL = 14  # the room a school's name should keep, when it is that long
RESP = 4  # the respondents column
WIDE = 110  # from this many columns the detail says more in words
FIRST = 2  # the first section's column: the school and its respondents come before


def share(result: SectionResult) -> str:
    """`35%`, rounded down so that a gap never reads as 50%."""
    assert result.share is not None  # shown only for a section somebody answered
    return f"{floor(result.share * 100)}%"


def total(result: SectionResult) -> str:
    return f"{result.total:g}/{result.maximum}"


def shown(result: SectionResult, width: int) -> str:
    """`9.7/28 GAP` when wider than the short forms, `35% GAP` or `35% G` when not."""
    text = total(result) if width > CELL_WIDTHS[0] else share(result)
    if result.gap:
        return f"{text} {'GAP' if width >= CELL_WIDTHS[0] else 'G'}"
    return f"{text} {FLAG}" if result.flagged else text


def cell(result: SectionResult, width: int) -> Text:
    """A section's result in `width` cells: GAP (or G) or `*` say it, the shade repeats it."""
    if result.total is None:
        return Text(MISSING.center(width), style="dim")
    style = GAP_STYLE if result.gap else FLAG_STYLE if result.flagged else ""
    return Text(shown(result, width).center(width), style=style)


def headers(sections: list[Section], width: int) -> list[str]:
    """Each section's name when all fit, else `2 Vis`: the numbers the detail's totals use.
    Names that would read alike (Leadership, Learning) keep their consonants instead:
    `2 Ldr`, `6 Lrn`, not `Lea` twice."""
    names = [s.key.capitalize() for s in sections]
    if all(len(name) <= width for name in names):
        return names
    room = max(1, width - 2)  # "2 " before the letters
    first = [name[:room] for name in names]
    short = [
        (name[0] + "".join(c for c in name[1:] if c not in "aeiou"))[:room]
        if first.count(name[:room]) > 1
        else name[:room]
        for name in names
    ]
    return [f"{n} {name}" for n, name in enumerate(short, 1)]


def cut(text: str, width: int, centre: bool = False) -> Text:
    out = Text(text)
    out.truncate(width, overflow="ellipsis")
    if centre:
        out.pad_left((width - out.cell_len) // 2)
    return out


def why(result: QuestionResult, wide: bool) -> Text:
    """Why a question is flagged, in words."""
    reasons = []
    if result.weak:
        reasons.append("weak")
    if result.split:
        reasons.append("respondents differ" if wide else "differ")
    return Text(", ".join(reasons), style=cells.WARN if reasons else "")


def legend(cell_width: int, width: int) -> Text:
    """What the marks mean, and how answers are combined."""
    gap = "GAP" if cell_width >= CELL_WIDTHS[0] else "G"
    text = Text()
    text.append(f" {gap} ", style=GAP_STYLE)
    text.append(" below half its maximum  ")
    text.append(f"{FLAG}", style=FLAG_STYLE)
    text.append(" a question to return to  ")
    text.append(f"{MISSING} not answered")
    text.append(
        "\nCombines each named respondent's latest answers and every anonymous one",
        style="dim",
    )
    if width >= WIDE:
        text.append(
            f"\nweak: the combined mean is below {WEAK:g} ({SCALE[int(WEAK)]}) · "
            f"respondents differ: their answers are {SPLIT} or more points apart",
            style="dim",
        )
    return text


class DiagnosticScreen(WorkspaceScreen):
    SHOWS = frozenset({DIAGNOSTIC, ACTIONS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#diagnostic"
    DEFAULT_CSS = """
    DiagnosticScreen #diagnostic-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    DiagnosticScreen #diagnostic {
        height: auto;
        max-height: 50%;
    }
    DiagnosticScreen #diagnostic-legend {
        height: auto;
        padding: 0 1;
    }
    DiagnosticScreen #diagnostic-detail {
        height: 1fr;
        background: $boost;
    }
    DiagnosticScreen #diagnostic-team, DiagnosticScreen #diagnostic-section {
        height: auto;
        padding: 0 1;
    }
    DiagnosticScreen #diagnostic-questions {
        height: 1fr;
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="diagnostic.back"),
        Binding("a", "record", "Record response", id="diagnostic.record"),
        Binding("t", "make_action", "Make action", id="diagnostic.make_action"),
        Binding("x", "responses", "Responses", id="diagnostic.responses"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: list[TeamDiagnostic] = []  # per team, in the dashboard's order

    @property
    def team_id(self) -> str | None:
        """The highlighted team: what `a`, `t`, `x` (and `c`, a check-in) act on."""
        table = self.query_one("#diagnostic", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @property
    def section_key(self) -> str | None:
        """The highlighted section: the cursor's column, or the first on the school's name."""
        if not self.sections:
            return None
        column = self.query_one("#diagnostic", DataTable).cursor_coordinate.column
        return self.sections[min(max(column - FIRST, 0), len(self.sections) - 1)].key

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="diagnostic-heading")
        yield DataTable(
            id="diagnostic", cursor_type="cell", cursor_foreground_priority="renderable"
        )
        yield Static(id="diagnostic-legend")
        with Vertical(id="diagnostic-detail"):
            yield Static(id="diagnostic-team")
            yield Static(id="diagnostic-section")
            yield DataTable(id="diagnostic-questions", cursor_type="none", show_cursor=False)
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        self.overview = program.diagnostic_overview()

    def fill(self) -> None:
        self._fill()

    def on_resize(self) -> None:
        if self.overview:
            self._fill()

    # -- the overview ------------------------------------------------------------------------

    @property
    def sections(self):
        return [s.section for s in self.overview[0].sections] if self.overview else []

    def _fill(self) -> None:
        table = self.query_one("#diagnostic", DataTable)
        keep, section = self.team_id, self.section_key
        width = self._cell_width()
        table.clear(columns=True)
        table.add_column("School", width=self._school_width(width))
        table.add_column("Resp", width=RESP)
        for s, label in zip(self.sections, headers(self.sections, width), strict=True):
            table.add_column(cut(label, width, centre=True), width=width, key=s.key)
        for result in self.overview:
            name = cut(result.team.name, table.ordered_columns[0].width)
            answered = Text(str(result.respondents).rjust(RESP))
            if not result.respondents:
                name.stylize("dim")
                answered.stylize("dim")
            table.add_row(
                name, answered, *(cell(s, width) for s in result.sections), key=result.team.id
            )
        known = {r.team.id for r in self.overview}
        row = table.get_row_index(keep) if keep is not None and keep in known else 0
        keys = [s.key for s in self.sections]
        column = FIRST + keys.index(section) if section in keys else FIRST
        table.move_cursor(row=row, column=column, animate=False)
        self.query_one("#diagnostic-heading", Static).update(self._heading())
        self.query_one("#diagnostic-legend", Static).update(legend(width, self.size.width))
        self._show_detail()

    def _spare(self) -> int:
        """The room left for the school's name (each column has 2 cells of padding)."""
        return self.size.width - 2 - 2 - (RESP + 2)

    def _cell_width(self) -> int:
        n = len(self.sections)
        longest = max((len(r.team.name) for r in self.overview), default=SCHOOL)
        wanted = min(longest, SCHOOL)
        for width in (self._widest(), *CELL_WIDTHS):
            if self._spare() - n * (width + 2) >= wanted:
                return width
        return CELL_WIDTHS[-1]

    def _widest(self) -> int:
        """The room for every total in full, GAP beside it, and each section's name."""
        full = CELL_WIDTHS[0] + 1
        texts = [shown(s, full) for r in self.overview for s in r.sections if s.total is not None]
        return max(len(t) for t in [*texts, *(s.key for s in self.sections), " " * full])

    def _school_width(self, width: int) -> int:
        longest = max((len(r.team.name) for r in self.overview), default=SCHOOL)
        return max(10, min(longest, self._spare() - len(self.sections) * (width + 2)))

    def _heading(self) -> Text:
        answered = sum(1 for r in self.overview if r.respondents)
        text = Text("Collaboration diagnostic", style="bold")
        text.append(f" · {answered} of {len(self.overview)} teams answered")
        text.append(" · ← → sections", style="dim")
        text.truncate(max(20, self.size.width - 2), overflow="ellipsis")
        return text

    @on(DataTable.CellHighlighted, "#diagnostic")
    def _highlighted(self, event: DataTable.CellHighlighted) -> None:
        # The cursor as it is now: a refill posts events for places it has already left.
        column = event.data_table.cursor_coordinate.column
        if column < FIRST:  # the school's name: keep a section highlighted
            event.data_table.move_cursor(column=FIRST, animate=False)
            return
        self._show_detail()

    # -- the detail --------------------------------------------------------------------------

    def _current(self):
        """The highlighted team's diagnostic and section result, or (None, None)."""
        result = next((r for r in self.overview if r.team.id == self.team_id), None)
        if result is None:
            return None, None
        section = next(
            (s for s in result.sections if s.section.key == self.section_key), result.sections[0]
        )
        return result, section

    def _show_detail(self) -> None:
        result, section = self._current()
        team = self.query_one("#diagnostic-team", Static)
        about = self.query_one("#diagnostic-section", Static)
        questions = self.query_one("#diagnostic-questions", DataTable)
        if result is None:
            team.update("")
            about.update("")
            questions.clear(columns=True)
            return
        team.update(self._team_text(result, section))
        if not result.respondents:
            about.update(Text("a records the first response.", style="dim"))
            questions.display = False
            return
        about.update(self._section_text(section))
        questions.display = True
        self._fill_questions(questions, section, result.respondents)

    def _team_text(self, result, current: SectionResult) -> Text:
        """The team, its respondents, and each section's total on as few lines as fit."""
        wide = self.size.width >= WIDE
        text = Text(result.team.name, style="bold")
        if not result.respondents:
            text.append(" · no responses yet", style="dim")
            return text
        n = result.respondents
        text.append(f" · {n} respondent{'s' * (n != 1)} combined")
        room, line = self.size.width - 2, Text()
        for i, s in enumerate(result.sections, 1):
            part = Text(f"{i} {s.section.key.capitalize()} " if wide else f"{i} ")
            if s.total is None:
                part.append("—", style="dim")
            else:
                part.append(total(s))
                if s.gap:
                    part.append(" GAP", style=GAP_STYLE)
            if s is current:
                part.stylize("reverse")
            if line and line.cell_len + 2 + part.cell_len > room:  # an entry never splits
                text.append("\n")
                text.append_text(line)
                line = Text()
            line.append("  " if line else "")
            line.append_text(part)
        text.append("\n")
        text.append_text(line)
        return text

    def _section_text(self, s: SectionResult) -> Text:
        wide = self.size.width >= WIDE
        number = [x.key for x in self.sections].index(s.section.key) + 1
        text = Text(f"{number} {s.section.title}", style="bold")
        if s.total is None:
            text.append("  nobody has answered it", style="dim")
            return text
        text.append(f"  {s.total:g} of {s.maximum}")
        answered = sum(1 for q in s.questions if q.answered)
        if answered < len(s.questions):
            text.append(f" ({answered} of {len(s.questions)} questions answered)", style="dim")
        if s.gap:
            text.append(" · ")
            text.append(" GAP ", style=GAP_STYLE)
            if wide:
                text.append(" below half its maximum")
        n = len(s.flagged)
        if n:
            what = f"question{'s' * (n != 1)} to return to" if wide else "flagged"
            text.append(f" · {n} {what}", style=cells.WARN)
        elif not s.gap:
            text.append(" · no gap, nothing flagged", style="dim")
        return text

    def _fill_questions(self, table: DataTable, s: SectionResult, respondents: int) -> None:
        wide = self.size.width >= WIDE
        columns = (
            ("Q", 4 if wide else 3),
            ("Question", None),
            ("Mean", 19 if wide else 4),
            ("Answered" if wide else "Ans", 8 if wide else 3),
            ("Spread", 6),
            ("Why flagged", 24 if wide else 12),
        )
        fixed = sum(w or 0 for _, w in columns)
        rest = max(12, self.size.width - fixed - 2 * len(columns) - 2)
        table.clear(columns=True)
        for label, width in columns:
            table.add_column(label, width=width or rest)
        for q in s.questions:
            # Wide: each question whole; narrow: its start (the questionnaire has it whole).
            lines = Text(q.question.text).wrap(self.app.console, rest) if wide else [Text()]
            if not wide:
                lines[0] = cut(q.question.text, rest)
            spread = Text(str(q.spread)) if q.answered > 1 else Text("–", style="dim")
            table.add_row(
                Text(q.question.key, style=cells.WARN if q.weak or q.split else ""),
                Text("\n").join(lines),
                _mean(q, wide),
                Text(f"{q.answered}/{respondents}", style="" if q.answered else "dim"),
                spread,
                why(q, wide),
                key=q.question.key,
                height=len(lines),
            )

    # -- keys --------------------------------------------------------------------------------

    def action_record(self) -> None:
        from tui.dialogs.diagnostic import DiagnosticForm

        if self.team_id is None:
            return
        try:
            self.app.push_screen(DiagnosticForm(self.program, self.team_id))
        except FlourishError as e:  # the team was removed elsewhere
            self.app.show_problem(str(e))

    def action_make_action(self) -> None:
        result, section = self._current()
        if result is None:
            return
        program = self.program
        team_id, key = result.team.id, section.section.key
        offer(self.app, program, lambda c: program.action_from_diagnostic(team_id, key, c))

    def action_responses(self) -> None:
        from tui.dialogs.diagnostic import ResponsesScreen

        if self.team_id is None:
            return
        try:
            self.app.push_screen(ResponsesScreen(self.program, self.team_id))
        except FlourishError as e:
            self.app.show_problem(str(e))


def _mean(q: QuestionResult, wide: bool) -> Text:
    """The combined answer, with its scale word when there is room."""
    if q.mean is None:
        return Text("—", style="dim")
    text = Text(f"{q.mean:.1f}", style=cells.WARN if q.weak else "")
    if wide:  # the point on the scale it has reached: 1.7 is not yet partly in place
        text.append(f" {scale_word(q.mean)}", style="dim")
    return text
