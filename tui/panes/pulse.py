"""The team view's Pulse tab: one row per survey dimension with its months as a sparkline,
the latest score and band, the change since last month and the responses. `a` records a
month, `e` (or Enter) corrects the latest one, `t` makes the highlighted score an action.

The display pieces (scores with their band, arrows, sparklines, the summary line) are shared
with the cluster heatmap. What is hidden, low or falling is the facade's to say, not ours."""

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from domain.pulse import LatestPulse, PulseDimension, PulsePoint, change
from domain.scales import Band, band
from tui import cells
from tui.dialogs.finding_action import offer
from tui.panes.base import Pane

# Colour is never the only signal: each band also has its word (or letter) beside the score.
BAND_STYLES = {Band.LOW: "bold #ff5f5f", Band.MEDIUM: "#d7af5f", Band.HIGH: "#87d787"}
BAND_LETTERS = {Band.LOW: "L", Band.MEDIUM: "M", Band.HIGH: "H"}
BAND_RANGES = {Band.LOW: "0–3", Band.MEDIUM: "4–7", Band.HIGH: "8–10"}
BARS = "▁▂▃▄▅▆▇█"  # 0 to 10, the same scale for every dimension
TREND = 12  # months the sparkline shows
HIDDEN = "–"  # a result too few answered: never its score
EMPTY = "No pulse results yet: record a month with a, or import a CSV with `flourish pulse import`."


def number(score: float) -> str:
    """`6.0`, `6.5`, `3.95`: one decimal unless the score has more (3.95 is not 4.0)."""
    return f"{score:.1f}" if round(score, 1) == score else f"{score:g}"


def scored(score: float, word: bool = True) -> Text:
    """A shown score with its band: `6.5 medium` (or `6.5 M`), in the band's colour."""
    b = band(score)
    return Text(f"{number(score)} {b.value if word else BAND_LETTERS[b]}", style=BAND_STYLES[b])


def arrow(delta: float | None) -> Text:
    """The change since last month: `▲ 0.6`, `▼ 1.5`, `= 0`, or `–` when there is none."""
    if delta is None:
        return Text("–", style="dim")
    if delta > 0:
        return Text(f"▲ {delta:g}", style="#87d787")
    if delta < 0:
        return Text(f"▼ {abs(delta):g}", style=cells.WARN)
    return Text("= 0", style="dim")


def month_name(month: date) -> str:
    return f"{month:%b %Y}"


def sparkline(points: list[PulsePoint], months: list[date]) -> Text:
    """One bar per month, on a 0-10 scale; a hidden or missing month is a gap, never a bar."""
    scores = {p.month: p.score for p in points}
    text = Text()
    for month in months:
        score = scores.get(month)
        if score is None:
            text.append(" ")
        else:
            text.append(BARS[round(score / 10 * (len(BARS) - 1))], style=BAND_STYLES[band(score)])
    return text


def month_range(trends: dict[str, list[PulsePoint]], last: int = TREND) -> list[date]:
    """Every calendar month from the first result to the latest, the last `last` of them."""
    found = [p.month for points in trends.values() for p in points]
    if not found:
        return []
    month, end, months = min(found), max(found), []
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months[-last:]


def summary(latest: LatestPulse | None, dimensions: tuple[PulseDimension, ...]) -> Text:
    """The latest month, its mean and change, and which dimensions are low or falling."""
    if latest is None:
        return Text("No pulse results yet.", style="dim")
    labels = {d.key: d.label for d in dimensions}
    text = Text(month_name(latest.month), style="bold")
    if latest.mean is None:
        text.append(" · every result hidden (too few responses)", style="dim")
    else:
        text.append(" · mean ")
        text.append_text(scored(latest.mean))
        text.append(" · ")
        text.append_text(arrow(latest.change))
        text.append(" since last month" if latest.change is not None else " no change to show")
    for what, keys in (("low", latest.low), ("falling", latest.falling)):
        if keys:
            text.append(f" · ⚠ {what}: ", style=cells.WARN)
            text.append(", ".join(labels.get(k, k) for k in keys), style=cells.WARN)
    if not latest.low and not latest.falling and latest.mean is not None:
        text.append(" · nothing low or falling", style="dim")
    return text


@dataclass(frozen=True)
class DimensionRow:
    id: str  # the dimension's key
    dimension: PulseDimension


class PulsePane(Pane):
    BINDINGS = [
        Binding("a", "record", "Record month", id="pulse.record"),
        Binding("e", "correct", "Correct latest", id="pulse.correct"),
        Binding("t", "make_action", "Make action", id="pulse.make_action"),
    ]
    hint = (
        "{pulse.record} record a month · Enter or {pulse.correct} correct the latest · "
        "{pulse.make_action} make the score an action"
    )

    def extra(self) -> ComposeResult:
        yield Static(id="pulse-summary")

    def load(self, program, team, today) -> None:
        self.program, self.team, self.today = program, team, today
        self.dimensions = program.pulse_dimensions()
        self.trends = program.pulse_trends(team.id)
        self.latest = program.pulse_latest(team.id)
        self.least = program.cluster().template.pulse_min_responses
        self.months = month_range(self.trends)
        self.query_one(DataTable).display = self.latest is not None
        self.query_one("#pulse-summary", Static).update(self._summary())
        self.refill()

    def _summary(self) -> Text:
        if self.latest is None:
            return Text(EMPTY)
        text = summary(self.latest, self.dimensions)
        first, last = self.months[0], self.months[-1]
        since = f"{first:%b}" if first.year == last.year else month_name(first)
        text.append(
            f"\nBars: {since} to {month_name(last)}, one a month, 0–10 · "
            f"fewer than {self.least} responses: hidden",
            style="dim",
        )
        return text

    def columns(self):
        # Each as wide as what it holds: at 200 columns a trend stays beside its label.
        return (("Dimension", 24), ("Trend", TREND), ("Latest", 20), ("Change", 6), ("Resp", 4))

    def rows(self):
        if self.latest is None:
            return []
        return [(DimensionRow(d.key, d), self._row(d)) for d in self.dimensions]

    def _row(self, d: PulseDimension) -> list[Text]:
        points = self.trends.get(d.key, [])
        flagged = d.key in self.latest.low or d.key in self.latest.falling
        label = Text(f"⚠ {d.label}" if flagged else d.label, style=cells.WARN if flagged else "")
        if not points:
            return [label, Text(), Text("no results", style="dim"), arrow(None), Text()]
        last = points[-1]
        if last.score is None:
            latest = Text(f"hidden ({last.responses} responses)", style="dim")
        else:
            latest = scored(last.score)
        if last.month != self.latest.month:  # not surveyed in the team's latest month
            latest.append(f" · {last.month:%b}", style="dim")
        return [
            label,
            sparkline(points, self.months),
            latest,
            arrow(change(points)),
            Text(str(last.responses), style="dim" if last.hidden else ""),
        ]

    # -- keys ------------------------------------------------------------------------------

    def action_record(self) -> None:
        from tui.dialogs.pulse import PulseForm

        self.push(PulseForm(self.program, self.team.id))

    def action_correct(self) -> None:
        from tui.dialogs.pulse import PulseForm

        if self.latest is None:
            self.notify("No month recorded yet: a records one.", severity="warning", timeout=4)
            return
        self.push(PulseForm(self.program, self.team.id, self.latest.month))

    def open(self, record) -> None:
        self.action_correct()

    def action_make_action(self) -> None:
        row = self.selected()
        if row is None:
            return
        program, team_id = self.program, self.team.id
        offer(
            self.app, program, lambda choices: program.action_from_pulse(team_id, row.id, choices)
        )
