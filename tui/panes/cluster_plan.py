"""The Cluster view's Plan and Goals tabs: the cluster development plan's actions, with how
far each has got in the schools' plans, and where the cluster is now and wants to be."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from domain.cluster_plan import Cascade, ClusterAction, ClusterGoal
from storage.facade import Flourish
from tui import cells
from tui.panes.base import Pane
from tui.panes.goals import action_lines, statement, wrapped


class ClusterPane(Pane):
    """A tab of the Cluster view: about the cluster, not one team. `show` loads it."""

    empty = ""  # said in place of the table when there is nothing yet

    def extra(self) -> ComposeResult:
        if self.empty:
            yield Static(Text(self.empty), classes="cluster-empty")

    def show(self, program: Flourish, today: date) -> None:
        self.program, self.today = program, today
        self.read()
        if self.empty:
            self.query_one(DataTable).display = bool(self.rows_read())
            self.query_one(".cluster-empty", Static).display = not self.rows_read()
        self.refill()

    def read(self) -> None:
        """Read what the tab shows from `self.program`."""

    def rows_read(self) -> list:
        return []


class PlanPane(ClusterPane):
    BINDINGS = [
        Binding("a", "add", "Add", id="cplan.add"),
        Binding("e", "edit", "Edit", id="cplan.edit"),
        Binding("n", "note", "Note", id="cplan.note"),
        Binding("p", "status('in-progress')", "In progress", id="cplan.in_progress"),
        Binding("d", "status('done')", "Done", id="cplan.done"),
        Binding("b", "status('blocked')", "Blocked", id="cplan.blocked", show=False),
        Binding("x", "status('dropped')", "Dropped", id="cplan.dropped", show=False),
        Binding("k", "cascade", "Cascade", id="cplan.cascade"),
        Binding("delete", "delete", "Delete", id="cplan.delete", show=False),
    ]
    hint = (
        "{cplan.add} add · {cplan.edit} edit · {cplan.cascade} cascade · {cplan.in_progress} "
        "{cplan.done} {cplan.blocked} {cplan.dropped} status · {cplan.note} note · "
        "{cplan.delete} delete · Enter details"
    )
    empty = (
        "The cluster plan has no actions yet: a adds one; a workshop's agreed actions come "
        "here too."
    )

    def read(self) -> None:
        self.actions = self.program.cluster_actions()
        self.cascades: dict[str, Cascade] = {a.id: self.program.cascade(a) for a in self.actions}

    def rows_read(self) -> list:
        return self.actions

    def columns(self):
        return (
            ("Cluster action", None),
            ("Owner", 12, 22),
            ("Due", 11, 12),
            ("Status", 13),
            ("Schools", 13, 20),
        )

    def rows(self):
        out = []
        for a in self.actions:
            late = a.is_overdue(self.today)
            due = Text(
                ("⚠ " if late else "") + cells.day(a.due, self.today) if a.due else "—",
                style=cells.WARN if late else "",
            )
            cascade = self.cascades[a.id]
            spread = Text(cascade.short, style=cells.WARN if cascade.late else "dim")
            out.append((a, [Text(a.title), Text(a.owner), due, cells.status(a.status), spread]))
        return out

    # -- keys --------------------------------------------------------------------------------

    def action_add(self) -> None:
        from tui.dialogs.cluster_plan import ClusterActionForm

        self.push(ClusterActionForm(self.program))

    def action_edit(self) -> None:
        from tui.dialogs.cluster_plan import ClusterActionForm

        if found := self.selected():
            self.push(ClusterActionForm(self.program, found))

    def open(self, record) -> None:
        from tui.dialogs.cluster_plan import ClusterActionDetail

        self.push(ClusterActionDetail(self.program, record.id))

    def action_note(self) -> None:
        from tui.dialogs.cluster_plan import ClusterNoteForm

        if found := self.selected():
            self.push(ClusterNoteForm(self.program, found))

    def action_status(self, status: str) -> None:
        if found := self.selected():
            self.app.run_verb(
                lambda: self.program.update_cluster_action(found.id, status=status),
                f"Marked {status.replace('-', ' ')}. ctrl+z takes it back.",
            )

    def action_cascade(self) -> None:
        from tui.dialogs.confirm import ConfirmScreen

        found: ClusterAction | None = self.selected()
        if found is None:
            return
        if not found.team_ids:
            self.notify(
                "It involves no school yet: e edits it, and Schools says which.",
                severity="warning",
                timeout=5,
            )
            return
        names = {t.id: t.name for t in self.program.teams()}
        waiting = [names[t] for t in self.cascades[found.id].missing if t in names]
        if not waiting:
            self.notify("Every school involved has its linked action.", timeout=4)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_verb(
                    lambda: self.program.cascade_cluster_action(found.id),
                    f"Added to {len(waiting)} schools' plans. ctrl+z takes them all back.",
                )

        question = (
            f"Add “{found.title}” to the plans of {len(waiting)} schools: "
            f"{', '.join(waiting)}? Each school's action links back to this one."
        )
        self.app.push_screen(ConfirmScreen(question, yes="Cascade", no="Not now"), answered)

    def action_delete(self) -> None:
        if found := self.selected():
            self.confirm_delete(
                f"Delete the cluster action “{cells.first_line(found.title, 50)}”? "
                "The schools' linked actions stay in their plans.",
                lambda: self.program.delete_cluster_action(found.id),
            )


class ClusterGoalsPane(ClusterPane):
    """Each goal (the plan's, then governance's): now and want with their evidence, and the
    cluster actions linked to it."""

    BINDINGS = [
        Binding("a", "add", "Add", id="cgoal.add"),
        Binding("e", "edit", "Edit", id="cgoal.edit"),
        Binding("l", "link", "Link action", id="cgoal.link"),
        Binding("u", "unlink", "Unlink", id="cgoal.unlink"),
        Binding("delete", "delete", "Delete", id="cgoal.delete", show=False),
    ]
    hint = (
        "{cgoal.add} add · {cgoal.edit} edit · {cgoal.link} link a cluster action · "
        "{cgoal.unlink} unlink · {cgoal.delete} delete"
    )
    empty = "No cluster goal yet: a adds where the cluster is now and where it wants to be."

    def read(self) -> None:
        self.goals = self.program.cluster_goals()
        self.linked = {g.id: self.program.cluster_goal_actions(g) for g in self.goals}

    def rows_read(self) -> list:
        return self.goals

    def columns(self):
        return (("Where the cluster is now → where it wants to be", None), ("Actions", 34))

    def refill(self) -> None:
        self.refill_tall(getattr(self, "goals", []), self._row)

    def _row(self, g: ClusterGoal, widths: list[int]) -> list[list[Text]]:
        console = self.app.console
        area = "Governance" if g.area.value == "governance" else "Plan"
        left = wrapped(console, Text(area, style="dim italic"), widths[0])
        left += statement(console, g.now, g.now_evidence, widths[0], "Now   ")
        left += statement(console, g.want, g.want_evidence, widths[0], "Want  ")
        return [left, self._actions(g, widths[1])]

    def _actions(self, goal: ClusterGoal, width: int) -> list[Text]:
        linked = self.linked[goal.id]
        if not linked:
            return wrapped(self.app.console, Text("none linked: l links one", "dim"), width)
        return action_lines(self.app.console, linked, self.today, width)  # type: ignore[arg-type]

    def action_add(self) -> None:
        from tui.dialogs.cluster_plan import ClusterGoalForm

        self.push(ClusterGoalForm(self.program))

    def action_edit(self) -> None:
        from tui.dialogs.cluster_plan import ClusterGoalForm

        if found := self.selected():
            self.push(ClusterGoalForm(self.program, found))

    def open(self, record) -> None:
        self.action_edit()

    def action_link(self, unlink: bool = False) -> None:
        from tui.dialogs.goal import ActionPicker

        goal: ClusterGoal | None = self.selected()
        if goal is None:
            return
        linked = self.linked[goal.id]
        pool = linked if unlink else [a for a in self.program.cluster_actions() if a not in linked]
        if not pool:
            say = "No action is linked to it." if unlink else "Every cluster action is linked."
            self.notify(say, severity="warning", timeout=4)
            return

        def picked(action_id: str | None) -> None:
            if action_id:
                self.app.run_verb(
                    lambda: self.program.link_cluster_action(goal.id, action_id, unlink=unlink),
                    ("Unlinked" if unlink else "Linked") + ". ctrl+z takes it back.",
                )

        verb = "Unlink a cluster action from" if unlink else "Link a cluster action to"
        self.app.push_screen(ActionPicker(pool, self.today, f"{verb} “{goal.want}”"), picked)

    def action_unlink(self) -> None:
        self.action_link(unlink=True)

    def action_delete(self) -> None:
        if found := self.selected():
            self.confirm_delete(
                f"Delete the goal “{cells.first_line(found.want, 50)}”? Its actions stay.",
                lambda: self.program.delete_cluster_goal(found.id),
            )
