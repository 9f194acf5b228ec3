"""The collaboration diagnostic's questionnaire, edited as text (domain/questionnaire.py has
the format): reword a question and its answers stay with it; a new line gets the next key."""

from textual.app import ComposeResult
from textual.widgets import TextArea

from domain.diagnostic import Section
from domain.questionnaire import questionnaire_text
from storage.facade import Flourish
from tui.dialogs.base import FormScreen, field

HINT = "key: Title, then its questions indented"


class QuestionnaireForm(FormScreen):
    title = "Diagnostic questionnaire"

    def __init__(self, program: Flourish):
        super().__init__()
        self.program = program

    def fields(self) -> ComposeResult:
        text = questionnaire_text(self.program.questionnaire())
        yield from field("Questions", TextArea(text, id="questions", soft_wrap=False), hint=HINT)

    def submit(self) -> tuple[Section, ...]:
        if not self.changed("questions"):
            return self.program.questionnaire()
        return self.checked("questions", self.program.set_questionnaire, self.text("questions"))

    def done(self, result) -> str:
        count = sum(len(s.questions) for s in result)
        return f"Saved the questionnaire: {len(result)} sections, {count} questions."
