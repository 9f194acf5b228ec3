"""The partnership's journey: its steps, each under one of six questions, along a timeline."""

from datetime import date
from typing import Any

from domain.journey import JourneyStep, Lane, Question, lanes, parse_question
from domain.records import require_text
from storage.facade.cluster_work import ClusterWork
from storage.tables import JOURNEY

STEP_FIELDS = {"question", "on", "what", "schools", "partners", "evidence"}


class JourneyVerbs(ClusterWork):
    def journey(self) -> list[JourneyStep]:
        """Oldest first."""
        found = self._cluster_records(JOURNEY, JourneyStep)
        return sorted(found, key=lambda s: (s.on, s.created_at))

    def journey_lanes(self) -> list[Lane]:
        return lanes(self.journey())

    def journey_step(self, ref: str) -> JourneyStep:
        return self._cluster_record(ref, JOURNEY, JourneyStep, "journey step")

    def add_journey_step(
        self,
        question: str | Question,
        what: str,
        *,
        on: date | None = None,
        schools: list[str] = (),  # type: ignore[assignment]
        partners: str = "",
        evidence: str = "",
    ) -> JourneyStep:
        now = self.now()
        made = JourneyStep(
            created_at=now,
            updated_at=now,
            question=parse_question(str(question)),
            on=on or self.today(),
            what=require_text(what, "What happened"),
            team_ids=self._team_ids(list(schools)),
            partners=partners.strip(),
            evidence=evidence.strip(),
        )
        with self._change("Added a step to the partnership's journey"):
            self.ws.cluster_file.put(JOURNEY, made)
        return made

    def update_journey_step(self, ref: str, **changes: Any) -> JourneyStep:
        self._only(changes, STEP_FIELDS, "A journey step has no field {}.")
        if "question" in changes:
            changes["question"] = parse_question(str(changes["question"]))
        if "what" in changes:
            changes["what"] = require_text(changes["what"], "What happened")
        if "schools" in changes:
            changes["team_ids"] = self._team_ids(list(changes.pop("schools")))
        for name in ("partners", "evidence"):
            if name in changes:
                changes[name] = str(changes[name]).strip()
        return self._edit_cluster(
            ref, JOURNEY, JourneyStep, "journey step", lambda old: (changes, "Changed a step")
        )

    def delete_journey_step(self, ref: str) -> JourneyStep:
        found = self.journey_step(ref)
        with self._change("Deleted a step of the partnership's journey"):
            old = self._cluster_fresh(JOURNEY, found, "journey step")
            self.ws.cluster_file.remove(JOURNEY, old.id)
        return old
