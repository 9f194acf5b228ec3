"""Implementation challenges: raised by a team, escalated to the chair, answered, closed.

What each move does is the domain's (domain/challenges/lifecycle.py); here each verb finds the
challenge, hands the move today's date and the user, and saves the result as one step."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from domain.challenges import Challenge, ChallengeKind, lifecycle, queue_order
from domain.records import parse_choice
from domain.text import quoted
from storage.facade.core import FacadeCore
from storage.tables import CHALLENGES

CHALLENGE_FIELDS = {"title", "description", "category", "impact", "urgency"}


class ChallengeVerbs(FacadeCore):
    def raise_challenge(
        self,
        team_id: str,
        *,
        category: str,
        title: str,
        kind: str | None = None,
        description: str = "",
        impact: str = "medium",
        urgency: str = "medium",
        raised_on: date | None = None,
        raised_by: str | None = None,
    ) -> Challenge:
        with self._change("") as change:
            team = self._team(team_id)
            challenge = lifecycle.new_challenge(
                team.id,
                category=category,
                kind=kind,
                title=title,
                description=description,
                impact=impact,
                urgency=urgency,
                raised_on=raised_on,
                today=self.today(),
                at=self.now(),
                by=(raised_by if raised_by is not None else self.user).strip(),
            )
            change.label = f"Raised the challenge {quoted(challenge.title)}"
            self._file(team.id).put(CHALLENGES, challenge)
        return challenge

    def challenge_overdue(self, challenge: Challenge) -> bool:
        """Escalated with no chair response within the cluster's response time."""
        return challenge.is_overdue(self.today(), self.cluster().response_days)

    def escalated(self, kind: str | None = None) -> list[Challenge]:
        """The chair's queue: every escalated challenge, most severe and longest waiting first."""
        found = [c for d in self.ws.read(self.desks) for c in d.challenges if c.is_escalated]
        if kind:
            wanted = parse_choice(ChallengeKind, kind, "challenge kind")
            found = [c for c in found if c.kind is wanted]
        return queue_order(found, self.today())

    def update_challenge(self, ref: str, **changes: Any) -> Challenge:
        """Correct a challenge's title, description, category, impact or urgency."""
        self._only(changes, CHALLENGE_FIELDS, "A challenge has no field {}.")
        return self._move(ref, lambda c: lifecycle.edit(c, changes, at=self.now(), by=self.user))

    def escalate_challenge(self, ref: str, *, reason: str, schedule_impact: str) -> Challenge:
        """Hand a challenge to the chair, saying why and what it will do to the schedule."""
        return self._move(
            ref, lambda c: lifecycle.escalate(c, reason, schedule_impact, **self._when())
        )

    def respond_to_challenge(
        self,
        ref: str,
        *,
        kind: str,
        outcome: str,
        on: date | None = None,
        with_whom: Sequence[str] = (),
        awaiting: str | None = None,
        revision_id: str | None = None,
    ) -> Challenge:
        """Record what the chair did: a meeting held, stakeholders contacted, a schedule
        renegotiated, other initiatives re-prioritised. The chair is then acting on it."""
        return self._move(
            ref,
            lambda c: lifecycle.respond(
                c,
                kind=kind,
                outcome=outcome,
                on=on,
                with_whom=with_whom,
                awaiting=awaiting,
                revision_id=revision_id,
                **self._when(),
            ),
        )

    def resolve_challenge(self, ref: str, *, resolution: str, outcome: str) -> Challenge:
        return self._move(ref, lambda c: lifecycle.resolve(c, resolution, outcome, **self._when()))

    def withdraw_challenge(self, ref: str, *, reason: str) -> Challenge:
        return self._move(ref, lambda c: lifecycle.withdraw(c, reason, **self._when()))

    def reopen_challenge(self, ref: str, *, reason: str) -> Challenge:
        """Reopen a resolved challenge: back to the chair if it had been escalated (the response
        clock starts again), else back to the team."""
        return self._move(ref, lambda c: lifecycle.reopen(c, reason, **self._when()))

    def link_briefing(self, ref: str, briefing_id: str) -> Challenge:
        """Put a challenge on a briefing's agenda."""
        return self._move(
            ref,
            lambda c: lifecycle.link_briefing(
                c, self.briefing(briefing_id), at=self.now(), by=self.user
            ),
        )

    def _when(self) -> dict[str, Any]:
        """What every move is told: today's date, the moment, and who makes it."""
        return {"today": self.today(), "at": self.now(), "by": self.user}

    def _move(self, ref: str, move: Callable[[Challenge], Challenge]) -> Challenge:
        """Apply a lifecycle move to the challenge as it is on disk now, and save it labelled
        with the move's history entry. A move that changes nothing saves nothing."""
        found = self.challenge(ref)
        with self._change("") as change:
            challenge = self._fresh(CHALLENGES, found, "challenge")
            updated = move(challenge)
            if updated is not challenge:
                self._file(challenge.team_id).put(CHALLENGES, updated)
                change.label = f"{updated.history[-1].what}: {quoted(challenge.title)}"
        return updated
