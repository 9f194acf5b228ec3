"""The HPT action plan: add or edit an item, add a progress note, and read an item in full."""

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from domain.actions import ActionItem, ActionStatus
from domain.dates import weekday_day
from domain.errors import ValidationError
from storage.facade import Flourish
from tui.cells import WARN, day, status
from tui.dialogs.base import FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section

DUE_HINT = "fri, +2w, 2026-12-04"
UNCHANGED = "unchanged"
EDITABLE = ("title", "owner", "stage", "due", "success_criteria", "evidence")


# -- the forms -------------------------------------------------------------------------------


def stage_options(program: Flourish, current: int | None = None) -> list[tuple[Text, int]]:
    options = [(Text(f"{s.number} {s.name}"), s.number) for s in program.cluster().template.stages]
    if current is not None and all(number != current for _, number in options):
        options.append((Text(f"{current} (not in the program now)"), current))
    return options


def owner_names(program: Flourish, team_id: str) -> list[str]:
    """The team's members first, then anyone else who already owns one of its actions."""
    team = program.team(team_id)
    names = [p.name for p in team.members] + [a.owner for a in program.actions(team.id)]
    return list(dict.fromkeys(n for n in names if n.strip()))


class ActionForm(FormScreen):
    """Add an action to a team's plan (`action` None) or edit one."""

    title = "New action"

    def __init__(self, program: Flourish, team_id: str, action: ActionItem | None = None):
        super().__init__()
        self.program = program
        self.team_id = team_id
        self.action = action
        self.unchanged = False
        self.title = self.heading  # for a FormScreen that reads `title` rather than `heading`

    @property
    def heading(self) -> str:
        return "New action" if self.action is None else "Edit action"

    def fields(self) -> ComposeResult:
        action = self.action
        if action is None:
            current = self.program.timeline(self.team_id).stage_on(self.program.today())
            stage = current.number if current else 1
        else:
            stage = action.stage
        suggester = SuggestFromList(owner_names(self.program, self.team_id), case_sensitive=False)
        yield from field(
            "Title",
            Input(action.title if action else "", placeholder="what will be done", id="title"),
        )
        with Horizontal(classes="row"):
            yield from field(
                "Owner",
                Input(action.owner if action else "", suggester=suggester, id="owner"),
                hint="→ completes",
            )
            yield from field(
                "Stage",
                Select(
                    stage_options(self.program, stage), value=stage, allow_blank=False, id="stage"
                ),
            )
        with Horizontal(classes="row"):
            due = action.due.isoformat() if action and action.due else ""
            yield from field("Due", Input(due, placeholder="none", id="due"), hint=DUE_HINT)
            if action is not None:
                yield from field(
                    "Status",
                    Select(
                        [(s.label, s.value) for s in ActionStatus],
                        value=action.status.value,
                        allow_blank=False,
                        id="status",
                    ),
                )
        yield from field(
            "Success criteria",
            TextArea(action.success_criteria if action else "", id="criteria", soft_wrap=True),
            hint="what will the difference look like?",
        )
        if action is not None:
            yield from field("Evidence", TextArea(action.evidence, id="evidence", soft_wrap=True))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title").focus()

    def submit(self):
        title = self.required("title", "The title")
        due_text = self.text("due").strip()
        due = self.checked("due", self.program.read_date, due_text, "future") if due_text else None
        if self.action is None or due != self.action.due:
            self.question_far("due", due, "The due date")
        values = {
            "title": title,
            "owner": self.text("owner").strip(),
            "stage": self.query_one("#stage", Select).value,
            "due": due,
            "success_criteria": self.text("criteria").strip(),
        }
        if self.action is None:
            return self.program.add_action(self.team_id, values.pop("title"), **values)
        values["evidence"] = self.text("evidence").strip()
        changes = {k: v for k, v in values.items() if v != getattr(self.action, k)}
        chosen = self.query_one("#status", Select).value
        new_status = chosen if chosen != self.action.status.value else None
        if not changes and new_status is None:
            self.unchanged = True
            return self.action
        return self.program.update_action(self.action.id, status=new_status, **changes)

    def done(self, result) -> str:
        # No user text here: the base shows this message as markup.
        if self.action is None:
            due = f", due {weekday_day(result.due)}" if result.due else ""
            return f"Action added to the plan{due}."
        return "Nothing changed." if self.unchanged else "Action updated."


class NoteForm(FormScreen):
    """A dated progress note on an action, with an optional change of status."""

    title = "Progress note"

    def __init__(self, program: Flourish, action: ActionItem):
        super().__init__()
        self.program = program
        self.action = action
        self.title = type(self).title  # Screen.__init__ set it to None

    def fields(self) -> ComposeResult:
        yield Static(Text(self.action.title, style="bold"), id="note-action")
        yield from field(
            "Note",
            TextArea(id="note", soft_wrap=True),
            hint=f"dated {self.program.today().isoformat()}",
        )
        options = [(f"{UNCHANGED} ({self.action.status.label})", UNCHANGED)]
        options += [(s.label, s.value) for s in ActionStatus if s is not self.action.status]
        yield from field("Status", Select(options, value=UNCHANGED, allow_blank=False, id="status"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#note").focus()

    def submit(self):
        note = self.required("note", "The note")
        chosen = self.query_one("#status", Select).value
        return self.program.update_action(
            self.action.id, status=None if chosen == UNCHANGED else chosen, note=note
        )

    def done(self, result) -> str:
        return f"Note added; the action is {result.status.label}."


class ActionDetail(DetailScreen):
    """One action in full, with every progress note."""

    def __init__(self, program: Flourish, action: ActionItem):
        super().__init__()
        self.program = program
        self.action = action

    @property
    def heading(self) -> str:
        return self.action.title

    def fetch(self) -> None:
        self.action = self.program.action(self.action.id)

    def rows(self) -> Iterable[Widget]:
        action, today = self.action, self.program.today()
        try:
            stage = self.program.cluster().template.stage(action.stage)
            stage_text = Text(f"{stage.number} {stage.name}")
        except ValidationError:  # a stage the template no longer has
            stage_text = Text(str(action.stage))
        yield line("Owner", action.owner)
        yield line("Stage", stage_text)
        yield line("Due", due_text(action, today))
        yield line("Status", status(action.status))
        yield section("Success criteria")
        yield block(action.success_criteria)
        yield section("Evidence")
        yield block(action.evidence)
        yield section(f"Progress notes ({len(action.notes)})")
        yield from notes(action, today)


def due_text(action: ActionItem, today: date) -> Text:
    if action.due is None:
        return Text("no due date", style="dim")
    text = Text(f"{action.due.isoformat()} ({action.due:%a} {day(action.due, today)})")
    if action.is_overdue(today):
        late = (today - action.due).days
        text.append(f"  OVERDUE by {late} day{'s' * (late != 1)}", style=WARN)
    return text


def notes(action: ActionItem, today: date) -> Iterable[Widget]:
    if not action.notes:
        yield block("", empty="No notes yet.")
    for note in sorted(action.notes, key=lambda n: n.date):
        heading = Text(note.date.isoformat(), style="bold")
        if note.by:
            heading.append(" · ")
            heading.append(note.by)
        yield Static(heading, classes="detail-line")
        yield block(note.text)
