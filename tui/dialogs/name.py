"""Who is using Flourish on this machine: asked once, kept in the settings file, and recorded
with every change made in the app (a check-in's coach, a response's author, a rating's rater)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from domain.records import require_line
from tui.dialogs.base import FormError, FormScreen, field

WHY = (
    "Flourish records who made each change, so that colleagues can see who logged a check-in "
    "or answered a challenge. Your name is kept on this computer and asked only once."
)


class NameScreen(FormScreen):
    """Dismisses with the name, saved; or None when the user leaves it for now."""

    title = "What is your name?"

    def fields(self) -> ComposeResult:
        yield Static(Text(WHY), classes="dim")
        yield from field("Your name", Input(placeholder="e.g. Priya Shah", id="name"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """One field: Enter saves it, as anyone typing their name would expect."""
        event.stop()
        self.action_save()

    def submit(self) -> str:
        return remember_name(self, "name")

    def done(self, result: str) -> str:
        return f"Changes you make are recorded as {result}'s."


def remember_name(form: FormScreen, field_id: str) -> str:
    """The name typed in `field_id`, saved in the settings file and used from now on."""
    name = " ".join(form.checked(field_id, require_line, form.text(field_id), "Your name").split())
    try:
        form.app.settings.save_user(name)
    except OSError as e:
        raise FormError(
            field_id, f"Could not save it in {form.app.settings.path}: {e.strerror or e}."
        ) from None
    form.app.user = name
    if form.app.program is not None:
        form.app.program.user = name
    return name
