"""Where we are now / where we want to be: add or edit a statement pair, each side with its
evidence one item per line, and pick one of the team's actions to link or unlink."""

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from domain.actions import ActionItem
from domain.cluster_plan import ClusterAction
from domain.goals import Goal
from domain.records import require_text
from storage.facade import Flourish
from tui import cells
from tui.dialogs.base import FormScreen, field


class GoalForm(FormScreen):
    """A new statement pair for a team (`goal` None), or one edited."""

    title = "Where we are"
    DEFAULT_CSS = """
    GoalForm .goal-side {
        width: 1fr;
        height: auto;
    }
    GoalForm .goal-side:first-of-type {
        margin-right: 2;
    }
    """

    def __init__(self, program: Flourish, team_id: str, goal: Goal | None = None):
        super().__init__()
        self.program = program
        self.team = program.team(team_id)
        self.goal = goal
        self.unchanged = False

    @property
    def heading(self) -> str:
        verb = "New statement pair" if self.goal is None else "Edit the statement pair"
        return f"{verb} · {self.team.name}"

    def fields(self) -> ComposeResult:
        a = self.goal
        with Horizontal(classes="row"):
            with Vertical(classes="goal-side"):
                yield from field(
                    "Where we are now",
                    Input(a.now if a else "", placeholder="how things are today", id="now"),
                )
                yield from field(
                    "Evidence",
                    TextArea(a.now_evidence if a else "", id="now-evidence", soft_wrap=True),
                    hint="one per line",
                )
            with Vertical(classes="goal-side"):
                yield from field(
                    "Where we want to be",
                    Input(a.want if a else "", placeholder="how they will be", id="want"),
                )
                yield from field(
                    "Evidence",
                    TextArea(a.want_evidence if a else "", id="want-evidence", soft_wrap=True),
                    hint="what will show it",
                )

    def submit(self):
        values = {
            "now": self.checked("now", require_text, self.text("now"), "Where we are now"),
            "want": self.checked("want", require_text, self.text("want"), "Where we want to be"),
            "now_evidence": self.text("now-evidence").strip(),
            "want_evidence": self.text("want-evidence").strip(),
        }
        if self.goal is None:
            return self.program.add_goal(self.team.id, **values)
        changes = {k: v for k, v in values.items() if v != getattr(self.goal, k)}
        if not changes:
            self.unchanged = True
            return self.goal
        return self.program.update_goal(self.goal.id, **changes)

    def done(self, result) -> str:
        if self.unchanged:
            return "Nothing changed."
        if self.goal is None:
            return "Statement pair added. ctrl+z takes it back."
        return "Statement pair updated. ctrl+z takes it back."


class ActionPicker(ModalScreen[str | None]):
    """One of the given actions, by its title; dismissed with its id, or None."""

    DEFAULT_CSS = """
    ActionPicker #actions {
        height: auto;
        max-height: 14;
    }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel")]

    def __init__(self, actions: Sequence[ActionItem | ClusterAction], today: date, heading: str):
        super().__init__()
        self.actions, self.today, self.heading = actions, today, heading

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = Text(self.heading)
            title.truncate(84, overflow="ellipsis")
            yield Label(title, id="dialog-title")
            yield OptionList(*(self._option(a) for a in self.actions), id="actions")
            yield Label("↑↓ choose · Enter picks · esc cancels", id="form-hint")

    def _option(self, action: ActionItem | ClusterAction) -> Option:
        text = Text(action.title)
        text.append("\n  ")
        text.append_text(cells.status(action.status))
        if action.due is not None:
            text.append(f" · due {cells.day(action.due, self.today)}", style="dim")
        return Option(text, id=action.id)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
