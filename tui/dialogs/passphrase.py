"""The passphrase that opens this person's key, asked once per run when the key is protected
(`share init|join --passphrase`) and a sync needs it."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from domain.errors import ValidationError
from tui.dialogs.base import FormError, FormScreen, field

WHY = (
    "Your key is protected by a passphrase. It opens the notes shared with you and seals "
    "yours; Flourish asks for it once each time the app starts."
)


class PassphraseScreen(FormScreen):
    """Dismisses with True once the key is open; None when the user leaves it for now."""

    title = "Your key's passphrase"

    def fields(self) -> ComposeResult:
        yield Static(Text(WHY), classes="dim")
        yield from field("Passphrase", Input(password=True, id="phrase"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def submit(self) -> bool:
        from storage.sync import keys

        phrase = self.query_one("#phrase", Input).value
        if not phrase:
            raise FormError("phrase", "Type the passphrase you chose when you joined.")
        try:
            keys.unlock(phrase)
        except ValidationError as e:
            self.query_one("#phrase", Input).value = ""
            raise FormError("phrase", str(e)) from None
        return True

    def done(self, result: bool) -> str:
        return "Your key is open for this session; syncing."
