"""A step of the partnership's journey: which question it answers, when, what happened, the
schools and partners involved, and the evidence."""

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select, SelectionList, TextArea

from domain.journey import JourneyStep, Question
from storage.facade import Flourish
from tui.dialogs.base import FormScreen, field


class StepForm(FormScreen):
    def __init__(self, program: Flourish, step: JourneyStep | None = None):
        super().__init__()
        self.program, self.step = program, step
        self.unchanged = False

    @property
    def heading(self) -> str:
        return "A step on the partnership's journey" if self.step is None else "Edit the step"

    def fields(self) -> ComposeResult:
        s = self.step
        questions = [(Text(f"{q.asks} ({q.about})"), q.value) for q in Question]
        with Horizontal(classes="row"):
            yield from field(
                "Question",
                Select(
                    questions,
                    value=s.question.value if s else Question.WHY.value,
                    allow_blank=False,
                    id="question",
                ),
            )
        yield from field(
            "When", Input(s.on.isoformat() if s else "today", id="on"), hint="2024-09-01, -3m"
        )
        yield from field("What happened", TextArea(s.what if s else "", id="what", soft_wrap=True))
        chosen = set(s.team_ids) if s else set()
        teams = [(t.name, t.id, t.id in chosen) for t in self.program.teams()]
        yield from field(
            "Schools involved", SelectionList(*teams, id="schools"), hint="none ticked: all"
        )
        yield from field(
            "Partners beyond the schools",
            TextArea(s.partners if s else "", id="partners", soft_wrap=True),
            hint="one per line",
        )
        yield from field("Evidence", TextArea(s.evidence if s else "", id="evidence"))

    def submit(self) -> Any:
        what = self.required("what", "What happened")
        on = self.checked("on", self.program.read_date, self.required("on", "When"), "past")
        values = {
            "question": str(self.query_one("#question", Select).value),
            "on": on,
            "what": what,
            "schools": list(self.query_one("#schools", SelectionList).selected),
            "partners": self.text("partners"),
            "evidence": self.text("evidence"),
        }
        if self.step is None:
            return self.program.add_journey_step(**values)
        changes = {k: v for k, v in values.items() if self.changed(k)}
        if not changes:
            self.unchanged = True
            return self.step
        return self.program.update_journey_step(self.step.id, **changes)

    def done(self, result) -> str:
        return "Nothing changed." if self.unchanged else "Saved. ctrl+z takes it back."
