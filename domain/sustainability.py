"""The sustainability self-assessment grid: each school rates each of the cluster's conditions
for success 0-10 with its evidence, in rounds that can be repeated and compared; and the key
findings a cluster review asks of the grid (which conditions the cluster does well on, which
to prioritise, which schools do well or less well on each)."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from domain.errors import ValidationError
from domain.records import Record
from domain.scales import Band, Keyed, band, check_keyed, find_keyed
from domain.text import quoted

if TYPE_CHECKING:  # domain.cluster holds the template, which holds the conditions
    from domain.cluster import Team


@dataclass(frozen=True, kw_only=True)
class Condition(Keyed):
    """A condition for success in the self-assessment grid: "impact", "Impact measurement"."""


DEFAULT_CONDITIONS = (
    Condition(key="vision", label="Shared vision and leadership"),
    Condition(key="governance", label="Governance and accountability"),
    Condition(key="partnerships", label="Partnerships and networks"),
    Condition(key="participation", label="Consultation and participation"),
    Condition(key="workforce", label="Workforce capacity"),
    Condition(key="funding", label="Funding and resources"),
    Condition(key="communication", label="Communication and marketing"),
    Condition(key="impact", label="Impact measurement"),
)


@dataclass(kw_only=True)
class AssessmentRound(Record):
    """One pass of the self-assessment across the cluster ("Autumn 2026"): the 1-to-1s with
    each school's leaders happen over some weeks, so ratings belong to a round, not a day."""

    name: str
    opened_on: date


@dataclass(kw_only=True)
class Rating(Record):
    team_id: str
    round_id: str
    condition: str  # a Condition key
    score: int  # 0-10
    evidence: str = ""
    by: str = ""


def find_condition(conditions: tuple[Condition, ...], text: str) -> Condition:
    return find_keyed(conditions, text, "condition")


def check_conditions(conditions: list[Condition]) -> tuple[Condition, ...]:
    return check_keyed(conditions, "The self-assessment", "condition")


def parse_rating(text: str | int) -> int:
    """A rating as people give it: a whole number from 0 to 10."""
    s = str(text).strip()
    if not s.isdigit() or int(s) > 10:
        raise ValidationError(f"A rating is a whole number from 0 to 10, not {quoted(text)}.")
    return int(s)


def round_order(rounds: list[AssessmentRound]) -> list[AssessmentRound]:
    return sorted(rounds, key=lambda r: (r.opened_on, r.created_at))


# -- the grid ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Cell:
    score: int
    evidence: str
    change: int | None  # since the previous round, when the school was rated then too


@dataclass(frozen=True, kw_only=True)
class Grid:
    round: AssessmentRound
    previous: AssessmentRound | None
    conditions: tuple[Condition, ...]
    rows: list[tuple["Team", dict[str, Cell | None]]]  # None: not rated in this round


def grid(
    conditions: tuple[Condition, ...],
    teams: list["Team"],
    ratings: list[Rating],
    this: AssessmentRound,
    previous: AssessmentRound | None = None,
) -> Grid:
    """Schools by conditions for one round, each cell with its change since `previous`."""
    by = {(r.round_id, r.team_id, r.condition): r for r in ratings}
    rows = []
    for team in teams:
        cells = {}
        for c in conditions:
            now = by.get((this.id, team.id, c.key))
            before = by.get((previous.id, team.id, c.key)) if previous else None
            cells[c.key] = (
                Cell(
                    score=now.score,
                    evidence=now.evidence,
                    change=now.score - before.score if before else None,
                )
                if now
                else None
            )
        rows.append((team, cells))
    return Grid(round=this, previous=previous, conditions=conditions, rows=rows)


# -- key findings ------------------------------------------------------------------------------

PRIORITY_SHARE = 0.5  # a condition half the schools or more rate low is a priority


