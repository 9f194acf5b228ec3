"""Stakeholder briefings: schedule one, and read one with its attendees and agenda."""

from collections.abc import Iterable
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static, TextArea

from domain.briefings import MAX_MINUTES, MIN_MINUTES, Briefing, BriefingStatus, check_minutes
from domain.dates import parse_datetime
from domain.errors import FlourishError, NotFound
from domain.records import Person
from storage.facade import Flourish
from tui.cells import WARN
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section

DEFAULT_TITLE = "Stakeholder briefing"


def invitees(program: Flourish, team_id: str | None) -> list[Person]:
    """Who may be invited: the team's members, line managers and coach (every team's, for a
    cluster-wide briefing), and the cluster chair; each person once."""
    teams = [program.team(team_id)] if team_id else program.teams()
    people = [p for t in teams for p in (*t.members, *t.line_managers)]
    people += [t.coach for t in teams]
    people.append(program.cluster().chair)
    seen, unique = set(), []
    for person in people:
        key = (person.name.strip().casefold(), person.email.strip().casefold())
        if key not in seen:
            seen.add(key)
            unique.append(person)
    return unique


def when(briefing: Briefing, zone: str) -> Text:
    start, end = briefing.start, briefing.end
    return Text(
        f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}–{end:%H:%M} {zone} "
        f"({briefing.minutes} minutes)"
    )


class BriefingForm(FormScreen):
    """Schedule a stakeholder briefing for a team, or for the whole cluster (team_id None)."""

    title = "Schedule a stakeholder briefing"

    def __init__(self, program: Flourish, team_id: str | None):
        super().__init__()
        self.program = program
        self.team_id = team_id
        self.people = invitees(program, team_id)
        self.zone = program.cluster().timezone
        self.title = type(self).title  # Screen.__init__ set it to None

    def fields(self) -> ComposeResult:
        team = self.program.team(self.team_id).name if self.team_id else "The whole cluster"
        yield Static(Text(team, style="bold"), id="briefing-team")
        yield from field("Title", Input(DEFAULT_TITLE, id="title"))
        with Horizontal(classes="row"):
            yield from field(
                "Starts",
                Input(placeholder="tue 9am, 2026-12-03 15:30", id="start"),
                hint=f"{self.zone} time",
            )
            yield from field(
                "Minutes", Input("45", id="minutes"), hint=f"{MIN_MINUTES}–{MAX_MINUTES}"
            )
        yield from field(
            "Location or link", Input(placeholder="a room or a meeting link", id="location")
        )
        yield from field(
            "Attendees",
            SelectionList(
                *((Text(p.label()), i) for i, p in enumerate(self.people)), id="attendees"
            ),
            hint="space ticks a name",
        )
        yield from field("Agenda", TextArea(id="agenda", soft_wrap=True))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#start").focus()

    def submit(self):
        title = self.required("title", "The title")
        start = self.checked(
            "start",
            parse_datetime,
            self.text("start"),
            self.program.today(),
            self.program.cluster().tz,
            "future",
        )
        minutes_text = self.text("minutes").strip()
        try:
            minutes = int(minutes_text)
        except ValueError:
            raise FormError(
                "minutes", f"Give the length in whole minutes, {MIN_MINUTES} to {MAX_MINUTES}."
            ) from None
        minutes = self.checked("minutes", check_minutes, minutes)
        chosen = self.query_one("#attendees", SelectionList).selected
        return self.program.add_briefing(
            title,
            start=start,
            minutes=minutes,
            team_id=self.team_id,
            attendees=[self.people[i] for i in sorted(chosen)],
            location=self.text("location"),
            agenda=self.text("agenda"),
        )

    def done(self, result) -> str:
        # No user text here: the base shows this message as markup.
        start = result.start
        return f"Briefing scheduled for {start:%a} {start.day} {start:%b %H:%M}."


class BriefingDetail(DetailScreen):
    """One briefing in full: when, where, who and the agenda."""

    def __init__(self, program: Flourish, briefing: Briefing):
        super().__init__()
        self.program = program
        self.briefing = briefing

    @property
    def heading(self) -> str:
        return self.briefing.title

    def fetch(self) -> None:
        found = [b for b in self.program.briefings() if b.id == self.briefing.id]
        if not found:
            raise NotFound("That briefing is no longer in the workspace.")
        self.briefing = found[0]

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
        if b.status is BriefingStatus.CANCELLED:
            yield line("Status", Text("CANCELLED", style=WARN))
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
            yield Static(text, classes="detail-block")
        yield section("Agenda")
        yield block(b.agenda)
