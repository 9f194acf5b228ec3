"""The one step from a finding (a low pulse score, a self-assessment rating, a diagnostic
gap) to an action plan item, shared by the facade's pulse and self-assessment verbs."""

from dataclasses import dataclass
from datetime import date, timedelta

from domain.actions import CLOSED_STATUSES, ActionItem, similar
from domain.cluster import Team
from domain.errors import ValidationError
from domain.text import quoted
from storage.facade.actions import ActionVerbs
from storage.tables import ACTIONS

FINDING_WEEKS = 6  # an action from a self-assessment finding is due in half a term


@dataclass(frozen=True, kw_only=True)
class Choices:
    """What the person making an action from a finding chose: its title (blank: the one
    proposed), owner and due date (None: the default). `preview`: work the action out and
    check it, but save nothing, for a form to show before it is made."""

    title: str = ""
    owner: str = ""
    due: date | None = None
    preview: bool = False


NO_CHOICES = Choices()


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

    def similar_open_action(self, action: ActionItem) -> ActionItem | None:
        """An open action of the team much like `action` (domain.actions.similar), if any."""
        return similar(action, self.open_actions(action.team_id))

    def _finding_action(
        self, weeks: int, team: Team, title: str, choices: Choices, **fields: str
    ) -> ActionItem:
        (made,) = self._finding_actions([Finding(team, title, **fields)], weeks, choices=choices)
        return made

    def _finding_actions(
        self,
        findings: list[Finding],
        weeks: int,
        label: str = "",
        choices: Choices = NO_CHOICES,
    ) -> list[ActionItem]:
        """Actions due in `weeks`, as one undoable step. Pressing "make it an action" twice
        must not put a finding in a plan twice: one with an open action is refused."""
        with self._change(label) as change:
            due = choices.due or self.today() + timedelta(weeks=weeks)
            made = []
            for f in findings:
                if already := self.open_action_from(f.team.id, f.origin):
                    raise ValidationError(
                        f"{f.team.name}'s plan already has an open action for this: "
                        f"{quoted(already.title)}."
                    )
                title = choices.title.strip() or f.title
                action = self._new_action(f.team, title, choices.owner, None, due, f.criteria)
                action.evidence, action.origin = f.evidence, f.origin
                made.append(action)
            for action in [] if choices.preview else made:
                self._file(action.team_id).put(ACTIONS, action)
            change.label = label or f"Added the action {quoted(made[0].title)}"
        return made
