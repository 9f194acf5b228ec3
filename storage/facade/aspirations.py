"""Where a team is now and where it wants to be: statement pairs with their evidence, and
the actions linked to them."""

from dataclasses import replace
from datetime import timedelta

from domain.actions import ActionItem
from domain.aspirations import Aspiration, check_fields, evidence_lines
from domain.aspirations import action_title as aspiration_action
from domain.errors import ValidationError
from storage.facade.findings import FINDING_WEEKS, FindingActions
from storage.tables import ACTIONS, ASPIRATIONS


class AspirationVerbs(FindingActions):
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

    def update_aspiration(self, ref: str, **changes: str) -> Aspiration:
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
