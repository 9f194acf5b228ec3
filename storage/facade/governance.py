"""Governance choices: the model the cluster has and the one it moves to, and its dated
answers to each model's key questions. Its now/want statements are cluster goals of the
governance area (cluster_plan.py)."""

from dataclasses import replace
from datetime import date
from typing import Any

from domain.errors import ValidationError
from domain.governance import (
    GOVERNANCE_ID,
    GovernanceAnswer,
    GovernanceChoice,
    Model,
    find_model,
    find_question,
)
from domain.records import require_text
from storage.facade.cluster_work import ClusterWork
from storage.tables import GOVERNANCE, GOVERNANCE_ANSWERS


class GovernanceVerbs(ClusterWork):
    def governance(self) -> GovernanceChoice:
        """The cluster's choice; an empty one until it is first set."""
        found: GovernanceChoice | None = self.ws.read(
            self.ws.cluster_file.get, GOVERNANCE, GovernanceChoice, GOVERNANCE_ID
        )
        if found is not None:
            return found
        stamp = self.now()
        return GovernanceChoice(id=GOVERNANCE_ID, created_at=stamp, updated_at=stamp)

    def set_governance(
        self, *, now: str | None = None, moving_to: str | None = None, notes: str | None = None
    ) -> GovernanceChoice:
        """Only what is given changes; "" clears a model."""
        changes: dict[str, Any] = {}
        if now is not None:
            changes["now"] = find_model(now).key if now.strip() else ""
        if moving_to is not None:
            changes["moving_to"] = find_model(moving_to).key if moving_to.strip() else ""
        if notes is not None:
            changes["notes"] = notes.strip()
        if not changes:
            raise ValidationError(
                "Nothing to change: give the model now, the one to move to, or notes."
            )
        with self._change("Changed the cluster's governance choice"):
            old = self.governance()  # read under the lock
            updated = replace(old, **changes, updated_at=self.now())
            self.ws.cluster_file.put(GOVERNANCE, updated)
        return updated

    def governance_answers(self, model: str | None = None) -> list[GovernanceAnswer]:
        """Oldest first; one model's if given."""
        found = self._cluster_records(GOVERNANCE_ANSWERS, GovernanceAnswer)
        if model:
            key = find_model(model).key
            found = [a for a in found if a.model == key]
        return sorted(found, key=lambda a: (a.on, a.created_at))

    def answer_governance(
        self, model: str, question: str | int, answer: str, *, on: date | None = None
    ) -> GovernanceAnswer:
        found: Model = find_model(model)
        stamp = self.now()
        made = GovernanceAnswer(
            created_at=stamp,
            updated_at=stamp,
            model=found.key,
            question=find_question(found, question),
            answer=require_text(answer, "An answer"),
            by=self.user,
            on=on or self.today(),
        )
        with self._change(f"Answered a question on {found.name}"):
            self.ws.cluster_file.put(GOVERNANCE_ANSWERS, made)
        return made

    def delete_governance_answer(self, ref: str) -> GovernanceAnswer:
        found = self._cluster_record(ref, GOVERNANCE_ANSWERS, GovernanceAnswer, "answer")
        with self._change("Deleted an answer on governance"):
            old = self._cluster_fresh(GOVERNANCE_ANSWERS, found, "answer")
            self.ws.cluster_file.remove(GOVERNANCE_ANSWERS, old.id)
        return old
