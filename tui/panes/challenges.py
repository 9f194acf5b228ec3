"""The challenges tab: the team's implementation challenges and the moves on them."""

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from tui.cells import challenge as shown
from tui.moves import CHALLENGE_BINDINGS, ChallengeActions
from tui.panes.base import Pane


class ChallengesPane(ChallengeActions, Pane):
    BINDINGS = [Binding("a", "add", "Raise", id="challenges.add"), *CHALLENGE_BINDINGS]
    hint = (
        "Enter opens it · {challenges.add} raise · {challenge.escalate} escalate · "
        "{challenge.respond} response · {challenge.resolve} resolve · {app.help} all keys"
    )

    def columns(self):
        wide = self.size.width >= 120
        return (
            ("Age", 4),
            ("Severity" if wide else "Sev", 10 if wide else 6),
            ("Status", 12),
            ("Waiting on", 12),
            ("Challenge", None),
            ("Kind", 8 if wide else 4),
        )

    def rows(self):
        wide = self.size.width >= 120
        rows = []
        for c in reversed(self.program.challenges(self.team.id)):  # newest first
            overdue = shown.overdue_days(self.program, c, self.today)
            rows.append(
                (
                    c,
                    [
                        Text(f"{c.age_days(self.today)}d"),
                        shown.severity(c.severity, wide=wide),
                        shown.status(c),
                        shown.overdue(overdue) if overdue else shown.waiting(c, self.today),
                        Text(c.title, style="" if c.is_open else "dim"),
                        shown.kind(c.kind, wide=wide),
                    ],
                )
            )
        return rows

    def current_challenge(self):
        return self.records.get(self.selected_id())

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def refill(self) -> None:
        super().refill()
        self.refresh_bindings()  # a move may no longer apply (or now apply)

    def action_add(self) -> None:
        from tui.dialogs.challenge import ChallengeForm

        self.push(ChallengeForm(self.program, self.team.id))

    def open(self, record) -> None:
        self.open_challenge(record.id)
