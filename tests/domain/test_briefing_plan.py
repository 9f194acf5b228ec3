"""The default briefing plan: one briefing at the end of each stage and one mid-program, each
on a weekday, in date order."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.briefings import (
    DEFAULT_MINUTES,
    DEFAULT_TIME,
    Briefing,
    BriefingStatus,
    check_minutes,
    default_plan,
)
from domain.program import DEFAULT_TEMPLATE
from domain.timeline import ScheduleRevision, build_timeline

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def test_the_plan_for_a_team_starting_on_1_september():
    plan = default_plan(build_timeline(date(2026, 9, 1), DEFAULT_TEMPLATE))
    assert [(s.key, s.title, s.day) for s in plan] == [
        ("stage-1-end", "Stage 1 review: Establish foundations", date(2026, 11, 30)),
        ("mid-program", "Mid-program briefing", date(2027, 3, 2)),
        ("stage-2-end", "Stage 2 review: Drive for results", date(2027, 5, 31)),
        ("stage-3-end", "Program completion briefing", date(2027, 8, 31)),
    ]


def test_a_stage_ending_at_a_weekend_is_briefed_on_the_friday_before():
    plan = default_plan(build_timeline(date(2026, 8, 31), DEFAULT_TEMPLATE))
    assert [(s.key, s.day) for s in plan] == [
        ("stage-1-end", date(2026, 11, 27)),  # stage 1 ends Sunday 29 November
        ("mid-program", date(2027, 3, 1)),
        ("stage-2-end", date(2027, 5, 28)),  # stage 2 ends Sunday 30 May
        ("stage-3-end", date(2027, 8, 30)),
    ]


def test_the_plan_follows_a_revised_timeline_and_other_stage_lengths():
    template = DEFAULT_TEMPLATE.with_stage_months((2, 8, 2))
    shift = ScheduleRevision(
        created_at=AT, updated_at=AT, team_id="t", reason="x", shift_days=14, from_stage=2
    )
    timeline = build_timeline(date(2026, 9, 1), template, [shift])
    plan = {s.key: s.day for s in default_plan(timeline)}
    assert plan["stage-1-end"] == date(2026, 11, 13)  # 31 Oct + 14 days, a Friday
    assert plan["stage-2-end"] == date(2027, 7, 14)


@given(st.dates(date(2020, 1, 1), date(2040, 12, 31)))
def test_every_slot_is_a_weekday_within_its_stage_and_in_date_order(start):
    timeline = build_timeline(start, DEFAULT_TEMPLATE)
    plan = default_plan(timeline)
    assert len(plan) == 4
    assert [s.day for s in plan] == sorted(s.day for s in plan)
    for slot in plan:
        assert slot.day.weekday() < 5
    by_key = {s.key: s.day for s in plan}
    for stage in timeline.stages:
        day = by_key[f"stage-{stage.number}-end"]
        assert stage.end - timedelta(days=2) <= day <= stage.end
    assert timeline.start < by_key["mid-program"] < timeline.end


def test_defaults_are_after_school_for_three_quarters_of_an_hour():
    assert (DEFAULT_TIME.hour, DEFAULT_TIME.minute) == (15, 30)
    assert check_minutes(DEFAULT_MINUTES) == 45


@pytest.mark.parametrize(
    ("status", "cancelled"), [(BriefingStatus.SCHEDULED, False), (BriefingStatus.CANCELLED, True)]
)
def test_a_cancelled_briefing_says_so(status, cancelled):
    briefing = Briefing(created_at=AT, updated_at=AT, title="Update", start=AT, status=status)
    assert briefing.cancelled is cancelled
    assert (briefing.plan_key, briefing.cancel_reason, briefing.sequence) == ("", "", 0)
