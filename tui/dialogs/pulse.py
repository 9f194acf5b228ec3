"""Record a month's pulse survey results for a team by hand: the month, then for each
dimension its mean score and number of responses (both blank: left as it is). Opened with a
month, it corrects that month, its results filled in."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from domain.pulse import PulseResult, parse_month, parse_responses, parse_score
from storage.facade import Flourish
from tui.dialogs.base import FormError, FormScreen, field

MONTH_HINT = "2026-11 or Nov 2026"


class PulseForm(FormScreen):
    title = "Record a month's pulse"

    def __init__(self, program: Flourish, team_id: str, month: date | None = None):
        super().__init__()
        self.program = program
        self.team = program.team(team_id)
        self.dimensions = program.pulse_dimensions()
        self.least = program.cluster().template.pulse_min_responses
        self.month = month  # a month to correct; None: a new month
        self.recorded = month or program.today()
        results = program.pulse_results(self.team.id) if month else []
        self.existing = {r.dimension: r for r in results if r.month == month}

    @property
    def heading(self) -> str:
        verb = f"Correct the {self.month:%b %Y} pulse" if self.month else "Record a month's pulse"
        return f"{verb} · {self.team.name}"

    def fields(self) -> ComposeResult:
        month = Input(f"{self.recorded:%b %Y}", id="month", disabled=self.month is not None)
        yield from field("Month", month, hint=MONTH_HINT)
        yield Static(
            Text(
                "Mean score 0–10 and number of responses; both blank: left as it is. "
                f"Fewer than {self.least} responses: kept, never shown.",
                style="dim",
            ),
            classes="pulse-about",
        )
        with Horizontal(classes="pulse-head"):
            yield Label("Dimension", classes="pulse-label")
            yield Label("Score", classes="pulse-number")
            yield Label("Responses", classes="pulse-number")
        for d in self.dimensions:
            old = self.existing.get(d.key)
            with Horizontal(classes="pulse-row"):
                yield Label(Text(d.label), classes="pulse-label")
                yield Input(
                    f"{old.score:g}" if old else "",
                    placeholder="0–10",
                    id=f"score-{d.key}",
                    compact=True,
                )
                yield Input(
                    str(old.responses) if old else "",
                    placeholder="count",
                    id=f"responses-{d.key}",
                    compact=True,
                )
            yield Static(id=f"score-{d.key}-error", classes="error")
            yield Static(id=f"responses-{d.key}-error", classes="error")

    def submit(self) -> list[PulseResult]:
        self.recorded = self.checked("month", parse_month, self.text("month"))
        scores = {}
        for d in self.dimensions:
            score, responses = f"score-{d.key}", f"responses-{d.key}"
            given = self.text(score).strip(), self.text(responses).strip()
            if not any(given):
                continue
            if not given[0]:
                raise FormError(score, f"Give {d.label}'s mean score too, or leave both blank.")
            if not given[1]:
                raise FormError(responses, "Give how many responded too, or leave both blank.")
            scores[d.key] = (
                self.checked(score, parse_score, given[0]),
                self.checked(responses, parse_responses, given[1]),
            )
        return self.program.record_pulse(self.team.id, self.recorded, scores)

    def done(self, result: list[PulseResult]) -> str:
        n = len(result)
        return (
            f"Recorded {n} pulse result{'s' * (n != 1)} for {self.team.name}, "
            f"{self.recorded:%B %Y}. ctrl+z takes them back."
        )
