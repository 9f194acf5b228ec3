"""Where a team is now and where it wants to be: statement pairs with their evidence, and
the actions linked to them."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from domain.actions import ActionItem
from domain.errors import ValidationError
from domain.goals import Goal, check_fields, evidence_lines
from domain.goals import action_title as goal_action
from domain.text import quoted
from storage.facade.findings import FINDING_WEEKS, NO_CHOICES, Choices, FindingActions
from storage.tables import ACTIONS, GOALS


class GoalVerbs(FindingActions):
    def goals(self, team: str) -> list[Goal]:
        found = self._records(self.team(team).id, GOALS, Goal)
        return sorted(found, key=lambda a: a.created_at)

    def goal(self, ref: str) -> Goal:
        return self._by_id(ref, GOALS, Goal, "statement pair")

    def goal_actions(self, goal: Goal) -> list[ActionItem]:
        """Its linked actions that still exist, in the order they were linked."""
        actions = {a.id: a for a in self.actions(goal.team_id)}
        return [actions[i] for i in goal.action_ids if i in actions]

    def add_goal(
        self, team: str, *, now: str, want: str, now_evidence: str = "", want_evidence: str = ""
    ) -> Goal:
        found = self.team(team)
        fields = check_fields(
            {"now": now, "want": want, "now_evidence": now_evidence, "want_evidence": want_evidence}
        )
        stamp = self.now()
        made = Goal(created_at=stamp, updated_at=stamp, team_id=found.id, **fields)
        with self._change(f"Added where {found.name} wants to be"):
            self._file(found.id).put(GOALS, made)
        return made

    def update_goal(self, ref: str, **changes: str) -> Goal:
        checked = check_fields(changes)
        return self._edit_goal(ref, lambda old: (checked, "Changed a where-we-are statement pair"))

    def delete_goal(self, ref: str) -> Goal:
        found = self.goal(ref)
        with self._change("Deleted a where-we-are statement pair"):
            old = self._fresh(GOALS, found, "statement pair")
            self._file(old.team_id).remove(GOALS, old.id)
        return old

    def link_action(self, ref: str, action_ref: str) -> Goal:
        """Link one of the team's action plan items to a statement pair (again: no change)."""

        found = self.action(action_ref)

        def link(old: Goal) -> tuple[dict[str, Any], str]:
            action = self._fresh(ACTIONS, found, "action")
            if action.team_id != old.team_id:
                raise ValidationError("That action is in another team's plan: link the team's own.")
            if action.id in old.action_ids:
                return {}, ""
            return {"action_ids": [*old.action_ids, action.id]}, f"Linked {quoted(action.title)}"

        return self._edit_goal(ref, link)

    def unlink_action(self, ref: str, action_ref: str) -> Goal:
        found = self.action(action_ref)

        def unlink(old: Goal) -> tuple[dict[str, Any], str]:
            action = self._fresh(ACTIONS, found, "action")
            if action.id not in old.action_ids:
                raise ValidationError(
                    f"{quoted(action.title)} is not linked to this statement pair."
                )
            kept = [i for i in old.action_ids if i != action.id]
            return {"action_ids": kept}, f"Unlinked {quoted(action.title)}"

        return self._edit_goal(ref, unlink)

    def action_from_goal(
        self, ref: str, title: str = "", choices: Choices = NO_CHOICES
    ) -> ActionItem:
        """A new action plan item towards where the team wants to be, linked to the pair, in
        one undoable step (`choices.preview`: worked out and checked, nothing saved)."""
        found = self.goal(ref)
        with self._change("") as change:
            old = self._fresh(GOALS, found, "statement pair")
            team = self._team(old.team_id)
            action = self._new_action(
                team,
                choices.title.strip() or title.strip() or goal_action(old),
                choices.owner,
                None,
                choices.due or self.today() + timedelta(weeks=FINDING_WEEKS),
                "; ".join(evidence_lines(old.want_evidence)) or old.want,
            )
            action.origin = f"aspiration:{old.id}"  # as first stored, before goals were renamed
            if any(
                a.title.casefold() == action.title.casefold() for a in self.open_actions(team.id)
            ):
                raise ValidationError(
                    f"{team.name}'s plan already has the open action {quoted(action.title)}."
                )
            if choices.preview:
                return action
            updated = replace(old, action_ids=[*old.action_ids, action.id], updated_at=self.now())
            change.label = f"Added the action {quoted(action.title)}"
            self._file(team.id).put(ACTIONS, action)
            self._file(team.id).put(GOALS, updated)
        return action

    def _edit_goal(self, ref: str, edit: Callable[[Goal], tuple[dict[str, Any], str]]) -> Goal:
        """Apply `edit`'s (changes, label) to the pair as it is on disk now, as one step."""
        found = self.goal(ref)
        with self._change("") as change:
            old = self._fresh(GOALS, found, "statement pair")
            changes, change.label = edit(old)
            if not changes:
                return old
            updated = replace(old, **changes, updated_at=self.now())
            self._file(old.team_id).put(GOALS, updated)
        return updated
