"""Implementation challenges: raise one for a team, and read one with its status history."""

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from domain.challenges import Category, Challenge, ChallengeKind, Severity
from domain.dates import parse_date
from domain.errors import FlourishError, ValidationError
from storage.facade import Flourish
from tui.cells import WARN
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.detail import DetailScreen, block, line, section

RAISED_HINT = "today, yesterday, mon or 2026-11-20"
SEVERITY_STYLES = {
    Severity.LOW: "",
    Severity.MEDIUM: "#d7af5f",
    Severity.HIGH: "bold #ff875f",
    Severity.CRITICAL: WARN,
}


def category_options(kind: str) -> list[tuple[Text, str]]:
    return [(Text(c.label), c.value) for c in Category if c.kind == kind]


def words(value: str) -> str:
    """`chair-acting` as `chair acting`."""
    return value.replace("-", " ")


class ChallengeForm(FormScreen):
    """Raise an internal or external implementation challenge for a team."""

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
                hint="in school / outside",
            )
            yield from field(
                "Severity",
                Select(
                    [(s.value, s.value) for s in Severity],
                    value=Severity.MEDIUM.value,
                    allow_blank=False,
                    id="severity",
                ),
            )
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

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        category = self.query_one("#category", Select)
        if event.value == Select.NULL:
            return
        chosen = category.value
        category.set_options(category_options(str(event.value)))
        if chosen != Select.NULL and Category(chosen).kind == event.value:
            category.value = chosen

    def submit(self):
        kind = self.query_one("#kind", Select).value
        category = self.query_one("#category", Select).value
        if category == Select.NULL:
            raise FormError("category", f"Pick the kind of {kind} challenge this is.")
        title = self.required("title", "The title")
        raised_on = self.checked(
            "raised",
            parse_date,
            self.required("raised", "The date"),
            self.program.today(),
            "past",
        )
        try:
            return self.program.raise_challenge(
                self.team_id,
                category=category,
                kind=kind,
                title=title,
                description=self.text("description"),
                severity=self.query_one("#severity", Select).value,
                raised_on=raised_on,
            )
        except ValidationError as e:
            # The one rule about the date (not in the future) belongs under the date.
            if str(raised_on) in str(e):
                raise FormError("raised", str(e)) from None
            raise

    def done(self, result) -> str:
        # No user text here: the base shows this message as markup.
        return f"Challenge raised ({result.kind.value}, {result.severity.value})."


class ChallengeDetail(DetailScreen):
    """One challenge in full, with its status history."""

    def __init__(self, program: Flourish, challenge: Challenge):
        super().__init__()
        self.program = program
        self.challenge = challenge

    @property
    def heading(self) -> str:
        return self.challenge.title

    def fetch(self) -> None:
        self.challenge = self.program.challenge(self.challenge.id)

    def rows(self) -> Iterable[Widget]:
        c, today = self.challenge, self.program.today()
        try:
            team = Text(self.program.team(c.team_id).name)
        except FlourishError:
            team = Text("—")
        age = c.age_days(today)
        raised = Text(c.raised_on.isoformat())
        if c.raised_by:
            raised.append(" by ")
            raised.append(c.raised_by)
        yield line("Team", team)
        yield line("Kind", c.kind.value)
        yield line("Category", c.category.label)
        yield line("Severity", Text(c.severity.value, style=SEVERITY_STYLES[c.severity]))
        yield line("Status", words(c.status.value))
        yield line("Raised on", raised)
        yield line("Age", f"{age} day{'s' * (age != 1)}")
        yield section("Description")
        yield block(c.description)
        yield section(f"History ({len(c.history)})")
        if not c.history:
            yield block("", empty="No changes recorded.")
        tz = self.program.cluster().tz
        for change in c.history:
            heading = Text(f"{change.at.astimezone(tz):%Y-%m-%d %H:%M}", style="bold")
            heading.append(f"  {words(change.status.value)}")
            if change.by:
                heading.append(" · ")
                heading.append(change.by)
            yield Static(heading, classes="detail-line")
            if change.note.strip():
                yield block(change.note)
