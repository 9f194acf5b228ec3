"""A finding (a low pulse score, a self-assessment rating, a diagnostic gap, a goal) made into
an action: a small form with the proposed title and due date filled in, asking who will see
it through, and naming a similar open action in the plan before another is added."""

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from domain.actions import ActionItem
from domain.dates import weekday_day
from domain.errors import FlourishError
from storage.facade import Choices, Flourish
from tui.dialogs.base import FormScreen, field

Make = Callable[[Choices], ActionItem]


class FindingActionForm(FormScreen):
    title = "Make it an action"
    save_label = "Add to the plan"

    def __init__(self, program: Flourish, make: Make, proposed: ActionItem):
        super().__init__()
        self.program = program
        self.make = make
        self.proposed = proposed
        self.team_name = program.team(proposed.team_id).name

    def fields(self) -> ComposeResult:
        p = self.proposed
        yield Static(Text(f"For {self.team_name}'s action plan."), classes="dim")
        yield from field("Action", Input(p.title, id="title"))
        with Horizontal(classes="row"):
            yield from field(
                "Owner", Input(p.owner, placeholder="who will see it through", id="owner")
            )
            yield from field(
                "Due", Input(p.due.isoformat() if p.due else "", id="due"), hint="or +6w, fri"
            )
        if twin := self.program.similar_open_action(p):
            warning = Text("⚠ The plan already has a similar open action: ", style="bold")
            warning.append(twin.title, style="")
            owner = f", {twin.owner}" if twin.owner else ""
            due = f", due {weekday_day(twin.due)}" if twin.due else ""
            warning.append(f"{owner}{due}.", style="")
            yield Static(warning, id="similar", classes="warning")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#owner", Input).focus()  # the title and date are proposed already

    def submit(self) -> ActionItem:
        title = self.required("title", "The action's title")
        owner = self.required("owner", "The action's owner (who will see it through)")
        due = self.checked("due", self.program.read_date, self.required("due", "A due date"))
        self.question_far("due", due, "The due date")
        return self.make(Choices(title=title, owner=owner, due=due))

    def done(self, result: ActionItem) -> str:
        return f"Added to {self.team_name}'s action plan: {result.title}. ctrl+z takes it back."


def offer(app, program: Flourish, make: Make) -> None:
    """Work the action out (saving nothing), then show the form to make it, or why there is
    none to make: a warning, not an error, since nothing was lost."""
    try:
        proposed = make(Choices(preview=True))
    except FlourishError as e:
        app.notify(str(e), title="No action made", severity="warning", markup=False)
        return
    app.push_screen(FindingActionForm(program, make, proposed))
