"""The facade's pulse survey verbs: recording a month's results by hand or from a CSV file,
reading trends and the cluster heatmap, and turning a low or falling score into an action."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain.actions import ActionItem
from domain.cluster import Team
from domain.errors import ValidationError
from domain.program import ProgramTemplate
from domain.pulse import (
    FALL,
    LatestPulse,
    PulseDimension,
    PulsePoint,
    PulseResult,
    change,
    check_dimensions,
    check_min_responses,
    find_dimension,
    latest,
    parse_pulse_csv,
    parse_responses,
    parse_score,
    trend,
)
from domain.records import slot_id
from domain.scales import Band, band
from storage.facade.core import SettingsHook
from storage.facade.findings import NO_CHOICES, Choices, FindingActions
from storage.tables import PULSE

ACTION_WEEKS = 4  # an action from the pulse is due by the next survey


@dataclass(frozen=True, kw_only=True)
class PulseHeatmap:
    """Teams by dimensions: one month's results, or each team's latest (teams start, and so
    survey, at different times of the month)."""

    month: date | None  # the month asked for; None: each team's latest
    dimensions: tuple[PulseDimension, ...]
    rows: list[tuple[Team, dict[str, PulsePoint | None]]]  # by team name; None: no result
    months: dict[str, date]  # the month each team's row shows, by team id (none: no results)


class PulseVerbs(FindingActions):
    def pulse_dimensions(self) -> tuple[PulseDimension, ...]:
        return self.cluster().template.pulse_dimensions

    def pulse_results(self, team: str | None = None) -> list[PulseResult]:
        found = self._gather(PULSE, PulseResult, self.team(team).id if team else None)
        names = {t.id: t.name.casefold() for t in self.teams()}
        order = {d.key: n for n, d in enumerate(self.pulse_dimensions())}
        return sorted(
            found,
            key=lambda r: (names.get(r.team_id, ""), r.month, order.get(r.dimension, 99)),
        )

    def pulse_trends(self, team: str) -> dict[str, list[PulsePoint]]:
        """Each dimension's months for one team, oldest first; hidden results have no score."""
        results = self.pulse_results(team)
        least = self.cluster().template.pulse_min_responses
        return {d.key: trend(results, d.key, least) for d in self.pulse_dimensions()}

    def pulse_latest(self, team: str) -> LatestPulse | None:
        template = self.cluster().template
        return latest(
            self.pulse_results(team), template.pulse_dimensions, template.pulse_min_responses
        )

    def pulse_heatmap(self, month: date | None = None) -> PulseHeatmap:
        """One month's results for every team, or each team's latest month."""
        template = self.cluster().template
        results = self.pulse_results()
        rows: list[tuple[Team, dict[str, PulsePoint | None]]] = []
        months: dict[str, date] = {}
        for team in self.teams():
            mine = [r for r in results if r.team_id == team.id]
            shown = month or max((r.month for r in mine), default=None)
            mine = [r for r in mine if r.month == shown]
            if mine and shown is not None:
                months[team.id] = shown
            cells: dict[str, PulsePoint | None] = {}
            for d in template.pulse_dimensions:
                points = trend(mine, d.key, template.pulse_min_responses)
                cells[d.key] = points[-1] if points else None
            rows.append((team, cells))
        return PulseHeatmap(
            month=month, dimensions=template.pulse_dimensions, rows=rows, months=months
        )

    # -- recording -----------------------------------------------------------------------

    def record_pulse(
        self, team: str, month: date, scores: dict[str, tuple[float, int]]
    ) -> list[PulseResult]:
        """A month's results for one team, by dimension: (mean score, responses). A dimension
        already recorded for that month is replaced."""
        found = self.team(team)
        if not scores:
            raise ValidationError("Give at least one dimension's score.")
        month = month.replace(day=1)
        dimensions = self.pulse_dimensions()
        rows = []
        for key, (score, responses) in scores.items():
            rows.append(
                (
                    find_dimension(dimensions, key).key,
                    parse_score(score),
                    parse_responses(responses),
                )
            )
        if len({key for key, _, _ in rows}) != len(rows):
            raise ValidationError("A dimension is given twice.")
        by = f"entered by {self.user}" if self.user else "entered by hand"
        return self._put_pulse(
            [(found.id, month, key, score, n) for key, score, n in rows],
            by,
            f"Recorded the {month:%B %Y} pulse for {found.name}",
        )

    def import_pulse(self, text: str, source: str = "") -> list[PulseResult]:
        """Every row of a pulse CSV file, or none: a PulseImportError lists each rejected line."""
        dimensions = self.pulse_dimensions()
        rows = parse_pulse_csv(text, self._team_in_file, dimensions)
        label = f"Imported {len(rows)} pulse results" + (f" from {source}" if source else "")
        return self._put_pulse(
            [(r.team_id, r.month, r.dimension, r.score, r.responses) for r in rows],
            f"imported from {source}" if source else "imported",
            label,
        )

    def _put_pulse(
        self, rows: list[tuple[str, date, str, float, int]], source: str, label: str
    ) -> list[PulseResult]:
        """Store results (team id, month, dimension, score, responses) as one undoable step,
        replacing any for the same team, month and dimension."""
        with self._change(label):
            now = self.now()
            team_ids = list(dict.fromkeys(team_id for team_id, *_ in rows))
            existing = {
                (r.team_id, r.month, r.dimension): r
                for team_id in team_ids
                for r in self._records(team_id, PULSE, PulseResult)
            }
            made = []
            for team_id, month, key, score, responses in rows:
                old = existing.get((team_id, month, key))
                fields: dict[str, Any] = {
                    "score": score,
                    "responses": responses,
                    "source": source,
                    "updated_at": now,
                }
                if old:
                    made.append(replace(old, **fields))
                else:
                    made.append(
                        PulseResult(
                            id=slot_id("pulse", team_id, month.isoformat(), key),
                            created_at=now,
                            team_id=team_id,
                            month=month,
                            dimension=key,
                            **fields,
                        )
                    )
            for result in made:
                self._file(result.team_id).put(PULSE, result)
        return made

    def action_from_pulse(
        self, team: str, dimension: str, choices: Choices = NO_CHOICES
    ) -> ActionItem:
        """An action plan item from a dimension's latest score: "Raise the pulse on ..."."""
        from domain.pulse import action_title

        found = self.team(team)
        wanted = find_dimension(self.pulse_dimensions(), dimension)
        points = self.pulse_trends(found.id)[wanted.key]
        if not points:
            raise ValidationError(f"{found.name} has no pulse results for {wanted.label}.")
        point = points[-1]
        if point.score is None:
            raise ValidationError(
                f"{found.name}'s latest {wanted.label} result is hidden: fewer than "
                f"{self.cluster().template.pulse_min_responses} people responded."
            )
        delta = change(points)
        if band(point.score) is Band.HIGH and not (delta is not None and delta <= -FALL):
            raise ValidationError(
                f"{wanted.label} is high ({point.score:g}) and not falling: nothing to raise."
            )
        return self._finding_action(
            ACTION_WEEKS,
            found,
            action_title(wanted, point, delta),
            choices,
            criteria=f"{wanted.label} scores higher in the next pulse survey.",
            origin=f"pulse:{point.month:%Y-%m}:{wanted.key}",
        )


def _pulse_settings(changes: dict[str, Any], template: ProgramTemplate) -> ProgramTemplate:
    """The template with the pulse settings in `changes` (taken out of them): the
    dashboard's cached facts see a change of dimensions or threshold."""
    if "pulse_dimensions" in changes:
        dims = check_dimensions(list(changes.pop("pulse_dimensions")))
        template = replace(template, pulse_dimensions=dims)
    if "pulse_min_responses" in changes:
        least = check_min_responses(changes.pop("pulse_min_responses"))
        template = replace(template, pulse_min_responses=least)
    return template


PULSE_SETTINGS = SettingsHook(
    frozenset({"pulse_dimensions", "pulse_min_responses"}), _pulse_settings
)
