"""Governance in the app: the model now and the one the cluster moves to, an answer to one of
a model's key questions, and a model in full with the cluster's answers."""

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from domain.governance import MODELS, find_model
from storage.facade import Flourish
from tui.dialogs.base import FormScreen, field
from tui.dialogs.detail import DetailScreen, block, section

NOT_SAID = ""


class ChoiceForm(FormScreen):
    def __init__(self, program: Flourish):
        super().__init__()
        self.program = program
        self.choice = program.governance()

    @property
    def heading(self) -> str:
        return "How the cluster is governed"

    def fields(self) -> ComposeResult:
        options = [(Text("not said yet"), NOT_SAID), *((Text(m.name), m.key) for m in MODELS)]
        yield from field(
            "The model now", Select(options, value=self.choice.now, allow_blank=False, id="now")
        )
        yield from field(
            "The model it is moving to",
            Select(options, value=self.choice.moving_to, allow_blank=False, id="moving-to"),
        )
        yield from field("Why", TextArea(self.choice.notes, id="notes", soft_wrap=True))

    def submit(self) -> Any:
        changes: dict[str, str] = {}
        if self.changed("now"):
            changes["now"] = str(self.query_one("#now", Select).value)
        if self.changed("moving-to"):
            changes["moving_to"] = str(self.query_one("#moving-to", Select).value)
        if self.changed("notes"):
            changes["notes"] = self.text("notes")
        if not changes:
            return self.choice
        return self.program.set_governance(**changes)

    def done(self, result) -> str:
        return "Saved. ctrl+z takes it back."


class AnswerForm(FormScreen):
    def __init__(self, program: Flourish, model: str):
        super().__init__()
        self.program, self.model = program, find_model(model)

    @property
    def heading(self) -> str:
        return "Answer a key question"

    def fields(self) -> ComposeResult:
        models = [(Text(m.name), m.key) for m in MODELS]
        yield from field(
            "Model", Select(models, value=self.model.key, allow_blank=False, id="model")
        )
        yield from field(
            "Question", Select(self._questions(), value=0, allow_blank=False, id="question")
        )
        yield from field("The cluster's answer", TextArea("", id="answer", soft_wrap=True))
        yield from field("Agreed on", Input("today", id="on"))

    def _questions(self) -> list[tuple[Text, int]]:
        return [(Text(f"{n + 1}. {q}"), n) for n, q in enumerate(self.model.questions)]

    @on(Select.Changed, "#model")
    def _model_changed(self, event: Select.Changed) -> None:
        if event.value and event.value != self.model.key:
            self.model = find_model(str(event.value))
            questions = self.query_one("#question", Select)
            questions.set_options(self._questions())
            questions.value = 0

    def submit(self) -> Any:
        answer = self.required("answer", "The answer")
        on_day = self.checked("on", self.program.read_date, self.required("on", "When"), "past")
        number = int(self.query_one("#question", Select).value) + 1  # type: ignore[arg-type]
        return self.program.answer_governance(self.model.key, number, answer, on=on_day)

    def done(self, result) -> str:
        return "Answer recorded. ctrl+z takes it back."


class ModelDetail(DetailScreen):
    def __init__(self, program: Flourish, model: str):
        super().__init__()
        self.program, self.model = program, find_model(model)
        self.fetch()

    def fetch(self) -> None:
        self.answers = self.program.governance_answers(self.model.key)

    @property
    def heading(self) -> str:
        return self.model.name

    def rows(self) -> Iterable[Widget]:
        yield block(self.model.summary)
        for n, question in enumerate(self.model.questions):
            yield section(f"{n + 1}. {question}")
            said = [a for a in self.answers if a.question == n]
            yield block(
                "\n".join(f"{a.on}{', ' + a.by if a.by else ''}: {a.answer}" for a in said),
                "not answered yet: r on the tab answers it",
            )
