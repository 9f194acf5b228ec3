"""A team's status at a glance: phase, check-in due, action and challenge counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.actions import ActionItem, ActionStatus
from domain.challenges import Category, Challenge, ChallengeStatus
from domain.checkins import CheckIn, CheckInKind
from domain.cluster import Team
from domain.program import DEFAULT_TEMPLATE, EventKind
from domain.records import Person
from domain.status import Phase, TeamStatus, status_on, team_facts, team_status
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


def challenge(status, escalated_on=None):
    return Challenge(
        created_at=AT,
        updated_at=AT,
        team_id=TEAM.id,
        category=Category.STAFF_SHORTAGE,
        title="c",
        raised_on=START,
        status=status,
        escalated_on=escalated_on,
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
    assert status.checkin_due == date(2026, 10, 19)  # a Sunday's check-in is Monday's
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


# -- challenges overdue: awaiting the chair beyond the response time -------------------------

ESCALATED_ON = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("days", "response_days", "overdue"),
    [(7, 7, 0), (8, 7, 1), (3, 3, 0), (4, 3, 1), (8, 10, 0), (11, 10, 1), (0, 1, 0)],
)
def test_challenges_overdue_after_the_response_days(days, response_days, overdue):
    challenges = [
        challenge(ChallengeStatus.ESCALATED, ESCALATED_ON),
        challenge(ChallengeStatus.CHAIR_ACTING, ESCALATED_ON),  # responded: never overdue
        challenge(ChallengeStatus.RESOLVED, ESCALATED_ON),
        challenge(ChallengeStatus.RAISED),
    ]
    today = ESCALATED_ON + timedelta(days=days)
    status = team_status(
        TEAM, DEFAULT_TEMPLATE, today, challenges=challenges, response_days=response_days
    )
    assert status.challenges_overdue == overdue
    assert overdue == sum(c.is_overdue(today, response_days) for c in challenges)


def test_the_response_days_default_to_seven():
    escalated = [challenge(ChallengeStatus.ESCALATED, ESCALATED_ON)]
    day = ESCALATED_ON + timedelta(days=7)
    assert team_status(TEAM, DEFAULT_TEMPLATE, day, challenges=escalated).challenges_overdue == 0
    day += timedelta(days=1)
    assert team_status(TEAM, DEFAULT_TEMPLATE, day, challenges=escalated).challenges_overdue == 1


# -- status_on: facts worked out once, read on any day ----------------------------------------


def direct(team, template, today, *, checkins, actions, challenges, revisions, response_days):
    """The status worked out in one go from the records, as before facts were split out."""
    from domain.checkins import days_overdue, last_contact, next_checkin_due
    from domain.expected import with_expected_checkins
    from domain.timeline import build_timeline

    timeline = with_expected_checkins(
        build_timeline(team.start, template, list(revisions)), list(checkins), template
    )
    if today < timeline.start:
        phase = Phase.NOT_STARTED
    elif today > timeline.end:
        phase = Phase.FINISHED
    else:
        phase = Phase.RUNNING
    last = last_contact(list(checkins))
    due = None
    if phase is not Phase.FINISHED:
        due = next_checkin_due(
            list(checkins), timeline.start, template.checkin_cadence_weeks, template.holidays
        )
    planned = [a for a in actions if a.status is not ActionStatus.DROPPED]
    return TeamStatus(
        team=team,
        timeline=timeline,
        phase=phase,
        stage=timeline.stage_on(today),
        program_month=timeline.program_month(today),
        percent=timeline.percent_through(today),
        last_checkin=last.date if last else None,
        checkin_due=due,
        checkin_overdue_days=days_overdue(due, today) if due else 0,
        actions_done=sum(a.status is ActionStatus.DONE for a in planned),
        actions_total=len(planned),
        actions_overdue=sum(a.is_overdue(today) for a in actions),
        challenges_open=sum(c.is_open for c in challenges),
        challenges_escalated=sum(c.is_escalated for c in challenges),
        challenges_overdue=sum(c.is_overdue(today, response_days) for c in challenges),
        next_milestone=timeline.next_milestone(today),
    )


days = st.dates(min_value=date(2026, 6, 1), max_value=date(2028, 3, 1))
checkins = st.lists(
    st.builds(
        checkin,
        days,
        st.sampled_from(CheckInKind),
        next_checkin=st.none() | days,
    ),
    max_size=5,
)
actions = st.lists(st.builds(action, st.sampled_from(ActionStatus), st.none() | days), max_size=6)
challenges = st.lists(
    st.builds(challenge, st.sampled_from(ChallengeStatus), st.none() | days), max_size=6
)
revisions = st.lists(
    st.builds(
        ScheduleRevision,
        created_at=st.just(AT),
        updated_at=st.just(AT),
        team_id=st.just(TEAM.id),
        reason=st.just("r"),
        shift_days=st.integers(-20, 60),
        from_stage=st.just(1),
    ),
    max_size=1,
)


@settings(max_examples=300, deadline=None)
@given(
    today=days,
    later=st.lists(days, max_size=4),
    cadence=st.integers(1, 6),
    response_days=st.integers(1, 90),
    checkins=checkins,
    actions=actions,
    challenges=challenges,
    revisions=revisions,
)
def test_status_on_any_day_is_the_status_worked_out_that_day(
    today, later, cadence, response_days, checkins, actions, challenges, revisions
):
    template = DEFAULT_TEMPLATE.with_cadence(cadence)
    records = dict(checkins=checkins, actions=actions, challenges=challenges, revisions=revisions)
    facts = team_facts(TEAM, template, **records)
    # The same facts, read on several days, the edges of every rule among them.
    edges = [
        c.escalated_on + timedelta(days=response_days + k)
        for c in challenges
        for k in (0, 1)
        if c.escalated_on
    ]
    edges += [a.due + timedelta(days=k) for a in actions for k in (0, 1) if a.due]
    edges += [facts.checkin_due + timedelta(days=k) for k in (0, 1)]
    edges += [facts.timeline.start, facts.timeline.end + timedelta(days=1)]
    for day in [today, *later, *edges]:
        expected = direct(TEAM, template, day, response_days=response_days, **records)
        assert status_on(facts, day, response_days) == expected
        assert team_status(TEAM, template, day, response_days=response_days, **records) == expected
