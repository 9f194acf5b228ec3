"""The Cluster view's Governance tab: the model the cluster has now and the one it is moving
to, and the six models with how many of their key questions the cluster has answered."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from domain.governance import MODELS
from tui.panes.cluster_plan import ClusterPane


class GovernancePane(ClusterPane):
    DEFAULT_CSS = """
    GovernancePane #governance-choice {
        height: auto;
        padding: 0 1 1 1;
    }
    """
    BINDINGS = [
        Binding("s", "choose", "Now / moving to", id="governance.choose"),
        Binding("r", "answer", "Answer", id="governance.answer"),
    ]
    hint = (
        "Enter its questions · {governance.choose} now / moving to · {governance.answer} "
        "answer · now/want statements: Goals tab"
    )

    def extra(self) -> ComposeResult:
        yield Static(id="governance-choice")

    def read(self) -> None:
        self.choice = self.program.governance()
        self.answers = self.program.governance_answers()

    def refill(self) -> None:
        if not self.loaded:
            return
        names = {m.key: m.name for m in MODELS}
        text = Text("Now: ", style="bold")
        text.append(names.get(self.choice.now, "not said yet"))
        text.append("   Moving to: ", style="bold")
        text.append(names.get(self.choice.moving_to, "not said yet"))
        if self.choice.notes:
            text.append(f"\n{self.choice.notes}", style="dim")
        self.query_one("#governance-choice", Static).update(text)
        super().refill()

    def columns(self):
        return (("Model", 26, 30), ("Answered", 9), ("In short", None))

    def rows(self):
        out = []
        for m in MODELS:
            mark = {self.choice.now: "● ", self.choice.moving_to: "→ "}.get(m.key, "  ")
            answered = {a.question for a in self.answers if a.model == m.key}
            name = Text(mark + m.name, style="bold" if mark.strip() else "")
            count = Text(f"{len(answered)} of {len(m.questions)}", style="dim")
            out.append((m, [name, count, Text(m.summary)]))
        return out

    def selected_model(self):
        return self.selected()

    def open(self, record) -> None:
        from tui.dialogs.governance import ModelDetail

        self.push(ModelDetail(self.program, record.key))

    def action_choose(self) -> None:
        from tui.dialogs.governance import ChoiceForm

        self.push(ChoiceForm(self.program))

    def action_answer(self) -> None:
        from tui.dialogs.governance import AnswerForm

        model = self.selected()
        self.push(AnswerForm(self.program, model.key if model else MODELS[0].key))
