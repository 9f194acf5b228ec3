"""The briefings tab: the team's and the cluster's stakeholder briefings."""

from dataclasses import replace

from rich.text import Text
from textual.binding import Binding

from tui import cells
from tui.invites import offer
from tui.panes.base import Pane


class BriefingsPane(Pane):
    BINDINGS = [
        Binding("a", "add", "Schedule", id="briefings.add"),
        Binding("m", "move", "Move", id="briefings.move"),
        Binding("x", "cancel", "Cancel", id="briefings.cancel"),
        Binding("e", "edit", "Edit", id="briefings.edit"),
        Binding("p", "plan", "Default plan", id="briefings.plan"),
        Binding("i", "invite", "Invite", id="briefings.invite"),
    ]
    hint = (
        "Enter details · {briefings.add} schedule · {briefings.move} move · {briefings.cancel} "
        "cancel · {briefings.edit} edit · {briefings.plan} plan · {briefings.invite} email "
        "invitations"
    )

    def columns(self):
        return (("When", 17), ("Min", 3), ("Briefing", None), ("Where", 16, 40), ("For", 9, 14))

    def rows(self):
        rows = []
        zone = self.program.cluster().tz
        for b in self.program.briefings(self.team.id):
            start = b.start.astimezone(zone)
            when = Text(f"{cells.day(start.date(), self.today)} {start:%H:%M}")
            if start.date() < self.today:
                when.stylize("dim")
            scope = "this team" if b.team_id else "cluster"
            title = Text(b.title)
            if b.cancelled:
                title = Text("✗ cancelled ", style=cells.WARN) + title
            row = [when, Text(str(b.minutes)), title, Text(b.location), Text(scope)]
            if b.cancelled:
                for text in row:
                    text.stylize("dim")
            rows.append((b, row))
        return rows

    def action_add(self) -> None:
        from tui.dialogs.briefing import BriefingForm

        self.push(BriefingForm(self.program, self.team.id))

    def action_move(self) -> None:
        from tui.dialogs.briefing import BriefingMoveForm

        if briefing := self.selected():
            self.push(BriefingMoveForm(self.program, briefing))

    def action_edit(self) -> None:
        from tui.dialogs.briefing import BriefingEditForm

        if briefing := self.selected():
            self.push(BriefingEditForm(self.program, briefing))

    def action_cancel(self) -> None:
        from tui.dialogs.briefing import CancelBriefingScreen

        briefing = self.selected()
        if briefing is None:
            return
        if briefing.cancelled:
            self.notify(
                "That briefing is already cancelled; m moves it to a new time.",
                severity="warning",
                timeout=4,
            )
            return
        if briefing.end <= self.program.now():
            self.notify("That briefing has already taken place.", severity="warning", timeout=4)
            return

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            done = self.app.run_verb(
                lambda: self.program.cancel_briefing(briefing.id, reason=reason),
                "Briefing cancelled; it stays listed so calendars mark it cancelled. "
                "ctrl+z undoes it.",
            )
            if done is not None:  # those emailed it are offered the cancellation
                offer(self.app, briefing.id, after_change=True)

        cluster = self.program.cluster()
        shown = replace(briefing, start=briefing.start.astimezone(cluster.tz))
        self.app.push_screen(CancelBriefingScreen(shown, cluster.timezone), answered)

    def action_invite(self) -> None:
        if briefing := self.selected():
            offer(self.app, briefing.id)

    def action_plan(self) -> None:
        from tui.dialogs.briefing_plan import BriefingPlanScreen

        self.push(BriefingPlanScreen(self.program, self.team.id))

    def open(self, record) -> None:
        from tui.dialogs.briefing import BriefingDetail

        self.push(BriefingDetail(self.program, record))


# -- people ------------------------------------------------------------------------------
