"""The tabs of the team view. Each pane is a table of one kind of record with its own keys."""

from dataclasses import replace
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Select, Static

from domain.actions import CLOSED_STATUSES, ActionItem, ActionStatus
from domain.cluster import Team
from storage.facade import Flourish
from tui import cells
from tui import challenges as shown
from tui.challenges import CHALLENGE_BINDINGS, ChallengeActions


class Pane(Vertical):
    """A table of records keyed by id, refilled by `load` whenever the workspace changes."""

    hint = ""

    def __init__(self, **kwargs):
        super().__init__(classes="pane", **kwargs)
        self.program: Flourish | None = None
        self.team: Team | None = None
        self.today: date | None = None
        self.records: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        yield from self.extra()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        if self.hint:
            yield Static(self.hint, classes="pane-hint")

    def extra(self) -> ComposeResult:
        return ()

    def load(self, program: Flourish, team: Team, today: date) -> None:
        self.program, self.team, self.today = program, team, today
        self.refill()

    def refill(self) -> None:
        if self.program is None:
            return
        table = self.query_one(DataTable)
        keep = self.selected_id()
        widths = self._widths()
        if [c.width for c in table.ordered_columns] != widths:
            table.clear(columns=True)
            for (label, _), width in zip(self.columns(), widths, strict=True):
                table.add_column(label, width=width)
        table.clear()
        rows = self.rows()
        self.records = {record.id: record for record, _ in rows}
        for record, row in rows:
            for text, width in zip(row, widths, strict=True):
                text.truncate(width, overflow="ellipsis")
            table.add_row(*row, key=record.id)
        if keep in self.records:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _widths(self) -> list[int]:
        """Fixed columns as given; the one of width None takes what is left."""
        columns = self.columns()
        fixed = sum(width or 0 for _, width in columns)
        spare = self.size.width - fixed - 2 * len(columns) - 2
        return [width or max(12, spare) for _, width in columns]

    def on_resize(self) -> None:
        self.refill()

    def columns(self) -> tuple[tuple[str, int | None], ...]:
        """(label, width) pairs; one width may be None to take the rest of the line."""
        raise NotImplementedError

    def rows(self) -> list[tuple[object, list]]:
        raise NotImplementedError

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self):
        record = self.records.get(self.selected_id())
        if record is None:
            self.notify("Nothing is selected.", severity="warning", timeout=3)
        return record

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def push(self, screen) -> None:
        self.app.push_screen(screen)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        record = self.records.get(event.row_key.value)
        if record is not None:
            self.open(record)

    def open(self, record) -> None:
        pass

    def confirm_delete(self, question: str, verb) -> None:
        from tui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_verb(verb, "Deleted. ctrl+z brings it back.")

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)


# -- action plan -------------------------------------------------------------------------

