"""Export a calendar, a spreadsheet or a briefing pack to a file, from the place it belongs.

`ExportScreen` offers the exports that make sense where it was opened (a team, the Briefings
tab, the chair's queue, or the whole cluster from the palette): pick one, the options that
apply to it (a person, a date range, confidential notes, Markdown or HTML) and a path, then
Export. The facade builds the bytes and writes them whole or not at all (`save_export`); the
modal closes and a notification says what went where. Nothing here decides what an export
holds.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Select, Static

from domain.errors import FlourishError
from domain.records import Person
from storage.facade import CalendarScope, Flourish
from tui.dialogs.base import FormError, FormScreen, field

CALENDAR, TABLE, PACK = "calendar", "table", "pack"
NOTIFY_SECONDS = 15  # long enough to read, or copy, a full path
DATE_HINT = "optional: today, +2w, 2027-03-31"


@dataclass(frozen=True)
class Choice:
    """One export on offer: which facade call makes it and what its file is called."""

    id: str
    label: str
    kind: str  # CALENDAR, TABLE or PACK
    stem: str  # the suggested file name, without its extension
    team: str | None = None  # a team's id, or None for the whole cluster
    person: bool = False  # a calendar for the person picked in the form
    table: str = ""  # "actions", "checkins" or "challenges"
    briefing: str | None = None  # a briefing pack for this briefing
    workshop: str | None = None  # a workshop's pack or calendar


@dataclass(frozen=True)
class Written:
    """What `ExportScreen` dismisses with: where the file went and what was said about it."""

    path: Path
    message: str


def slug(text: str) -> str:
    """`Hollins Park Academy` -> `hollins-park-academy`: a file name that is safe anywhere."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:60].rstrip("-") or "export"


# -- what each place offers ------------------------------------------------------------------


def _briefings_calendar(program: Flourish) -> Choice:
    cluster = program.cluster()
    return Choice(
        "briefings",
        "Stakeholder briefings, whole cluster (calendar)",
        CALENDAR,
        f"{slug(cluster.name)}-briefings",
    )


NOUNS = {"actions": "Action plan", "checkins": "Check-ins", "challenges": "Challenges"}
PERSON = Choice("person", "One person's events (calendar)", CALENDAR, "", person=True)


def _table(kind: str, stem: str, team: str | None, whose: str) -> Choice:
    return Choice(kind, f"{NOUNS[kind]}{whose} (CSV)", TABLE, f"{stem}-{kind}", team, table=kind)


def _tables(stem: str, team: str | None, whose: str) -> list[Choice]:
    return [_table(kind, stem, team, whose) for kind in NOUNS]


def team_choices(program: Flourish, team_id: str, briefing_id: str | None = None) -> list[Choice]:
    """From the team view; with `briefing_id` (the Briefings tab) a pack for that briefing."""
    team = program.team(team_id)
    stem = slug(team.name)
    label = f"{team.name} program schedule (calendar)"
    choices = [Choice("schedule", label, CALENDAR, f"{stem}-schedule", team.id)]
    if team_people(program, team.id):
        choices.append(PERSON)
    choices.append(_briefings_calendar(program))
    choices += _tables(stem, team.id, "")
    if briefing_id:
        b = program.briefing(briefing_id)
        start = b.start.astimezone(program.cluster().tz)
        choices.append(
            Choice(
                "briefing-pack",
                f"Briefing pack for the selected briefing: {b.title}, {start.day} {start:%b}",
                PACK,
                f"{slug(b.title)}-{start:%Y-%m-%d}-pack",
                briefing=b.id,
            )
        )
    label = f"Briefing pack for {team.name}"
    choices.append(Choice("pack", label, PACK, f"{stem}-briefing-pack", team.id))
    return choices


def queue_choices(program: Flourish, team_id: str | None = None) -> list[Choice]:
    """From the chair's queue: its challenges and a briefing pack (one team's or every team's),
    and the cluster's briefings."""
    if team_id:
        name = program.team(team_id).name
        stem, whose, pack = slug(name), f", {name}", f"Briefing pack for {name}"
    else:
        stem = slug(program.cluster().name)
        whose, pack = ", every team", "Briefing pack, whole cluster"
    return [
        _table("challenges", stem, team_id, whose),
        Choice("pack", pack, PACK, f"{stem}-briefing-pack", team_id),
        _briefings_calendar(program),
    ]


