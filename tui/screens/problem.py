"""Shown when the workspace cannot be opened: what is wrong and what to do; nothing is touched."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from tui.sharing import AppFooter


class ProblemScreen(Screen):
    BINDINGS = [Binding("q,escape", "leave", "Quit", id="problem.quit")]

    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Label("The workspace could not be opened", id="problem-title")
            yield Static(Text(self.message), id="problem-message")
            yield Static("Nothing was changed. Press q to quit.", classes="dim")
        yield AppFooter()

    def action_leave(self) -> None:
        self.app.exit(2, return_code=2, message=f"flourish: {self.message}")
