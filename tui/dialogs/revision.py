"""Revise a team's schedule with the result in view, and read one revision.

`RevisionForm` shows the team's timeline before and after the proposed revision, side by side
on a wide terminal and stacked on a narrow one, redrawn as the user types, with a short list
of what moves. Nothing is stored until ctrl+s; the facade decides what is possible
(`preview_revision`) and applies it (`revise_schedule`).
"""

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from domain.dates import parse_shift
from domain.errors import FlourishError
from domain.program import EventKind
from domain.timeline import (
    ScheduleRevision,
    Timeline,
    build_timeline,
    describe_revision,
    kept_in_place,
)
from storage.facade import Flourish
from tui import cells
from tui.base import StaysCurrent
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section
from tui.widgets.timeline import TimelineBar

REST, STAGE, MILESTONE = "rest", "stage", "milestone"
WIDE = 120  # from this many columns the two timelines sit side by side
MOVES_SHOWN = 6  # milestones listed by name; the rest are counted


def stage_choices(timeline: Timeline, today: date) -> list[tuple[Text, int]]:
    return [
        (Text(f"{s.number} {s.name} (starts {cells.day(s.start, today)})"), s.number)
        for s in timeline.stages
    ]


def milestone_choices(timeline: Timeline, today: date) -> list[tuple[Text, str]]:
    """The milestones one can move: every dated event but the routine coaching check-ins."""
    choices = []
    for m in timeline.milestones:
        if m.kind == EventKind.COACHING:
            continue
        label = Text(f"{m.title} · {cells.day(m.start, today)}")
        if m.start < today:
            label.stylize("dim")
        choices.append((label, m.key))
    return choices


def what_moved(before: Timeline, after: Timeline, today: date) -> list[Text]:
    """Stage windows, the program's end and milestones whose dates differ, as short lines:
    "Foundations 2-day workshop: 3 Feb → 3 Mar"."""

    def span(start: date, end: date) -> str:
        return f"{cells.day(start, today)} – {cells.day(end, today)}"

    lines = []
    for old, new in zip(before.stages, after.stages, strict=False):
        if (old.start, old.end) != (new.start, new.end):
            lines.append(
                Text(
                    f"Stage {new.number} {new.name}: {span(old.start, old.end)} → "
                    f"{span(new.start, new.end)}"
                )
            )
    if before.end != after.end:
        lines.append(
            Text(f"Program ends: {cells.day(before.end, today)} → {cells.day(after.end, today)}")
        )
    old_dates = {m.key: m.start for m in before.milestones}
    moved = [
        (old_dates[m.key], m)
        for m in after.milestones
        if m.key in old_dates and old_dates[m.key] != m.start
    ]
    routine = [m for _, m in moved if m.kind == EventKind.COACHING]
    named = [(was, m) for was, m in moved if m.kind != EventKind.COACHING]
    for was, m in named[:MOVES_SHOWN]:
        lines.append(Text(f"{m.title}: {cells.day(was, today)} → {cells.day(m.start, today)}"))
    if len(named) > MOVES_SHOWN:
        more = len(named) - MOVES_SHOWN
        lines.append(Text(f"… and {more} more milestone{'s' if more != 1 else ''}", style="dim"))
    if routine:
        n = len(routine)
        lines.append(
            Text(f"{n} routine coaching check-in{'s' if n != 1 else ''} move too", style="dim")
        )
    return lines


