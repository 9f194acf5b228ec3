"""The monthly HPT pulse survey: each team's mean score (0-10) and response count per
dimension per month, the threshold below which a result is never shown, and trends. Scores
are shaded in the bands of domain.scales, as the self-assessment grid's are.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from domain.csv_rows import csv_rows
from domain.errors import FlourishError, Rejected, ValidationError
from domain.errors import RowsRejected as PulseImportError
from domain.records import Record
from domain.scales import Keyed, check_keyed, find_keyed
from domain.text import quoted

MIN_RESPONSES = 3  # fewer respondents than this and a score could identify someone
FALL = 1.0  # a drop of this much since last month counts as falling
LOW = 4.0  # below this a score is low (the low band)


@dataclass(frozen=True, kw_only=True)
class PulseDimension(Keyed):
    """A dimension of the pulse survey: "voice", "My voice is heard"."""


DEFAULT_DIMENSIONS = (
    PulseDimension(key="purpose", label="Shared purpose"),
    PulseDimension(key="trust", label="Trust and safety"),
    PulseDimension(key="voice", label="My voice is heard"),
    PulseDimension(key="accountability", label="Accountability"),
    PulseDimension(key="collaboration", label="Collaboration"),
    PulseDimension(key="wellbeing", label="Wellbeing"),
)


@dataclass(kw_only=True)
class PulseResult(Record):
    """One team's result on one dimension for one month."""

    team_id: str
    month: date  # the first day of the month
    dimension: str  # a PulseDimension key
    score: float  # the mean, 0-10
    responses: int
    source: str = ""  # "entered by Jo" or "imported from pulse-nov.csv"


def shown(result: PulseResult | None, min_responses: int = MIN_RESPONSES) -> float | None:
    """The score people may see: None when too few responded for it to be anonymous."""
    if result is None or result.responses < min_responses:
        return None
    return result.score


# -- checking what people enter ----------------------------------------------------------------

_MONTH_NAMES = {
    name.lower(): n
    for n in range(1, 13)
    for name in (date(2000, n, 1).strftime("%b"), date(2000, n, 1).strftime("%B"))
}


