"""The one step from a finding (a low pulse score, a self-assessment rating, a diagnostic
gap) to an action plan item, shared by the facade's pulse and self-assessment verbs."""

from dataclasses import dataclass
from datetime import timedelta

from domain.actions import CLOSED_STATUSES, ActionItem
from domain.cluster import Team
from domain.errors import ValidationError
from domain.text import quoted
from storage.facade.actions import ActionVerbs
from storage.tables import ACTIONS

FINDING_WEEKS = 6  # an action from a self-assessment finding is due in half a term


@dataclass(frozen=True)
class Finding:
    team: Team
    title: str
    criteria: str  # the action's success criteria
    origin: str  # what it came from: "rating:ROUND-ID:impact"
    evidence: str = ""  # the evidence so far


class FindingActions(ActionVerbs):
    """What the pulse, grid, diagnostic and goal verbs share."""

    def open_actions(self, team_id: str) -> list[ActionItem]:
        return [a for a in self.actions(team_id) if a.status not in CLOSED_STATUSES]

    def open_action_from(self, team_id: str, origin: str) -> ActionItem | None:
        """The team's open action made from this finding, if any."""
        return next((a for a in self.open_actions(team_id) if a.origin == origin), None)

    def _finding_action(self, weeks: int, team: Team, title: str, **fields: str) -> ActionItem:
        (made,) = self._finding_actions([Finding(team, title, **fields)], weeks)
        return made

    def _finding_actions(
        self, findings: list[Finding], weeks: int, label: str = ""
    ) -> list[ActionItem]:
        """Actions due in `weeks`, as one undoable step. Pressing "make it an action" twice
        must not put a finding in a plan twice: one with an open action is refused."""
        with self._change(label) as change:
            due = self.today() + timedelta(weeks=weeks)
            made = []
            for f in findings:
                if already := self.open_action_from(f.team.id, f.origin):
                    raise ValidationError(
                        f"{f.team.name}'s plan already has an open action for this: "
                        f"{quoted(already.title)}."
                    )
                action = self._new_action(f.team, f.title, "", None, due, f.criteria)
                action.evidence, action.origin = f.evidence, f.origin
                made.append(action)
            for action in made:
                self._file(action.team_id).put(ACTIONS, action)
            change.label = label or f"Added the action {quoted(made[0].title)}"
        return made
