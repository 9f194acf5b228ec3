"""The demo workspace shows the chair's side of the program: an overdue escalation, a challenge
waiting on a stakeholder, a resolved one, and Castlefield's revision tied to its challenge."""

from datetime import UTC, datetime

import pytest

from demo import build_demo
from domain.challenges import ChallengeStatus, ResponseKind, WaitingOn
from domain.timeline import describe_revision
from storage.facade import Flourish

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # never the real clock


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Flourish:
    return build_demo(tmp_path_factory.mktemp("demo") / "ws", lambda: NOW)


def names(demo):
    return {t.id: t.name for t in demo.teams()}


def test_at_least_one_escalated_challenge_is_overdue_for_a_chair_response(demo):
    overdue = [c for c in demo.escalated() if demo.challenge_overdue(c)]
    assert overdue
    for c in overdue:
        assert c.status is ChallengeStatus.ESCALATED
        assert c.waiting_on is WaitingOn.CHAIR
        assert c.waiting_days(demo.today()) > demo.cluster().response_days
    assert "Millbrook Primary Academy" in {names(demo)[c.team_id] for c in overdue}
    millbrook = next(c for c in overdue if names(demo)[c.team_id].startswith("Millbrook"))
    assert millbrook.waiting_days(demo.today()) == 11


def test_one_challenge_has_the_chair_acting_and_waiting_on_a_stakeholder(demo):
    waiting = [
        c
        for c in demo.challenges()
        if c.status is ChallengeStatus.CHAIR_ACTING and c.waiting_on is WaitingOn.STAKEHOLDER
    ]
    assert waiting
    assert all(c.responses and c.responses[-1].kind is ResponseKind.LIAISE for c in waiting)
    assert all(c.responses[-1].with_whom for c in waiting)


def test_resolved_raised_and_escalated_challenges_are_all_there(demo):
    statuses = {c.status for c in demo.challenges()}
    assert {
        ChallengeStatus.RAISED,
        ChallengeStatus.ESCALATED,
        ChallengeStatus.CHAIR_ACTING,
        ChallengeStatus.RESOLVED,
    } <= statuses
    for c in demo.challenges():
        if c.status is ChallengeStatus.RESOLVED:
            assert c.resolution and c.outcome and c.closed_on <= demo.today()
            assert c.history[-1].what.startswith("Resolved")


def test_every_demo_challenge_has_a_consistent_history(demo):
    chair = demo.cluster().chair.name
    for c in demo.challenges():
        assert c.history[0].what == "Raised"
        assert c.history[-1].status is c.status
        ats = [h.at for h in c.history]
        assert ats == sorted(ats), c.title
        assert all(h.at <= NOW for h in c.history)
        for r in c.responses:
            assert r.by == chair and r.on <= demo.today()
        if c.is_escalated:
            assert c.escalation_reason and c.schedule_impact and c.escalated_on


def test_castlefields_revision_is_linked_to_its_challenge(demo):
    (castlefield,) = [t for t in demo.teams() if t.name.startswith("Castlefield")]
    (revision,) = demo.revisions(castlefield.id)
    challenge = demo.challenge(revision.challenge_id)
    assert challenge.team_id == castlefield.id
    assert challenge.status is ChallengeStatus.CHAIR_ACTING
    answer = next(r for r in challenge.responses if r.revision_id == revision.id)
    assert answer.kind is ResponseKind.REVISED_SCHEDULE
    assert answer.outcome == revision.reason
    assert f"Schedule revised: {describe_revision(revision)}" in [h.what for h in challenge.history]
    assert revision.made_by == demo.cluster().chair.name


def test_the_chairs_queue_and_the_stakeholders(demo):
    queue = demo.escalated()
    ranks = [c.severity.rank for c in queue]
    assert ranks == sorted(ranks, reverse=True)
    assert len(demo.cluster().stakeholders) == 2
    assert all(p.email and p.role for p in demo.cluster().stakeholders)


def test_a_moved_briefing_and_a_challenge_on_its_agenda(demo):
    moved = [b for b in demo.briefings() if b.sequence > 0]
    assert moved
    linked = [c for c in demo.challenges() if c.briefing_ids]
    assert linked
    ids = {b.id for b in demo.briefings()}
    assert all(set(c.briefing_ids) <= ids for c in linked)
