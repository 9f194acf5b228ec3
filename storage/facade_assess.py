"""The facade's self-assessment verbs: the sustainability grid (rounds of 0-10 ratings per
condition for success, and their key findings), the collaboration diagnostic (several
respondents per school, combined), "where we are now / where we want to be", and the one step
from any finding to an action plan item."""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from domain.actions import ActionItem
from domain.aspirations import Aspiration, check_fields, evidence_lines
from domain.aspirations import action_title as aspiration_action
from domain.cluster import Team
from domain.diagnostic import (
    DiagnosticResponse,
    Section,
    SectionResult,
    answered_on,
    check_answers,
    combine,
    find_section,
    latest_responses,
    parse_diagnostic_csv,
)
from domain.diagnostic import action_title as diagnostic_action
from domain.errors import NotFound, ValidationError
from domain.program import ProgramTemplate
from domain.records import require_text
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
from storage.facade_findings import Finding
from storage.tables import ACTIONS, ASPIRATIONS, DIAGNOSTIC, RATINGS, ROUNDS

FINDING_WEEKS = 6  # an action from a finding is due in half a term


@dataclass(frozen=True, kw_only=True)
class TeamDiagnostic:
    team: Team
    respondents: int  # whose answers are combined
    sections: list[SectionResult]


class AssessVerbs:
    """Mixed into the facade (storage.facade.Flourish)."""

    # -- the sustainability grid: reading -----------------------------------------------------

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
        raise NotFound(f"No self-assessment round is called {ref!r}. Rounds: {names}.")

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
        name = self._round_name(name)
        now = self.now()
        made = AssessmentRound(
            created_at=now, updated_at=now, name=name, opened_on=opened_on or self.today()
        )
        with self._change(f"Started the self-assessment round {name!r}", self.ws.cluster_file):
            self.ws.cluster_file.put(ROUNDS, made)
        return made

    def rename_round(self, ref: str, name: str) -> AssessmentRound:
        old = self.assessment_round(ref)
        name = self._round_name(name, old)
        updated = replace(old, name=name, updated_at=self.now())
        with self._change(f"Renamed the round {old.name!r} to {name!r}", self.ws.cluster_file):
            self.ws.cluster_file.put(ROUNDS, updated)
        return updated

    def delete_round(self, ref: str) -> AssessmentRound:
        """A round started by mistake; refused once any school has rated in it."""
        old = self.assessment_round(ref)
        if rated := [r for r in self.ratings() if r.round_id == old.id]:
            raise ValidationError(
                f"{old.name} holds {len(rated)} ratings, so it is kept: rename it instead."
            )
        with self._change(f"Deleted the round {old.name!r}", self.ws.cluster_file):
            self.ws.cluster_file.remove(ROUNDS, old.id)
        return old

    def _round_name(self, name: str, renaming: AssessmentRound | None = None) -> str:
        name = " ".join(require_text(name, "A round's name").split())
        for r in self.assessment_rounds():
            if (
                r.name.casefold() == name.casefold()
                and r is not renaming
                and r.id != getattr(renaming, "id", None)
            ):
                raise ValidationError(
                    f"There is already a round called {name!r}: choose another name."
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
        found, this = self.team(team), self.assessment_round(round)
        if not scores:
            raise ValidationError("Rate at least one condition.")
        rows = {}
        for ref, (score, evidence) in scores.items():
            key = find_condition(self.conditions(), ref).key
            if key in rows:
                raise ValidationError(f"The condition {key!r} is rated twice.")
            rows[key] = (parse_rating(score), None if evidence is None else str(evidence).strip())
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
            fields = {"score": score, "evidence": evidence, "by": self.user, "updated_at": now}
            if old:
                made.append(replace(old, **fields))
            else:
                made.append(
                    Rating(
                        created_at=now, team_id=found.id, round_id=this.id, condition=key, **fields
                    )
                )
        label = f"Rated {len(made)} condition{'s' * (len(made) != 1)} for {found.name}"
        with self._change(f"{label} ({this.name})", self._file(found.id)):
            for rating in made:
                self._file(found.id).put(RATINGS, rating)
        return made

    def action_from_rating(self, team: str, condition: str, round: str | None = None) -> ActionItem:
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

    # -- the collaboration diagnostic ----------------------------------------------------------

    def questionnaire(self) -> tuple[Section, ...]:
        return self.cluster().template.diagnostic

    def diagnostic_responses(self, team: str | None = None) -> list[DiagnosticResponse]:
        found = self._gather(DIAGNOSTIC, DiagnosticResponse, self.team(team).id if team else None)
        return sorted(found, key=lambda r: (r.answered_on, r.created_at))

    def diagnostic(self, team: str) -> TeamDiagnostic:
        """A school's answers combined: each named respondent's latest and every anonymous
        one, per question, totalled per section, with gaps flagged."""
        found = self.team(team)
        used = latest_responses(self.diagnostic_responses(found.id))
        return TeamDiagnostic(
            team=found, respondents=len(used), sections=combine(self.questionnaire(), used)
        )

    def diagnostic_overview(self) -> list[TeamDiagnostic]:
        return [self.diagnostic(t.id) for t in self.teams()]

    def record_diagnostic(
        self,
        team: str,
        answers: dict[str, int | str],
        *,
        respondent: str = "",
        on: date | str | None = None,
    ) -> DiagnosticResponse:
        found = self.team(team)
        checked = check_answers(self.questionnaire(), dict(answers))
        day = self._answered_on(on)
        who = " ".join(respondent.split())
        return self._put_diagnostic(
            [(found.id, who, day, checked)],
            f"entered by {self.user}" if self.user else "entered by hand",
            f"Recorded {who or 'an anonymous respondent'}'s diagnostic for {found.name}",
        )[0]

    def import_diagnostic(self, text: str, source: str = "") -> list[DiagnosticResponse]:
        """Every respondent's row of a survey export, or none (RowsRejected lists each bad
        line). A row with no date is taken as answered today."""
        rows = parse_diagnostic_csv(text, self._team_in_file, self.questionnaire(), self.today())
        return self._put_diagnostic(
            [(r.team_id, r.respondent, r.answered_on or self.today(), r.answers) for r in rows],
            f"imported from {source}" if source else "imported",
            f"Imported {len(rows)} diagnostic responses" + (f" from {source}" if source else ""),
        )

    def delete_diagnostic(self, ref: str) -> DiagnosticResponse:
        response = self._by_id_prefix(ref, self.diagnostic_responses(), "diagnostic response")
        with self._change("Deleted a diagnostic response", self._file(response.team_id)):
            self._file(response.team_id).remove(DIAGNOSTIC, response.id)
        return response

    def action_from_diagnostic(self, team: str, section: str) -> ActionItem:
        """An action plan item from a section of a school's diagnostic with a significant gap
        or a question to return to; its success criteria name those questions."""
        result = self.diagnostic(team)
        wanted = find_section(self.questionnaire(), section)
        found = next(s for s in result.sections if s.section.key == wanted.key)
        if found.total is None:
            raise ValidationError(f"Nobody at {result.team.name} has answered {wanted.title!r}.")
        if not (found.gap or found.flagged):
            raise ValidationError(
                f"{result.team.name} has no gap in {wanted.title!r} "
                f"({found.total:g} of {found.maximum}): nothing to close."
            )
        focus = "; ".join(f"{q.question.key} {q.question.text}" for q in found.flagged)
        if found.gap:
            criteria = "The section scores at least half its maximum."
            criteria += f" Focus: {focus}" if focus else ""
        else:
            criteria = f"Respondents agree these are at least partly in place: {focus}"
        return self._finding_action(
            FINDING_WEEKS,
            result.team,
            diagnostic_action(found),
            criteria=criteria,
            origin=f"diagnostic:{wanted.key}",
        )

    def _answered_on(self, on: date | str | None) -> date:
        if on is None:
            return self.today()
        return answered_on(on.isoformat() if isinstance(on, date) else on, self.today())

    def _put_diagnostic(self, rows, source: str, label: str) -> list[DiagnosticResponse]:
        now = self.now()
        made = [
            DiagnosticResponse(
                created_at=now,
                updated_at=now,
                team_id=team_id,
                respondent=who,
                answered_on=day,
                answers=answers,
                source=source,
            )
            for team_id, who, day, answers in rows
        ]
        files = [self._file(t) for t in dict.fromkeys(r.team_id for r in made)]
        with self._change(label, *files):
            for response in made:
                self._file(response.team_id).put(DIAGNOSTIC, response)
        return made

    # -- where we are now / where we want to be ------------------------------------------------

    def aspirations(self, team: str) -> list[Aspiration]:
        found = self._records(self.team(team).id, ASPIRATIONS, Aspiration)
        return sorted(found, key=lambda a: a.created_at)

    def aspiration(self, ref: str) -> Aspiration:
        return self._by_id_prefix(
            ref, self._gather(ASPIRATIONS, Aspiration, None), "statement pair"
        )

    def aspiration_actions(self, aspiration: Aspiration) -> list[ActionItem]:
        """Its linked actions that still exist, in the order they were linked."""
        actions = {a.id: a for a in self.actions(aspiration.team_id)}
        return [actions[i] for i in aspiration.action_ids if i in actions]

    def add_aspiration(
        self, team: str, *, now: str, want: str, now_evidence: str = "", want_evidence: str = ""
    ) -> Aspiration:
        found = self.team(team)
        fields = check_fields(
            {"now": now, "want": want, "now_evidence": now_evidence, "want_evidence": want_evidence}
        )
        stamp = self.now()
        made = Aspiration(created_at=stamp, updated_at=stamp, team_id=found.id, **fields)
        with self._change(f"Added where {found.name} wants to be", self._file(found.id)):
            self._file(found.id).put(ASPIRATIONS, made)
        return made

    def update_aspiration(self, ref: str, **changes) -> Aspiration:
        old = self.aspiration(ref)
        updated = replace(old, **check_fields(changes), updated_at=self.now())
        return self._put_aspiration(updated, "Changed a where-we-are statement pair")

    def delete_aspiration(self, ref: str) -> Aspiration:
        old = self.aspiration(ref)
        with self._change("Deleted a where-we-are statement pair", self._file(old.team_id)):
            self._file(old.team_id).remove(ASPIRATIONS, old.id)
        return old

    def link_action(self, ref: str, action_ref: str) -> Aspiration:
        """Link one of the team's action plan items to a statement pair (again: no change)."""
        old = self.aspiration(ref)
        action = self.action(action_ref)
        if action.team_id != old.team_id:
            raise ValidationError("That action is in another team's plan: link the team's own.")
        if action.id in old.action_ids:
            return old
        updated = replace(old, action_ids=[*old.action_ids, action.id], updated_at=self.now())
        return self._put_aspiration(updated, f"Linked {action.title!r}")

    def unlink_action(self, ref: str, action_ref: str) -> Aspiration:
        old = self.aspiration(ref)
        action = self.action(action_ref)
        if action.id not in old.action_ids:
            raise ValidationError(f"{action.title!r} is not linked to this statement pair.")
        kept = [i for i in old.action_ids if i != action.id]
        updated = replace(old, action_ids=kept, updated_at=self.now())
        return self._put_aspiration(updated, f"Unlinked {action.title!r}")

    def action_from_aspiration(self, ref: str, title: str = "") -> ActionItem:
        """A new action plan item towards where the team wants to be, linked to the pair, in
        one undoable step."""
        old = self.aspiration(ref)
        team = self._team(old.team_id)
        action = self._new_action(
            team,
            title.strip() or aspiration_action(old),
            "",
            None,
            self.today() + timedelta(weeks=FINDING_WEEKS),
            "; ".join(evidence_lines(old.want_evidence)) or old.want,
        )
        action.origin = f"aspiration:{old.id}"
        if any(a.title.casefold() == action.title.casefold() for a in self.open_actions(team.id)):
            raise ValidationError(
                f"{team.name}'s plan already has the open action {action.title!r}."
            )
        updated = replace(old, action_ids=[*old.action_ids, action.id], updated_at=self.now())
        with self._change(f"Added the action {action.title!r}", self._file(team.id)):
            self._file(team.id).put(ACTIONS, action)
            self._file(team.id).put(ASPIRATIONS, updated)
        return action

    def _put_aspiration(self, aspiration: Aspiration, label: str) -> Aspiration:
        with self._change(label, self._file(aspiration.team_id)):
            self._file(aspiration.team_id).put(ASPIRATIONS, aspiration)
        return aspiration

    # -- settings ----------------------------------------------------------------------------

    def _assess_settings(self, changes: dict, template: ProgramTemplate) -> ProgramTemplate:
        """The template with the grid's conditions in `changes` (taken out of them)."""
        if "conditions" in changes:
            conditions = check_conditions(list(changes.pop("conditions")))
            template = replace(template, conditions=conditions)
        return template
