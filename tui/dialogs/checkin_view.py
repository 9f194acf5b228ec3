"""One check-in read whole (its notes, who came, the actions agreed at it), and the form that
corrects a logged check-in."""

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from domain.checkins import CheckIn, CheckInKind
from domain.errors import FlourishError, ValidationError
from domain.text import shown
from storage.facade import Flourish
from tui import cells
from tui.base import StaysCurrent
from tui.dialogs.base import FormError, FormScreen, field

CONFIDENTIAL = "🔒 Confidential: kept out of exports"
SHARED = "Not confidential: may appear in stakeholder exports"
DATE_HINT = "or -3d, mon"


def _long_day(d: date) -> str:
    return f"{d:%a} {cells.day(d)}"


class CheckInDetail(StaysCurrent, ModalScreen):
    """Read-only: everything about one check-in, scrollable; `e` corrects it."""

    DEFAULT_CSS = """
    CheckInDetail #checkin-body {
        height: auto;
        max-height: 70vh;
    }
    CheckInDetail #checkin-confidential {
        margin-top: 1;
    }
    CheckInDetail #checkin-notes {
        padding: 0 1 0 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="checkin_detail.close"),
        Binding("e", "edit", "Edit", id="checkin_detail.edit"),
    ]

    def __init__(self, program: Flourish, checkin: CheckIn):
        super().__init__()
        self.program = program
        self.checkin = checkin
        self.gone = False  # deleted elsewhere while shown
        self.filled = False  # the app may ask for a reload before this screen has mounted

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="checkin-detail"):
            yield Label(id="dialog-title")
            with VerticalScroll(id="checkin-body"):
                yield Static(id="checkin-facts")
                yield Static(id="checkin-confidential")
                yield Label("Notes", classes="section")
                yield Static(id="checkin-notes")
                yield Label("Actions agreed or updated", classes="section")
                yield Static(id="checkin-actions")
            with Horizontal(id="buttons"):
                yield Button("Close", variant="primary", id="close", compact=True)
                yield Button("Edit (e)", id="edit", compact=True)
                yield Label("↑↓ pgup pgdn scroll · e edit · esc close", id="form-hint")

    def on_mount(self) -> None:
        self.filled = True
        self._fill()
        self.query_one("#checkin-body").focus()

    def reload(self) -> None:
        """Called by the app whenever the workspace changes: show the check-in as it is now."""
        if not self.filled:
            return
        try:
            self.checkin = self.program.checkin(self.checkin.id)
        except FlourishError:
            self.gone = True
        self._fill()

    # -- what it shows ---------------------------------------------------------------------

    def _fill(self) -> None:
        c = self.checkin
        today = self.program.today()
        title = Text(f"{c.kind.value.capitalize()} check-in")
        team_name = self._team_name()
        if team_name:
            title.append(" · ")
            title.append(team_name)
        if self.gone:
            title.append("  (deleted since this opened)", style=cells.WARN)
        self.query_one("#dialog-title", Label).update(title)

        facts = Text()
        rows = [
            ("Date", Text(f"{_long_day(c.date)} · {cells.age(c.date, today)}")),
            ("Kind", Text(c.kind.value)),
            ("Coach", Text(c.coach or "—")),
            ("Attended", Text(", ".join(c.attendees) if c.attendees else "—")),
            ("Next", Text(_long_day(c.next_checkin) if c.next_checkin else "not agreed")),
        ]
        for n, (label, value) in enumerate(rows):
            if n:
                facts.append("\n")
            facts.append(f"{label:<10}", style="dim")
            facts.append_text(value)
        self.query_one("#checkin-facts", Static).update(facts)

        flag = Text(CONFIDENTIAL, style="bold") if c.confidential else Text(SHARED, style="dim")
        self.query_one("#checkin-confidential", Static).update(flag)

        notes = (
            Text(shown(c.notes)) if c.notes.strip() else Text("No notes were written.", style="dim")
        )
        self.query_one("#checkin-notes", Static).update(notes)
        self.query_one("#checkin-actions", Static).update(self._actions())
        self.query_one("#edit", Button).disabled = self.gone

    def _team_name(self) -> str:
        try:
            return self.program.team(self.checkin.team_id).name
        except FlourishError:
            return ""

    def _actions(self) -> Text:
        if not self.checkin.action_ids:
            return Text("None.", style="dim")
        try:
            actions = {a.id: a for a in self.program.actions(self.checkin.team_id)}
        except FlourishError:
            actions = {}
        found = [actions[i] for i in self.checkin.action_ids if i in actions]
        if not found:
            return Text("None still in the plan.", style="dim")
        text = Text()
        today = self.program.today()
        for n, action in enumerate(found):
            if n:
                text.append("\n")
            text.append_text(cells.status(action.status))
            text.append("  ")
            text.append(action.title)
            extra = []
            if action.owner:
                extra.append(f"owner {action.owner}")
            if action.due:
                extra.append(f"due {cells.day(action.due, today)}")
            if extra:
                text.append(" · " + " · ".join(extra), style="dim")
        return text

    # -- keys ------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit":
            self.action_edit()
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        if self.gone:
            self.notify("This check-in has been deleted.", severity="warning")
            return
        self.app.push_screen(CheckInEditForm(self.program, self.checkin), self._edited)

    def _edited(self, result: CheckIn | None) -> None:
        if result is not None:
            self.checkin = result
            self._fill()


class CheckInEditForm(FormScreen):
    """Correct a logged check-in; dismisses with the updated `CheckIn`."""

    def __init__(self, program: Flourish, checkin: CheckIn):
        super().__init__()
        self.program = program
        self.checkin = checkin
        self.title = self.heading  # for a FormScreen that reads `title` rather than `heading`

    @property
    def heading(self) -> str:
        c = self.checkin
        return f"Correct the {c.kind.value} check-in of {_long_day(c.date)}"

    def fields(self) -> ComposeResult:
        c = self.checkin
        with Horizontal(classes="row"):
            yield from field("Date", Input(c.date.isoformat(), id="date"), hint=DATE_HINT)
            yield from field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in CheckInKind],
                    value=c.kind.value,
                    allow_blank=False,
                    id="kind",
                ),
            )
        yield from field(
            "Attended", SelectionList(*self._attendees(), id="attendees"), hint="space ticks"
        )
        yield from field("Notes", TextArea(c.notes, id="notes", soft_wrap=True))
        with Horizontal(classes="row"):
            yield Checkbox("Confidential (kept out of exports)", c.confidential, id="confidential")
            yield from field(
                "Next check-in",
                Input(
                    c.next_checkin.isoformat() if c.next_checkin else "",
                    placeholder="optional, e.g. +4w",
                    id="next",
                ),
            )

    def _attendees(self) -> list[tuple[Text, str, bool]]:
        """The team's members and line managers, ticked if they came; anyone else recorded
        as attending stays listed (and ticked) so that saving does not drop them."""
        came = set(self.checkin.attendees)
        try:
            team = self.program.team(self.checkin.team_id)
            people = [*team.members, *team.line_managers]
        except FlourishError:
            people = []
        options, seen = [], set()
        for person in people:
            if person.name not in seen:
                seen.add(person.name)
                options.append((Text(person.label()), person.name, person.name in came))
        for name in self.checkin.attendees:
            if name not in seen:
                seen.add(name)
                options.append((Text(f"{name} (not in the team)"), name, True))
        return options

    def submit(self):
        on_date = self.checked(
            "date", self.program.read_date, self.required("date", "The date"), "past"
        )
        next_text = self.text("next").strip()
        next_date = self.checked("next", self.program.read_date, next_text) if next_text else None
        kind = self.query_one("#kind", Select).value
        try:
            self.program.check_checkin(on=on_date, kind=kind, next_checkin=next_date)
        except ValidationError as e:
            raise FormError("next" if e.field == "next_checkin" else "date", str(e)) from None
        attendees = self.query_one("#attendees", SelectionList)
        ticked = set(attendees.selected)
        in_order = [
            attendees.get_option_at_index(i).value
            for i in range(attendees.option_count)
            if attendees.get_option_at_index(i).value in ticked
        ]
        values = {
            "date": on_date,
            "kind": kind,
            "notes": self.query_one("#notes", TextArea).text,
            "attendees": in_order,
            "confidential": self.query_one("#confidential", Checkbox).value,
            "next_checkin": next_date,
        }
        # Only what the user changed: another window's change to the rest is kept.
        ids = {"next_checkin": "next"}
        changes = {k: v for k, v in values.items() if self.changed(ids.get(k, k))}
        return self.program.update_checkin(self.checkin.id, **changes) if changes else self.checkin

    def done(self, result) -> str:
        return f"Check-in of {_long_day(result.date)} corrected."

    def warnings(self, result) -> list[str]:
        return self.program.checkin_warnings(result)
