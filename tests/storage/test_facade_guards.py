"""Refusals a chair would otherwise trip over: a response dated before the escalation, a
category that no longer fits the responses, and linking a challenge to a briefing it cannot be
on. Each leaves the files untouched."""

from datetime import date, timedelta

import pytest

from domain.errors import ValidationError
from domain.records import Person
from storage.facade import Flourish

ESCALATE = {"reason": "Cover cancels our meetings", "schedule_impact": "Stage 2 slips a month"}


@pytest.fixture
def f(root, clock, team) -> Flourish:
    return Flourish.open(root, clock=clock, user="Dana Chair")


def data_files(root) -> dict[str, bytes]:
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def escalated(f, team, category="staff-shortage"):
    c = f.raise_challenge(team.id, category=category, title="Two teachers off")
    return f.escalate_challenge(c.id, **ESCALATE)


def test_a_response_dated_before_the_escalation_is_refused(f, root, team):
    c = escalated(f, team)
    files = data_files(root)
    with pytest.raises(ValidationError, match="cannot come before the escalation"):
        f.respond_to_challenge(
            c.id, kind="meeting", outcome="Met", on=c.escalated_on - timedelta(days=1)
        )
    assert data_files(root) == files
    f.respond_to_challenge(c.id, kind="meeting", outcome="Met", on=c.escalated_on)


def test_a_category_that_does_not_fit_the_chairs_responses_is_refused(f, root, team):
    c = escalated(f, team)
    f.respond_to_challenge(c.id, kind="meeting", outcome="Met the head")
    files = data_files(root)
    with pytest.raises(ValidationError, match="cannot become external"):
        f.update_challenge(c.id, category="new-initiatives")
    assert data_files(root) == files
    # Another internal category still fits.
    assert f.update_challenge(c.id, category="critical-incident").category.value == (
        "critical-incident"
    )


def test_a_challenge_goes_only_on_its_own_teams_or_the_clusters_briefings_to_come(
    f, root, clock, team
):
    other = f.add_team("Riverside Academy", start=date(2026, 9, 1), coach=Person(name="Kim"))
    c = escalated(f, team)
    soon = clock() + timedelta(days=7)
    theirs = f.add_briefing("Riverside update", start=soon, team_id=other.id)
    cancelled = f.cancel_briefing(f.add_briefing("Called off", start=soon).id)
    past = f.add_briefing("Earlier", start=clock() + timedelta(hours=1))
    clock.advance(days=1)
    files = data_files(root)
    for briefing, why in ((theirs, "another team's"), (cancelled, "cancelled"), (past, "over")):
        with pytest.raises(ValidationError, match=why):
            f.link_briefing(c.id, briefing.id)
    assert data_files(root) == files
    cluster_wide = f.add_briefing("Cluster update", start=clock() + timedelta(days=7))
    assert f.link_briefing(c.id, cluster_wide.id).briefing_ids == [cluster_wide.id]
    closed = f.resolve_challenge(c.id, resolution="Cover found", outcome="back-on-track")
    later = f.add_briefing("Later", start=clock() + timedelta(days=9))
    with pytest.raises(ValidationError, match="resolved"):
        f.link_briefing(closed.id, later.id)


def test_editing_a_briefings_title_or_attendees_raises_its_sequence(f, clock):
    b = f.add_briefing("Update", start=clock() + timedelta(days=7), agenda="1. Plan")
    b = f.update_briefing(b.id, title="Autumn update")
    assert b.sequence == 1
    b = f.update_briefing(b.id, attendees=[Person(name="Ann", email="ann@example.org")])
    assert b.sequence == 2
    assert f.update_briefing(b.id, title="Autumn update").sequence == 2  # nothing changed