def parse_month(text: str) -> date:
    """`2026-11`, `2026-11-01`, `Nov 2026` or `November 2026`: the first day of that month."""
    s = " ".join(str(text).strip().replace("/", "-").split())
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?", s):
        year, month = int(m[1]), int(m[2])
    elif (m := re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", s)) and m[1].lower() in _MONTH_NAMES:
        year, month = int(m[2]), _MONTH_NAMES[m[1].lower()]
    else:
        raise ValidationError(f"{quoted(text)} is not a month: write it as 2026-11 or Nov 2026.")
    if not 1 <= month <= 12:
        raise ValidationError(f"{quoted(text)} is not a month: months run from 1 to 12.")
    return date(year, month, 1)


def parse_score(text: str | float) -> float:
    try:
        score = float(str(text).strip())
    except ValueError:
        raise ValidationError(
            f"{quoted(text)} is not a score: give a number from 0 to 10."
        ) from None
    if not 0 <= score <= 10:
        raise ValidationError(f"A pulse score is 0 to 10, not {text}.")
    return round(score, 2)


def parse_responses(text: str | int) -> int:
    s = str(text).strip()
    if not s.isdigit():
        raise ValidationError(f"{quoted(text)} is not a number of responses: give a whole number.")
    return int(s)


def find_dimension(dimensions: tuple[PulseDimension, ...], text: str) -> PulseDimension:
    """A dimension by its key or its label, in any case."""
    return find_keyed(dimensions, text, "pulse dimension")


def check_dimensions(dimensions: list[PulseDimension]) -> tuple[PulseDimension, ...]:
    return check_keyed(dimensions, "A pulse survey", "dimension")


def check_min_responses(n: int) -> int:
    if not 1 <= n <= 50:
        raise ValidationError(f"The anonymity threshold is 1 to 50 responses, not {n}.")
    return n


# -- importing a CSV file ----------------------------------------------------------------------

CSV_COLUMNS = ("team", "month", "dimension", "score", "responses")


@dataclass(frozen=True, kw_only=True)
class PulseRow:
    line: int
    team_id: str
    month: date
    dimension: str
    score: float
    responses: int


def parse_pulse_csv(
    text: str, team_of: Callable[[str], str], dimensions: tuple[PulseDimension, ...]
) -> list[PulseRow]:
    """Every row of a pulse CSV (team, month, dimension, score, responses), or a
    PulseImportError naming each rejected row by its line number. `team_of` turns a team's
    name or id into its id, raising a FlourishError when it cannot."""
    lines = iter(csv_rows(text))
    header = [h.strip().casefold() for h in next(lines, (0, []))[1]]
    if header != list(CSV_COLUMNS):
        raise ValidationError(
            f"The first line must name the columns {','.join(CSV_COLUMNS)}; "
            f"it is {','.join(header) or 'empty'}."
        )
    rows: list[PulseRow] = []
    rejected: list[Rejected] = []
    seen: dict[tuple[str, date, str], int] = {}  # the line each key was first on
    for line, cells in lines:
        if not any(c.strip() for c in cells):
            continue  # a blank line
        try:
            row = _row(cells, line, team_of, dimensions)
        except FlourishError as e:
            rejected.append(Rejected(line, str(e).rstrip(".")))
            continue
        key = (row.team_id, row.month, row.dimension)
        if key in seen:
            rejected.append(
                Rejected(line, f"the same team, month and dimension as line {seen[key]}")
            )
            continue
        seen[key] = line
        rows.append(row)
    if rejected:
        raise PulseImportError(rejected, len(rows) + len(rejected))
    if not rows:
        raise ValidationError("The file has no rows to import after its header.")
    return rows


def _row(
    cells: list[str],
    line: int,
    team_of: Callable[[str], str],
    dimensions: tuple[PulseDimension, ...],
) -> PulseRow:
    if len(cells) != len(CSV_COLUMNS):
        raise ValidationError(f"{len(cells)} columns, not {len(CSV_COLUMNS)}")
    team, month, dimension, score, responses = (c.strip() for c in cells)
    return PulseRow(
        line=line,
        team_id=team_of(team),
        month=parse_month(month),
        dimension=find_dimension(dimensions, dimension).key,
        score=parse_score(score),
        responses=parse_responses(responses),
    )


# -- reading results ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PulsePoint:
    month: date
    score: float | None  # None: hidden (too few responses) or not surveyed
    responses: int
    hidden: bool  # results exist but too few responded


def trend(
    results: list[PulseResult], dimension: str, min_responses: int = MIN_RESPONSES
) -> list[PulsePoint]:
    """A team's months for one dimension, oldest first."""
    mine = sorted((r for r in results if r.dimension == dimension), key=lambda r: r.month)
    return [
        PulsePoint(
            month=r.month,
            score=shown(r, min_responses),
            responses=r.responses,
            hidden=r.responses < min_responses,
        )
        for r in mine
    ]


def change(points: list[PulsePoint]) -> float | None:
    """The change since the month before the latest, when both can be shown."""
    if len(points) < 2 or points[-1].score is None or points[-2].score is None:
        return None
    if _months_apart(points[-2].month, points[-1].month) != 1:
        return None
    return round(points[-1].score - points[-2].score, 2)


def _months_apart(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


@dataclass(frozen=True, kw_only=True)
class LatestPulse:
    """A team's latest month at a glance: the mean of the dimensions that can be shown."""

    month: date
    mean: float | None  # None when no dimension had enough responses
    change: float | None  # against the month before, over the same shown dimensions
    low: tuple[str, ...]  # dimension keys below LOW
    falling: tuple[str, ...]  # dimension keys down by FALL or more


def latest(
    results: list[PulseResult],
    dimensions: tuple[PulseDimension, ...],
    min_responses: int = MIN_RESPONSES,
) -> LatestPulse | None:
    if not results:
        return None
    month = max(r.month for r in results)
    trends = {d.key: trend(results, d.key, min_responses) for d in dimensions}
    now = {k: p[-1].score for k, p in trends.items() if p and p[-1].month == month}
    shown_now = {k: s for k, s in now.items() if s is not None}
    changes = {k: change(p) for k, p in trends.items() if k in shown_now}
    with_change = {k: c for k, c in changes.items() if c is not None}
    mean = _mean(shown_now.values())
    before = [shown_now[k] - c for k, c in with_change.items()]
    after_mean, before_mean = _mean(shown_now[k] for k in with_change), _mean(before)
    return LatestPulse(
        month=month,
        mean=mean,
        change=round(after_mean - before_mean, 2)
        if after_mean is not None and before_mean is not None  # some dimension has a change
        else None,
        low=tuple(k for k, s in shown_now.items() if s < LOW),
        falling=tuple(k for k, c in with_change.items() if c <= -FALL),
    )


def _mean(values: Iterable[float]) -> float | None:
    found = list(values)
    return round(sum(found) / len(found), 1) if found else None


def action_title(dimension: PulseDimension, point: PulsePoint, delta: float | None) -> str:
    """The action plan item a low or falling score suggests."""
    why = f"{point.score:g} in {point.month:%b %Y}"
    if delta is not None and delta <= -FALL:
        why += f", down {abs(delta):g}"
    return f"Raise the pulse on {dimension.label} ({why})"
