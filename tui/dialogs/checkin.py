"""Log a check-in from anywhere (`c`): the team, when, who came, the notes, and the actions
agreed (new items or changes to existing ones), saved as one step."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from domain.actions import CLOSED_STATUSES, ActionStatus
from domain.checkins import CheckInKind
from domain.dates import weekday_day
from domain.errors import FlourishError, ValidationError
from storage.facade import ActionChange, Flourish, NewAction
from tui.dialogs.base import FormError, FormScreen, field
from tui.widgets.team_picker import TeamPicker

UNCHANGED = "unchanged"
DATE_HINT = "today, yesterday, mon, -3d or 2026-11-20"


class CheckInForm(FormScreen):
    BINDINGS = [Binding("ctrl+n", "add_action", "New action", id="checkin.new_action")]
    title = "Log a check-in"

    def __init__(self, program: Flourish, team_id: str | None = None):
        super().__init__()
        self.program = program
        self.teams = program.teams()
        self.team_id = team_id
        self.new_rows = 0

    def fields(self) -> ComposeResult:
        yield from field("Team", TeamPicker(self.teams, self.team_id, id="team"))
        with Horizontal(classes="row"):
            yield from field("Date", Input("today", id="date"), hint=DATE_HINT)
            yield from field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in CheckInKind],
                    value=CheckInKind.COACHING.value,
                    allow_blank=False,
                    id="kind",
                ),
            )
        yield from field("Attended", SelectionList(id="attendees"), hint="space ticks a name")
        yield from field("Notes", TextArea(id="notes", soft_wrap=True))
        with Horizontal(classes="row"):
            yield Checkbox("Confidential (kept out of exports)", id="confidential")
            yield from field("Next check-in", Input(id="next", placeholder="optional, e.g. +4w"))
        yield Label("Actions agreed", classes="section")
        yield Vertical(id="new-actions")
        yield Button("+ New action (ctrl+n)", id="add-action")
        yield Label("Changes to the action plan", classes="section")
        yield Vertical(id="changes", classes="-untracked")

    def on_mount(self) -> None:
        self._team_changed(self.team_id)
        super().on_mount()
        if self.team_id:
            # The team is chosen and the date is today: what is left to write is the notes.
            # The form still opens at its top (FormScreen), and scrolls to them on the first key.
            self.query_one("#notes", TextArea).focus(scroll_visible=False)

    @on(TextArea.Changed, "#notes")
    def _writing(self, event: TextArea.Changed) -> None:
        self.query_one("#form-body", VerticalScroll).scroll_to_widget(
            event.text_area, animate=False
        )

    @on(TeamPicker.Changed)
    def _picked(self, event: TeamPicker.Changed) -> None:
        self._team_changed(event.team_id)

    def _team_changed(self, team_id: str | None) -> None:
        self.team_id = team_id
        team = next((t for t in self.teams if t.id == team_id), None)
        attendees = self.query_one("#attendees", SelectionList)
        attendees.clear_options()
        changes = self.query_one("#changes", Vertical)
        changes.remove_children()
        if team is None:
            changes.mount(Label("Pick a team to see its action plan.", classes="dim"))
            return
        for person in [*team.members, *team.line_managers]:
            shown = person.name + (f" ({person.role})" if person.role else "")
            attendees.add_option((Text(shown), person.name))
        try:
            actions = self.program.actions(team.id)
        except FlourishError as e:  # its file is damaged: say so here, save nothing
            self.say(self.query_one("#form-error", Static), str(e))
            return
        open_actions = [a for a in actions if a.status not in CLOSED_STATUSES]
        if not open_actions:
            changes.mount(Label("No open actions.", classes="dim"))
        for action in open_actions:
            options = [(f"{UNCHANGED} ({action.status.label})", UNCHANGED)]
            options += [(s.label, s.value) for s in ActionStatus if s is not action.status]
            changes.mount(
                Horizontal(
                    Label(Text(action.title), classes="change-title"),
                    Select(options, value=UNCHANGED, allow_blank=False, id=f"st-{action.id}"),
                    Input(placeholder="progress note", id=f"nt-{action.id}"),
                    classes="change-row",
                )
            )

    @property
    def dirty(self) -> bool:
        return super().dirty or bool(self._changes())

    # -- new actions -----------------------------------------------------------------------

    @on(Button.Pressed, "#add-action")
    async def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.action_add_action()

    async def action_add_action(self) -> None:
        n = self.new_rows = self.new_rows + 1
        title = Input(placeholder="what will be done", id=f"na-title-{n}", classes="grow")
        row = Vertical(
            Horizontal(
                title,
                Input(placeholder="owner", id=f"na-owner-{n}", classes="owner"),
                Input(placeholder="due, e.g. +2w", id=f"na-due-{n}", classes="due"),
                classes="new-action",
            ),
            Static(id=f"na-title-{n}-error", classes="error"),
            classes="new-action-row",
        )
        await self.query_one("#new-actions").mount(row)
        title.focus()

    # -- saving ----------------------------------------------------------------------------

    def submit(self):
        if not self.team_id:
            raise FormError("team", "Pick a team from the list.")
        today = self.program.today()
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
        return self.program.log_checkin(
            self.team_id,
            on=on_date,
            kind=kind,
            notes=self.query_one("#notes", TextArea).text,
            attendees=list(self.query_one("#attendees", SelectionList).selected),
            confidential=self.query_one("#confidential", Checkbox).value,
            next_checkin=next_date,
            new_actions=self._new_actions(today),
            action_changes=self._changes(),
        )

    def _new_actions(self, today) -> list[NewAction]:
        agreed = []
        for n in range(1, self.new_rows + 1):
            title, owner, due = (self.text(f"na-{part}-{n}").strip() for part in PARTS)
            if not (title or owner or due):
                continue
            if not title:
                raise FormError(f"na-title-{n}", "Say what the action is, or clear its row.")
            due_date = self.checked(f"na-due-{n}", self.program.read_date, due) if due else None
            agreed.append(NewAction(title=title, owner=owner, due=due_date))
        return agreed

    def _changes(self) -> list[ActionChange]:
        changes = []
        for select in self.query("#changes Select").results(Select):
            action_id = (select.id or "").removeprefix("st-")
            note = self.text(f"nt-{action_id}").strip()
            status = None if select.value in (UNCHANGED, Select.NULL) else str(select.value)
            if status or note:
                changes.append(ActionChange(action_id=action_id, status=status, note=note))
        return changes

    def done(self, result) -> str:
        agreed = len(result.action_ids)
        extra = f" with {agreed} action{'s' * (agreed != 1)}" if agreed else ""
        return f"Check-in of {weekday_day(result.date)} logged{extra}."

    def warnings(self, result) -> list[str]:
        return self.program.checkin_warnings(result)


PARTS = ("title", "owner", "due")
