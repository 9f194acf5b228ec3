"""The collaboration diagnostic's questionnaire, answered for a team by one respondent, and the
list of a team's responses (to delete one entered by mistake).

The questionnaire is a table: a key 0-4 answers the highlighted question and moves to the
next, `-` or backspace clears it; a question left blank is not answered."""

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from domain.dates import day_month_year
from domain.diagnostic import SCALE, DiagnosticResponse, answered_on, latest_responses
from domain.errors import FlourishError
from storage.facade import Flourish
from tui import cells
from tui.app import FlourishApp
from tui.base import StaysCurrent
from tui.dialogs.base import FormScreen, field
from tui.widgets.answer_table import AnswerTable

DATE_HINT = "e.g. yesterday"
WHO = 24  # the respondent's column in the list of responses


class DiagnosticForm(FormScreen):
    title = "Collaboration diagnostic"
    DEFAULT_CSS = """
    DiagnosticForm .diagnostic-scale {
        height: auto;
        color: $text-muted;
    }
    DiagnosticForm #answers {
        height: 1fr;
        min-height: 5;
    }
    """

    def __init__(self, program: Flourish, team_id: str):
        super().__init__()
        self.program = program
        self.team = program.team(team_id)
        self.questionnaire = program.questionnaire()
        self.today = program.today()
        self.recorded = None  # the response saved, for `done`

    @property
    def heading(self) -> str:
        return f"Collaboration diagnostic · {self.team.name}"

    def fields(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield from field(
                "Respondent",
                Input(placeholder="blank: anonymous", id="respondent"),
                hint="a name or role",
            )
            yield from field(
                "Answered on", Input(self.today.isoformat(), id="date"), hint=DATE_HINT
            )
        scale = Text()
        for n, word in enumerate(SCALE):
            scale.append(str(n), style="bold")
            scale.append(f" {word} · ")
        scale.append("-", style="bold")
        scale.append(" clears · blank: not answered")
        yield Static(scale, classes="diagnostic-scale")
        yield AnswerTable(self.questionnaire, id="answers")

    def on_mount(self) -> None:
        super().on_mount()
        # The questions take all the room there is; inline, as the shared form styles
        # (which size a form to its fields) outrank a screen's own defaults.
        self.query_one("#dialog").styles.height = "95%"
        body = self.query_one("#form-body")
        body.styles.height, body.styles.max_height = "1fr", "100%"
        self.call_after_refresh(self.query_one(AnswerTable).fill)

    def on_resize(self) -> None:
        table = self.query_one(AnswerTable)
        if table.keys:
            table.fill()

    @property
    def dirty(self) -> bool:
        return super().dirty or bool(self.query_one(AnswerTable).answers)

    def submit(self):
        day = self.checked("date", answered_on, self.text("date"), self.today)
        return self.program.record_diagnostic(
            self.team.id,
            dict(self.query_one(AnswerTable).answers),
            respondent=self.text("respondent"),
            on=day,
        )

    def done(self, result) -> str:
        n = len(result.answers)
        who = result.respondent or "an anonymous respondent"
        return (
            f"Recorded {n} answer{'s' * (n != 1)} from {who} for {self.team.name}. "
            "ctrl+z takes them back."
        )


class ResponsesScreen(StaysCurrent, ModalScreen):
    """A team's responses, newest first, and which are combined; delete removes one."""

    app = getters.app(FlourishApp)

    DEFAULT_CSS = """
    ResponsesScreen #responses {
        height: auto;
        max-height: 14;
    }
    ResponsesScreen #responses-about {
        height: auto;
        color: $text-muted;
        padding-bottom: 1;
    }
    """
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="responses.close"),
        Binding("delete,d", "delete", "Delete", id="responses.delete"),
    ]

    def __init__(self, program: Flourish, team_id: str):
        super().__init__()
        self.program = program
        self.team = program.team(team_id)
        self.responses: list[DiagnosticResponse] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Text(f"Diagnostic responses · {self.team.name}"), id="dialog-title")
            yield Static(
                Text("Combined: each named respondent's latest answers and every anonymous one."),
                id="responses-about",
            )
            yield DataTable(id="responses", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="buttons"):
                yield Button("Close", variant="primary", id="close", compact=True)
                yield Label(
                    "d or del deletes the highlighted response · esc closes", id="form-hint"
                )

    def on_mount(self) -> None:
        table = self.query_one("#responses", DataTable)
        table.add_column("Answered", width=11)
        table.add_column("Respondent", width=WHO)
        table.add_column("Questions", width=9)
        table.add_column("Combined", width=14)
        self.reload()
        table.focus()

    def reload(self) -> None:
        try:
            self.responses = list(reversed(self.program.diagnostic_responses(self.team.id)))
        except FlourishError as e:  # the team was removed elsewhere
            self.app.show_problem(str(e))
            return
        combined = {r.id for r in latest_responses(self.responses)}
        total = sum(len(s.questions) for s in self.program.questionnaire())
        table = self.query_one("#responses", DataTable)
        table.clear()
        today = self.program.today()
        for r in self.responses:
            who = Text(r.respondent or "anonymous", style="" if r.respondent else "dim")
            who.truncate(WHO, overflow="ellipsis")
            used = r.id in combined
            table.add_row(
                Text(cells.day(r.answered_on, today)),
                who,
                Text(f"{len(r.answers)} of {total}"),
                Text("yes" if used else "replaced later", style="" if used else "dim"),
                key=r.id,
            )
        if not self.responses:
            table.add_row(Text("No responses yet.", style="dim"), key="none")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()

    def action_delete(self) -> None:
        from tui.dialogs.confirm import ConfirmScreen

        table = self.query_one("#responses", DataTable)
        if not self.responses:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        response = next(r for r in self.responses if r.id == key)
        who = response.respondent or "an anonymous respondent"

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_verb(
                    lambda: self.program.delete_diagnostic(response.id),
                    "Response deleted. ctrl+z brings it back.",
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Delete {who}'s response of {day_month_year(response.answered_on)}?",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    @on(DataTable.RowSelected, "#responses")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
