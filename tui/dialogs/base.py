"""Modal forms: labelled fields with inline errors, ctrl+s to save, Escape to cancel (asking
first when something has been typed), and a result passed back through `dismiss`."""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar, cast

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from domain.dates import weekday_day
from domain.errors import FlourishError
from domain.records import Person, parse_person
from tui.app import FlourishApp

T = TypeVar("T")


class Asking(Exception):
    """The form has asked the user something first; it saves again on their answer."""


FAR_DAYS = 183  # about six months: further than that, a date is likely a slip of the year


class FormError(Exception):
    """A field's value is wrong: shown under that field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def field(label: str, widget: Widget, hint: str = "") -> ComposeResult:
    """A label, the widget, and a place for its error; `widget` must have an id."""
    with Vertical(classes="field"):
        text = Text(label)
        if hint:
            text.append(f"  {hint}", style="dim")
        yield Label(text, classes="field-label")
        yield widget
        yield Static(id=f"{widget.id}-error", classes="error")


def ask_to_discard(screen: Screen[Any], message: str, yes: str, no: str) -> None:
    """Ask before closing `screen` on what the user has done there; close it on yes."""
    from tui.dialogs.confirm import ConfirmScreen

    def answered(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen(message, yes=yes, no=no), answered)


class FormScreen(ModalScreen):
    """Subclasses give `title`, `fields()` and `submit()`; `submit` raises FormError for a
    field, or a FlourishError from the facade, and returns the result to dismiss with."""

    # The first field, not the scrolling body: what is typed first must not be lost. Focused
    # in on_mount without scrolling to it; Textual's own auto focus (off: "") would scroll
    # the field's label out of sight.
    FIRST_FIELD = "#form-body Input, #form-body TextArea, #form-body Select"
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]
    title = "Form"
    save_label: str = "Save"  # a subclass may work it out (a property)
    app = getters.app(FlourishApp)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form"):
            yield Label(Text(self.heading), id="dialog-title")
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static(id="form-error", classes="error")
            with Horizontal(id="buttons"):
                yield Button(self.save_label, variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
                yield Label("ctrl+s save · esc cancel", id="form-hint")

    @property
    def heading(self) -> str:
        # The class's `title`: Screen sets an instance `title` of its own (None) on init.
        title = type(self).title
        return title if isinstance(title, str) else "Form"

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def submit(self):
        raise NotImplementedError

    def done(self, result) -> str:
        """What to tell the user once `submit` has saved `result`."""
        return "Saved."

    def on_mount(self) -> None:
        self._initial = self._values()
        # The first field, focused without scrolling to it: Textual's own auto focus would
        # scroll its label out of sight, and a form should open saying what it asks first.
        # Once: Textual calls each class's on_mount, and a subclass's calls this one too.
        if self.__dict__.setdefault("_first_focused", False):
            return
        self._first_focused = True
        first = next((w for w in self.query(self.FIRST_FIELD) if w.focusable), None)
        if first is not None and self.focused is None:
            first.focus(scroll_visible=False)

    # -- saving and cancelling -------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def attempt(self, fn: Callable[[], T]) -> T | None:
        """Clear the errors shown, then call `fn`; what it refuses is shown under its field
        (FormError) or at the foot of the form (any other FlourishError), and gives None."""
        self.clear_errors()
        try:
            return fn()
        except Asking:
            pass
        except FormError as e:
            self.show_error(e.field, str(e))
        except FlourishError as e:
            self.say(self.query_one("#form-error", Static), str(e))
        return None

    def warnings(self, result) -> list[str]:
        """Anything unusual about what was saved, said with the confirmation."""
        return []

    def action_save(self) -> None:
        result = self.attempt(self.submit)
        if result is not None:
            self.app.data_changed()
            said, warned = self.done(result), self.warnings(result)
            self.app.notify(  # user text is never markup
                "\n".join([said, *warned]),
                severity="warning" if warned else "information",
                timeout=10 if warned else 5,
                markup=False,
            )
            self.dismiss(result)

    def question_far(self, field_id: str, day: date | None, what: str) -> None:
        """Before saving a date more than about six months from today, ask whether it is
        meant (it is often a slip of the year); saving goes on once the user says yes."""
        confirmed: set[str] = self.__dict__.setdefault("_far_confirmed", set())
        today = self.app.program.today() if self.app.program else None
        if day is None or today is None or abs((day - today).days) <= FAR_DAYS:
            return
        if f"{field_id}={day}" in confirmed:
            return
        from tui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                confirmed.add(f"{field_id}={day}")
                self.action_save()
            else:
                self.query_one(f"#{field_id}").focus()

        months = round(abs((day - today).days) / 30.4)
        when = "from now" if day > today else "ago"
        question = f"{what} is {weekday_day(day)}, about {months} months {when}. Is that right?"
        self.app.push_screen(ConfirmScreen(question, yes="Yes, save", no="Change it"), answered)
        raise Asking

    def action_cancel(self) -> None:
        if self.dirty:
            ask_to_discard(self, "Discard what you have typed?", "Discard", "Keep editing")
        else:
            self.dismiss(None)

    # -- errors ----------------------------------------------------------------------------

    def show_error(self, field_id: str, message: str) -> None:
        places = self.query(f"#{field_id}-error").results(Static)
        self.say(next(places, None) or self.query_one("#form-error", Static), message)
        widget = self.query_one(f"#{field_id}")
        widget.add_class("-invalid")
        widget.focus()

    @staticmethod
    def say(place: Static, message: str) -> None:
        place.update(Text(message))
        place.display = True

    def clear_errors(self) -> None:
        for error in self.query(".error").results(Static):
            error.update("")
            error.display = False
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")

    # -- values ----------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        # Fields added since the form opened (rows for agreed actions, say) count only once
        # something has been put in them.
        blank: tuple[object, ...] = ("", [], False, Select.NULL, None)
        for key, value in self._values().items():
            if value != self._initial.get(key, value if value in blank else object()):
                return True
        return False

    def changed(self, *field_ids: str) -> bool:
        """Whether the user changed any of these fields since the form opened. An edit form
        sends only those: a field left alone must not undo someone else's change to it."""
        now, initial = self._values(), self._initial
        return any(now.get(f) != initial.get(f) for f in field_ids)

    def _values(self) -> dict[str | None, object]:
        """Every field's value, except those under an `-untracked` container (a subclass
        judges those itself in `dirty`)."""
        values: dict[str | None, object] = {}
        for widget in self.query("Input, TextArea, Select, Checkbox, SelectionList"):
            if any(a.has_class("-untracked") for a in widget.ancestors):
                continue
            if isinstance(widget, TextArea):
                values[widget.id] = widget.text
            elif isinstance(widget, SelectionList):
                values[widget.id] = list(widget.selected)
            elif isinstance(widget, Input | Select | Checkbox):
                values[widget.id] = widget.value
        return values

    def text(self, field_id: str) -> str:
        widget = self.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            return widget.text
        return cast(Input, widget).value  # every other field read as text is an Input

    def required(self, field_id: str, what: str) -> str:
        value = self.text(field_id).strip()
        if not value:
            raise FormError(field_id, f"{what} is required.")
        return value

    def people_in(self, field_id: str) -> list[Person]:
        """One person per non-blank line; an error names the line as the user sees it."""
        return self.lines(field_id, parse_person)

    def lines(self, field_id: str, parse: Callable[[str], T]) -> list[T]:
        """`parse` of each non-blank line of a field; an error names the line."""
        found = []
        for n, line in enumerate(self.text(field_id).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                found.append(parse(line))
            except FlourishError as e:
                raise FormError(field_id, f"Line {n}: {e}") from None
        return found

    def checked(self, field_id: str, fn, *args):
        """Call a domain parser on a field, showing its error under that field."""
        try:
            return fn(*args)
        except FlourishError as e:
            raise FormError(field_id, str(e)) from None
