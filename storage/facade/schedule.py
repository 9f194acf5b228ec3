"""Schedule revisions: shifting a team's timeline or moving one milestone, previewed before
they are saved, and reverted without losing the record."""

import contextlib
from dataclasses import replace
from datetime import date
from typing import Any

from domain.challenges import answered_by_revision, moved
from domain.errors import NotFound, ValidationError
from domain.records import require_text
from domain.text import quoted
from domain.timeline import (
    ScheduleRevision,
    Timeline,
    build_timeline,
    check_effect,
    describe_revision,
)
from storage.facade.core import FacadeCore
from storage.tables import CHALLENGES, REVISIONS


class ScheduleVerbs(FacadeCore):
    def preview_revision(
        self,
        team_id: str,
        *,
        reason: str = "",
        shift_days: int = 0,
        from_stage: int | None = None,
        from_date: date | None = None,
        milestone_key: str | None = None,
        move_to: date | None = None,
        challenge_id: str | None = None,
    ) -> tuple[Timeline, Timeline, ScheduleRevision]:
        """The team's timeline before and after a proposed revision, nothing stored.
        Refuses a revision the timeline cannot take. The reason is checked on saving."""
        team = self._team(team_id)
        before = self.timeline(team.id)
        if milestone_key:
            before.milestone(milestone_key)
            if move_to is None:
                raise ValidationError("Give the date to move the milestone to.")
            if shift_days:
                raise ValidationError("Either shift the schedule or move one milestone, not both.")
        elif not shift_days:
            raise ValidationError("Give a shift such as +4w, or a milestone to move.")
        elif from_stage is None and from_date is None:
            raise ValidationError("Say where the shift starts: a stage or a date.")
        elif from_stage is not None and from_date is not None:
            raise ValidationError("Shift from a stage or from a date, not both.")
        if from_stage is not None:
            self.cluster().template.stage(from_stage)
        if challenge_id is not None:
            try:  # the team's own first: looking through every team's is slow at scale
                challenge = self._by_id_prefix(challenge_id, self.challenges(team.id), "challenge")
            except NotFound:
                challenge = self.challenge(challenge_id)
            if challenge.team_id != team.id:
                raise ValidationError(f"The challenge {quoted(challenge.title)} is another team's.")
            challenge_id = challenge.id
        now = self.now()
        revision = ScheduleRevision(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            reason=reason.strip(),
            shift_days=shift_days,
            from_stage=from_stage,
            from_date=from_date,
            milestone_key=milestone_key,
            move_to=move_to,
            challenge_id=challenge_id,
            made_by=self.user,
            made_on=self.today(),
        )
        revisions = [*self.revisions(team.id), revision]
        after = build_timeline(team.start, self.cluster().template, revisions)
        check_effect(before, after, self.today())
        return before, after, revision

    def revise_schedule(self, team_id: str, **proposal: Any) -> ScheduleRevision:
        """Apply a revision (see preview_revision). When it answers a challenge the chair is
        acting on, the challenge records it as the chair's response."""
        # Checked and located first: finding a challenge by its id reads every team.
        _, _, draft = self.preview_revision(team_id, **proposal)
        found = self.challenge(draft.challenge_id) if draft.challenge_id else None
        proposal["challenge_id"] = draft.challenge_id
        with self._change("") as change:
            _before, _after, revision = self.preview_revision(team_id, **proposal)
            require_text(revision.reason, "The reason for the revision")
            team = self._team(team_id)
            team_file = self._file(team.id)
            challenge = self._fresh(CHALLENGES, found, "challenge") if found else None
            change.label = f"Revised {team.name}'s schedule"
            team_file.put(REVISIONS, revision)
            if challenge is not None:
                answered = answered_by_revision(
                    challenge, revision, today=self.today(), at=self.now(), by=self.user
                )
                team_file.put(CHALLENGES, answered)
        return revision

    def revision(self, ref: str, team_id: str | None = None) -> ScheduleRevision:
        revisions = (
            self.revisions(team_id) if team_id else self._gather(REVISIONS, ScheduleRevision, None)
        )
        return self._by_id_prefix(ref, revisions, "revision")

    def revert_revision(self, team_id: str | None, revision_id: str) -> ScheduleRevision:
        found = self.revision(revision_id, team_id)
        located = None
        if found.challenge_id:
            with contextlib.suppress(NotFound):
                located = self.challenge(found.challenge_id)
        with self._change("") as change:
            revision = self._fresh(REVISIONS, found, "revision")
            team = self._team(revision.team_id)
            if not revision.active:
                raise ValidationError("That revision has already been reverted.")
            now = self.now()
            reverted = replace(revision, reverted_at=now, updated_at=now)
            team_file = self._file(team.id)
            challenge = None
            if located is not None:
                with contextlib.suppress(NotFound):
                    challenge = self._fresh(CHALLENGES, located, "challenge")
            change.label = f"Reverted a revision of {team.name}'s schedule"
            team_file.put(REVISIONS, reverted)
            if challenge is not None:
                what = f"Schedule revision reverted: {describe_revision(revision)}"
                team_file.put(CHALLENGES, moved(challenge, what, at=now, by=self.user))
        return reverted
