"""A team's calendar events (domain/schedule.py): coaching check-ins numbered so that each
keeps its UID from expected to held, sequences that rise whenever a date moves, and ranges."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.checkins import CheckIn, CheckInKind
from domain.cluster import Team
from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.records import Person
from domain.schedule import coaching_events, in_range, team_events
from domain.timeline import ScheduleRevision

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
START, END = date(2026, 9, 1), date(2027, 8, 31)
TEAM = Team(created_at=NOW, updated_at=NOW, name="Hillside", start=START, coach=Person(name="Jo"))


def checkin(day: date, n: int, kind=CheckInKind.COACHING, next_checkin=None) -> CheckIn:
    at = NOW + timedelta(days=n)
    return CheckIn(
        created_at=at,
        updated_at=at,
        team_id=TEAM.id,
        date=day,
        kind=kind,
        next_checkin=next_checkin,
    )


def coaching(checkins):
    return coaching_events(TEAM, checkins, START, END, DEFAULT_TEMPLATE)


def test_with_no_check_ins_they_follow_the_cadence_to_the_end():
    events = coaching([])

    assert [e.start for e in events[:2]] == [date(2026, 9, 29), date(2026, 10, 27)]
    assert events[-1].start <= END < events[-1].start + timedelta(weeks=4)
    assert [e.uid for e in events[:2]] == [
        f"{TEAM.id}.checkin-1@flourish",
        f"{TEAM.id}.checkin-2@flourish",
    ]
    assert {e.sequence for e in events} == {0}


def test_held_check_ins_then_the_agreed_date_then_the_cadence():
    events = coaching([checkin(date(2026, 9, 20), 1, next_checkin=date(2026, 10, 9))])

    assert [e.start for e in events[:3]] == [
        date(2026, 9, 20),
        date(2026, 10, 9),
        date(2026, 11, 6),
    ]
    assert "Held" in events[0].description and "Agreed" in events[1].description


def test_a_workshop_resets_the_clock_without_taking_a_check_in_number():
    events = coaching([checkin(date(2026, 9, 24), 1, kind=CheckInKind.WORKSHOP)])

    assert events[0].uid.endswith("checkin-1@flourish")
    assert events[0].start == date(2026, 10, 22)  # four weeks after the workshop


def test_a_webinar_is_not_coaching_contact():
    assert coaching([checkin(date(2026, 9, 24), 1, kind=CheckInKind.WEBINAR)]) == coaching([])


@given(st.lists(st.tuples(st.integers(0, 330), st.integers(0, 60)), max_size=8))
def test_a_sequence_never_falls_and_rises_whenever_a_date_moves(logs):
    """Log check-ins one by one (any dates, some agreeing a next date): after each, every
    check-in whose date moved has a higher sequence, and none has a lower one."""
    checkins, before = [], {e.uid: e for e in coaching([])}
    for n, (offset, agreed) in enumerate(logs, 1):
        day = START + timedelta(days=offset)
        nxt = day + timedelta(days=agreed) if agreed else None
        checkins.append(checkin(day, n, next_checkin=nxt))
        after = {e.uid: e for e in coaching(checkins)}
        for uid in before.keys() & after.keys():
            assert after[uid].sequence >= before[uid].sequence
            if after[uid].start != before[uid].start:
                assert after[uid].sequence > before[uid].sequence
        before = after


def test_revisions_replayed_count_each_move_and_its_revert():
    made = NOW + timedelta(days=10)
    revision = ScheduleRevision(
        created_at=made,
        updated_at=made,
        team_id=TEAM.id,
        reason="Snow",
        shift_days=7,
        from_stage=2,
        reverted_at=made + timedelta(days=1),
    )
    active = ScheduleRevision(
        created_at=made + timedelta(days=2),
        updated_at=made,
        team_id=TEAM.id,
        reason="Ofsted",
        shift_days=14,
        from_stage=3,
    )

    events = {e.uid: e for e in team_events(TEAM, DEFAULT_TEMPLATE, revisions=[revision, active])}

    assert events[f"{TEAM.id}.mid-workshop@flourish"].sequence == 2  # moved, then moved back
    assert events[f"{TEAM.id}.observation@flourish"].sequence == 3  # and moved again
    assert events[f"{TEAM.id}.foundations@flourish"].sequence == 0  # stage 1: never moved
    assert events[f"{TEAM.id}.observation@flourish"].changed_at == active.created_at


def test_a_range_keeps_events_touching_it():
    events = team_events(TEAM, DEFAULT_TEMPLATE)
    workshop = next(e for e in events if e.uid.endswith(".foundations@flourish"))  # 2 days

    assert workshop in in_range(events, workshop.end, workshop.end)
    assert workshop not in in_range(events, workshop.end + timedelta(days=1), None)
    assert in_range(events, None, None) == events
    with pytest.raises(ValidationError):
        in_range(events, date(2027, 1, 2), date(2027, 1, 1))