def cluster_choices(program: Flourish) -> list[Choice]:
    """From the palette: every export for the whole cluster."""
    stem = slug(program.cluster().name)
    choices = [_briefings_calendar(program)]
    if cluster_people(program):
        choices.append(PERSON)
    choices += _tables(stem, None, ", every team")
    choices.append(Choice("pack", "Briefing pack, whole cluster", PACK, f"{stem}-briefing-pack"))
    return choices


# -- people with an email, for one person's calendar ---------------------------------------


def workshop_choices(program: Flourish, workshop_id: str) -> list[Choice]:
    """From the Workshops tab: the workshop's pack, and the workshop as a calendar event."""
    w = program.workshop(workshop_id)
    start = w.start.astimezone(program.cluster().tz)
    stem = f"{slug(w.title)}-{start:%Y-%m-%d}"
    return [
        Choice("workshop-pack", f"Workshop pack: {w.title}", PACK, f"{stem}-pack", workshop=w.id),
        Choice("workshop-calendar", f"{w.title} (calendar)", CALENDAR, stem, workshop=w.id),
    ]


def _with_email(found: list[tuple[str, Person]]) -> list[tuple[str, Person]]:
    seen, people = set(), []
    for group, person in found:
        key = person.email.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            people.append((group, person))
    return people


def team_people(program: Flourish, team_id: str) -> list[tuple[str, Person]]:
    team = program.team(team_id)
    found = [("coach", team.coach)]
    found += [("member", p) for p in team.members]
    found += [("line manager", p) for p in team.line_managers]
    return _with_email(found)


def cluster_people(program: Flourish) -> list[tuple[str, Person]]:
    cluster = program.cluster()
    found = [("chair", cluster.chair)]
    found += [("stakeholder", p) for p in cluster.stakeholders]
    for team in program.teams():
        found += [(f"coach, {team.name}", team.coach)]
        found += [(team.name, p) for p in team.members]
        found += [(f"line manager, {team.name}", p) for p in team.line_managers]
    return _with_email(found)


