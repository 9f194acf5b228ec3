"""Implementation challenges: raise one for a team, and the forms of its lifecycle (escalate to
the chair, record the chair's response, resolve, withdraw, reopen, put it on a briefing).

Every form saves through one facade verb; the facade's refusals (an illegal move, a date to
come) show in the form, under the field they concern when there is one."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from domain.challenges import (
    Category,
    Challenge,
    ChallengeKind,
    Level,
    Outcome,
    ResponseKind,
    WaitingOn,
    responses_for,
    severity_of,
)
from domain.errors import FlourishError, ValidationError
from storage.facade import Flourish
from tui import cells
from tui.cells import challenge as show
from tui.dialogs.base import FormError, FormScreen, field

RAISED_HINT = "today, yesterday, mon or 2026-11-20"
PAST_HINT = "today, yesterday, 3 Dec or 2026-11-20"


def category_options(kind: str) -> list[tuple[Text, str]]:
    return [(Text(c.label), c.value) for c in Category if c.kind == kind]


KIND_HINT = "Internal: arises in the school. External: from outside it (the authority, say)."


def level_options() -> list[tuple[str, str]]:
    return [(level.value, level.value) for level in Level]


class ChallengeForm(FormScreen):
    """Raise an internal or external implementation challenge for a team: its impact on the
    program and its urgency give its severity, shown as they are picked."""

    title = "Raise a challenge"

    def __init__(self, program: Flourish, team_id: str):
        super().__init__()
        self.program = program
        self.team_id = team_id
        self.title = type(self).title  # Screen.__init__ set it to None

    def fields(self) -> ComposeResult:
        team = self.program.team(self.team_id)
        yield Static(Text(team.name, style="bold"), id="challenge-team")
        kind = ChallengeKind.INTERNAL.value
        with Horizontal(classes="row"):
            yield from field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in ChallengeKind],
                    value=kind,
                    allow_blank=False,
                    id="kind",
                ),
            )
            yield from field(
                "Impact on plan",
                Select(level_options(), value=Level.MEDIUM.value, allow_blank=False, id="impact"),
            )
            yield from field(
                "Urgency",
                Select(level_options(), value=Level.MEDIUM.value, allow_blank=False, id="urgency"),
            )
        # Said under the row: a hint beside each label overlapped the next at 80 columns.
        yield Static(KIND_HINT, id="kind-hint", classes="dim")
        yield Static(self._severity(), id="severity")
        yield from field(
            "Category",
            Select(category_options(kind), prompt="Pick a category", id="category"),
        )
        yield from field("Title", Input(placeholder="the challenge in a line", id="title"))
        yield from field(
            "Description",
            TextArea(id="description", soft_wrap=True),
            hint="what is happening and its effect on the plan",
        )
        yield from field("Raised on", Input("today", id="raised"), hint=RAISED_HINT)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#kind").focus()

    def _level(self, field_id: str) -> Level:
        value = self.query_one(f"#{field_id}", Select).value
        return Level(str(value)) if value != Select.NULL else Level.MEDIUM

    def _severity(self) -> Text:
        if not self.is_mounted:
            impact = urgency = Level.MEDIUM
        else:
            impact, urgency = self._level("impact"), self._level("urgency")
        text = Text.styled("Severity  ", "bold")
        text.append_text(show.severity(severity_of(impact, urgency)))
        text.append(f"  impact {impact.value} × urgency {urgency.value}", style="dim")
        return text

    @on(Select.Changed, "#impact, #urgency")
    def _level_changed(self) -> None:
        self.query_one("#severity", Static).update(self._severity())

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        category = self.query_one("#category", Select)
        if event.value == Select.NULL:
            return
        chosen = category.value
        category.set_options(category_options(str(event.value)))
        if chosen != Select.NULL and Category(str(chosen)).kind == event.value:
            category.value = chosen

    def submit(self):
        kind = self.query_one("#kind", Select).value
        category = self.query_one("#category", Select).value
        if category == Select.NULL:
            raise FormError("category", f"Pick the kind of {kind} challenge this is.")
        title = self.required("title", "The title")
        raised_on = self.checked(
            "raised",
            self.program.read_date,
            self.required("raised", "The date"),
            "past",
        )
        try:
            return self.program.raise_challenge(
                self.team_id,
                category=category,
                kind=kind,
                title=title,
                description=self.text("description"),
                impact=self._level("impact").value,
                urgency=self._level("urgency").value,
                raised_on=raised_on,
            )
        except ValidationError as e:
            # The one rule about the date (not in the future) belongs under the date.
            if e.field == "raised_on":
                raise FormError("raised", str(e)) from None
            raise

    def done(self, result) -> str:
        return f"Challenge raised ({result.kind.value}, {result.severity.value})."


# -- the lifecycle -----------------------------------------------------------------------------


def about(program: Flourish, c: Challenge) -> Static:
    """The challenge a form acts on: its title, school, kind, severity and status."""
    text = Text.styled(c.title, "bold")
    try:
        school = program.team(c.team_id).name
    except FlourishError:
        school = "—"
    text.append("\n")
    text.append(school)
    text.append(f" · {c.kind.value} · ")
    text.append_text(show.severity(c.severity))
    text.append(f" · {c.status.label}")
    return Static(text, id="challenge-about", classes="challenge-about")


class ChallengeMoveForm(FormScreen):
    """A form that moves one challenge along its lifecycle."""

    def __init__(self, program: Flourish, challenge: Challenge):
        super().__init__()
        self.program = program
        self.challenge = challenge
        self.title = self.heading  # Screen.__init__ set it to None

    @property
    def team_id(self) -> str:
        return self.challenge.team_id


class EscalateForm(ChallengeMoveForm):
    """Hand a raised challenge to the cluster chair."""

    title = "Escalate to the cluster chair"

    def fields(self) -> ComposeResult:
        yield about(self.program, self.challenge)
        yield from field(
            "Why the chair is needed",
            TextArea(id="reason", soft_wrap=True),
            hint="what the team cannot resolve alone",
        )
        yield from field(
            "Expected impact on the schedule",
            TextArea(id="schedule-impact", soft_wrap=True),
            hint="what will slip, and by how much",
        )

    def submit(self):
        reason = self.required("reason", "The reason for escalating")
        impact = self.required("schedule-impact", "The expected impact on the schedule")
        return self.program.escalate_challenge(
            self.challenge.id, reason=reason, schedule_impact=impact
        )

    def done(self, result) -> str:
        return f"Escalated to the chair: {result.title}"


def people_options(program: Flourish, team_id: str) -> list[tuple[Text, str]]:
    """The team's members and line managers and the cluster's executive stakeholders."""
    options = []
    for group, person in program.invitees(team_id):
        text = Text(person.name)
        role = person.role or group
        text.append(f"  {role}", style="dim")
        if role != group:
            text.append(f" · {group}", style="dim")
        options.append((text, person.name))
    return options


class RespondForm(ChallengeMoveForm):
    """Record what the chair did about an escalated challenge; the chair is then acting on it."""

    title = "Record the chair's response"

    def __init__(self, program: Flourish, challenge: Challenge):
        super().__init__(program, challenge)
        self.kinds = responses_for(challenge.kind)
        self._auto_awaiting = self.kinds[0].waits_on.value  # what the response kind suggests
        self._awaiting_touched = False

    def fields(self) -> ComposeResult:
        yield about(self.program, self.challenge)
        first = self.kinds[0]
        yield from field(
            "What the chair did",
            Select(
                [(Text(k.label), k.value) for k in self.kinds],
                value=first.value,
                allow_blank=False,
                id="response-kind",
            ),
            hint=f"for an {self.challenge.kind.value} challenge",
        )
        with Horizontal(classes="row"):
            yield from field("When", Input("today", id="on"), hint=PAST_HINT)
            yield from field(
                "Waiting on next",
                Select(
                    [(w.value, w.value) for w in WaitingOn],
                    value=first.waits_on.value,
                    allow_blank=False,
                    id="awaiting",
                ),
            )
        yield from field(
            "With whom",
            SelectionList(*people_options(self.program, self.team_id), id="with-whom"),
            hint="space ticks a name",
        )
        yield from field(
            "Others",
            Input(placeholder="names not listed, separated by commas", id="others"),
        )
        yield from field(
            "Outcome", TextArea(id="outcome", soft_wrap=True), hint="what was agreed or learnt"
        )

    @on(Select.Changed, "#response-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        # Whose move it is usually follows from the response, until picked by hand.
        if event.value != Select.NULL and not self._awaiting_touched:
            self._auto_awaiting = ResponseKind(str(event.value)).waits_on.value
            self.query_one("#awaiting", Select).value = self._auto_awaiting

    @on(Select.Changed, "#awaiting")
    def _awaiting_changed(self, event: Select.Changed) -> None:
        if event.value != self._auto_awaiting:
            self._awaiting_touched = True

    def with_whom(self) -> list[str]:
        picked = list(self.query_one("#with-whom", SelectionList).selected)
        typed = [name.strip() for name in self.text("others").split(",") if name.strip()]
        return picked + [name for name in typed if name not in picked]

    def action_save(self) -> None:
        # A revised schedule is recorded by the revision itself (it answers the challenge), so
        # that choice opens the revision in place of this form: one response, not two.
        if self.query_one("#response-kind", Select).value == ResponseKind.REVISED_SCHEDULE:
            from tui.dialogs.revision import RevisionForm

            form = RevisionForm(
                self.program,
                self.challenge.team_id,
                challenge_id=self.challenge.id,
                reason=self.text("outcome").strip(),
            )
            self.dismiss(None)
            self.app.push_screen(form)
            return
        super().action_save()

    def submit(self):
        kind = self.query_one("#response-kind", Select).value
        on_date = self.checked(
            "on", self.program.read_date, self.required("on", "The date"), "past"
        )
        outcome = self.required("outcome", "The outcome")
        try:
            return self.program.respond_to_challenge(
                self.challenge.id,
                kind=str(kind),
                outcome=outcome,
                on=on_date,
                with_whom=self.with_whom(),
                awaiting=str(self.query_one("#awaiting", Select).value),
            )
        except ValidationError as e:
            if e.field == "on":  # a response still to come belongs under the date
                raise FormError("on", str(e)) from None
            raise

    def done(self, result) -> str:
        return f"Response recorded: {result.title} (waiting on {result.waiting_on.value})."


class ResolveForm(ChallengeMoveForm):
    """Close a challenge with how it was resolved and how it ended."""

    title = "Resolve a challenge"

    def fields(self) -> ComposeResult:
        yield about(self.program, self.challenge)
        yield from field(
            "How it ended",
            Select([(Text(o.label), o.value) for o in Outcome], prompt="Pick one", id="outcome"),
        )
        yield from field(
            "Resolution",
            TextArea(id="resolution", soft_wrap=True),
            hint="what resolved it, for the chair's record",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#outcome").focus()

    def submit(self):
        outcome = self.query_one("#outcome", Select).value
        if outcome == Select.NULL:
            raise FormError("outcome", "Pick how the challenge ended.")
        resolution = self.required("resolution", "The resolution")
        return self.program.resolve_challenge(
            self.challenge.id, resolution=resolution, outcome=str(outcome)
        )

    def done(self, result) -> str:
        return f"Resolved: {result.title}"


class ReasonForm(ChallengeMoveForm):
    """Withdraw a challenge, or reopen a resolved one, saying why."""

    HEADINGS = {"withdraw": "Withdraw a challenge", "reopen": "Reopen a challenge"}
    HINTS = {
        "withdraw": "why it no longer needs the chair or the team",
        "reopen": "what has come back",
    }

    def __init__(self, program: Flourish, challenge: Challenge, move: str):
        self.move = move
        self.save_label = move.capitalize()
        super().__init__(program, challenge)

    @property
    def heading(self) -> str:
        return self.HEADINGS[self.move]

    def fields(self) -> ComposeResult:
        yield about(self.program, self.challenge)
        yield from field(
            "Reason", TextArea(id="reason", soft_wrap=True), hint=self.HINTS[self.move]
        )

    def submit(self):
        what = "withdrawing" if self.move == "withdraw" else "reopening"
        reason = self.required("reason", f"The reason for {what}")
        verb = (
            self.program.withdraw_challenge
            if self.move == "withdraw"
            else self.program.reopen_challenge
        )
        return verb(self.challenge.id, reason=reason)

    def done(self, result) -> str:
        moved = "Withdrawn" if self.move == "withdraw" else "Reopened"
        return f"{moved}: {result.title} (now {result.status.label})."


class BriefingPicker(ChallengeMoveForm):
    """Put a challenge on an upcoming stakeholder briefing for its team or the whole cluster."""

    title = "Put the challenge on a briefing"
    save_label = "Link"
    FIRST_FIELD = "#briefing"

    def __init__(self, program: Flourish, challenge: Challenge):
        super().__init__(program, challenge)
        now = program.now()
        self.briefings = [
            b for b in program.briefings(challenge.team_id) if not b.cancelled and b.start > now
        ]

    def fields(self) -> ComposeResult:
        yield about(self.program, self.challenge)
        today = self.program.today()
        options = []
        for b in self.briefings:
            linked = b.id in self.challenge.briefing_ids
            text = Text(f"{b.start:%a} {cells.day(b.start.date(), today)} {b.start:%H:%M}  ")
            text.append(b.title)
            text.append("  this team" if b.team_id else "  whole cluster", style="dim")
            if linked:
                text.append("  (already on it)", style="dim")
            options.append(Option(text, id=b.id, disabled=linked))
        hint = "Enter links the highlighted one"
        if not options:
            hint = "none: schedule one from the team's Briefings tab"
        yield from field("Upcoming briefings", OptionList(*options, id="briefing"), hint=hint)

    @on(OptionList.OptionSelected, "#briefing")
    def _chosen(self) -> None:
        self.action_save()

    def submit(self):
        picker = self.query_one("#briefing", OptionList)
        if not self.briefings:
            raise FormError("briefing", "There is no upcoming briefing for this team or cluster.")
        if picker.highlighted is None:
            raise FormError("briefing", "Pick a briefing.")
        option = picker.get_option_at_index(picker.highlighted)
        if option.disabled:
            raise FormError("briefing", "The challenge is on that briefing already.")
        return self.program.link_briefing(self.challenge.id, option.id)

    def done(self, result) -> str:
        return f"On the briefing: {result.title}"
