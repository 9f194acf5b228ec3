"""The sustainability grid's forms: a school's rating of one condition (0-10 and the evidence
for it, filled in when it is rated already), and a new round of self-assessment."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static, TextArea

from domain.dates import day_month_year
from domain.errors import FlourishError
from domain.scales import Band, band
from domain.sustainability import AssessmentRound, Rating, find_condition, parse_rating
from storage.facade import Flourish
from tui.dialogs.base import FormError, FormScreen, field
from tui.panes.pulse import BAND_RANGES

SCALE = " · ".join(f"{BAND_RANGES[b]} {b.value}" for b in Band)
DATE_HINT = "e.g. 2026-11-02, today, last mon"


class NarrowForm(FormScreen):
    """A form narrower than the app's dialogs (whose width the app's stylesheet sets)."""

    dialog_width = 76

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#dialog").styles.max_width = self.dialog_width


def _rating(program: Flourish, team_id: str, condition: str, round_id: str) -> Rating | None:
    found = program.ratings(team_id, round=round_id)
    return next((r for r in found if r.condition == condition), None)


class RatingForm(NarrowForm):
    title = "Rate a condition"
    DEFAULT_CSS = """
    RatingForm #rating-about { height: auto; margin-bottom: 1; }
    RatingForm #score { width: 16; }
    """

    def __init__(self, program: Flourish, team_id: str, condition: str, round_id: str):
        super().__init__()
        self.program = program
        self.team = program.team(team_id)
        self.condition = find_condition(program.conditions(), condition)
        self.round = program.assessment_round(round_id)
        self.old = _rating(program, self.team.id, self.condition.key, self.round.id)
        self.before = self._before()

    def _before(self) -> tuple[AssessmentRound, Rating | None] | None:
        """The round before this one and the school's rating in it, for reference."""
        previous = self.program.sustainability_grid(self.round.id).previous
        if previous is None:
            return None
        return previous, _rating(self.program, self.team.id, self.condition.key, previous.id)

    @property
    def heading(self) -> str:
        return f"{self.condition.label} · {self.team.name} · {self.round.name}"

    def fields(self) -> ComposeResult:
        yield Static(self._about(), id="rating-about")
        yield from field(
            "Score",
            Input(str(self.old.score) if self.old else "", placeholder="0–10", id="score"),
            hint=SCALE,
        )
        yield from field(
            "Evidence",
            TextArea(self.old.evidence if self.old else "", id="evidence", soft_wrap=True),
            hint="what shows it; several lines are fine",
        )

    def _about(self) -> Text:
        if self.old:
            text = Text(f"Rated {self.old.score} ({band(self.old.score).value}) in this round")
        else:
            text = Text("Not rated yet in this round")
        if self.before is not None:
            previous, rating = self.before
            if rating is None:
                text.append(f"; not rated in {previous.name}")
            else:
                text.append(f"; {rating.score} ({band(rating.score).value}) in {previous.name}")
        text.append(".")
        text.stylize("dim")
        return text

    def submit(self) -> list[Rating]:
        given = self.text("score").strip()
        if not given:
            raise FormError("score", "Give a score: a whole number from 0 to 10.")
        score = self.checked("score", parse_rating, given)
        evidence = self.text("evidence")
        return self.program.rate(
            self.team.id, {self.condition.key: (score, evidence)}, round=self.round.id
        )

    def done(self, result: list[Rating]) -> str:
        score = result[0].score
        return (
            f"{self.team.name} rates {self.condition.label} {score} ({band(score).value}) "
            f"in {self.round.name}. ctrl+z takes it back."
        )


class NewRoundForm(NarrowForm):
    title = "Start a self-assessment round"
    save_label = "Start"
    DEFAULT_CSS = """
    NewRoundForm #round-about { height: auto; margin-bottom: 1; }
    """
    dialog_width = 64

    def __init__(self, program: Flourish):
        super().__init__()
        self.program = program
        self.today = program.today()

    def fields(self) -> ComposeResult:
        yield Static(
            Text(
                "A round is one pass of the grid across the cluster; the new round is the "
                "one shown and rated, and the one before it is compared with.",
                style="dim",
            ),
            id="round-about",
        )
        yield from field("Name", Input(placeholder="e.g. Spring 2027", id="name"))
        yield from field("Opened on", Input(self.today.isoformat(), id="opened"), hint=DATE_HINT)

    def submit(self) -> AssessmentRound:
        name = self.required("name", "A round's name")
        opened = self.checked("opened", self.program.read_date, self.text("opened"), "past")
        try:
            return self.program.start_round(name, opened)
        except FlourishError as e:  # a name already used: say so under the name
            raise FormError("name", str(e)) from None

    def done(self, result: AssessmentRound) -> str:
        return (
            f"Started the round {result.name}, opened {day_month_year(result.opened_on)}: "
            "highlight a cell and press Enter to rate it. ctrl+z takes it back."
        )
