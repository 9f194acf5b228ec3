"""The team view's Schedule tab: the team's schedule revisions, newest first, reverted ones
dimmed; `v` makes one (with a before/after preview), `u` or Delete reverts one."""

from rich.text import Text
from textual.binding import Binding

from domain.errors import FlourishError
from domain.timeline import ScheduleRevision, describe_revision
from tui import cells
from tui.panes.base import Pane

WIDE = 110  # below this the By and Challenge columns give their room to the reason


class SchedulePane(Pane):
    BINDINGS = [
        Binding("v", "revise", "Revise", id="schedule.revise"),
        Binding("u", "revert", "Revert", id="schedule.revert"),
        Binding("delete", "revert", "Revert", id="schedule.revert_delete", show=False),
    ]
    hint = (
        "Enter details · {schedule.revise} revises the schedule (with a preview) · "
        "{schedule.revert} or {schedule.revert_delete} reverts one"
    )

    def columns(self):
        if self.size.width >= WIDE:
            return (
                ("Made", 11),
                ("By", 14),
                ("Change", 24),
                ("Reason", None),
                ("Challenge", 20),
                ("Status", 8),
            )
        return (("Made", 11), ("Change", 24), ("Reason", None), ("Status", 8))

    def rows(self):
        wide = self.size.width >= WIDE
        titles = {c.id: c.title for c in self.program.challenges(self.team.id)}
        zone = self.program.cluster().tz
        rows = []
        for r in reversed(self.program.revisions(self.team.id)):  # newest first
            made = r.created_at.astimezone(zone).date()
            row = [
                Text(cells.day(made, self.today)),
                Text(describe_revision(r)),
                Text(cells.first_line(r.reason, 200)),
                Text("active") if r.active else Text("reverted"),
            ]
            if wide:
                challenge = titles.get(r.challenge_id, "—") if r.challenge_id else ""
                row[1:1] = [Text(r.made_by or "—")]
                row[4:4] = [Text(challenge)]
            if not r.active:
                for text in row:
                    text.stylize("dim")
            rows.append((r, row))
        return rows

    def action_revise(self) -> None:
        from tui.dialogs.revision import RevisionForm

        try:
            self.push(RevisionForm(self.program, self.team.id))
        except FlourishError as e:  # the team was removed elsewhere
            self.notify(str(e), severity="error", markup=False)

    def action_revert(self) -> None:
        revision: ScheduleRevision | None = self.selected()
        if revision is None:
            return
        if not revision.active:
            self.notify("That revision has already been reverted.", severity="warning", timeout=4)
            return
        from tui.dialogs.confirm import ConfirmScreen

        what = describe_revision(revision)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_verb(
                    lambda: self.program.revert_revision(self.team.id, revision.id),
                    f"Reverted: {what}. ctrl+z brings it back.",
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Revert “{what}”? The team's dates go back to what they were without it; "
                "the revision stays listed as reverted.",
                yes="Revert",
                no="Keep",
            ),
            answered,
        )

    def open(self, record) -> None:
        from tui.dialogs.revision import RevisionDetail

        self.push(RevisionDetail(self.program, record))
