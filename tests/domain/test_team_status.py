"""A team's status at a glance: phase, check-in due, action and challenge counts."""

from datetime import UTC, date, datetime

import pytest

from domain.actions import ActionItem, ActionStatus
from domain.challenges import Category, Challenge, ChallengeStatus
from domain.checkins import CheckIn, CheckInKind
from domain.cluster import Team
from domain.program import DEFAULT_TEMPLATE, EventKind
from domain.records import Person
from domain.status import Phase, team_status
from domain.timeline import ScheduleRevision

START = date(2026, 9, 1)
AT = datetime(2026, 8, 1, 9, 0, tzinfo=UTC)
TEAM = Team(
    created_at=AT, updated_at=AT, name="Hillside Primary", start=START, coach=Person(name="Ana")
)


def checkin(day, kind=CheckInKind.COACHING, **fields):
    return CheckIn(created_at=AT, updated_at=AT, team_id=TEAM.id, date=day, kind=kind, **fields)


def action(status, due=None):
    return ActionItem(
        created_at=AT, updated_at=AT, team_id=TEAM.id, title="a", status=status, due=due
    )


def challenge(status):
    return Challenge(
        created_at=AT,
        updated_at=AT,
        team_id=TEAM.id,
        category=Category.STAFF_SHORTAGE,
        title="c",
        raised_on=START,
        status=status,
    )


@pytest.mark.parametrize(
    ("today", "phase", "month"),
    [
        (date(2026, 8, 31), Phase.NOT_STARTED, 0),
        (date(2026, 9, 1), Phase.RUNNING, 1),
        (date(2027, 8, 31), Phase.RUNNING, 12),
        (date(2027, 9, 1), Phase.FINISHED, 12),
    ],
)
def test_phase(today, phase, month):
    status = team_status(TEAM, DEFAULT_TEMPLATE, today)
    assert status.phase is phase
    assert status.program_month == month


def test_running_team_shows_stage_and_next_milestone():
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2027, 2, 20))
    assert status.stage.number == 2
    assert status.next_milestone.key == "pulse-4"
    assert status.next_milestone.kind is not EventKind.COACHING
    assert 0 < status.percent < 100


def test_checkin_due_from_the_start_and_overdue_days():
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2026, 10, 2))
    assert status.last_checkin is None
    assert status.checkin_due == date(2026, 9, 29)
    assert status.checkin_overdue_days == 3 and status.checkin_overdue


def test_checkin_due_after_the_last_contact_ignoring_webinars():
    checkins = [checkin(date(2026, 9, 20)), checkin(date(2026, 10, 1), CheckInKind.WEBINAR)]
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2026, 10, 18), checkins=checkins)
    assert status.last_checkin == date(2026, 9, 20)
    assert status.checkin_due == date(2026, 10, 18)
    assert status.checkin_overdue_days == 0 and not status.checkin_overdue


def test_checkin_due_follows_the_cluster_cadence():
    status = team_status(TEAM, DEFAULT_TEMPLATE.with_cadence(2), date(2026, 9, 10))
    assert status.checkin_due == date(2026, 9, 15)


def test_no_checkin_due_once_finished():
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2027, 10, 1), checkins=[checkin(START)])
    assert status.checkin_due is None
    assert status.checkin_overdue_days == 0
    assert status.stage is None and status.next_milestone is None
    assert status.percent == 100


def test_postponed_program_counts_checkins_from_its_revised_start():
    postpone = ScheduleRevision(
        created_at=AT, updated_at=AT, team_id=TEAM.id, reason="late", shift_days=28, from_stage=1
    )
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2026, 10, 1), revisions=[postpone])
    assert status.timeline.start == date(2026, 9, 29)
    assert status.phase is Phase.RUNNING
    assert status.checkin_due == date(2026, 10, 27)
    assert not status.checkin_overdue


def test_action_counts():
    today = date(2026, 11, 10)
    past = date(2026, 11, 1)
    actions = [
        action(ActionStatus.DONE, past),
        action(ActionStatus.DONE),
        action(ActionStatus.IN_PROGRESS, past),  # overdue
        action(ActionStatus.BLOCKED, past),  # overdue
        action(ActionStatus.NOT_STARTED, date(2026, 12, 1)),
        action(ActionStatus.DROPPED, past),  # no longer part of the plan
    ]
    status = team_status(TEAM, DEFAULT_TEMPLATE, today, actions=actions)
    assert status.actions_total == 5
    assert status.actions_done == 2
    assert status.actions_overdue == 2


def test_challenge_counts():
    challenges = [
        challenge(ChallengeStatus.RAISED),
        challenge(ChallengeStatus.ESCALATED),
        challenge(ChallengeStatus.CHAIR_ACTING),
        challenge(ChallengeStatus.RESOLVED),
        challenge(ChallengeStatus.WITHDRAWN),
    ]
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2026, 11, 10), challenges=challenges)
    assert status.challenges_open == 3
    assert status.challenges_escalated == 2


def test_empty_team_has_zero_counts():
    status = team_status(TEAM, DEFAULT_TEMPLATE, date(2026, 11, 10))
    counts = (
        status.actions_total,
        status.actions_done,
        status.actions_overdue,
        status.challenges_open,
        status.challenges_escalated,
    )
    assert counts == (0, 0, 0, 0, 0)
