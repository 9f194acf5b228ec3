"""The sustainability grid: rounds of 0-10 self-assessment ratings per condition for
success, their key findings, and the step from a low rating to an action."""

from dataclasses import replace
from datetime import date
from typing import Any

from domain.actions import ActionItem
from domain.errors import NotFound, ValidationError
from domain.program import ProgramTemplate
from domain.records import require_line, slot_id
from domain.scales import Band, band
from domain.sustainability import (
    AssessmentRound,
    Condition,
    Grid,
    KeyFindings,
    Rating,
    check_conditions,
    find_condition,
    grid,
    key_findings,
    parse_rating,
    round_order,
)
from domain.sustainability import action_title as rating_action
from domain.text import quoted
from storage.facade.core import SettingsHook
from storage.facade.findings import FINDING_WEEKS, NO_CHOICES, Choices, Finding, FindingActions
from storage.tables import RATINGS, ROUNDS


class GridVerbs(FindingActions):
    def conditions(self) -> tuple[Condition, ...]:
        return self.cluster().template.conditions

    def assessment_rounds(self) -> list[AssessmentRound]:
        """Oldest first."""
        found = self.ws.read(self.ws.cluster_file.all, ROUNDS, AssessmentRound)
        return round_order(found)

    def assessment_round(self, ref: str | None = None) -> AssessmentRound:
        """A round by its name (any case) or id; none given: the latest."""
        rounds = self.assessment_rounds()
        if not rounds:
            raise NotFound(
                "No self-assessment round yet: start one with `flourish assess round add NAME` "
                "or n on the grid."
            )
        if ref is None or not ref.strip():
            return rounds[-1]
        key = " ".join(ref.strip().casefold().split())
        for r in rounds:
            if key in (r.id, " ".join(r.name.casefold().split())):
                return r
        names = ", ".join(r.name for r in rounds)
        raise NotFound(f"No self-assessment round is called {quoted(ref)}. Rounds: {names}.")

    def ratings(self, team: str | None = None, round: str | None = None) -> list[Rating]:
        found = self._gather(RATINGS, Rating, self.team(team).id if team else None)
        if round is not None:
            wanted = self.assessment_round(round).id
            found = [r for r in found if r.round_id == wanted]
        return found

    def sustainability_grid(self, round: str | None = None) -> Grid:
        """Every school by condition for a round (the latest unless named), each cell with its
        change since the round before."""
        this = self.assessment_round(round)
        rounds = self.assessment_rounds()
        at = [r.id for r in rounds].index(this.id)
        previous = rounds[at - 1] if at else None
        return grid(self.conditions(), self.teams(), self.ratings(), this, previous)

    def key_findings(self, round: str | None = None) -> KeyFindings:
        return key_findings(self.sustainability_grid(round))

    # -- the sustainability grid: writing ------------------------------------------------------

    def start_round(self, name: str, opened_on: date | None = None) -> AssessmentRound:
        """A new round of self-assessment; ratings go into the latest round by default."""
        with self._change("") as change:
            name = self._round_name(name)
            now = self.now()
            made = AssessmentRound(
                created_at=now, updated_at=now, name=name, opened_on=opened_on or self.today()
            )
            change.label = f"Started the self-assessment round {quoted(name)}"
            self.ws.cluster_file.put(ROUNDS, made)
        return made

    def rename_round(self, ref: str, name: str) -> AssessmentRound:
        with self._change("") as change:
            old = self.assessment_round(ref)
            name = self._round_name(name, old)
            updated = replace(old, name=name, updated_at=self.now())
            change.label = f"Renamed the round {quoted(old.name)} to {quoted(name)}"
            self.ws.cluster_file.put(ROUNDS, updated)
        return updated

    def delete_round(self, ref: str) -> AssessmentRound:
        """A round started by mistake; refused once any school has rated in it."""
        with self._change("") as change:
            old = self.assessment_round(ref)
            if rated := [r for r in self.ratings() if r.round_id == old.id]:
                raise ValidationError(
                    f"{old.name} holds {len(rated)} ratings, so it is kept: rename it instead."
                )
            change.label = f"Deleted the round {quoted(old.name)}"
            self.ws.cluster_file.remove(ROUNDS, old.id)
        return old

    def _round_name(self, name: str, renaming: AssessmentRound | None = None) -> str:
        name = " ".join(require_line(name, "A round's name").split())
        for r in self.assessment_rounds():
            if (
                r.name.casefold() == name.casefold()
                and r is not renaming
                and r.id != getattr(renaming, "id", None)
            ):
                raise ValidationError(
                    f"There is already a round called {quoted(name)}: choose another name."
                )
        return name

    def rate(
        self,
        team: str,
        scores: dict[str, tuple[int | str, str | None]],
        round: str | None = None,
    ) -> list[Rating]:
        """A school's ratings, by condition: (0-10, evidence). A condition already rated in
        the round is replaced; evidence None keeps what it had. All land as one undoable step,
        or none do."""
        with self._change("") as change:
            found, this = self.team(team), self.assessment_round(round)
            if not scores:
                raise ValidationError("Rate at least one condition.")
            rows = {}
            for ref, (score, evidence) in scores.items():
                key = find_condition(self.conditions(), ref).key
                if key in rows:
                    raise ValidationError(f"The condition {quoted(key)} is rated twice.")
                rows[key] = (
                    parse_rating(score),
                    None if evidence is None else str(evidence).strip(),
                )
            existing = {
                r.condition: r
                for r in self._records(found.id, RATINGS, Rating)
                if r.round_id == this.id
            }
            now = self.now()
            made = []
            for key, (score, evidence) in rows.items():
                old = existing.get(key)
                if evidence is None:
                    evidence = old.evidence if old else ""
                fields: dict[str, Any] = {
                    "score": score,
                    "evidence": evidence,
                    "by": self.user,
                    "updated_at": now,
                }
                if old:
                    made.append(replace(old, **fields))
                else:
                    made.append(
                        Rating(
                            id=slot_id("rating", found.id, this.id, key),
                            created_at=now,
                            team_id=found.id,
                            round_id=this.id,
                            condition=key,
                            **fields,
                        )
                    )
            label = f"Rated {len(made)} condition{'s' * (len(made) != 1)} for {found.name}"
            change.label = f"{label} ({this.name})"
            for rating in made:
                self._file(found.id).put(RATINGS, rating)
        return made

    def action_from_rating(
        self,
        team: str,
        condition: str,
        round: str | None = None,
        choices: Choices = NO_CHOICES,
    ) -> ActionItem:
        """An action plan item from a school's rating of a condition below the high band."""
        found, this = self.team(team), self.assessment_round(round)
        wanted = find_condition(self.conditions(), condition)
        rating = next(
            (
                r
                for r in self._records(found.id, RATINGS, Rating)
                if r.round_id == this.id and r.condition == wanted.key
            ),
            None,
        )
        if rating is None:
            raise ValidationError(f"{found.name} has not rated {wanted.label} in {this.name}.")
        if band(rating.score) is Band.HIGH:
            raise ValidationError(
                f"{found.name} rates {wanted.label} high ({rating.score}): nothing to develop."
            )
        return self._finding_action(
            FINDING_WEEKS,
            found,
            rating_action(wanted, rating.score, this),
            choices,
            criteria=f"{wanted.label} is rated higher in the next self-assessment round.",
            evidence=rating.evidence,
            origin=f"rating:{this.id}:{wanted.key}",
        )

    def actions_from_priority(self, condition: str, round: str | None = None) -> list[ActionItem]:
        """One step from a cluster priority to the plan of every school that rates the
        condition below the high band; schools that already have the action are skipped."""
        g = self.sustainability_grid(round)
        wanted = find_condition(g.conditions, condition)
        origin = f"rating:{g.round.id}:{wanted.key}"
        made = []
        for team, cells in g.rows:
            cell = cells[wanted.key]
            if cell is None or band(cell.score) is Band.HIGH:
                continue
            if self.open_action_from(team.id, origin):
                continue
            made.append((team, rating_action(wanted, cell.score, g.round), cell.evidence))
        if not made:
            raise ValidationError(
                f"No school needs the action: each rated {wanted.label} high in {g.round.name}, "
                "already has it in its plan, or has not rated it."
            )
        criteria = f"{wanted.label} is rated higher in the next self-assessment round."
        return self._finding_actions(
            [Finding(team, title, criteria, origin, evidence) for team, title, evidence in made],
            FINDING_WEEKS,
            f"Added {wanted.label} to {len(made)} action plan{'s' * (len(made) != 1)}",
        )


def _condition_settings(changes: dict[str, Any], template: ProgramTemplate) -> ProgramTemplate:
    """The template with the grid's conditions in `changes` (taken out of them)."""
    if "conditions" in changes:
        conditions = check_conditions(list(changes.pop("conditions")))
        template = replace(template, conditions=conditions)
    return template


CONDITION_SETTINGS = SettingsHook(frozenset({"conditions"}), _condition_settings)
