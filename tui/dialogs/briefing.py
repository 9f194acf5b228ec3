"""Stakeholder briefings: schedule one, edit, move or cancel it, and read one in full."""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from domain.briefings import MAX_MINUTES, MIN_MINUTES, Briefing, check_minutes
from domain.dates import day_month, weekday_day
from domain.errors import FlourishError
from domain.invitations import Invitation, Method
from domain.records import Person, parse_person
from storage.facade import Flourish
from tui.cells import WARN
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section
from tui.invites import offer

DEFAULT_TITLE = "Stakeholder briefing"
CANCELLED = "✗ cancelled"
START_HINT = "tue 9am, 2026-12-03 15:30"


def invitees(program: Flourish, team_id: str | None) -> list[tuple[str, Person]]:
    """Who may be invited, as (group, person): the facade's invitees (executive stakeholders,
    line managers, team members), then the cluster chair and the coach (every team's coach for
    a cluster-wide briefing); each person once."""
    teams = [program.team(team_id)] if team_id else program.teams()
    found = list(program.invitees(team_id))
    found.append(("Cluster chair", program.cluster().chair))
    found += [("Coach" if team_id else f"Coach, {t.name}", t.coach) for t in teams]
    seen, unique = set(), []
    for group, person in found:
        key = _key(person)
        if key not in seen:
            seen.add(key)
            unique.append((group, person))
    return unique


def _key(person: Person) -> str:
    return (person.email.strip() or person.name.strip()).casefold()


def when(briefing: Briefing, zone: str) -> Text:
    start, end = briefing.start, briefing.end
    return Text(
        f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M} {zone} "
        f"({briefing.minutes} minutes)"
    )


def short_when(start: datetime) -> str:
    """`Thu 3 Dec 2026 15:30`: for messages, which always say the year."""
    return f"{start:%a} {start.day} {start:%b %Y %H:%M}"


class WhenFields(FormScreen):
    """A form with a start (parsed in the cluster's timezone) and a length in minutes."""

    def __init__(self, program: Flourish, team_id: str | None):
        super().__init__()
        self.program = program
        self.team_id = team_id
        self.cluster = program.cluster()
        self.zone = self.cluster.timezone
        self.title = type(self).title  # Screen.__init__ set it to None

    def start(self, field_id: str = "start") -> datetime:
        return self.checked(
            field_id,
            self.program.read_datetime,
            self.text(field_id),
            "future",
        )

    def minutes(self, field_id: str = "minutes") -> int:
        try:
            minutes = int(self.text(field_id).strip())
        except ValueError:
            raise FormError(
                field_id, f"Give the length in whole minutes, {MIN_MINUTES} to {MAX_MINUTES}."
            ) from None
        return self.checked(field_id, check_minutes, minutes)


