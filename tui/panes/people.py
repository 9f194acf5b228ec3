"""The team tab: the team's coach, members and line managers."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui import cells
from tui.panes.base import Pane


class PeoplePane(Pane):
    BINDINGS = [Binding("e", "edit", "Edit team", id="people.edit")]

    def extra(self) -> ComposeResult:
        yield Static(id="team-facts")

    def columns(self):
        return (("", 12), ("Name", 22, 30), ("Role", None), ("Email", 28, 44))

    def rows(self):
        team = self.team
        facts = Text(f"Program start {cells.day(team.start)}")
        if team.school_type:
            facts.append(f" · {team.school_type}")
        facts.append(" · e edits the team")
        self.query_one("#team-facts", Static).update(facts)
        groups = [("Coach", [team.coach]), ("Member", team.members)]
        groups.append(("Line manager", team.line_managers))
        rows = []
        for group, people in groups:
            for n, person in enumerate(people):
                row = [Text(group, style="dim"), Text(person.name), Text(person.role)]
                rows.append((_Row(f"{group}-{n}"), [*row, Text(person.email)]))
        return rows

    def action_edit(self) -> None:
        from tui.dialogs.team import TeamForm

        self.push(TeamForm(self.program, self.team))


class _Row:
    """A table row with no record of its own (people are part of the team)."""

    def __init__(self, id: str):
        self.id = id
