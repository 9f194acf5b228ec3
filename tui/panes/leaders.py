"""The Cluster view's Leaders tab: aspiring leaders across the cluster, their activities
beyond their own school, and the latest feedback."""

from rich.text import Text
from textual.binding import Binding

from tui import cells
from tui.panes.cluster_plan import ClusterPane


class LeadersPane(ClusterPane):
    BINDINGS = [
        Binding("a", "add", "Add leader", id="leaders.add"),
        Binding("e", "edit", "Edit", id="leaders.edit"),
        Binding("t", "activity", "Activity", id="leaders.activity"),
        Binding("f", "feedback", "Feedback", id="leaders.feedback"),
        Binding("delete", "delete", "Remove", id="leaders.delete", show=False),
    ]
    hint = (
        "{leaders.add} add · {leaders.edit} edit · {leaders.activity} activity · "
        "{leaders.feedback} feedback · {leaders.delete} remove · Enter details"
    )
    empty = (
        "No aspiring leader yet: a adds one, then t an activity beyond their own school "
        "(leading a shared project, a working group)."
    )

    def read(self) -> None:
        self.leaders = self.program.leaders()
        self.activities = {p.id: self.program.leader_activities(p.id) for p in self.leaders}
        self.names = {t.id: t.name for t in self.program.teams(archived=False)}

    def rows_read(self) -> list:
        return self.leaders

    def columns(self):
        return (
            ("Aspiring leader", 18, 24),
            ("School", 16, 30),
            ("Activity", 28, 44),
            ("Latest feedback", None),
        )

    def rows(self):
        out = []
        for p in self.leaders:
            acts = self.activities[p.id]
            doing = "; ".join(a.title for a in acts) or "—"
            notes = sorted((f for a in acts for f in a.feedback), key=lambda f: f.on)
            latest = f"{cells.day(notes[-1].on, self.today)}: {notes[-1].text}" if notes else "—"
            out.append(
                (
                    p,
                    [
                        Text(p.name),
                        Text(self.names.get(p.team_id, "?"), style="dim"),
                        Text(doing),
                        Text(cells.first_line(latest, 200), style="dim"),
                    ],
                )
            )
        return out

    def action_add(self) -> None:
        from tui.dialogs.leaders import LeaderForm

        self.push(LeaderForm(self.program))

    def action_edit(self) -> None:
        from tui.dialogs.leaders import LeaderForm

        if found := self.selected():
            self.push(LeaderForm(self.program, found))

    def open(self, record) -> None:
        from tui.dialogs.leaders import LeaderDetail

        self.push(LeaderDetail(self.program, record.id))

    def action_activity(self) -> None:
        from tui.dialogs.leaders import ActivityForm

        if found := self.selected():
            self.push(ActivityForm(self.program, found))

    def action_feedback(self) -> None:
        from tui.dialogs.leaders import FeedbackForm

        found = self.selected()
        if found is None:
            return
        acts = self.activities.get(found.id, [])
        if not acts:
            self.notify("No activity yet: t adds one.", severity="warning", timeout=4)
            return
        self.push(FeedbackForm(self.program, found, acts))

    def action_delete(self) -> None:
        if found := self.selected():
            self.confirm_delete(
                f"Remove {found.name} and their activities from the register?",
                lambda: self.program.delete_leader(found.id),
            )
