"""The cluster plan's forms: add or edit a cluster action (or one agreed at a workshop), add a
progress note, read one in full with its progress in each school, and a cluster goal."""

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from domain.actions import ActionStatus
from domain.cluster_plan import ClusterAction, ClusterGoal, GoalArea
from storage.facade import Flourish
from tui.cells import WARN, day, status
from tui.dialogs.action import DUE_HINT
from tui.dialogs.base import FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section

NO_ORIGIN = ""


def people_names(program: Flourish) -> list[str]:
    """Who may own a cluster action: the chair, stakeholders, heads and coaches."""
    cluster = program.cluster()
    names = [cluster.chair.name, *(p.name for p in cluster.stakeholders)]
    for team in program.teams():
        names += [team.coach.name, *(p.name for p in team.members if "head" in p.role.lower())]
    return list(dict.fromkeys(n for n in names if n.strip()))


def origin_options(program: Flourish) -> list[tuple[Text, str]]:
    options = [(Text("—"), NO_ORIGIN)]
    options += [(Text(f"Key finding: {c.label}"), f"finding:{c.key}") for c in program.conditions()]
    options += [(Text(f"Workshop: {w.title}"), f"workshop:{w.id}") for w in program.workshops()]
    options += [(Text(f"Goal: {g.want}"), f"goal:{g.id}") for g in program.cluster_goals()]
    return options


class ClusterActionForm(FormScreen):
    """A new cluster action, one agreed at `workshop_id`'s workshop, or one edited."""

    def __init__(
        self,
        program: Flourish,
        action: ClusterAction | None = None,
        workshop_id: str | None = None,
    ):
        super().__init__()
        self.program, self.action, self.workshop_id = program, action, workshop_id
        self.unchanged = False

    @property
    def heading(self) -> str:
        if self.workshop_id:
            return "An action the workshop agreed · into the cluster plan"
        return "New cluster action" if self.action is None else "Edit the cluster action"

    def fields(self) -> ComposeResult:
        a = self.action
        suggest = SuggestFromList(people_names(self.program), case_sensitive=False)
        yield from field(
            "Title", Input(a.title if a else "", placeholder="what the cluster will do", id="title")
        )
        with Horizontal(classes="row"):
            owner = Input(a.owner if a else "", suggester=suggest, id="owner")
            yield from field("Owner", owner, hint="→ completes")
            due = a.due.isoformat() if a and a.due else ""
            yield from field("Due", Input(due, placeholder="none", id="due"), hint=DUE_HINT)
        if a is not None:
            options = [(s.label, s.value) for s in ActionStatus]
            yield from field(
                "Status", Select(options, value=a.status.value, allow_blank=False, id="status")
            )
        chosen = set(a.team_ids) if a else set()
        teams = [(t.name, t.id, t.id in chosen) for t in self.program.teams()]
        yield from field(
            "Schools involved", SelectionList(*teams, id="schools"), hint="space ticks a school"
        )
        yield from field(
            "Success criteria",
            TextArea(a.success_criteria if a else "", id="criteria", soft_wrap=True),
            hint="what will the difference look like?",
        )
        if a is not None:
            yield from field("Evidence", TextArea(a.evidence, id="evidence", soft_wrap=True))
        if self.workshop_id is None:
            yield from field(
                "Where it came from",
                Select(
                    origin_options(self.program),
                    value=a.origin if a and a.origin else NO_ORIGIN,
                    allow_blank=False,
                    id="origin",
                ),
            )

    def submit(self) -> Any:
        title = self.required("title", "The title")
        due_text = self.text("due").strip()
        due = self.checked("due", self.program.read_date, due_text, "future") if due_text else None
        if self.action is None or due != self.action.due:
            self.question_far("due", due, "The due date")
        schools = list(self.query_one("#schools", SelectionList).selected)
        criteria = self.text("criteria").strip()
        owner = self.text("owner").strip()
        if self.workshop_id:
            return self.program.agree_action(
                self.workshop_id,
                title,
                owner=owner,
                due=due,
                schools=schools,
                success_criteria=criteria,
            )
        origin = str(self.query_one("#origin", Select).value)
        if self.action is None:
            return self.program.add_cluster_action(
                title,
                owner=owner,
                due=due,
                success_criteria=criteria,
                schools=schools,
                origin=origin,
            )
        return self._edit(title, owner, due, schools, criteria, origin)

    def _edit(self, title, owner, due, schools, criteria, origin) -> ClusterAction:
        a = self.action
        assert a is not None
        changes: dict[str, Any] = {}
        # Only what the user changed: a field left alone keeps another window's change.
        for name, value, field_id in (
            ("title", title, "title"),
            ("owner", owner, "owner"),
            ("success_criteria", criteria, "criteria"),
            ("evidence", self.text("evidence").strip(), "evidence"),
            ("origin", origin, "origin"),
        ):
            if self.changed(field_id):
                changes[name] = value
        if self.changed("due"):
            changes["due"] = due
        if self.changed("schools"):
            changes["schools"] = schools
        new_status = str(self.query_one("#status", Select).value)
        status_changed = self.changed("status")
        if not changes and not status_changed:
            self.unchanged = True
            return a
        return self.program.update_cluster_action(
            a.id, status=new_status if status_changed else None, **changes
        )

    def done(self, result) -> str:
        if self.unchanged:
            return "Nothing changed."
        if self.workshop_id:
            return "Added to the cluster plan, from this workshop. ctrl+z takes it back."
        return "Saved. ctrl+z takes it back."


