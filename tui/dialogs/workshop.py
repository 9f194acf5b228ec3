"""Cluster review workshops in the app: plan or edit one (its agenda as text, items timed as
they add up), record what it raised and agreed, and read it in full."""

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static, TextArea

from domain.dates import weekday_day
from domain.errors import FlourishError
from domain.governance import THEMES
from domain.records import Person, parse_person
from domain.workshops import (
    Reflection,
    Workshop,
    format_agenda,
    format_issue,
    parse_agenda,
    parse_issue,
    parse_reflection,
    timed,
)
from storage.facade import Flourish
from tui.dialogs.base import FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section

WHEN_HINT = "20 jan 9:30, wed 14:00"


class WorkshopForm(FormScreen):
    """Plan a workshop (its agenda drafted from the findings) or edit one and its agenda."""

    def __init__(self, program: Flourish, workshop: Workshop | None = None):
        super().__init__()
        self.program, self.workshop = program, workshop
        self.tz = program.cluster().tz
        self.unchanged = False

    @property
    def heading(self) -> str:
        return "Plan a cluster review workshop" if self.workshop is None else "Edit the workshop"

    def fields(self) -> ComposeResult:
        w = self.workshop
        start = w.start.astimezone(self.tz).strftime("%Y-%m-%d %H:%M") if w else ""
        yield from field(
            "Title", Input(w.title if w else "", placeholder="Spring cluster review", id="title")
        )
        with Horizontal(classes="row"):
            yield from field("When", Input(start, placeholder=WHEN_HINT, id="when"))
            yield from field("Place", Input(w.place if w else "", id="place"))
        people = "\n".join(_person_line(p) for p in w.attendees) if w else ""
        yield from field(
            "Attendees",
            TextArea(people, id="attendees", soft_wrap=True),
            hint="one per line: Name, Role, email",
        )
        chosen = set(w.themes) if w else set()
        themes = [(THEMES[t], t, t in chosen) for t in THEMES]
        yield from field(
            "Discussion prompts",
            SelectionList(*themes, id="themes"),
            hint="space ticks one; each adds 10 minutes",
        )
        if w is not None:
            yield from field(
                "Agenda",
                TextArea(format_agenda(w.agenda), id="agenda", soft_wrap=True),
                hint="minutes first, notes indented",
            )
            yield Static(id="agenda-times", classes="field-hint")
        else:
            yield Static(
                Text(
                    "The agenda is drafted from the latest self-assessment's key findings; "
                    "e edits it once planned.",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        super().on_mount()
        self._show_times()

    @on(TextArea.Changed, "#agenda")
    @on(Input.Changed, "#when")
    def _show_times(self) -> None:
        """The agenda's times as they add up, under it, as the user types."""
        if self.workshop is None:
            return
        place = self.query_one("#agenda-times", Static)
        try:
            items = parse_agenda(self.text("agenda"))
            start = self.program.read_datetime(self.text("when"))
        except FlourishError as e:
            place.update(Text(str(e), style="dim"))
            return
        times = [f"{at:%H:%M} {item.title}" for at, item in timed(start, items)]
        total = sum(i.minutes for i in items)
        end = start + timedelta(minutes=total)
        place.update(Text(" · ".join([*times, f"ends {end:%H:%M} ({total} min)"]), style="dim"))

    def submit(self) -> Any:
        title = self.required("title", "The title")
        start = self.checked("when", self.program.read_datetime, self.required("when", "When"))
        self.question_far("when", start.date(), "The workshop")
        place = self.text("place").strip()
        attendees = self.lines("attendees", parse_person)
        themes = list(self.query_one("#themes", SelectionList).selected)
        if self.workshop is None:
            return self.program.add_workshop(
                title, start, place=place, attendees=attendees, themes=themes
            )
        changes: dict[str, Any] = {}
        for name, value, field_id in (
            ("title", title, "title"),
            ("start", start, "when"),
            ("place", place, "place"),
            ("attendees", attendees, "attendees"),
            ("themes", themes, "themes"),
        ):
            if self.changed(field_id):
                changes[name] = value
        if self.changed("agenda"):
            changes["agenda"] = self.checked("agenda", parse_agenda, self.text("agenda"))
        if not changes:
            self.unchanged = True
            return self.workshop
        return self.program.update_workshop(self.workshop.id, **changes)

    def done(self, result) -> str:
        if self.unchanged:
            return "Nothing changed."
        if self.workshop is None:
            return "Planned, with its agenda drafted. ctrl+z takes it back."
        return "Saved. ctrl+z takes it back."


def _person_line(p: Person) -> str:
    return ", ".join(x for x in (p.name, p.role, p.email) if x)


class RecordForm(FormScreen):
    """What a workshop raised and agreed (its actions are added with t on the tab)."""

    def __init__(self, program: Flourish, workshop: Workshop):
        super().__init__()
        self.program, self.workshop = program, workshop
        self.names = {t.id: t.name for t in program.teams()}

    @property
    def heading(self) -> str:
        return f"Record · {self.workshop.title}"

    def fields(self) -> ComposeResult:
        w = self.workshop
        reflections = "\n".join(
            f"{self.names.get(r.team_id, r.team_id)}: {r.worked} | {r.hard}" for r in w.reflections
        )
        yield from field(
            "From the 1-to-1s",
            TextArea(reflections, id="reflections", soft_wrap=True),
            hint="School: what worked well | what was hard",
        )
        yield from field(
            "Issues raised",
            TextArea("\n".join(format_issue(i) for i in w.issues), id="issues", soft_wrap=True),
            hint="political/rational/emotional: issue => approach",
        )
        yield from field(
            "Priorities agreed",
            TextArea("\n".join(w.priorities), id="priorities", soft_wrap=True),
            hint="one per line, most important first",
        )
        if suggested := self._from_findings():
            yield Static(Text(f"The findings' priorities: {suggested}", style="dim"))
        for field_id, label, value in (
            ("authority", "The authority's response to the key findings", w.authority_response),
            ("next", "Next steps", w.next_steps),
            ("evaluation", "Evaluation", w.evaluation),
        ):
            yield from field(label, TextArea(value, id=field_id, soft_wrap=True))

    def _from_findings(self) -> str:
        """The conditions the key findings say to prioritise, to rank with any new ones."""
        found = self.program.workshop_findings(self.workshop)
        if found is None:
            return ""
        return ", ".join(f.condition.label for f in found[1].priorities)

    def submit(self) -> Any:
        changes: dict[str, Any] = {}
        if self.changed("reflections"):
            found = self.lines("reflections", parse_reflection)
            changes["reflections"] = [
                Reflection(team_id=self._team(school), worked=worked, hard=hard)
                for school, worked, hard in found
            ]
        if self.changed("issues"):
            changes["issues"] = self.lines("issues", parse_issue)
        if self.changed("priorities"):
            changes["priorities"] = [p for p in self.text("priorities").splitlines() if p.strip()]
        for field_id, name in (
            ("authority", "authority_response"),
            ("next", "next_steps"),
            ("evaluation", "evaluation"),
        ):
            if self.changed(field_id):
                changes[name] = self.text(field_id)
        if not changes:
            return self.workshop
        return self.program.update_workshop(self.workshop.id, **changes)

    def _team(self, school: str) -> str:
        from tui.dialogs.base import FormError

        try:
            return self.program.team(school).id
        except FlourishError as e:
            raise FormError("reflections", str(e)) from None

    def done(self, result) -> str:
        return "Recorded. ctrl+z takes it back."


class WorkshopDetail(DetailScreen):
    def __init__(self, program: Flourish, workshop_id: str):
        super().__init__()
        self.program, self.workshop_id = program, workshop_id
        self.fetch()

    def fetch(self) -> None:
        self.record = self.program.workshop(self.workshop_id)
        self.actions = self.program.workshop_actions(self.record)
        self.findings = self.program.workshop_findings(self.record)
        self.names = {t.id: t.name for t in self.program.teams()}
        self.tz = self.program.cluster().tz

    @property
    def heading(self) -> str:
        return self.record.title

    def rows(self) -> Iterable[Widget]:
        w = self.record
        start = w.start.astimezone(self.tz)
        end = w.end.astimezone(self.tz)
        yield line("When", f"{weekday_day(start.date())}, {start:%H:%M} to {end:%H:%M}")
        yield line("Place", w.place)
        yield line("Attendees", ", ".join(p.name for p in w.attendees))
        yield section("Agenda")
        agenda = "\n".join(
            f"{at:%H:%M}  {item.title} ({item.minutes} min)"
            + "".join(f"\n       {n}" for n in item.notes.splitlines())
            for at, item in timed(start, w.agenda)
        )
        yield block(agenda)
        if self.findings:
            grid, found = self.findings
            yield section(f"Key findings: {grid.round.name}")
            lines = [f"Doing well: {f.condition.label} ({f.mean})" for f in found.strengths]
            lines += [f"To prioritise: {f.condition.label} ({f.mean})" for f in found.priorities]
            yield block("\n".join(lines), "no ratings in this round yet")
        yield section("From the 1-to-1s")
        yield block(
            "\n".join(
                f"{self.names.get(r.team_id, '?')}: worked well: {r.worked or '—'}; "
                f"hard: {r.hard or '—'}"
                for r in w.reflections
            ),
            "none recorded: r records them",
        )
        yield section("Issues raised")
        yield block("\n".join(format_issue(i) for i in w.issues), "none recorded")
        yield section("Priorities agreed")
        yield block("\n".join(f"{n}. {p}" for n, p in enumerate(w.priorities, 1)), "none yet")
        yield section("Actions agreed")
        yield block(
            "\n".join(
                f"{a.title} ({a.owner or 'no owner'}, {a.status.label})" for a in self.actions
            ),
            "none yet: t on the tab adds one to the cluster plan",
        )
        yield section("The authority's response")
        yield block(w.authority_response)
        yield section("Next steps")
        yield block(w.next_steps)
        yield section("Evaluation")
        yield block(w.evaluation)
