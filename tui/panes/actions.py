"""The action plan tab: the team's HPT action plan items, filtered, with their status keys."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Select

from domain.actions import CLOSED_STATUSES, ActionItem, ActionStatus, due_this_week
from domain.text import shown
from tui import cells
from tui.panes.base import Pane

ALL = "all"
OPEN = "open"
LATE = "late"  # overdue and still open
WEEK = "week"  # open and due within the next seven days


class ActionPlanPane(Pane):
    BINDINGS = [
        Binding("a", "add", "Add", id="plan.add"),
        Binding("e", "edit", "Edit", id="plan.edit"),
        Binding("n", "note", "Note", id="plan.note"),
        Binding("p", "status('in-progress')", "In progress", id="plan.in_progress"),
        Binding("d", "status('done')", "Done", id="plan.done"),
        Binding("b", "status('blocked')", "Blocked", id="plan.blocked", show=False),
        Binding("o", "status('not-started')", "Not started", id="plan.not_started", show=False),
        Binding("x", "status('dropped')", "Dropped", id="plan.dropped", show=False),
        Binding("f", "filter", "Filter", id="plan.filter"),
        Binding("delete", "delete", "Delete", id="plan.delete", show=False),
    ]
    hint = (
        "Enter details · {plan.in_progress} {plan.done} {plan.blocked} {plan.not_started} "
        "{plan.dropped} set status · {plan.note} note · {plan.filter} filter · {plan.delete} delete"
    )

    def extra(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select([], prompt="All stages", id="f-stage")
            yield Select([], prompt="All owners", id="f-owner")
            yield Select(
                [
                    ("Open items", OPEN),
                    ("Late", LATE),
                    ("Due this week", WEEK),
                    *((s.label, s.value) for s in ActionStatus),
                ],
                prompt="Any status",
                id="f-status",
            )

    def load(self, program, team, today) -> None:
        self.program, self.team, self.today = program, team, today
        self._all = program.actions(team.id)
        stages = [
            (Text(f"{s.number} {s.name}"), s.number) for s in program.cluster().template.stages
        ]
        owners = sorted({a.owner for a in self._all if a.owner}, key=str.casefold)
        self._set_options("#f-stage", stages)
        # Prompts as Text: a string would be read as markup, and "A [/] B" is an owner's name.
        self._set_options("#f-owner", [(Text(shown(o)), o) for o in owners])
        self.refill()

    def _set_options(self, selector: str, options: list) -> None:
        select = self.query_one(selector, Select)
        value = select.value
        select.set_options(options)
        if value in {v for _, v in options}:
            select.value = value

    def columns(self):
        return (("St", 2), ("Action", None), ("Owner", 14, 24), ("Due", 11, 13), ("Status", 13))

    def rows(self):
        stage, owner, status = (
            self.query_one(f"#f-{name}", Select).value for name in ("stage", "owner", "status")
        )
        shown = []
        for a in self._all:
            if stage is not Select.NULL and a.stage != stage:
                continue
            if owner is not Select.NULL and a.owner != owner:
                continue
            if status == OPEN and a.status in CLOSED_STATUSES:
                continue
            if status == LATE and not a.is_overdue(self.today):
                continue
            if status == WEEK and not due_this_week(a, self.today):
                continue
            if status not in (Select.NULL, OPEN, LATE, WEEK) and a.status != status:
                continue
            shown.append((a, self._row(a)))
        return shown

    def _row(self, a: ActionItem) -> list:
        overdue = a.is_overdue(self.today)
        title = Text(a.title, style=cells.WARN if overdue else "")
        if a.notes:
            title.append(f"  ✎{len(a.notes)}", style="dim")
        due = Text(cells.day(a.due, self.today))
        if overdue:
            due = Text(f"⚠ {cells.day(a.due, self.today)}", style=cells.WARN)
        stage = Text(str(a.stage), style=cells.STAGE_STYLES.get(a.stage, ""))
        return [stage, title, Text(a.owner), due, cells.status(a.status)]

    @on(Select.Changed, ".filters Select")
    def _filtered(self) -> None:
        if self.program is not None:
            self.refill()

    def action_filter(self) -> None:
        filters = self.query_one(".filters")
        filters.toggle_class("-shown")
        if filters.has_class("-shown"):
            self.query_one("#f-stage").focus()
        else:
            for select in filters.query(Select):
                select.clear()
            self.focus_table()

    def action_add(self) -> None:
        from tui.dialogs.action import ActionForm

        self.push(ActionForm(self.program, self.team.id))

    def action_edit(self) -> None:
        from tui.dialogs.action import ActionForm

        if action := self.selected():
            self.push(ActionForm(self.program, self.team.id, action))

    def action_note(self) -> None:
        from tui.dialogs.action import NoteForm

        if action := self.selected():
            self.push(NoteForm(self.program, action))

    def action_status(self, status: str) -> None:
        if action := self.selected():
            label = ActionStatus(status).label
            self.app.run_verb(
                lambda: self.program.update_action(action.id, status=status),
                f"{cells.first_line(action.title, 40)}: {label}.",
            )

    def action_delete(self) -> None:
        if action := self.selected():
            self.confirm_delete(
                f"Delete the action “{cells.first_line(action.title, 60)}”?",
                lambda: self.program.delete_action(action.id),
            )

    def open(self, record) -> None:
        from tui.dialogs.action import ActionDetail

        self.push(ActionDetail(self.program, record))


# -- check-ins ---------------------------------------------------------------------------