class RevisionForm(StaysCurrent, FormScreen):
    """Revise one team's schedule: shift the rest of the program from today, shift from a stage
    onward, or move one milestone; optionally as the answer to one of its open challenges.
    Dismisses with the stored ScheduleRevision, or None."""

    title = "Revise the schedule"
    save_label = "Apply revision"

    def __init__(
        self,
        program: Flourish,
        team_id: str,
        challenge_id: str | None = None,
        reason: str = "",
    ):
        super().__init__()
        self.program = program
        self.reason = reason  # as typed in the response form that opened this one
        self.team = program.team(team_id)
        self.team_id = self.team.id
        self.today = program.today()
        self.before = program.timeline(self.team_id)
        self.challenge_id = challenge_id
        if challenge_id:  # an id prefix is fine; one that is gone leaves the field empty
            try:
                self.challenge_id = program.challenge(challenge_id).id
            except FlourishError:
                self.challenge_id = None
        self.saved = False
        self.title = type(self).title  # Screen.__init__ set it to None

    @property
    def heading(self) -> str:
        return f"Revise the schedule: {self.team.name}"

    # -- fields ----------------------------------------------------------------------------

    def fields(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield from field(
                "What to revise",
                Select(
                    [
                        (f"Shift the rest, from today ({cells.day(self.today, self.today)})", REST),
                        ("Shift from a stage onward", STAGE),
                        ("Move one milestone", MILESTONE),
                    ],
                    value=REST,
                    allow_blank=False,
                    id="mode",
                ),
            )
            with Vertical(classes="span-field"):
                yield from field("Shift by", Input(placeholder="+4w", id="span"), hint="+4w -1w")
                yield from field("Move to", Input(placeholder="3 Mar", id="move-to"), hint="a date")
        yield from field(
            "From stage",
            Select(
                stage_choices(self.before, self.today),
                prompt="Pick a stage",
                id="stage",
            ),
        )
        yield from field(
            "Milestone",
            Select(
                milestone_choices(self.before, self.today),
                prompt="Pick a milestone",
                id="milestone",
            ),
        )
        with Horizontal(classes="row"):
            yield from field(
                "Reason",
                Input(self.reason, placeholder="why, and who agreed it", id="reason"),
                "required",
            )
            yield from field(
                "Answers the challenge",
                Select(self._challenge_choices(), prompt="None", id="challenge"),
            )
        with Vertical(id="preview"):
            yield Static(id="preview-error", classes="preview-error")
            with Horizontal(id="bars"):
                with Vertical(classes="bar"):
                    yield Label("Before", classes="field-label")
                    yield TimelineBar(self.before, self.today, id="before")
                with Vertical(classes="bar"):
                    yield Label("After", classes="field-label", id="after-label")
                    yield TimelineBar(self.before, self.today, id="after")
            yield Static(id="moves")

    def _challenge_choices(self) -> list[tuple[Text, str]]:
        shown = [
            c
            for c in self.program.challenges(self.team_id)
            if c.is_open or c.id == self.challenge_id
        ]
        return [(Text(f"{c.title} ({c.status.label})"), c.id) for c in reversed(shown)]

    def on_mount(self) -> None:
        if self.challenge_id in {value for _, value in self._challenge_choices()}:
            self.query_one("#challenge", Select).value = self.challenge_id
        self._show_mode()
        self._fit(self.app.size.width)
        self.refresh_preview()
        self.query_one("#span", Input).focus()
        # FormScreen.on_mount runs next (Textual calls each class's handler) and takes what
        # is there now as the untouched form.

    def on_resize(self) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        self.query_one("#bars").set_class(width >= WIDE, "-wide")

    @property
    def mode(self) -> str:
        return str(self.query_one("#mode", Select).value)

    def _show_mode(self) -> None:
        mode = self.mode
        shown = {
            "span": mode != MILESTONE,
            "move-to": mode == MILESTONE,
            "stage": mode == STAGE,
            "milestone": mode == MILESTONE,
        }
        for field_id, visible in shown.items():
            row = self.query_one(f"#{field_id}").parent
            assert row is not None  # every field sits in its labelled row
            row.display = visible

    @on(Select.Changed, "#mode")
    def _mode_changed(self) -> None:
        self._show_mode()
        self.refresh_preview()

    @on(Input.Changed)
    @on(Select.Changed, "#stage, #milestone, #challenge")
    def _changed(self) -> None:
        self.refresh_preview()

    # -- the proposal ----------------------------------------------------------------------

    def proposal(self) -> dict:
        """The revision as the facade takes it; raises FormError naming the field at fault."""
        challenge = self.query_one("#challenge", Select).value
        proposal: dict = {"challenge_id": None if challenge is Select.NULL else challenge}
        if self.mode == MILESTONE:
            key = self.query_one("#milestone", Select).value
            if key is Select.NULL:
                raise FormError("milestone", "Pick the milestone to move.")
            move_to = self.checked(
                "move-to", self.program.read_date, self.text("move-to"), "future"
            )
            return proposal | {"milestone_key": key, "move_to": move_to}
        shift = self.checked("span", parse_shift, self.text("span"))
        if self.mode == STAGE:
            stage = self.query_one("#stage", Select).value
            if stage is Select.NULL:
                raise FormError("stage", "Pick the stage the shift starts from.")
            return proposal | {"shift_days": shift, "from_stage": stage}
        return proposal | {"shift_days": shift, "from_date": self.today}

    def _incomplete(self) -> str:
        """What is still to be typed before there is anything to preview; '' when ready."""
        if self.mode == MILESTONE:
            if self.query_one("#milestone", Select).value is Select.NULL:
                return "Pick a milestone and the date to move it to."
            if not self.text("move-to").strip():
                return "Type the date to move it to, such as 3 Mar or +2w."
            return ""
        if self.mode == STAGE and self.query_one("#stage", Select).value is Select.NULL:
            return "Pick the stage the shift starts from."
        if not self.text("span").strip():
            return "Type a shift such as +4w, -1w or +10d to see what moves."
        return ""

    def refresh_preview(self) -> None:
        if not self.is_mounted or self.saved:
            return
        error = self.query_one("#preview-error", Static)
        moves = self.query_one("#moves", Static)
        after_label = self.query_one("#after-label", Label)
        try:
            self.before = self.program.timeline(self.team_id)
        except FlourishError as e:  # the team was removed elsewhere
            self.say(error, str(e))
            return
        self.query_one("#before", TimelineBar).show(self.before, self.today)
        after = self.before
        error.display = False
        if waiting := self._incomplete():
            moves.update(Text(waiting, style="dim"))
            after_label.update("After (nothing changed yet)")
        else:
            try:
                _, after, revision = self.program.preview_revision(self.team_id, **self.proposal())
            except (FormError, FlourishError) as e:
                self.say(error, str(e))
                moves.update("")
                after_label.update("After (not possible)")
            else:
                after_label.update(Text(f"After: {describe_revision(revision)}"))
                moved = what_moved(self.before, after, self.today)
                heading = Text("What moves", style="bold")
                if not moved:
                    heading = Text("Nothing moves: no date falls after that point.", style="dim")
                kept = [
                    Text(f"{m.title}: {cells.day(m.start, self.today)}, already past", style="dim")
                    for m in kept_in_place(self.before, revision)
                ]
                if kept:
                    kept.insert(0, Text("Stays where it was", style="bold"))
                moves.update(Text("\n").join([heading, *moved, *kept]))
        self.query_one("#after", TimelineBar).show(after, self.today)

    def reload(self) -> None:
        """The workspace changed (here or elsewhere): preview against what is stored now."""
        self.refresh_preview()

    # -- saving ----------------------------------------------------------------------------

    def _checked_proposal(self) -> tuple[dict, ScheduleRevision]:
        """The proposal as typed, with its reason, and the revision it would make."""
        proposal = self.proposal()
        proposal["reason"] = self.required("reason", "The reason for the revision")
        _, _, revision = self.program.preview_revision(self.team_id, **proposal)
        return proposal, revision

    def action_save(self) -> None:
        checked = self.attempt(self._checked_proposal)
        if checked is None:
            return
        proposal, revision = checked
        done = f"{self.team.name}'s schedule revised: {describe_revision(revision)}."
        self.saved = True
        stored = self.app.run_verb(
            lambda: self.program.revise_schedule(self.team_id, **proposal), done
        )
        if stored is None:  # refused after all (changed elsewhere meanwhile): stay open
            self.saved = False
            self.refresh_preview()
            return
        self.dismiss(stored)


class RevisionDetail(DetailScreen):
    """One schedule revision: what it changes, who made it and why, what it answers."""

    def __init__(self, program: Flourish, revision: ScheduleRevision):
        super().__init__()
        self.program = program
        self.revision = revision

    @property
    def heading(self) -> str:
        return f"Schedule revision: {describe_revision(self.revision)}"

    def fetch(self) -> None:
        self.revision = self.program.revision(self.revision.id, self.revision.team_id)

    def rows(self) -> Iterable[Widget]:
        r = self.revision
        program = self.program
        today = program.today()
        zone = program.cluster().tz
        made = r.created_at.astimezone(zone)
        yield line("Change", describe_revision(r))
        yield line("Made", f"{made:%a} {made.day} {made:%b %Y %H:%M}" + f" by {r.made_by or '—'}")
        if r.active:
            yield line("Status", "active")
        else:
            assert r.reverted_at is not None  # a revision that is not active was reverted
            gone = r.reverted_at.astimezone(zone)
            yield line("Status", Text(f"reverted {gone.day} {gone:%b %Y %H:%M}", style="dim"))
        yield line("Answers", self._challenge())
        yield section("Reason")
        yield block(r.reason)
        if r.active:
            yield section("What it moves")
            moved = self._moved(today)
            yield Static(
                Text("\n").join(moved) if moved else Text("Nothing, as things stand.", "dim"),
                classes="detail-block",
            )

    def _challenge(self) -> str:
        if not self.revision.challenge_id:
            return "—"
        try:
            challenge = self.program.challenge(self.revision.challenge_id)
        except FlourishError:
            return "a challenge no longer in the workspace"
        return f"{challenge.title} ({challenge.status.label})"

    def _moved(self, today: date) -> list[Text]:
        """The team's timeline without this revision, against the timeline with it."""
        program = self.program
        try:
            team = program.team(self.revision.team_id)
            others = [r for r in program.revisions(team.id) if r.id != self.revision.id]
            without = build_timeline(team.start, program.cluster().template, others)
            return what_moved(without, program.timeline(team.id), today)
        except FlourishError:  # later revisions need this one to make sense
            return []
