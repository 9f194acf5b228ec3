"""Aspiring leaders in the app: add or edit one, add an activity beyond their school, add
dated feedback, and read their activities in full."""

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from domain.leaders import AspiringLeader, LeaderActivity, Outcome
from storage.facade import Flourish
from tui.dialogs.base import FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section


class LeaderForm(FormScreen):
    def __init__(self, program: Flourish, leader: AspiringLeader | None = None):
        super().__init__()
        self.program, self.leader = program, leader
        self.unchanged = False

    @property
    def heading(self) -> str:
        return "Add an aspiring leader" if self.leader is None else f"Edit · {self.leader.name}"

    def fields(self) -> ComposeResult:
        p = self.leader
        teams = [(Text(t.name), t.id) for t in self.program.teams()]
        yield from field("Name", Input(p.name if p else "", id="name"))
        yield from field(
            "Their school",
            Select(teams, value=p.team_id if p else teams[0][1], allow_blank=False, id="team"),
        )
        with Horizontal(classes="row"):
            yield from field("Role", Input(p.role if p else "", id="role"))
            yield from field("Email", Input(p.email if p else "", id="email"))
        yield from field("Mentor", Input(p.mentor if p else "", id="mentor"))

    def submit(self) -> Any:
        values = {
            "name": self.required("name", "The name"),
            "team": str(self.query_one("#team", Select).value),
            "role": self.text("role"),
            "email": self.text("email"),
            "mentor": self.text("mentor"),
        }
        if self.leader is None:
            name, team = values.pop("name"), values.pop("team")
            return self.program.add_leader(name, team, **values)
        changes = {k: v for k, v in values.items() if self.changed(k)}
        if not changes:
            self.unchanged = True
            return self.leader
        return self.program.update_leader(self.leader.id, **changes)

    def done(self, result) -> str:
        return "Nothing changed." if self.unchanged else "Saved. ctrl+z takes it back."


class ActivityForm(FormScreen):
    def __init__(self, program: Flourish, leader: AspiringLeader):
        super().__init__()
        self.program, self.leader = program, leader

    @property
    def heading(self) -> str:
        return f"An activity beyond their school · {self.leader.name}"

    def fields(self) -> ComposeResult:
        yield from field("Activity", Input(placeholder="Lead the shared music project", id="title"))
        yield from field("Where", Input(placeholder="which school, partner or group", id="where"))
        yield from field(
            "Success criteria",
            TextArea("", id="criteria", soft_wrap=True),
            hint="what will show it went well",
        )
        yield from field("Leadership behaviours", Input(id="behaviours"), hint="comma-separated")
        with Horizontal(classes="row"):
            outcomes = [(o.value, o.value) for o in Outcome]
            yield from field(
                "Formal outcome",
                Select(outcomes, value=Outcome.NONE.value, allow_blank=False, id="outcome"),
            )
            yield from field("To whom", Input(id="outcome-to"))
            yield from field("When", Input(placeholder="none", id="outcome-on"))

    def submit(self) -> Any:
        title = self.required("title", "The activity")
        when = self.text("outcome-on").strip()
        on = self.checked("outcome-on", self.program.read_date, when) if when else None
        return self.program.add_leader_activity(
            self.leader.id,
            title,
            where=self.text("where"),
            success_criteria=self.text("criteria"),
            behaviours=self.text("behaviours"),
            outcome=str(self.query_one("#outcome", Select).value),
            outcome_to=self.text("outcome-to"),
            outcome_on=on,
        )

    def done(self, result) -> str:
        return "Activity added. ctrl+z takes it back."


class FeedbackForm(FormScreen):
    def __init__(self, program: Flourish, leader: AspiringLeader, acts: list[LeaderActivity]):
        super().__init__()
        self.program, self.leader, self.acts = program, leader, acts

    @property
    def heading(self) -> str:
        return f"Feedback · {self.leader.name}"

    def fields(self) -> ComposeResult:
        options = [(Text(a.title), a.id) for a in self.acts]
        yield from field(
            "On the activity",
            Select(options, value=self.acts[-1].id, allow_blank=False, id="activity"),
        )
        yield from field("Feedback", TextArea("", id="text", soft_wrap=True))
        yield from field("Given on", Input("today", id="on"))

    def submit(self) -> Any:
        text = self.required("text", "The feedback")
        on = self.checked("on", self.program.read_date, self.required("on", "When"), "past")
        activity = str(self.query_one("#activity", Select).value)
        return self.program.add_feedback(activity, text, on=on)

    def done(self, result) -> str:
        return "Feedback added. ctrl+z takes it back."


class LeaderDetail(DetailScreen):
    def __init__(self, program: Flourish, leader_id: str):
        super().__init__()
        self.program, self.leader_id = program, leader_id
        self.fetch()

    def fetch(self) -> None:
        self.record = self.program.leader(self.leader_id)
        self.acts = self.program.leader_activities(self.record.id)
        self.school = {t.id: t.name for t in self.program.teams()}.get(self.record.team_id, "?")

    @property
    def heading(self) -> str:
        return self.record.name

    def rows(self) -> Iterable[Widget]:
        p = self.record
        yield line("School", self.school)
        yield line("Role", p.role)
        yield line("Mentor", p.mentor)
        for a in self.acts:
            yield section(a.title)
            yield line("Where", a.where)
            yield line("Success criteria", a.success_criteria)
            yield line("Behaviours", ", ".join(a.behaviours))
            if a.outcome is not Outcome.NONE:
                to = f" to {a.outcome_to}" if a.outcome_to else ""
                yield line("Outcome", f"a {a.outcome.value}{to}, {a.outcome_on or 'date not set'}")
            log = "\n".join(f"{f.on}{' ' + f.by if f.by else ''}: {f.text}" for f in a.feedback)
            yield block(log, "no feedback yet: f adds some")
        if not self.acts:
            yield block("", "no activity yet: t adds one")