class BriefingFields(WhenFields):
    """What the briefing forms share: attendees picked from the invitees plus people typed
    in, and the agenda with a Redraft key."""

    BINDINGS = [Binding("ctrl+r", "redraft", "Redraft agenda", id="briefing.redraft")]

    def __init__(self, program: Flourish, team_id: str | None, attendees: Sequence[Person] = ()):
        super().__init__(program, team_id)
        groups = invitees(program, team_id)
        known = {_key(p) for _, p in groups}
        # People on the briefing already who are not among the invitees (typed in before).
        groups += [("Invited", p) for p in attendees if _key(p) not in known]
        self.groups = groups
        self.people = [p for _, p in groups]
        self.invited = {_key(p) for p in attendees}

    # -- pieces of the form ----------------------------------------------------------------

    def attendee_fields(self) -> ComposeResult:
        options = []
        for i, (group, person) in enumerate(self.groups):
            prompt = Text(person.label())
            prompt.append(f"  {group}", style="dim")
            options.append(Selection(prompt, i, _key(person) in self.invited))
        yield from field(
            "Attendees", SelectionList(*options, id="attendees"), hint="space ticks a name"
        )
        yield from field(
            "Others to invite",
            Input(placeholder="Name, role, email; another name, email", id="others"),
            hint="separate people with ;",
        )

    def agenda_field(self, agenda: str) -> ComposeResult:
        yield from field(
            "Agenda",
            TextArea(agenda, id="agenda", soft_wrap=True),
            hint="drafted from what is current; ctrl+r redrafts it",
        )
        yield Button("Redraft agenda", id="redraft", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # FormScreen's handler runs too (Textual calls each class's) and sees to save/cancel.
        if event.button.id == "redraft":
            self.action_redraft()

    # -- values ----------------------------------------------------------------------------

    def attendees(self) -> list[Person]:
        chosen = self.query_one("#attendees", SelectionList).selected
        people = [self.people[i] for i in sorted(chosen)]
        seen = {_key(p) for p in people}
        for spec in self.text("others").split(";"):
            if not spec.strip(" ,\t"):
                continue
            person = self.checked("others", parse_person, spec)
            if _key(person) not in seen:
                seen.add(_key(person))
                people.append(person)
        return people

    def draft_for(self) -> datetime | None:
        """The start to draft the agenda for (None: as of now); FormError if mistyped."""
        return None

    def action_redraft(self) -> None:
        place = self.query_one("#agenda-error", Static)
        place.display = False
        try:
            start = self.draft_for()
            drafted = self.program.draft_agenda(self.team_id, start)
        except FormError as e:
            self.show_error(e.field, str(e))
            return
        except FlourishError as e:
            self.say(place, str(e))
            return
        self.set_agenda(drafted)
        self.notify(
            "Agenda redrafted" + (f" for {short_when(start)}." if start else "."), timeout=3
        )

    def set_agenda(self, text: str) -> None:
        self.query_one("#agenda", TextArea).text = text


class BriefingForm(BriefingFields):
    """Schedule a stakeholder briefing for a team, or for the whole cluster (team_id None)."""

    title = "Schedule a stakeholder briefing"

    def __init__(self, program: Flourish, team_id: str | None):
        super().__init__(program, team_id)
        self.drafted = program.draft_agenda(team_id)

    def fields(self) -> ComposeResult:
        team = self.program.team(self.team_id).name if self.team_id else "The whole cluster"
        yield Static(Text(team, style="bold"), id="briefing-team")
        yield from field("Title", Input(DEFAULT_TITLE, id="title"))
        with Horizontal(classes="row"):
            yield from field(
                "Starts", Input(placeholder=START_HINT, id="start"), hint=f"{self.zone} time"
            )
            yield from field(
                "Minutes", Input("45", id="minutes"), hint=f"{MIN_MINUTES}–{MAX_MINUTES}"
            )
        yield from field(
            "Location or link", Input(placeholder="a room or a meeting link", id="location")
        )
        yield from self.attendee_fields()
        yield from self.agenda_field(self.drafted)

    def on_mount(self) -> None:
        self.query_one("#start").focus()  # FormScreen.on_mount runs as well

    def draft_for(self) -> datetime | None:
        return self.start() if self.text("start").strip() else None

    @on(Input.Changed, "#start")
    def _start_changed(self) -> None:
        # An agenda nobody has touched follows the chosen date (what is "since the last
        # briefing" depends on it); one that has been edited is left alone.
        if self.text("agenda") != self.drafted:
            return
        try:
            start = self.start()
            drafted = self.program.draft_agenda(self.team_id, start)
        except (FormError, FlourishError):
            return  # still being typed
        self.set_agenda(drafted)

    def set_agenda(self, text: str) -> None:
        self.drafted = text
        super().set_agenda(text)

    def submit(self):
        title = self.required("title", "The title")
        start = self.start()
        minutes = self.minutes()
        attendees = self.attendees()
        return self.program.add_briefing(
            title,
            start=start,
            minutes=minutes,
            team_id=self.team_id,
            attendees=attendees,
            location=self.text("location"),
            agenda=self.text("agenda"),
        )

    def done(self, result) -> str:
        return f"Briefing scheduled for {short_when(result.start)}."


class BriefingEditForm(BriefingFields):
    """Change a briefing's title, attendees and agenda (time and place: BriefingMoveForm)."""

    title = "Edit the briefing"

    def __init__(self, program: Flourish, briefing: Briefing):
        super().__init__(program, briefing.team_id, briefing.attendees)
        self.briefing = briefing

    def fields(self) -> ComposeResult:
        b = self.briefing
        start = b.start.astimezone(self.cluster.tz)
        yield Static(when(replace(b, start=start), self.zone), id="briefing-when")
        yield from field("Title", Input(b.title, id="title"))
        yield from self.attendee_fields()
        yield from self.agenda_field(b.agenda)

    def draft_for(self) -> datetime | None:
        return self.briefing.start

    def submit(self):
        # Only what the user changed: another window's change to the agenda is kept.
        changes: dict[str, Any] = {}
        if self.changed("title"):
            changes["title"] = self.required("title", "The title")
        if self.changed("agenda"):
            changes["agenda"] = self.text("agenda")
        if self.changed("attendees", "others"):
            changes["attendees"] = self.attendees()
        if not changes:
            return self.briefing
        return self.program.update_briefing(self.briefing.id, **changes)

    def done(self, result) -> str:
        if result.sequence != self.briefing.sequence:  # what calendars show has changed
            self.app.call_later(offer, self.app, result.id, after_change=True)
        return "Briefing updated."


class BriefingMoveForm(WhenFields):
    """Move a briefing to another time, length or place. It keeps its calendar identity, so
    calendars that imported it update the event; moving a cancelled one reinstates it."""

    title = "Move the briefing"
    save_label = "Move"

    def __init__(self, program: Flourish, briefing: Briefing):
        super().__init__(program, briefing.team_id)
        self.briefing = briefing

    def fields(self) -> ComposeResult:
        b = self.briefing
        start = b.start.astimezone(self.cluster.tz)
        yield Static(Text(b.title, style="bold"), id="briefing-title")
        if b.cancelled:
            yield Static(
                Text("Cancelled: moving it to a new time reinstates it.", style=WARN),
                id="briefing-cancelled",
            )
        with Horizontal(classes="row"):
            yield from field(
                "Starts",
                Input(f"{start:%Y-%m-%d %H:%M}", placeholder=START_HINT, id="start"),
                hint=f"{self.zone} time",
            )
            yield from field(
                "Minutes", Input(str(b.minutes), id="minutes"), hint=f"{MIN_MINUTES}–{MAX_MINUTES}"
            )
        yield from field(
            "Location or link",
            Input(b.location, placeholder="a room or a meeting link", id="location"),
        )

    def on_mount(self) -> None:
        self.query_one("#start").focus()  # FormScreen.on_mount runs as well

    def submit(self):
        # Only what the user changed: a move made elsewhere meanwhile is not undone.
        return self.program.move_briefing(
            self.briefing.id,
            start=self.start() if self.changed("start") else None,
            minutes=self.minutes() if self.changed("minutes") else None,
            location=self.text("location") if self.changed("location") else None,
        )

    def done(self, result) -> str:
        # Calendars that imported a file update only when it is imported again: those sent an
        # invitation are offered the update by email.
        self.app.call_later(offer, self.app, result.id, after_change=True)
        return (
            f"Briefing moved to {short_when(result.start.astimezone(self.cluster.tz))}; "
            "the next calendar export or invitation updates it everywhere."
        )


class CancelBriefingScreen(ModalScreen[str | None]):
    """Ask before cancelling a briefing, with an optional reason; dismisses with the reason
    ("" for none), or None to keep the briefing."""

    BINDINGS = [
        Binding("escape", "keep", "Keep it", id="cancel_briefing.keep"),
        Binding("ctrl+s", "confirm", "Cancel the briefing", id="cancel_briefing.confirm"),
    ]

    def __init__(self, briefing: Briefing, zone: str):
        super().__init__()
        self.briefing = briefing
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            question = Text("Cancel the briefing “")
            question.append(self.briefing.title)
            question.append("”? ")
            question.append_text(when(self.briefing, self.zone))
            if self.briefing.team_id is None:
                question.append("\nIt is a briefing for the whole cluster.", style="bold")
            question.append(
                "\nThe record is kept, so calendars that imported it mark it cancelled.",
                style="dim",
            )
            yield Label(question, id="question")
            yield Input(placeholder="Reason (optional), kept with the record", id="cancel-reason")
            with Horizontal(id="buttons"):
                yield Button("Cancel briefing", variant="error", id="yes", compact=True)
                yield Button("Keep it", id="no", compact=True)
                yield Label("enter cancels it · esc keeps it", id="form-hint")

    def on_mount(self) -> None:
        self.query_one("#cancel-reason", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_confirm()
        else:
            self.action_keep()

    @on(Input.Submitted, "#cancel-reason")
    def _submitted(self) -> None:
        self.action_confirm()

    def action_confirm(self) -> None:
        self.dismiss(self.query_one("#cancel-reason", Input).value.strip())

    def action_keep(self) -> None:
        self.dismiss(None)


def invited(sent: dict[str, Invitation], person: Person, chair: Person) -> Text:
    """Which version of the briefing this person's calendar was emailed, if any."""
    i = sent.get(person.email.strip().casefold())
    if not person.email.strip():
        return Text("  no email: cannot be invited", style=WARN)
    if chair.has_email(person.email):
        return Text("  organiser", style="dim")
    if i is None:
        return Text("  not emailed yet", style="dim")
    what = "cancelled" if i.method is Method.CANCEL else "emailed"
    return Text(f"  ✉ {what} {day_month(i.sent_at)} (v{i.sequence})", style="dim")


class BriefingDetail(DetailScreen):
    """One briefing in full: when, where, its status, who is invited (and which version of it
    their calendar was sent) and the agenda."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *DetailScreen.BINDINGS,
        Binding("i", "invite", "Send invitations", id="briefing_detail.invite"),
    ]

    hint = "i email invitations · esc or q close"

    def __init__(self, program: Flourish, briefing: Briefing):
        super().__init__()
        self.program = program
        self.briefing = briefing
        self.sent = self._sent()

    def action_invite(self) -> None:
        offer(self.app, self.briefing.id)

    @property
    def heading(self) -> str:
        return self.briefing.title

    def fetch(self) -> None:
        self.briefing = self.program.briefing(self.briefing.id)
        self.sent = self._sent()

    def _sent(self) -> dict[str, Invitation]:
        return {i.email.casefold(): i for i in self.program.invitations(self.briefing.id)}

    def rows(self) -> Iterable[Widget]:
        b = self.briefing
        cluster = self.program.cluster()
        shown = replace(b, start=b.start.astimezone(cluster.tz))
        if b.team_id:
            try:
                audience = self.program.team(b.team_id).name
            except FlourishError:
                audience = "—"
        else:
            audience = f"The whole cluster ({cluster.name})"
        yield line("When", when(shown, cluster.timezone))
        if b.cancelled:
            yield line("Status", Text(CANCELLED, style=WARN))
            yield line("Why", b.cancel_reason or "no reason given")
        elif b.end <= self.program.now():
            yield line("Status", Text("took place", style="dim"))
        else:
            yield line("Status", "scheduled")
        yield line("For", audience)
        yield line("Location", b.location)
        yield section(f"Attendees ({len(b.attendees)})")
        if not b.attendees:
            yield block("", empty="Nobody invited yet.")
        for person in b.attendees:
            text = Text(person.name, style="bold")
            if person.role:
                text.append(f" ({person.role})")
            if person.email:
                text.append(f"  <{person.email}>", style="dim")
            text.append_text(invited(self.sent, person, cluster.chair))
            yield Static(text, classes="detail-block")
        yield section("Agenda")
        if b.agenda_outdated and b.agenda_for is not None:
            yield Static(
                Text(
                    f"Written for {weekday_day(b.agenda_for)}, before the briefing moved: its "
                    "dates may be out of date (e, then ctrl+r, drafts it afresh).",
                    style=WARN,
                ),
                classes="detail-block",
                id="agenda-outdated",
            )
        yield block(b.agenda)