ALL = "all"
OPEN = "open"


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
    hint = "Enter details · p d b o x set status · n note · f filter · del delete"

    def extra(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select([], prompt="All stages", id="f-stage")
            yield Select([], prompt="All owners", id="f-owner")
            yield Select(
                [("Open items", OPEN), *((s.label, s.value) for s in ActionStatus)],
                prompt="Any status",
                id="f-status",
            )

    def load(self, program, team, today) -> None:
        self.program, self.team, self.today = program, team, today
        self._all = program.actions(team.id)
        stages = [(f"{s.number} {s.name}", s.number) for s in program.cluster().template.stages]
        owners = sorted({a.owner for a in self._all if a.owner}, key=str.casefold)
        self._set_options("#f-stage", stages)
        self._set_options("#f-owner", [(o, o) for o in owners])
        self.refill()

    def _set_options(self, selector: str, options: list) -> None:
        select = self.query_one(selector, Select)
        value = select.value
        select.set_options(options)
        if value in {v for _, v in options}:
            select.value = value

    def columns(self):
        return (("St", 2), ("Action", None), ("Owner", 14), ("Due", 9), ("Status", 13))

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
            if status not in (Select.NULL, OPEN) and a.status != status:
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


class CheckInsPane(Pane):
    BINDINGS = [
        Binding("a", "add", "Log", id="checkins.add"),
        Binding("e", "edit", "Edit", id="checkins.edit"),
        Binding("delete", "delete", "Delete", id="checkins.delete", show=False),
    ]
    hint = "Enter reads a check-in whole · a logs one · e edits · del deletes"

    def columns(self):
        return (("Date", 11), ("Kind", 11), ("Coach", 14), ("Notes", None), ("", 2))

    def rows(self):
        return [
            (
                c,
                [
                    Text(cells.day(c.date, self.today)),
                    Text(c.kind.value),
                    Text(c.coach),
                    Text(cells.first_line(c.notes, 50) or "—"),
                    Text("🔒" if c.confidential else ""),
                ],
            )
            for c in self.program.checkins(self.team.id)
        ]

    def action_add(self) -> None:
        self.app.action_log_checkin(self.team.id)

    def action_edit(self) -> None:
        from tui.dialogs.checkin_view import CheckInEditForm

        if checkin := self.selected():
            self.push(CheckInEditForm(self.program, checkin))

    def action_delete(self) -> None:
        if checkin := self.selected():
            self.confirm_delete(
                f"Delete the {checkin.kind.value} check-in of {checkin.date}? "
                "The actions agreed at it stay in the plan.",
                lambda: self.program.delete_checkin(checkin.id),
            )

    def open(self, record) -> None:
        from tui.dialogs.checkin_view import CheckInDetail

        self.push(CheckInDetail(self.program, record))


# -- challenges and briefings ------------------------------------------------------------


class ChallengesPane(ChallengeActions, Pane):
    BINDINGS = [Binding("a", "add", "Raise", id="challenges.add"), *CHALLENGE_BINDINGS]
    hint = "Enter opens it · a raise · e escalate · r response · d resolve · ? all keys"

    def columns(self):
        wide = self.size.width >= 120
        return (
            ("Age", 4),
            ("Severity" if wide else "Sev", 10 if wide else 6),
            ("Status", 12),
            ("Waiting on", 12),
            ("Challenge", None),
            ("Kind", 8 if wide else 4),
        )

    def rows(self):
        wide = self.size.width >= 120
        rows = []
        for c in reversed(self.program.challenges(self.team.id)):  # newest first
            overdue = shown.overdue_days(self.program, c, self.today)
            rows.append(
                (
                    c,
                    [
                        Text(f"{c.age_days(self.today)}d"),
                        shown.severity(c.severity, wide=wide),
                        shown.status(c),
                        shown.overdue(overdue) if overdue else shown.waiting(c, self.today),
                        Text(c.title, style="" if c.is_open else "dim"),
                        shown.kind(c.kind, wide=wide),
                    ],
                )
            )
        return rows

    def current_challenge(self):
        return self.records.get(self.selected_id())

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    def refill(self) -> None:
        super().refill()
        self.refresh_bindings()  # a move may no longer apply (or now apply)

    def action_add(self) -> None:
        from tui.dialogs.challenge import ChallengeForm

        self.push(ChallengeForm(self.program, self.team.id))

    def open(self, record) -> None:
        self.open_challenge(record.id)


class BriefingsPane(Pane):
    BINDINGS = [
        Binding("a", "add", "Schedule", id="briefings.add"),
        Binding("m", "move", "Move", id="briefings.move"),
        Binding("x", "cancel", "Cancel", id="briefings.cancel"),
        Binding("e", "edit", "Edit", id="briefings.edit"),
        Binding("p", "plan", "Default plan", id="briefings.plan"),
    ]
    hint = "Enter details · a schedule · m move · x cancel · e edit · p plan the default briefings"

    def columns(self):
        return (("When", 17), ("Min", 3), ("Briefing", None), ("Where", 16), ("For", 9))

    def rows(self):
        rows = []
        zone = self.program.cluster().tz
        for b in self.program.briefings(self.team.id):
            start = b.start.astimezone(zone)
            when = Text(f"{cells.day(start.date(), self.today)} {start:%H:%M}")
            if start.date() < self.today:
                when.stylize("dim")
            scope = "this team" if b.team_id else "cluster"
            title = Text(b.title)
            if b.cancelled:
                title = Text("✗ cancelled ", style=cells.WARN) + title
            row = [when, Text(str(b.minutes)), title, Text(b.location), Text(scope)]
            if b.cancelled:
                for text in row:
                    text.stylize("dim")
            rows.append((b, row))
        return rows

    def action_add(self) -> None:
        from tui.dialogs.briefing import BriefingForm

        self.push(BriefingForm(self.program, self.team.id))

    def action_move(self) -> None:
        from tui.dialogs.briefing import BriefingMoveForm

        if briefing := self.selected():
            self.push(BriefingMoveForm(self.program, briefing))

    def action_edit(self) -> None:
        from tui.dialogs.briefing import BriefingEditForm

        if briefing := self.selected():
            self.push(BriefingEditForm(self.program, briefing))

    def action_cancel(self) -> None:
        from tui.dialogs.briefing import CancelBriefingScreen

        briefing = self.selected()
        if briefing is None:
            return
        if briefing.cancelled:
            self.notify(
                "That briefing is already cancelled; m moves it to a new time.",
                severity="warning",
                timeout=4,
            )
            return
        if briefing.end <= self.program.now():
            self.notify("That briefing has already taken place.", severity="warning", timeout=4)
            return

        def answered(reason: str | None) -> None:
            if reason is not None:
                self.app.run_verb(
                    lambda: self.program.cancel_briefing(briefing.id, reason=reason),
                    "Briefing cancelled; it stays listed so calendars mark it cancelled. "
                    "ctrl+z undoes it.",
                )

        cluster = self.program.cluster()
        shown = replace(briefing, start=briefing.start.astimezone(cluster.tz))
        self.app.push_screen(CancelBriefingScreen(shown, cluster.timezone), answered)

    def action_plan(self) -> None:
        from tui.dialogs.briefing_plan import BriefingPlanScreen

        self.push(BriefingPlanScreen(self.program, self.team.id))

    def open(self, record) -> None:
        from tui.dialogs.briefing import BriefingDetail

        self.push(BriefingDetail(self.program, record))


# -- people ------------------------------------------------------------------------------


class PeoplePane(Pane):
    BINDINGS = [Binding("e", "edit", "Edit team", id="people.edit")]

    def extra(self) -> ComposeResult:
        yield Static(id="team-facts")

    def columns(self):
        return (("", 12), ("Name", 22), ("Role", None), ("Email", 28))

    def rows(self):
        team = self.team
        facts = Text(f"Program start {cells.day(team.start)}")
        if team.school_type:
            facts.append(f" · {team.school_type}")
        facts.append(" · e edits the team")
        self.query_one("#team-facts", Static).update(facts)
        groups = [("Coach", [team.coach]), ("Member", team.members)]
        groups.append(("Line manager", team.line_managers))
        rows = []
        for group, people in groups:
            for n, person in enumerate(people):
                row = [Text(group, style="dim"), Text(person.name), Text(person.role)]
                rows.append((_Row(f"{group}-{n}"), [*row, Text(person.email)]))
        return rows

    def action_edit(self) -> None:
        from tui.dialogs.team import TeamForm

        self.push(TeamForm(self.program, self.team))


class _Row:
    """A table row with no record of its own (people are part of the team)."""

    def __init__(self, id: str):
        self.id = id
