"""One team: its 12-month timeline at the top, then its action plan, check-ins, challenges,
schedule revisions, pulse survey, where it is now and wants to be, briefings and people in
tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane

from domain.errors import FlourishError
from storage.facade import Step
from tui import cells
from tui.base import WorkspaceScreen
from tui.panes.actions import ActionPlanPane
from tui.panes.base import Pane
from tui.panes.briefings import BriefingsPane
from tui.panes.challenges import ChallengesPane
from tui.panes.checkins import CheckInsPane
from tui.panes.goals import GoalsPane
from tui.panes.people import PeoplePane
from tui.panes.pulse import PulsePane
from tui.panes.schedule import SchedulePane
from tui.sharing import AppFooter
from tui.widgets.timeline import TimelineBar

if TYPE_CHECKING:
    from storage.facade import Flourish

TABS = (
    ("plan", "Action plan", ActionPlanPane),
    ("checkins", "Check-ins", CheckInsPane),
    ("challenges", "Challenges", ChallengesPane),
    ("schedule", "Schedule", SchedulePane),
    ("pulse", "Pulse", PulsePane),
    ("where", "Goals", GoalsPane),  # where we are now, where we want to be
    ("briefings", "Briefings", BriefingsPane),
    ("people", "Team", PeoplePane),
)


class TeamScreen(WorkspaceScreen):
    ENTER = "Open the highlighted record in full (a check-in, an action, a briefing...)"
    AUTO_FOCUS = "#plan-pane DataTable"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Dashboard", id="team.back"),
        Binding("v", "revise", "Revise schedule", id="team.revise"),
        Binding("ctrl+e", "export", "Export", id="team.export"),
        Binding("left_square_bracket", "tab(-1)", "Prev tab", id="team.prev_tab", show=False),
        Binding("right_square_bracket", "tab(1)", "Next tab", id="team.next_tab", show=False),
    ]

    def __init__(self, team_id: str, tab: str | None = None):
        super().__init__()
        self._team_id = team_id
        self.tab = tab  # the tab to open on; None: the action plan
        if tab is not None:
            self.AUTO_FOCUS = f"#{tab}-pane DataTable"  # type: ignore[misc]  # per screen

    def shows(self, step: Step) -> bool:
        """Everything of this team's is on one of its tabs; nothing of another team's is."""
        return step.team_ids == {self.team_id}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="team-title")
        yield TimelineBar(id="timeline")
        with TabbedContent(id="tabs", initial=self.tab or ""):
            for tab_id, label, pane in TABS:
                with TabPane(label, id=tab_id):
                    yield pane(id=f"{tab_id}-pane")
        yield AppFooter()

    @property
    def team_id(self) -> str:
        return self._team_id

    def load(self, program: Flourish) -> None:
        # A team removed elsewhere, or its file damaged, goes to the problem screen.
        self.team = program.team(self.team_id)
        self.status = program.status([self.team])[0]

    def fill(self) -> None:
        today = self.program.today()
        self._show_title()
        self.query_one(TimelineBar).show(self.status.timeline, today)
        for pane in self.query(Pane):
            pane.load(self.program, self.team, today)

    def _show_title(self) -> None:
        width = self.size.width - 2  # its padding
        self.query_one("#team-title", Static).update(_title(self.status, width))

    def on_resize(self) -> None:
        if getattr(self, "status", None) is not None:
            self._show_title()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [tab_id for tab_id, *_ in TABS]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]
        self.query_one(f"#{tabs.active}-pane", Pane).focus_table()

    def action_revise(self) -> None:
        from tui.dialogs.revision import RevisionForm

        try:
            self.app.push_screen(RevisionForm(self.program, self.team_id))
        except FlourishError as e:  # the team was removed elsewhere
            self.app.show_problem(str(e))

    def action_export(self) -> None:
        """Calendars, spreadsheets and packs for this team; on the Briefings tab the
        highlighted briefing gets a pack of its own and the cluster's briefings come first."""
        from tui.dialogs.export import ExportScreen

        briefing_id = None
        if self.query_one(TabbedContent).active == "briefings":
            briefing_id = self.query_one("#briefings-pane", Pane).selected_id()
        try:
            screen = ExportScreen.for_team(self.program, self.team_id, briefing_id)
        except FlourishError as e:  # the team was removed elsewhere
            self.app.show_problem(str(e))
            return
        self.app.push_screen(screen)

    def commands(self):
        if self.query_one(TabbedContent).active == "challenges":
            yield from self.query_one(ChallengesPane).challenge_commands()
        for tab_id, label, _ in TABS:
            yield SystemCommand(
                f"Show {label}", "Team view tab", lambda t=tab_id: self._show_tab(t)
            )
        yield SystemCommand(
            "Show the people",
            "The coach, the leadership team's members and the line managers",
            lambda: self._show_tab("people"),
        )
        yield SystemCommand(
            "Archive this team",
            "A school left, or was added by mistake: keep its records, out of the program",
            lambda: self.app.archive_team(self.team_id),
        )

    def _show_tab(self, tab_id: str) -> None:
        self.query_one(TabbedContent).active = tab_id


def _title(status, width: int) -> Text:
    """The team's name, type, stage, month and coach; where the line is too short, the school
    type goes first, then the stage's name: the coach is never cut."""
    for school_type, wide in ((True, True), (False, True), (False, False)):
        title = _title_line(status, school_type, wide)
        if title.cell_len <= width:
            break
    return title


def _title_line(status, school_type: bool, wide: bool) -> Text:
    team = status.team
    title = Text(team.name, style="bold")
    if team.school_type and school_type:
        title.append(f" ({team.school_type})", style="dim")
    title.append("  ")
    title.append_text(cells.stage_badge(status.stage, status.phase.value, wide=wide))
    title.append(f"  month {status.program_month}/{status.timeline.months_total}")
    title.append(f"  coach {team.coach.name}", style="dim")
    return title