class ClusterNoteForm(FormScreen):
    def __init__(self, program: Flourish, action: ClusterAction):
        super().__init__()
        self.program, self.action = program, action

    @property
    def heading(self) -> str:
        return f"Progress note · {self.action.title}"

    def fields(self) -> ComposeResult:
        yield from field("Note", TextArea("", id="note", soft_wrap=True), hint="dated today")

    def submit(self) -> Any:
        note = self.required("note", "The note")
        return self.program.update_cluster_action(self.action.id, note=note)

    def done(self, result) -> str:
        return "Note added. ctrl+z takes it back."


class ClusterActionDetail(DetailScreen):
    """A cluster action in full: where it came from, its schools and their linked actions."""

    def __init__(self, program: Flourish, action_id: str):
        super().__init__()
        self.program, self.action_id = program, action_id
        self.fetch()

    def fetch(self) -> None:
        self.record = self.program.cluster_action(self.action_id)
        self.cascade = self.program.cascade(self.record)
        self.linked = self.program.cascaded_actions(self.record)
        self.names = {t.id: t.name for t in self.program.teams()}
        self.origin = self.program.origin_label(self.record)
        self.today = self.program.today()

    @property
    def heading(self) -> str:
        return self.record.title

    def rows(self) -> Iterable[Widget]:
        a = self.record
        yield line("Status", status(a.status))
        yield line("Owner", a.owner or "not set")
        due = Text(day(a.due, self.today) if a.due else "not set")
        if a.is_overdue(self.today):
            due.append("  late", style=WARN)
        yield line("Due", due)
        if self.origin:
            yield line("From", self.origin)
        yield section("What will the difference look like")
        yield block(a.success_criteria)
        yield section(f"In the schools' plans: {self.cascade.label}")
        rows = []
        for team_id, item in sorted(self.linked.items(), key=lambda kv: self.names.get(kv[0], "")):
            text = Text(f"{self.names.get(team_id, '?')}: ")
            text.append_text(status(item.status))
            if item.is_overdue(self.today):
                text.append("  late", style=WARN)
            rows.append(text)
        for team_id in self.cascade.missing:
            rows.append(Text(f"{self.names.get(team_id, '?')}: not in its plan yet (k)", "dim"))
        yield Vertical(*(Static(t, classes="detail-line") for t in rows), classes="detail-block")
        yield section("Evidence")
        yield block(a.evidence)
        yield section("Progress notes")
        notes = "\n".join(f"{n.date} {n.by + ': ' if n.by else ''}{n.text}" for n in a.notes)
        yield block(notes, "none yet: n adds one")


class ClusterGoalForm(FormScreen):
    def __init__(self, program: Flourish, goal: ClusterGoal | None = None):
        super().__init__()
        self.program, self.goal = program, goal
        self.unchanged = False

    @property
    def heading(self) -> str:
        return "New cluster goal" if self.goal is None else "Edit the cluster goal"

    def fields(self) -> ComposeResult:
        g = self.goal
        areas = [
            ("The cluster plan", GoalArea.PLAN.value),
            ("Governance", GoalArea.GOVERNANCE.value),
        ]
        if g is None:
            yield from field(
                "For", Select(areas, value=GoalArea.PLAN.value, allow_blank=False, id="area")
            )
        with Horizontal(classes="row"):
            with Vertical(classes="goal-side"):
                yield from field("Where the cluster is now", Input(g.now if g else "", id="now"))
                yield from field(
                    "Evidence",
                    TextArea(g.now_evidence if g else "", id="now-evidence", soft_wrap=True),
                    hint="one per line",
                )
            with Vertical(classes="goal-side"):
                yield from field("Where it wants to be", Input(g.want if g else "", id="want"))
                yield from field(
                    "Evidence",
                    TextArea(g.want_evidence if g else "", id="want-evidence", soft_wrap=True),
                    hint="what will show it",
                )

    def submit(self) -> Any:
        values = {
            "now": self.required("now", "Where the cluster is now"),
            "want": self.required("want", "Where it wants to be"),
            "now_evidence": self.text("now-evidence").strip(),
            "want_evidence": self.text("want-evidence").strip(),
        }
        if self.goal is None:
            area = str(self.query_one("#area", Select).value)
            return self.program.add_cluster_goal(area=area, **values)
        ids = {
            "now": "now",
            "want": "want",
            "now_evidence": "now-evidence",
            "want_evidence": "want-evidence",
        }
        changes = {k: v for k, v in values.items() if self.changed(ids[k])}
        if not changes:
            self.unchanged = True
            return self.goal
        return self.program.update_cluster_goal(self.goal.id, **changes)

    def done(self, result) -> str:
        return "Nothing changed." if self.unchanged else "Saved. ctrl+z takes it back."