def _shown(path: Path) -> str:
    """A path as the user would type it: under the home folder as `~/...`."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# -- the modal -------------------------------------------------------------------------------


class ExportScreen(FormScreen):
    """Pick an export, its options and a path; Export writes it and closes, saying where it
    went. Dismisses with a `Written`, or None when cancelled."""

    title = "Export"
    save_label = "Export"

    def __init__(
        self,
        program: Flourish,
        choices: list[Choice],
        *,
        chosen: str | None = None,
        people: Sequence[tuple[str, Person]] = (),
        where: str = "",
    ):
        super().__init__()
        self.program = program
        self.choices = {c.id: c for c in choices}
        self.chosen = chosen if chosen in self.choices else choices[0].id
        self.people = list(people)
        self.where = where or program.cluster().name
        self.today = program.today()
        self._suggested = ""  # the path last suggested; anything else was typed
        self.title = type(self).title  # Screen.__init__ set it to None

    @classmethod
    def for_team(cls, program: Flourish, team_id: str, briefing_id: str | None = None):
        """From the team view; from its Briefings tab with the highlighted briefing."""
        team = program.team(team_id)
        return cls(
            program,
            team_choices(program, team.id, briefing_id),
            chosen="briefings" if briefing_id else None,
            people=team_people(program, team.id),
            where=team.name,
        )

    @classmethod
    def for_queue(cls, program: Flourish, team_id: str | None = None):
        where = program.team(team_id).name if team_id else ""
        return cls(program, queue_choices(program, team_id), where=where)

    @classmethod
    def for_workshop(cls, program: Flourish, workshop_id: str):
        return cls(
            program,
            workshop_choices(program, workshop_id),
            where=program.workshop(workshop_id).title,
        )

    @classmethod
    def for_cluster(cls, program: Flourish):
        return cls(program, cluster_choices(program), people=cluster_people(program))

    @property
    def heading(self) -> str:
        return f"Export · {self.where}"

    # -- the form ----------------------------------------------------------------------------

    def fields(self) -> ComposeResult:
        options = [(Text(c.label), c.id) for c in self.choices.values()]
        with Vertical(classes="field"):
            yield Label("What to export", classes="field-label")
            yield Select(options, value=self.chosen, allow_blank=False, id="choice")
            yield Static(id="export-about")
        with Horizontal(classes="row", id="calendar-options"):
            people = [self._person_option(group, p) for group, p in self.people]
            with Vertical(id="person-option"):
                first = people[0][1] if people else Select.NULL
                person = Select(people, value=first, allow_blank=not people, id="person")
                yield from field("Person", person)
            yield from field("From", Input(placeholder="any date", id="first"))
            yield from field("To", Input(placeholder="any date", id="last"))
        yield Checkbox("Include confidential notes (for your own records only)", id="confidential")
        with Vertical(id="format-option", classes="field"):
            yield Label("Format", classes="field-label")
            with RadioSet(id="format"):
                yield RadioButton("Markdown", value=True, id="markdown")
                yield RadioButton("HTML", id="html")
        path = self._suggestion()
        self._suggested = path
        yield from field("Save to", Input(path, id="path"), hint="~ is your home folder")
        yield Static(id="path-note")

    @staticmethod
    def _person_option(group: str, person: Person) -> tuple[Text, str]:
        prompt = Text(person.name)
        prompt.append(f"  {group}", style="dim")
        return prompt, person.email.strip()

    def on_mount(self) -> None:  # FormScreen.on_mount runs as well
        self.query_one("#form-hint", Label).update("ctrl+s exports · esc cancels")
        self._show_options()
        self._note_path()

    @property
    def choice(self) -> Choice:
        return self.choices[self.chosen]

    @property
    def html(self) -> bool:
        return self.query_one("#html", RadioButton).value

    def _show_options(self) -> None:
        c = self.choice
        self.query_one("#calendar-options").display = c.kind == CALENDAR and not c.workshop
        self.query_one("#person-option").display = c.person
        self.query_one("#confidential").display = c.table == "checkins"
        self.query_one("#format-option").display = c.kind == PACK
        self._about()

    def _about(self) -> None:
        """A line on what the chosen export holds: for a calendar, how many events."""
        c = self.choice
        if c.workshop:
            text = (
                "the workshop as one event, its agenda inside"
                if c.kind == CALENDAR
                else "agenda, findings, what was raised and agreed; never a check-in note"
            )
        elif c.kind == CALENDAR:
            try:
                count = len(self.program.calendar(self._scope(quiet=True)).events)
            except (FormError, FlourishError):
                text = "for Google Calendar, Outlook or Apple Calendar"
            else:
                text = f"{_plural(count, 'event')} · for Google Calendar, Outlook or Apple Calendar"
        elif c.kind == TABLE:
            text = "a spreadsheet for Excel, Numbers, LibreOffice or Google Sheets"
        else:
            text = "a summary for a stakeholder briefing; it never holds check-in notes"
        self.query_one("#export-about", Static).update(Text(text, style="dim"))

    # -- the suggested path ------------------------------------------------------------------

    def _suggestion(self) -> str:
        c = self.choice
        stem = c.stem
        if c.person:
            stem = f"{slug(self._person_name())}-calendar"
        if c.kind == CALENDAR:
            ext = ".ics"
        elif c.kind == TABLE:
            ext = ".csv"
        else:
            ext = ".html" if self.is_mounted and self.html else ".md"
        return _shown(Path.cwd() / f"{stem}{ext}")

    def _person_name(self) -> str:
        email = self.query_one("#person", Select).value if self.is_mounted else None
        if email in (None, Select.NULL) and self.people:
            email = self.people[0][1].email.strip()
        for _, person in self.people:
            if person.email.strip() == email:
                return person.name
        return "person"

    def _suggest(self) -> None:
        """Put the suggested path in, unless the user has typed one of their own."""
        path = self.query_one("#path", Input)
        if path.value.strip() not in ("", self._suggested):
            return
        self._suggested = self._suggestion()
        path.value = self._suggested

    @on(Select.Changed, "#choice")
    def _choice_changed(self, event: Select.Changed) -> None:
        if event.value in self.choices and event.value != self.chosen:
            self.chosen = event.value
            self._show_options()
            self._suggest()

    @on(Select.Changed, "#person")
    def _person_changed(self) -> None:
        self._about()
        self._suggest()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self) -> None:
        self._suggest()

    @on(Input.Changed, "#first")
    @on(Input.Changed, "#last")
    def _dates_changed(self) -> None:
        self._about()

    @on(Input.Changed, "#path")
    def _note_path(self) -> None:
        note = self.query_one("#path-note", Static)
        text = self.text("path").strip()
        target = Path(text).expanduser() if text else None
        if target is not None and target.is_file():
            note.update(Text("A file of that name is there already: Export replaces it.", "dim"))
            note.display = True
        else:
            note.display = False

    @property
    def dirty(self) -> bool:
        """Only what was typed counts: a path of one's own, or dates."""
        path = self.text("path").strip()
        return path not in ("", self._suggested) or any(
            self.text(f).strip() for f in ("first", "last")
        )

    # -- exporting ---------------------------------------------------------------------------

    def _date(self, field_id: str, quiet: bool) -> date | None:
        text = self.text(field_id).strip()
        if not text:
            return None
        if quiet:
            try:
                return self.program.read_date(text)
            except FlourishError:
                return None
        return self.checked(field_id, self.program.read_date, text)

    def _scope(self, quiet: bool = False) -> CalendarScope:
        c = self.choice
        first, last = self._date("first", quiet), self._date("last", quiet)
        if first and last and last < first and not quiet:
            raise FormError("last", "The end date is before the start date.")
        person = None
        if c.person:
            picked = self.query_one("#person", Select).value
            if not isinstance(picked, str):  # Select.NULL: nobody picked yet
                raise FormError("person", "Pick whose events to export.")
            person = picked
        return CalendarScope(team=c.team, person=person, first=first, last=last)

    def _path(self) -> Path:
        text = self.text("path").strip()
        if not text:
            raise FormError("path", f"Give a file to write to, e.g. {self._suggestion()}.")
        return Path(text).expanduser()

    def _build(self) -> tuple[bytes, str]:
        """The export's bytes and what they are, for the message (not a calendar's: see
        submit)."""
        c = self.choice
        if c.kind == TABLE:
            secret = c.table == "checkins" and self.query_one("#confidential", Checkbox).value
            data = self.program.table(c.table, c.team, include_confidential=secret)
            rows = max(0, len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) - 1)
            noun = {"actions": "action", "checkins": "check-in", "challenges": "challenge"}
            what = _plural(rows, noun[c.table])
            if secret:
                what += " with their confidential notes"
            return data, what
        kind = "HTML" if self.html else "Markdown"
        if c.workshop:
            text = self.program.workshop_pack(c.workshop, html=self.html)
            return text.encode("utf-8"), f"the workshop pack ({kind})"
        text = self.program.briefing_pack(c.team, c.briefing, html=self.html)
        return text.encode("utf-8"), f"the briefing pack ({kind})"

    def submit(self) -> Written:
        path = self._path()
        if self.choice.kind == CALENDAR and self.choice.workshop:
            export = self.program.workshop_calendar(self.choice.workshop)
            written = self.program.save_export(path, export.to_ical())
            self.program.workshop_calendar(self.choice.workshop, record=True)
            return Written(written, f"Wrote the workshop's calendar to {written}")
        if self.choice.kind == CALENDAR:  # written and recorded by the facade, in one step
            calendar = self.program.export_calendar(self._scope(), path)
            what = _plural(len(calendar.events), "event")
            return Written(path.resolve(), f"Wrote {what} to {path.resolve()}")
        data, what = self._build()
        written = self.program.save_export(path, data)
        return Written(written, f"Wrote {what} to {written}")

    def action_save(self) -> None:
        # Like FormScreen's, but nothing in the workspace changed and the message is long.
        written = self.attempt(self.submit)
        if written is None:
            return
        self.app.notify(
            written.message,
            title="Exported",
            severity="information",
            timeout=NOTIFY_SECONDS,
            markup=False,
        )
        self.dismiss(written)
