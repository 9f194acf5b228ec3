"""The Flourish terminal app: the cluster dashboard, team views, and forms over the facade.

Screens hold no business rules: they read through `Flourish` (storage/facade.py) and call its
verbs. The workspace opens in a worker so the first screen paints at once; the app then polls
the workspace's fingerprint so changes made elsewhere (the command line, another window) show.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.markup import escape
from textual.screen import Screen

from domain.errors import FlourishError
from storage.paths import CLUSTER_FILE
from storage.settings import Settings
from tui.inert import DropControls

if TYPE_CHECKING:
    from domain.cluster_plan import Glance
    from domain.status import TeamStatus
    from storage.facade import Flourish

T = TypeVar("T")
POLL_SECONDS = 1.0
TERMINAL_SECONDS = 2.0  # how often the app looks whether its terminal is still there
# The Cluster view's tabs as the palette finds them: (tab id, name, what it holds).
CLUSTER_TABS = (
    ("cplan", "Cluster development plan", "The cluster's own actions, cascaded to the schools"),
    ("cgoals", "Cluster goals", "Where the cluster is now and where it wants to be"),
    ("workshops", "Cluster review workshops", "Plan one, its agenda from the key findings"),
    ("journey", "Partnership journey", "The family's steps through six questions"),
    ("governance", "Governance choices", "Six models, the one now and the one to move to"),
    ("leaders", "Aspiring leaders", "Their learning beyond their own school, with feedback"),
)


class FlourishApp(App[int]):
    TITLE = "Flourish"
    CSS_PATH = "flourish.tcss"
    BINDINGS = [
        Binding("c", "log_checkin", "Check-in", id="checkin.log"),
        Binding("ctrl+z", "undo", "Undo", id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", id="app.redo", show=False),
        Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        root: Path,
        *,
        clock: Callable[[], datetime] | None = None,
        user: str = "",
        demo: bool = False,
        settings: Settings | None = None,
        poll_seconds: float = POLL_SECONDS,
    ):
        super().__init__()
        # Until the dashboard is filled (then everything alive is frozen, see DashboardScreen),
        # the cycle collector runs less often: at 500 teams it would walk the growing heap
        # again and again while the app starts.
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(50_000, 20, 100)
        self.root = Path(root)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.settings = settings or Settings()
        self.user = user or self.settings.user
        self.demo = demo
        self.poll_seconds = poll_seconds
        self._inert = DropControls()
        self.program: Flourish | None = None
        # The dashboard's first statuses and cluster line, read as the workspace opened.
        self.first_statuses: tuple[list[TeamStatus], Glance | None] | None = None
        self._fingerprint: tuple | None = None
        from tui.sharing import Syncer

        self.syncer = Syncer(self)
        # The terminal the app was started in, if it was one: when it goes away (its window
        # closed while `make run` or another parent kept the app from hearing of it), the
        # app would otherwise go on reading an input that is gone, spinning a CPU core.
        stdin = sys.__stdin__
        self._terminal = stdin.fileno() if stdin is not None and stdin.isatty() else None
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Last, so nothing a user typed reaches the terminal as a control sequence.
        return [*super().get_line_filters(), self._inert]

    # -- opening ---------------------------------------------------------------------------

    def on_mount(self) -> None:
        from tui.screens.dashboard import DashboardScreen

        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._terminal is not None:
            self.set_interval(TERMINAL_SECONDS, self._check_terminal)
        self.push_screen(DashboardScreen())
        # Open the workspace once the first frame is out: the worker's imports and reads
        # would otherwise compete with it for the interpreter.
        self.call_after_refresh(self.open_workspace)

    @work(thread=True, exclusive=True, group="open")
    def open_workspace(self) -> None:
        # Storage is imported here, in the worker, so that the first screen paints sooner.
        from storage.facade import Flourish
        from storage.workspace import holds_workspace

        try:
            if self.demo and not (self.root / CLUSTER_FILE).exists():
                from demo import build_demo

                build_demo(self.root, self.clock)
            program = None
            # The remains of a workspace whose cluster file is gone open to say so, rather
            # than to the welcome screen, which would start a new one on top of them.
            if holds_workspace(self.root):
                program = Flourish.open(self.root, self.clock, self.user)
                # The dashboard's first fill, read here in the same worker: a second worker
                # started once the workspace is open would read it while the screen redraws
                # for the open workspace, each slowing the other.
                self.first_statuses = self._first_statuses(program)
        except FlourishError as e:
            self.call_from_thread(self.show_problem, str(e))
            return
        self.call_from_thread(self.opened, program)

    @staticmethod
    def _first_statuses(program: Flourish) -> tuple[list[TeamStatus], Glance | None] | None:
        try:
            return program.status(), program.cluster_glance()
        except FlourishError:
            return None  # the dashboard reads again, and says what is wrong as it always has

    def opened(self, program: Flourish | None) -> None:
        """Called once the workspace is open, or with None when there is none yet."""
        if program is None:
            from tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(self.root), self._created)
            return
        self.program = program
        self._fingerprint = program.ws.fingerprint()
        cluster = program.cluster()
        self.sub_title = cluster.name + (" · demo" if program.is_demo else "")
        self.set_interval(self.poll_seconds, self._poll)
        self.refresh_bindings()  # the workspace verbs apply now: show them in the footer
        self.data_changed(saved_here=False)
        self.syncer.start()
        if note := program.synced_note():
            title = "Workspace in a synced folder"
            self.notify(note, title=title, severity="warning", timeout=30, markup=False)
        if note := program.stray_note():
            self.notify(note, title="Files not read", severity="warning", timeout=20, markup=False)
        if not self.user:
            from tui.dialogs.name import NameScreen

            self.push_screen(NameScreen())

    def _created(self, program: Flourish | None) -> None:
        if program is None:
            self.exit(0)
        else:
            self.opened(program)

    def show_problem(self, message: str) -> None:
        from tui.screens.problem import ProblemScreen

        if not isinstance(self.screen, ProblemScreen):
            self.push_screen(ProblemScreen(message))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # The workspace verbs need an open, readable workspace.
        if action in {
            "log_checkin",
            "undo",
            "redo",
            "add_team",
            "chair_queue",
            "plan_briefings",
            "export",
            "pulse_heatmap",
            "assess_grid",
            "diagnostic",
        }:
            from tui.screens.problem import ProblemScreen

            return self.program is not None and not isinstance(self.screen, ProblemScreen)
        return True

    # -- keeping screens current -----------------------------------------------------------

    def _check_terminal(self) -> None:
        """Quit once the terminal has gone: its window closed under the app."""
        if self._terminal is not None and not os.isatty(self._terminal):
            self.exit(return_code=1)

    def _poll(self) -> None:
        if self.program is None:
            return
        if self.program.ws.fingerprint() != self._fingerprint:
            self.data_changed()

    def data_changed(self, saved_here: bool = True) -> None:
        """Reload every open screen that shows workspace data. `saved_here`: the change was
        made on this computer (not brought by a sync), so it is not shared yet."""
        if self.program is not None:
            self._fingerprint = self.program.ws.fingerprint()
        if saved_here:
            self.syncer.changed()
        from tui.base import StaysCurrent

        for screen in self.screen_stack:
            if isinstance(screen, StaysCurrent) and screen.is_mounted:
                screen.reload()

    def run_verb(self, verb: Callable[[], T], done: str = "") -> T | None:
        """Call a facade verb; show its error, or say what was done and refresh the screens."""
        try:
            result = verb()
        except FlourishError as e:
            self.notify(str(e), title="Not saved", severity="error", timeout=8, markup=False)
            return None
        self.data_changed()
        if done:
            self.notify(done, markup=False)
        return result

    # -- actions ---------------------------------------------------------------------------

    def action_log_checkin(self, team_id: str | None = None) -> None:
        if self.program is None:
            return
        from tui.dialogs.checkin import CheckInForm

        self.push_screen(CheckInForm(self.program, team_id or self._screen_team()))

    async def action_quit(self) -> None:
        """Quit, asking first (as Escape does) when a form holds something typed and unsaved."""
        from tui.dialogs.confirm import ConfirmScreen

        typing = any(getattr(screen, "dirty", False) for screen in self.screen_stack)
        if not typing or isinstance(self.screen, ConfirmScreen):
            self._leave()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self._leave()

        question = "Quit and lose what you have typed? It has not been saved."
        self.push_screen(ConfirmScreen(question, yes="Quit", no="Keep editing"), answered)

    def _leave(self) -> None:
        self.syncer.at_quit()  # a shared cluster gets this window's changes first
        self.exit()

    def action_sync_now(self) -> None:
        self.syncer.sync(announce=True)

    def action_review_conflicts(self) -> None:
        from tui.screens.conflicts import ConflictsScreen

        self.push_screen(ConflictsScreen())

    def action_undo(self) -> None:
        self._step_history(backwards=True)

    def action_redo(self) -> None:
        self._step_history(backwards=False)

    def _step_history(self, backwards: bool) -> None:
        """Undo or redo at once what the team on screen shows; ask first about anything else
        (another team's change, a cluster setting) and before a team is taken away."""
        from tui.base import WorkspaceScreen
        from tui.dialogs.confirm import ConfirmScreen

        if self.program is None:
            return
        verb = "Undo" if backwards else "Redo"
        step = self.program.next_undo() if backwards else self.program.next_redo()
        if step is None:
            done = "no changes made in this window" if backwards else "nothing undone"
            self.notify(f"Nothing to {verb.lower()}: {done}.", title=verb, markup=False)
            return
        shown = isinstance(self.screen, WorkspaceScreen) and self.screen.shows(step)
        if shown and not step.removes_team:
            self._apply_step(backwards)
            return
        why = (
            "This takes a team away from the cluster."
            if step.removes_team
            else "It is not on this screen."
        )

        def answered(go: bool | None) -> None:
            if go:
                self._apply_step(backwards)

        question = f"{verb}: {step.label}? {why}"
        self.push_screen(ConfirmScreen(question, yes=verb, no="Leave it"), answered)

    def _apply_step(self, backwards: bool) -> None:
        assert self.program is not None
        verb = "Undo" if backwards else "Redo"
        try:
            label = self.program.undo() if backwards else self.program.redo()
        except FlourishError as e:
            self.notify(str(e), title=verb, severity="warning", markup=False)
            return
        self.data_changed()
        self.notify(f"{verb}ne: {label}.", title=verb, markup=False)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_open_team(self, team_id: str, tab: str | None = None) -> None:
        from tui.screens.team import TeamScreen

        self._open_once(TeamScreen(team_id, tab))

    def _open_once(self, screen: Screen[Any]) -> None:
        """Show `screen` in place of any of its kind on top, so Escape goes back to where the
        user came from rather than through a pile of copies."""
        while isinstance(self.screen, type(screen)):
            self.pop_screen()
        self.push_screen(screen)

    def _screen_team(self) -> str | None:
        """The team on screen: the one being viewed, or highlighted on the dashboard."""
        from tui.base import WorkspaceScreen

        return self.screen.team_id if isinstance(self.screen, WorkspaceScreen) else None

    def _team_here(self) -> str | None:
        """The team on screen, or a word to the user that there is none."""
        team_id = self._screen_team()
        if team_id is None:
            self.notify("Highlight or open a team first.", severity="warning", timeout=4)
        return team_id

    def action_add_action(self) -> None:
        if self.program and (team_id := self._team_here()):
            from tui.dialogs.action import ActionForm

            self.push_screen(ActionForm(self.program, team_id))

    def action_raise_challenge(self) -> None:
        if self.program and (team_id := self._team_here()):
            from tui.dialogs.challenge import ChallengeForm

            self.push_screen(ChallengeForm(self.program, team_id))

    def action_schedule_briefing(self) -> None:
        if self.program is not None:
            from tui.dialogs.briefing import BriefingForm

            self.push_screen(BriefingForm(self.program, self._screen_team()))

    def action_chair_queue(self, team_id: str | None = None) -> None:
        if self.program is None:
            return
        from tui.screens.chair_queue import ChairQueueScreen

        self._open_once(ChairQueueScreen(team_id=team_id))

    def action_search(self, team_id: str | None = None) -> None:
        if self.program is None:
            return
        from tui.screens.search import SearchScreen

        self._open_once(SearchScreen(team_id))

    def action_week(self) -> None:
        if self.program is None:
            return
        from tui.screens.week import WeekScreen

        self._open_once(WeekScreen())

    def action_actions(self) -> None:
        if self.program is None:
            return
        from tui.screens.actions import ActionsScreen

        self._open_once(ActionsScreen())

    def action_cluster(self, tab: str | None = None) -> None:
        if self.program is None:
            return
        from tui.screens.cluster import ClusterScreen

        self._open_once(ClusterScreen(tab))

    def action_revise_schedule(self) -> None:
        if self.program and (team_id := self._team_here()):
            from tui.dialogs.revision import RevisionForm

            self.push_screen(RevisionForm(self.program, team_id))

    def action_plan_briefings(self) -> None:
        if self.program is not None:
            from tui.dialogs.briefing_plan import BriefingPlanScreen

            self.push_screen(BriefingPlanScreen(self.program))

    def action_export(self) -> None:
        if self.program is not None:
            from tui.dialogs.export import ExportScreen

            self.push_screen(ExportScreen.for_cluster(self.program))

    def action_pulse_heatmap(self) -> None:
        if self.program is None:
            return
        from tui.screens.pulse_heatmap import PulseHeatmapScreen

        self._open_once(PulseHeatmapScreen())

    def action_assess_grid(self) -> None:
        if self.program is None:
            return
        from tui.screens.assess_grid import AssessGridScreen

        self._open_once(AssessGridScreen())

    def action_diagnostic(self) -> None:
        if self.program is None:
            return
        from tui.screens.diagnostic import DiagnosticScreen

        self._open_once(DiagnosticScreen())

    def action_record_pulse(self) -> None:
        if self.program and (team_id := self._team_here()):
            from tui.dialogs.pulse import PulseForm

            self.push_screen(PulseForm(self.program, team_id))

    def action_settings(self, focus: str | None = None) -> None:
        if self.program is None:
            return
        from tui.dialogs.settings import SettingsForm

        self.push_screen(SettingsForm(self.program, focus))

    def action_edit_questionnaire(self) -> None:
        if self.program is None:
            return
        from tui.dialogs.questionnaire import QuestionnaireForm

        self.push_screen(QuestionnaireForm(self.program))

    def action_add_team(self) -> None:
        if self.program is None:
            return
        from tui.dialogs.team import TeamForm

        self.push_screen(TeamForm(self.program))

    # -- settings and palette --------------------------------------------------------------

    def _remember_theme(self, theme) -> None:
        if theme.name != self.settings.theme:
            try:
                self.settings.save_theme(theme.name)
            except OSError as e:
                self.notify(
                    f"Could not save the theme choice: {e}", severity="warning", markup=False
                )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.program is None:
            return
        yield SystemCommand("Log a check-in", "Log a coaching check-in", self.action_log_checkin)
        yield SystemCommand(
            "Search",
            "Find words in check-in notes, actions, challenges, goals and briefing agendas",
            self.action_search,
        )
        yield SystemCommand(
            "My week",
            "What is due across my teams: late check-ins and actions, workshops, briefings",
            self.action_week,
        )
        yield SystemCommand(
            "Actions across the cluster",
            "Every team's late actions, those due this week, open or all; filter by owner",
            self.action_actions,
        )
        yield SystemCommand(
            "The cluster's own work",
            "The cluster development plan, its goals, workshops, journey, governance, leaders",
            self.action_cluster,
        )
        for tab, label, about in CLUSTER_TABS:
            yield SystemCommand(label, about, lambda t=tab: self.action_cluster(t))
        yield SystemCommand(
            "Add an action", "Add an HPT action plan item for this team", self.action_add_action
        )
        yield SystemCommand(
            "Raise a challenge",
            "An implementation challenge for this team",
            self.action_raise_challenge,
        )
        yield SystemCommand(
            "Schedule a briefing",
            "A 30-60 minute stakeholder briefing",
            self.action_schedule_briefing,
        )
        yield SystemCommand(
            "Chair's queue",
            "Every escalated challenge across the cluster, most severe first",
            self.action_chair_queue,
        )
        yield SystemCommand(
            "Revise the schedule",
            "Shift this team's program or move a milestone, with a preview",
            self.action_revise_schedule,
        )
        yield SystemCommand(
            "Pulse heatmap",
            "Every team's latest pulse survey scores, by dimension",
            self.action_pulse_heatmap,
        )
        yield SystemCommand(
            "Record a month's pulse",
            "This team's pulse survey results for a month, by hand",
            self.action_record_pulse,
        )
        yield SystemCommand(
            "Sustainability grid",
            "Each school's self-assessed conditions for success, 0-10, round by round",
            self.action_assess_grid,
        )
        yield SystemCommand(
            "Collaboration diagnostic",
            "Each school's leaders' answers combined, section by section, gaps flagged",
            self.action_diagnostic,
        )
        yield SystemCommand(
            "Plan the cluster's briefings",
            "The default plan: one briefing at each stage end and one mid-program",
            self.action_plan_briefings,
        )
        yield SystemCommand(
            "Export…",
            "Calendars, spreadsheets and briefing packs for the whole cluster",
            self.action_export,
        )
        yield SystemCommand("Add a team", "Add a school leadership team", self.action_add_team)
        yield SystemCommand(
            "Settings",
            "The cluster's response time, check-in cadence, holidays, stakeholders, pulse "
            "survey and self-assessment",
            self.action_settings,
        )
        yield SystemCommand(
            "Executive stakeholders",
            "The people invited to every cluster briefing: add, change or remove them",
            lambda: self.action_settings("stakeholders"),
        )
        yield SystemCommand(
            "Diagnostic questionnaire",
            "Reword, add or remove the collaboration diagnostic's questions",
            self.action_edit_questionnaire,
        )
        yield SystemCommand("Undo", "Undo the last change", self.action_undo)
        yield SystemCommand("Redo", "Make again the change last undone", self.action_redo)
        yield SystemCommand("Help", "List the keys that apply here", self.action_help)
        if self.syncer.shared:
            yield SystemCommand(
                "Sync now", "Exchange changes with the cluster's share", self.action_sync_now
            )
            yield SystemCommand(
                "Review sync conflicts",
                "Values two people changed at once: keep one",
                self.action_review_conflicts,
            )
        from tui.base import WorkspaceScreen

        if isinstance(screen, WorkspaceScreen):
            yield from screen.commands()
        for team in self.program.teams():
            name = escape(team.name)  # palette titles are markup; names are not
            yield SystemCommand(
                f"Go to {name}",
                f"Open {name}'s timeline, action plan and check-ins",
                lambda team_id=team.id: self.action_open_team(team_id),
                discover=False,
            )
            yield SystemCommand(
                f"People of {name}",
                f"{name}'s coach, leadership team members and line managers",
                lambda team_id=team.id: self.action_open_team(team_id, "people"),
                discover=False,
            )
        for team in self.program.teams(archived=True):
            name = escape(team.name)
            yield SystemCommand(
                f"Restore {name}",
                f"Bring the archived {name} back into the program",
                lambda team_id=team.id: self._restore_team(team_id),
            )
            yield SystemCommand(
                f"Remove {name} for good",
                f"Delete the archived {name} and its records (a backup is kept)",
                lambda team_id=team.id: self._remove_team(team_id),
                discover=False,
            )

    # -- archiving teams ---------------------------------------------------------------------

    def archive_team(self, team_id: str) -> None:
        """Ask, then take the team out of the program; its records stay."""
        from tui.dialogs.confirm import ConfirmScreen

        program = self.program
        assert program is not None
        team = program.team(team_id)

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_and_say(lambda: program.archive_team(team_id), "Archived")

        question = (
            f"Archive {team.name}? It leaves the dashboard, status and exports; its records "
            "are kept, and Restore in the palette brings it back."
        )
        self.push_screen(ConfirmScreen(question, yes="Archive", no="Keep it"), answered)

    def _restore_team(self, team_id: str) -> None:
        program = self.program
        assert program is not None
        self._save_and_say(lambda: program.restore_team(team_id), "Restored")

    def _remove_team(self, team_id: str) -> None:
        from tui.dialogs.confirm import ConfirmScreen

        program = self.program
        assert program is not None
        team = program.team(team_id, archived=True)

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_and_say(lambda: program.remove_team(team_id)[0], "Removed")

        question = (
            f"Remove {team.name} and all its records for good? This cannot be undone; a "
            "backup of them is kept in the workspace's backups folder."
        )
        self.push_screen(ConfirmScreen(question, yes="Remove", no="Keep it"), answered)

    def _save_and_say(self, change: Callable[[], Any], verb: str) -> None:
        from tui.screens.team import TeamScreen

        try:
            team = change()
        except FlourishError as e:
            self.notify(str(e), title="Not saved", severity="error", markup=False)
            return
        while isinstance(self.screen, TeamScreen):
            self.pop_screen()
        self.data_changed()
        self.notify(f"{verb} {team.name}.", markup=False)
