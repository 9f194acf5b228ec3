"""`DetailScreen`: the read-only modal that action, challenge and briefing details build on."""

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from domain.errors import FlourishError
from domain.text import shown
from tui.base import StaysCurrent
from tui.cells import WARN


class DetailScreen(StaysCurrent, ModalScreen):
    """A read-only record: a heading, then `rows()` in a scrolling body; Escape or q closes.

    Subclasses give `heading`, `rows()` and `fetch()` (re-read the record, raising a
    FlourishError if it has gone), so that the app's `reload` keeps the screen current."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="detail.close")
    ]
    DEFAULT_CSS = """
    DetailScreen #detail-body {
        height: auto;
        max-height: 70vh;
    }
    DetailScreen .detail-line {
        height: auto;
    }
    DetailScreen .detail-block {
        height: auto;
        padding: 0 0 0 2;
    }
    """
    gone = False  # deleted elsewhere while shown
    hint = "↑↓ pgup pgdn scroll · esc or q close"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="detail"):
            yield Label(self._title(), id="dialog-title")
            with VerticalScroll(id="detail-body"):
                yield from self.rows()
            with Horizontal(id="buttons"):
                yield Button("Close", variant="primary", id="close", compact=True)
                yield Label(self.hint, id="form-hint")

    @property
    def heading(self) -> str:
        raise NotImplementedError

    def rows(self) -> Iterable[Widget]:
        raise NotImplementedError

    def fetch(self) -> None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        """Called by the app whenever the workspace changes: show the record as it is now."""
        try:
            self.fetch()
            self.gone = False
        except FlourishError:
            self.gone = True
        if self.is_mounted:  # before that, compose will show what was just fetched
            self.call_later(self._refill)

    async def _refill(self) -> None:
        self.query_one("#dialog-title", Label).update(self._title())
        body = self.query_one("#detail-body", VerticalScroll)
        async with body.batch():
            await body.remove_children()
            await body.mount_all(list(self.rows()))

    def _title(self) -> Text:
        title = Text(self.heading)
        if self.gone:
            title.append("  (deleted since this opened)", style=WARN)
        return title


def line(label: str, value: Text | str) -> Static:
    """`Label: value`, the value literal."""
    text = Text(f"{label}: ", style="bold")
    text.append_text(value if isinstance(value, Text) else Text(shown(value or "—")))
    return Static(text, classes="detail-line")


def section(label: str) -> Label:
    return Label(label, classes="section")


def block(value: str, empty: str = "—") -> Static:
    """A paragraph of user text, shown literally and indented."""
    text = Text(shown(value)) if value.strip() else Text(empty, style="dim")
    return Static(text, classes="detail-block")
