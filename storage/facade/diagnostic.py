"""The collaboration diagnostic: several respondents per school answer a questionnaire, and
their answers are combined, with the gaps flagged and turned into actions."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from domain.actions import ActionItem
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
from domain.errors import ValidationError
from domain.questionnaire import parse_questionnaire
from domain.text import quoted
from storage.facade.findings import FINDING_WEEKS, NO_CHOICES, Choices, FindingActions
from storage.tables import CLUSTER, DIAGNOSTIC


@dataclass(frozen=True, kw_only=True)
class TeamDiagnostic:
    team: Team
    respondents: int  # whose answers are combined
    sections: list[SectionResult]


class DiagnosticVerbs(FindingActions):
    def questionnaire(self) -> tuple[Section, ...]:
        return self.cluster().template.diagnostic

    def set_questionnaire(self, text: str) -> tuple[Section, ...]:
        """Replace the questionnaire with the one in `text` (domain/questionnaire.py has the
        format). Refused, with nothing changed, if it would drop a question someone answered."""
        with self._change("Changed the diagnostic questionnaire"):
            answered = {
                k for r in self._gather(DIAGNOSTIC, DiagnosticResponse, None) for k in r.answers
            }
            sections = parse_questionnaire(text, answered)
            cluster = self.cluster()
            template = replace(cluster.template, diagnostic=sections)
            self.ws.cluster_file.put(
                CLUSTER, replace(cluster, template=template, updated_at=self.now())
            )
        return sections

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
        answers: Mapping[str, int | str],
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
        found = self._by_id(ref, DIAGNOSTIC, DiagnosticResponse, "diagnostic response")
        with self._change("Deleted a diagnostic response"):
            response = self._fresh(DIAGNOSTIC, found, "diagnostic response")
            self._file(response.team_id).remove(DIAGNOSTIC, response.id)
        return response

    def action_from_diagnostic(
        self, team: str, section: str, choices: Choices = NO_CHOICES
    ) -> ActionItem:
        """An action plan item from a section of a school's diagnostic with a significant gap
        or a question to return to; its success criteria name those questions."""
        result = self.diagnostic(team)
        wanted = find_section(self.questionnaire(), section)
        found = next(s for s in result.sections if s.section.key == wanted.key)
        if found.total is None:
            raise ValidationError(
                f"Nobody at {result.team.name} has answered {quoted(wanted.title)}."
            )
        if not (found.gap or found.flagged):
            raise ValidationError(
                f"{result.team.name} has no gap in {quoted(wanted.title)} "
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
            choices,
            criteria=criteria,
            origin=f"diagnostic:{wanted.key}",
        )

    def _answered_on(self, on: date | str | None) -> date:
        if on is None:
            return self.today()
        return answered_on(on.isoformat() if isinstance(on, date) else on, self.today())

    def _put_diagnostic(
        self, rows: list[tuple[str, str, date, dict[str, int]]], source: str, label: str
    ) -> list[DiagnosticResponse]:
        with self._change(label):
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
            for response in made:
                self._file(response.team_id).put(DIAGNOSTIC, response)
        return made
