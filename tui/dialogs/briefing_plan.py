"""The default briefing plan: a briefing at the end of each stage and one mid-program,
proposed by the facade and not stored until accepted. The chair keeps or drops each one,
moves any to another date and time, and schedules the kept ones in one step."""

from dataclasses import replace
from datetime import datetime

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from domain.briefings import Briefing
from domain.errors import FlourishError
from storage.facade import Flourish
from tui.app import FlourishApp
from tui.dialogs.base import FormError, FormScreen, ask_to_discard, field
from tui.dialogs.briefing import START_HINT, short_when

KEEP, DROP = "✓", "✗"
EMPTY = (
    "Nothing to propose: every briefing in the default plan is already scheduled or its "
    "date has passed."
)


class BriefingPlanScreen(ModalScreen[list[Briefing] | None]):
    """Review the default plan for one team, or the whole cluster (team_id None). Dismisses
    with the briefings scheduled, or None."""

    app = getters.app(FlourishApp)

    BINDINGS = [
        Binding("space", "keep_or_drop", "Keep/drop", id="plan_briefings.toggle"),
        Binding("m", "move", "Move", id="plan_briefings.move"),
        Binding("ctrl+s", "accept", "Schedule kept", id="plan_briefings.accept"),
        Binding("escape", "cancel", "Cancel", id="plan_briefings.cancel"),
    ]

    def __init__(self, program: Flourish, team_id: str | None = None):
        super().__init__()
        self.program = program
        self.team_id = team_id
        self.cluster = program.cluster()
        self.audience = program.team(team_id).name if team_id else "the whole cluster"
        self.plan: list[Briefing] = []
        self.kept: set[int] = set()
        self.moved: set[int] = set()
        self.problem = ""
        try:
            self.plan = program.plan_briefings(team_id)
        except FlourishError as e:  # no teams yet
            self.problem = str(e)
        self.kept = set(range(len(self.plan)))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="plan"):
            yield Label(Text(f"Plan the briefings for {self.audience}"), id="dialog-title")
            if self.plan:
                yield Static(
                    "The default plan: one briefing at the end of each stage and one "
                    "mid-program, after school on a weekday. space keeps or drops one, "
                    "m moves it; nothing is scheduled until ctrl+s.",
                    id="plan-intro",
                )
                yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="plan-detail")
            else:
                yield Static(Text(self.problem or EMPTY), id="plan-empty")
            with Horizontal(id="buttons"):
                if self.plan:
                    yield Button("Schedule kept", variant="primary", id="accept", compact=True)
                yield Button("Cancel" if self.plan else "Close", id="cancel", compact=True)
                hint = "ctrl+s schedule · esc cancel" if self.plan else "esc closes"
                yield Label(hint, id="form-hint")

    def on_mount(self) -> None:
        if self.plan:
            self.fill()
            self.query_one(DataTable).focus()
        else:
            self.query_one("#cancel", Button).focus()

    # -- showing ---------------------------------------------------------------------------

    def local(self, start: datetime) -> datetime:
        return start.astimezone(self.cluster.tz)

    def on_resize(self) -> None:
        if self.plan:
            self.fill()

    def _widths(self) -> list[int]:
        """Keep, when, briefing, for: the title takes what the others leave."""
        room = self.query_one("#dialog").content_size.width or 100
        whom = 24 if room >= 110 else 16 if room >= 90 else 12
        return [4, 21, max(12, room - 4 - 21 - whom - 2 * 4 - 1), whom]

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        widths = self._widths()
        if [c.width for c in table.ordered_columns] != widths:
            table.clear(columns=True)
            for label, width in zip(("Keep", "When", "Briefing", "For"), widths, strict=True):
                table.add_column(label, width=width)
        table.clear()
        for i, b in enumerate(self.plan):
            kept = i in self.kept
            start = self.local(b.start)
            when = Text(f"{start:%a} {start.day} {start:%b %Y} {start:%H:%M}")
            if i in self.moved:
                when.append(" ↻", style="bold dark_orange")
            cells = [
                Text(KEEP if kept else DROP, style="bold" if kept else "dim"),
                when,
                Text(b.title),
                Text(self.audience if b.team_id else "whole cluster"),
            ]
            for text, width in zip(cells, widths, strict=True):
                text.truncate(width, overflow="ellipsis")
                if not kept:
                    text.stylize("dim strike")
            table.add_row(*cells, key=str(i))
        table.move_cursor(row=min(row, len(self.plan) - 1), animate=False)
        self.describe()

    def describe(self) -> None:
        """Say who the highlighted proposal invites, and how many are kept."""
        b = self.current()
        place = self.query_one("#plan-detail", Static)
        if b is None:
            place.update("")
            return
        start, end = self.local(b.start), self.local(b.end)
        text = Text(f"{start:%H:%M}–{end:%H:%M} {self.cluster.timezone}, {b.minutes} minutes. ")
        names = ", ".join(p.name for p in b.attendees)
        text.append(f"Invites {len(b.attendees)}: {names}" if b.attendees else "No invitees.")
        n = len(self.kept)
        text.append(f"\n{n} of {len(self.plan)} kept.", style="bold")
        place.update(text)

    def on_data_table_row_highlighted(self) -> None:
        if self.plan:
            self.describe()

    def current_index(self) -> int | None:
        if not self.plan:
            return None
        return self.query_one(DataTable).cursor_row

    def current(self) -> Briefing | None:
        i = self.current_index()
        return None if i is None else self.plan[i]

    # -- actions ---------------------------------------------------------------------------

    def action_keep_or_drop(self) -> None:
        i = self.current_index()
        if i is None:
            return
        self.kept.symmetric_difference_update({i})
        self.fill()

    def action_move(self) -> None:
        i = self.current_index()
        if i is None:
            return

        def moved(start: datetime | None) -> None:
            if start is not None:
                self.plan[i] = replace(self.plan[i], start=start)
                self.moved.add(i)
                self.kept.add(i)  # moving one means keeping it
                self.fill()

        self.app.push_screen(MoveProposalForm(self.program, self.plan[i]), moved)

    def action_accept(self) -> None:
        if not self.plan:
            self.dismiss(None)
            return
        kept = [b for i, b in enumerate(self.plan) if i in self.kept]
        if not kept:
            self.notify(
                "Keep at least one briefing (space), or press Escape.",
                severity="warning",
                timeout=4,
            )
            return
        n = len(kept)
        made = self.app.run_verb(
            lambda: self.program.accept_plan(kept),
            f"Scheduled {n} briefing{'s' if n != 1 else ''} from the plan. ctrl+z undoes it.",
        )
        if made is not None:
            self.dismiss(made)

    def action_cancel(self) -> None:
        changed = self.moved or len(self.kept) != len(self.plan)
        if changed:
            message = "Close the plan without scheduling anything?"
            ask_to_discard(self, message, "Close", "Keep planning")
        else:
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "accept":
            self.action_accept()
        elif event.button.id == "cancel":
            self.action_cancel()


class MoveProposalForm(FormScreen):
    """A new date and time for one proposed briefing (not stored: the plan takes it)."""

    title = "Move the proposed briefing"
    save_label = "Move"

    def __init__(self, program: Flourish, briefing: Briefing):
        super().__init__()
        self.program = program
        self.briefing = briefing
        self.cluster = program.cluster()
        self.title = type(self).title  # Screen.__init__ set it to None

    def fields(self) -> ComposeResult:
        start = self.briefing.start.astimezone(self.cluster.tz)
        yield Static(Text(self.briefing.title, style="bold"), id="proposal-title")
        yield from field(
            "Starts",
            Input(f"{start:%Y-%m-%d %H:%M}", placeholder=START_HINT, id="start"),
            hint=f"{self.cluster.timezone} time",
        )

    def submit(self):
        start = self.checked(
            "start",
            self.program.read_datetime,
            self.text("start"),
            "future",
        )
        if start <= self.program.now():
            raise FormError("start", f"{short_when(start)} has passed; pick a time to come.")
        return start

    def done(self, result) -> str:
        return f"Moved to {short_when(result)}: scheduled when you accept the plan."
