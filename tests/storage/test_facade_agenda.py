"""Drafted agendas through the facade: what is current for the chair to edit, and never a word
of a check-in's notes, confidential or not, however the agenda is drafted."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.records import Person
from storage.facade import Flourish, NewAction

LONDON = ZoneInfo("Europe/London")
SECRET = "ZX-CONFIDENTIAL-4471"
PLAIN = "QQ-ORDINARY-NOTE-9035"
ESCALATE = {"reason": "Cover cancels meetings", "schedule_impact": "Stage 2 slips a month"}


@pytest.fixture
def f(root, clock, team) -> Flourish:
    return Flourish.open(root, clock=clock, user="Dana Chair")


@pytest.fixture
def cluster(f, team):
    """Two teams, check-ins with notes (one confidential), challenges in several states."""
    river = f.add_team("Riverside Academy", start=date(2026, 6, 1), coach=Person(name="Kim"))
    f.log_checkin(
        team.id,
        on=date(2026, 11, 20),
        notes=f"The head is off sick: {SECRET}",
        confidential=True,
        new_actions=[NewAction(title="Cover plan")],
    )
    f.log_checkin(river.id, on=date(2026, 11, 19), notes=f"Good visit {PLAIN}")
    acting = f.raise_challenge(team.id, category="staff-shortage", title="Two teachers off")
    f.escalate_challenge(acting.id, **ESCALATE)
    f.respond_to_challenge(acting.id, kind="meeting", outcome="Agreed Tuesday cover")
    waiting = f.raise_challenge(river.id, category="new-initiatives", title="Trust programme")
    f.escalate_challenge(waiting.id, **ESCALATE)
    f.raise_challenge(team.id, category="critical-incident", title="Boiler broke")  # not escalated
    closed = f.raise_challenge(river.id, category="extra-reporting", title="Weekly returns")
    f.resolve_challenge(closed.id, resolution="Termly again", outcome="reprioritised")
    return river


def assert_no_notes(text: str) -> None:
    assert SECRET not in text
    assert PLAIN not in text
    assert "off sick" not in text and "Good visit" not in text


def test_the_agenda_has_each_team_and_the_escalated_challenges_only(f, team, cluster):
    text = f.draft_agenda()
    assert "Hillside Primary: stage 1 (Establish foundations), month 3/12" in text
    assert "Riverside Academy: stage 2 (Drive for results), month 6/12" in text
    assert "Hillside Primary: Two teachers off (internal, medium; waiting on team)" in text
    assert "Attended a conversation or meeting to support and problem-solve: Agreed" in text
    assert "Riverside Academy: Trust programme (external, medium; waiting on chair)" in text
    assert "Expected impact: Stage 2 slips a month" in text
    assert "Boiler broke" not in text  # raised, not escalated
    assert "Weekly returns" not in text  # resolved
    assert_no_notes(text)


def test_a_team_agenda_covers_that_team_only(f, team, cluster):
    text = f.draft_agenda("Hillside")
    assert "Hillside Primary" in text
    assert "Riverside" not in text
    assert "Trust programme" not in text
    assert_no_notes(text)


def test_check_in_notes_never_reach_any_drafted_agenda(f, clock, team, cluster):
    briefing = f.add_briefing("Cluster update", start=clock() + timedelta(days=3))
    team_briefing = f.add_briefing("Hillside", start=clock() + timedelta(days=4), team_id=team.id)
    made = f.accept_plan(f.plan_briefings()) + f.accept_plan(f.plan_briefings(team.id))
    agendas = [briefing.agenda, team_briefing.agenda, *(b.agenda for b in made)]
    assert len(agendas) == 2 + 3 + 4  # the cluster plan follows Riverside, past stage 1
    for agenda in agendas:
        assert agenda.startswith("1. Welcome and purpose of the briefing")
        assert_no_notes(agenda)
    assert "Two teachers off" in briefing.agenda and "Two teachers off" in made[0].agenda
    assert all(SECRET not in b.agenda for b in f.briefings())


def test_only_revisions_since_the_last_briefing(f, clock, team, cluster):
    f.revise_schedule(team.id, reason="Before the briefing", shift_days=7, from_stage=3)
    f.add_briefing("Cluster update", start=datetime(2026, 11, 25, 15, 30, tzinfo=LONDON))
    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)
    f.revise_schedule(team.id, reason="After the briefing", shift_days=7, from_stage=2)
    undone = f.revise_schedule(
        cluster.id, reason="Reverted since", milestone_key="mid-workshop", move_to=date(2027, 1, 5)
    )
    f.revert_revision(None, undone.id)

    text = f.draft_agenda()
    assert (
        "4. Schedule revisions since the last briefing (25 Nov 2026)\n"
        "   - Hillside Primary: stage 2 onward +1w: After the briefing"
    ) in text
    assert "Before the briefing" not in text
    assert "Reverted since" not in text

    # A briefing drafted for later counts the briefings before it, not the ones after.
    later = f.add_briefing("December", start=datetime(2026, 12, 10, 15, 30, tzinfo=LONDON))
    assert "since the last briefing (25 Nov 2026)" in later.agenda
    assert "After the briefing" in later.agenda
    after_december = f.draft_agenda(start=datetime(2026, 12, 11, 9, 0, tzinfo=LONDON))
    assert "since the last briefing (10 Dec 2026)" in after_december
    assert "Schedule revisions since the last briefing (10 Dec 2026): none" in after_december


def test_a_cancelled_or_another_teams_briefing_is_not_the_last_briefing(f, clock, team, cluster):
    f.revise_schedule(team.id, reason="Early revision", shift_days=7, from_stage=3)
    cancelled = f.add_briefing("Called off", start=datetime(2026, 11, 24, 15, 30, tzinfo=LONDON))
    f.cancel_briefing(cancelled.id)
    f.add_briefing(
        "Riverside only",
        start=datetime(2026, 11, 24, 16, 30, tzinfo=LONDON),
        team_id=cluster.id,
    )
    clock.now = datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)
    text = f.draft_agenda(team.id)
    assert "4. Schedule revisions\n" in text  # no last briefing for Hillside
    assert "Hillside Primary: stage 3 onward +1w: Early revision" in text
    assert "since the last briefing (24 Nov 2026)" in f.draft_agenda(cluster.id)


def test_an_agenda_given_is_kept_and_an_empty_one_stays_empty(f, clock, cluster):
    given = f.add_briefing("Mine", start=clock() + timedelta(days=2), agenda=" 1. Only this \n")
    assert given.agenda == "1. Only this"
    empty = f.add_briefing("Blank", start=clock() + timedelta(days=2), agenda="")
    assert empty.agenda == ""
