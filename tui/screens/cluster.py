"""The Cluster view: the cluster's own work, not one school's. Its development plan, its
goals, review workshops, the partnership journey, governance and aspiring leaders in tabs,
with the same keys and forms as a team's tabs."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane

from storage.tables import ACTIONS, CLUSTER_WORK
from tui.base import WorkspaceScreen
from tui.panes.cluster_plan import ClusterGoalsPane, ClusterPane, PlanPane
from tui.panes.governance import GovernancePane
from tui.panes.journey import JourneyPane
from tui.panes.leaders import LeadersPane
from tui.panes.workshops import WorkshopsPane
from tui.sharing import AppFooter

TABS = (
    ("cplan", "Plan", PlanPane),
    ("cgoals", "Goals", ClusterGoalsPane),
    ("workshops", "Workshops", WorkshopsPane),
    ("journey", "Journey", JourneyPane),
    ("governance", "Governance", GovernancePane),
    ("leaders", "Leaders", LeadersPane),
)


class ClusterScreen(WorkspaceScreen):
    ENTER = "Open the highlighted record in full (a cluster action, a workshop, a model...)"
    # A cascade adds to the schools' plans too: undoing it is seen here, as its progress.
    SHOWS = frozenset({*CLUSTER_WORK, ACTIONS})
    AUTO_FOCUS = "#cplan-pane DataTable"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Dashboard", id="cluster.back"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", id="cluster.prev_tab", show=False),
        Binding("right_square_bracket", "tab(1)", "Next tab", id="cluster.next_tab", show=False),
    ]

    def __init__(self, tab: str | None = None):
        super().__init__()
        self.tab = tab
        if tab is not None:
            self.AUTO_FOCUS = f"#{tab}-pane DataTable"  # type: ignore[misc]  # per screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="cluster-title")
        with TabbedContent(id="cluster-tabs", initial=self.tab or ""):
            for tab_id, label, pane in TABS:
                with TabPane(label, id=tab_id):
                    yield pane(id=f"{tab_id}-pane")
        yield AppFooter()

    def load(self, program) -> None:
        self.cluster = program.cluster()
        self.today = program.today()

    def fill(self) -> None:
        title = Text(self.cluster.name, style="bold")
        title.append("  the cluster's own work", style="dim")
        self.query_one("#cluster-title", Static).update(title)
        for pane in self.query(ClusterPane):
            pane.show(self.program, self.today)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [tab_id for tab_id, *_ in TABS]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]
        self.query_one(f"#{tabs.active}-pane", ClusterPane).focus_table()

    def commands(self):
        for tab_id, label, _ in TABS:
            yield SystemCommand(
                f"Cluster: {label}", "A tab of the Cluster view", lambda t=tab_id: self._show(t)
            )

    def _show(self, tab_id: str) -> None:
        self.query_one(TabbedContent).active = tab_id
        self.query_one(f"#{tab_id}-pane", ClusterPane).focus_table()
