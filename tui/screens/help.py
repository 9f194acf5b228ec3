"""`?`: every key that applies on the screen below, with its binding id for remapping."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from storage.settings import config_path


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label("Keys on this screen", id="dialog-title")
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            yield Static(
                Text(
                    f"Remap any key in {config_path()} under [keys], by its id:\n"
                    '  "checkin.log" = "ctrl+l"\n'
                    "ctrl+p opens the command palette. Escape closes this."
                ),
                id="help-footer",
            )

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("Key", "Does", "Id")
        seen = set()
        # Ours have ids (and so can be remapped); the widgets' own movement keys are summed up
        # in one line below instead of a dozen rows.
        for active in self.under.active_bindings.values():
            binding = active.binding
            if not binding.id or binding.id in seen:
                continue
            seen.add(binding.id)
            shown = self.app.get_key_display(binding)
            # A footer's word or two ("Grid"), or the fuller tooltip when the binding has one.
            does = binding.tooltip or binding.description
            table.add_row(Text(shown, style="bold"), does, binding.id)
        if enter := getattr(self.under, "ENTER", ""):
            table.add_row(Text("enter", style="bold"), enter, "")
        table.add_row(Text("ctrl+p", style="bold"), "Command palette: go to a team, any verb", "")
        table.add_row(Text("↑↓ ⇞⇟ tab", style="bold"), "Move in tables; tab between fields", "")
        table.focus()
