"""The check-ins tab: the team's check-ins, newest first; Enter reads one whole."""

from rich.text import Text
from textual.binding import Binding

from tui import cells
from tui.panes.base import Pane


class CheckInsPane(Pane):
    BINDINGS = [
        Binding("a", "add", "Log", id="checkins.add"),
        Binding("e", "edit", "Edit", id="checkins.edit"),
        Binding("delete", "delete", "Delete", id="checkins.delete", show=False),
        Binding("slash", "search", "Search", id="checkins.search", key_display="/"),
    ]
    hint = (
        "Enter reads a check-in whole · {checkins.add} logs one · {checkins.edit} edits · "
        "{checkins.delete} deletes · {checkins.search} searches the notes"
    )

    def columns(self):
        return (("Date", 11), ("Kind", 11), ("Coach", 14, 22), ("Notes", None), ("", 2))

    def rows(self):
        return [
            (
                c,
                [
                    Text(cells.day(c.date, self.today)),
                    Text(c.kind.value),
                    Text(c.coach),
                    Text(cells.first_line(c.notes, 50) or "—"),
                    Text("🔒" if c.confidential else ""),
                ],
            )
            for c in self.program.checkins(self.team.id)
        ]

    def action_search(self) -> None:
        """This team's notes (and its actions, challenges, goals and agendas) by words."""
        self.app.action_search(self.team.id)

    def action_add(self) -> None:
        self.app.action_log_checkin(self.team.id)

    def action_edit(self) -> None:
        from tui.dialogs.checkin_view import CheckInEditForm

        if checkin := self.selected():
            self.push(CheckInEditForm(self.program, checkin))

    def action_delete(self) -> None:
        if checkin := self.selected():
            self.confirm_delete(
                f"Delete the {checkin.kind.value} check-in of {checkin.date}? "
                "The actions agreed at it stay in the plan.",
                lambda: self.program.delete_checkin(checkin.id),
            )

    def open(self, record) -> None:
        from tui.dialogs.checkin_view import CheckInDetail

        self.push(CheckInDetail(self.program, record))


# -- challenges and briefings ------------------------------------------------------------
