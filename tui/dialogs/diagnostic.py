"""The collaboration diagnostic's questionnaire, answered for a team by one respondent, and the
list of a team's responses (to delete one entered by mistake).

The questionnaire is a table: a key 0-4 answers the highlighted question and moves to the
next, `-` or backspace clears it; a question left blank is not answered."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, Static

from domain.diagnostic import SCALE, TOP, Section, answered_on, latest_responses
from domain.errors import FlourishError
from storage.facade import Flourish
from tui import cells
from tui.dialogs.base import FormScreen, field

DATE_HINT = "e.g. yesterday"
BLANK = "·"
SECTION = "section:"  # the row key prefix of a section's heading row
WHO = 24  # the respondent's column in the list of responses


def answer_text(value: int | None) -> Text:
    if value is None:
        return Text(BLANK, style="dim")
    return Text(f"{value} {SCALE[value]}", style="bold" if value >= 3 else "")


class AnswerTable(DataTable):
    """The questions under their sections' headings, with the answer given to each."""

    BINDINGS = [
        *(
            Binding(str(n), f"answer({n})", SCALE[n], show=False, id=f"questionnaire.{n}")
            for n in range(TOP + 1)
        ),
        Binding("minus,backspace,delete", "clear", "Clear", show=False, id="questionnaire.clear"),
    ]

    def __init__(self, questionnaire: tuple[Section, ...], *, id: str):
        super().__init__(id=id, cursor_type="row", show_header=False, zebra_stripes=True)
        self.questionnaire = questionnaire
        self.answers: dict[str, int] = {}
        self.keys: list[str] = []  # every row's key, headings included, in order

    def fill(self) -> None:
        """(Re)build the rows to the table's width, keeping the answers and the cursor."""
        keep = self.cursor_row
        width = max(20, self.size.width - 4 - 17 - 6 - 2)  # the room left for the question
        self.clear(columns=True)
        self.add_column("Q", width=4, key="q")
        self.add_column("Question", width=width, key="text")
        self.add_column("Answer", width=17, key="answer")
        self.keys = []
        for n, section in enumerate(self.questionnaire, 1):
            key = f"{SECTION}{section.key}"
            title = Text(section.title, style="bold")
            self.add_row(Text(str(n), style="bold"), title, self._progress(section), key=key)
            self.keys.append(key)
            for q in section.questions:
                lines = Text(q.text).wrap(self.app.console, width)
                self.add_row(
                    Text(q.key, style="dim"),
                    Text("\n").join(lines),
                    answer_text(self.answers.get(q.key)),
                    key=q.key,
                    height=len(lines),
                )
                self.keys.append(q.key)
        self.move_cursor(row=keep if keep else 1, animate=False)  # the first question

    def _progress(self, section: Section) -> Text:
        done = sum(1 for q in section.questions if q.key in self.answers)
        return Text(f"{done} of {len(section.questions)} answered", style="dim")

    def _section_of(self, key: str) -> Section:
        return next(s for s in self.questionnaire if key in {q.key for q in s.questions})

    def _question_here(self) -> str | None:
        """The highlighted question; on a heading, the first question under it."""
        if not self.keys:
            return None
        row = self.cursor_row
        if self.keys[row].startswith(SECTION):
            row += 1
        return self.keys[row] if row < len(self.keys) else None

    def _set(self, key: str, value: int | None) -> None:
        if value is None:
            self.answers.pop(key, None)
        else:
            self.answers[key] = value
        self.update_cell(key, "answer", answer_text(value))
        section = self._section_of(key)
        self.update_cell(f"{SECTION}{section.key}", "answer", self._progress(section))

    def action_answer(self, value: int) -> None:
        key = self._question_here()
        if key is None:
            return
        self._set(key, value)
        after = self.keys.index(key) + 1
        while after < len(self.keys) and self.keys[after].startswith(SECTION):
            after += 1
        self.move_cursor(row=min(after, len(self.keys) - 1))

    def action_clear(self) -> None:
        key = self._question_here()
        if key is not None:
            self._set(key, None)
            self.move_cursor(row=self.keys.index(key))


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


class ResponsesScreen(ModalScreen):
    """A team's responses, newest first, and which are combined; delete removes one."""

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
        self.responses = []

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
                f"Delete {who}'s response of {response.answered_on:%-d %b %Y}?",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    @on(DataTable.RowSelected, "#responses")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
