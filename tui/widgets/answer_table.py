"""The diagnostic questionnaire's answer table: one row per question under its section's
heading, answered with the keys 0-4."""

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from domain.diagnostic import SCALE, TOP, Section

BLANK = "·"
SECTION = "section:"  # the row key prefix of a section's heading row


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
