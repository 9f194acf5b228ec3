"""The Cluster view's Journey tab: the partnership's steps along a timeline in six lanes, one
per question, so a question not yet worked on shows as a gap; the steps listed below."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from domain.dates import day_month_year
from domain.journey import Lane, axis, lane_marks, lanes, span
from tui import cells
from tui.panes.cluster_plan import ClusterPane

LABEL = 10  # the lane labels' column
COUNT = 10  # "  12 steps" or "  gap" after each lane


def lanes_text(found: list[Lane], first, last, width: int) -> Text:
    """The six lanes and the years under them, in `width` columns."""
    track = max(10, width - LABEL - COUNT - 2)
    text = Text()
    for lane in found:
        text.append(lane.question.short.ljust(LABEL)[:LABEL] + " ", style="bold")
        text.append(lane_marks(lane, first, last, track), style="dim" if lane.gap else "cyan")
        n = len(lane.steps)
        if lane.gap:
            text.append("  gap", style=cells.WARN)
        else:
            text.append(f"  {n} step{'s' * (n != 1)}", style="dim")
        text.append("\n")
    text.append(" " * (LABEL + 1) + axis(first, last, track), style="dim")
    return text


class JourneyPane(ClusterPane):
    DEFAULT_CSS = """
    JourneyPane #journey-lanes {
        height: auto;
        padding: 0 1 1 1;
    }
    """
    BINDINGS = [
        Binding("a", "add", "Add step", id="journey.add"),
        Binding("e", "edit", "Edit", id="journey.edit"),
        Binding("delete", "delete", "Delete", id="journey.delete", show=False),
    ]
    hint = "{journey.add} add a step · Enter or {journey.edit} edit · {journey.delete} delete"
    empty = (
        "No step yet. a adds one under a question: why are we doing this, who is in, what "
        "will we do together, who is in charge, who keeps an eye on it, who can we work with."
    )

    def extra(self) -> ComposeResult:
        yield Static(id="journey-lanes")
        yield from super().extra()

    def read(self) -> None:
        self.steps = self.program.journey()
        self.names = {t.id: t.name for t in self.program.teams()}

    def rows_read(self) -> list:
        return self.steps

    def refill(self) -> None:
        if not self.loaded:
            return
        first, last = span(self.steps, self.today)
        width = max(40, self.size.width - 2)
        self.query_one("#journey-lanes", Static).update(
            lanes_text(lanes(self.steps), first, last, width)
        )
        super().refill()

    def columns(self):
        return (("When", 11, 12), ("Question", 10), ("What happened", None), ("Schools", 14, 30))

    def rows(self):
        out = []
        for s in reversed(self.steps):  # the newest first, under the lanes
            schools = ", ".join(self.names.get(t, "?") for t in s.team_ids) or "all"
            out.append(
                (
                    s,
                    [
                        Text(day_month_year(s.on)),
                        Text(s.question.short),
                        Text(cells.first_line(s.what, 400)),
                        Text(schools, style="dim"),
                    ],
                )
            )
        return out

    def action_add(self) -> None:
        from tui.dialogs.journey import StepForm

        self.push(StepForm(self.program))

    def action_edit(self) -> None:
        from tui.dialogs.journey import StepForm

        if found := self.selected():
            self.push(StepForm(self.program, found))

    def open(self, record) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        if found := self.selected():
            self.confirm_delete(
                f"Delete the step “{cells.first_line(found.what, 50)}”?",
                lambda: self.program.delete_journey_step(found.id),
            )