@dataclass(frozen=True, kw_only=True)
class Placing:
    """One school's rating of a condition, with the evidence that says why."""

    team: "Team"
    score: int
    evidence: str


@dataclass(frozen=True, kw_only=True)
class ConditionFinding:
    condition: Condition
    mean: float | None  # over the schools rated; None: nobody rated it
    rated: int
    doing_well: tuple[Placing, ...]  # rated high (8-10), best first
    less_well: tuple[Placing, ...]  # rated low (0-3), weakest first
    change: float | None  # the mean's change since the previous round, over schools in both

    @property
    def low_share(self) -> float:
        return len(self.less_well) / self.rated if self.rated else 0.0

    @property
    def strength(self) -> bool:
        """The cluster does well on it: its mean is in the high band."""
        return self.mean is not None and band(self.mean) is Band.HIGH

    @property
    def priority(self) -> bool:
        """The cluster should prioritise it: its mean is low, or half the schools rate it low."""
        if self.mean is None:
            return False
        return band(self.mean) is Band.LOW or self.low_share >= PRIORITY_SHARE


@dataclass(frozen=True, kw_only=True)
class KeyFindings:
    ranking: list[ConditionFinding]  # every condition rated, best first
    strengths: list[ConditionFinding]  # best first
    priorities: list[ConditionFinding]  # most pressing first
    lowest: ConditionFinding | None  # the weakest condition, when nothing is a priority
    unrated: tuple[Condition, ...]  # conditions no school has rated in this round
    schools: list[tuple["Team", float]]  # each rated school's mean over its conditions, best first
    mean: float | None  # over every rating in the round


def key_findings(g: Grid) -> KeyFindings:
    findings = [_finding(g, c) for c in g.conditions]
    order = {c.key: n for n, c in enumerate(g.conditions)}
    rated = [f for f in findings if f.mean is not None]
    ranking = sorted(rated, key=lambda f: (-(f.mean or 0.0), f.low_share, order[f.condition.key]))
    priorities = sorted(
        (f for f in rated if f.priority),
        key=lambda f: (-f.low_share, f.mean, order[f.condition.key]),
    )
    schools = []
    for team, cells in g.rows:
        scores = [c.score for c in cells.values() if c]
        if scores:
            schools.append((team, round(sum(scores) / len(scores), 1)))
    schools.sort(key=lambda s: (-s[1], s[0].name.casefold()))
    return KeyFindings(
        ranking=ranking,
        strengths=[f for f in ranking if f.strength],
        priorities=priorities,
        lowest=ranking[-1] if ranking and not priorities else None,
        unrated=tuple(f.condition for f in findings if f.mean is None),
        schools=schools,
        mean=_mean([c.score for _, cells in g.rows for c in cells.values() if c]),
    )


def _finding(g: Grid, condition: Condition) -> ConditionFinding:
    placed = [
        Placing(team=team, score=cell.score, evidence=cell.evidence)
        for team, cells in g.rows
        if (cell := cells[condition.key])
    ]
    scores = [p.score for p in placed]
    moved = [cells[condition.key] for _, cells in g.rows]
    changes = [c.change for c in moved if c and c.change is not None]
    return ConditionFinding(
        condition=condition,
        mean=_mean(scores),
        rated=len(scores),
        doing_well=_in_band(placed, Band.HIGH, best_first=True),
        less_well=_in_band(placed, Band.LOW, best_first=False),
        change=_mean(changes),
    )


def _in_band(placed: list[Placing], wanted: Band, best_first: bool) -> tuple[Placing, ...]:
    found = [p for p in placed if band(p.score) is wanted]
    sign = -1 if best_first else 1
    return tuple(sorted(found, key=lambda p: (sign * p.score, p.team.name.casefold())))


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def action_title(condition: Condition, score: int, this: AssessmentRound) -> str:
    """The action plan item a school's rating suggests."""
    return f"Develop {condition.label} (self-assessed {score}/10, {this.name})"
