"""Revision arithmetic on dated timelines: month ends, leap years, shifts that push a stage's
end into the next stage, refused shifts, milestone moves, stacked revisions and reverts, and
the words a revision is described in."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.timeline import ScheduleRevision, build_timeline, describe_revision

AT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
REVERTED = AT + timedelta(days=3)
DAY = timedelta(days=1)


def rev(**fields) -> ScheduleRevision:
    return ScheduleRevision(created_at=AT, updated_at=AT, team_id="t", reason="test", **fields)


def timeline(start: date, *revisions: ScheduleRevision):
    return build_timeline(start, DEFAULT_TEMPLATE, list(revisions))


def windows(t):
    return [(s.start, s.end) for s in t.stages]


def starts(t):
    return {m.key: m.start for m in t.milestones}


def assert_contiguous(t):
    assert t.stages[0].start == t.start
    assert t.stages[-1].end == t.end
    for before, after in zip(t.stages, t.stages[1:], strict=False):
        assert after.start == before.end + DAY
        assert before.start <= before.end


# -- month ends and leap years ---------------------------------------------------------------


def test_a_team_starting_on_31_january_has_stages_ending_at_month_ends():
    t = timeline(date(2027, 1, 31))
    assert windows(t) == [
        (date(2027, 1, 31), date(2027, 4, 29)),  # 31 Jan + 3 months is 30 Apr
        (date(2027, 4, 30), date(2027, 10, 30)),  # + 9 months is 31 Oct
        (date(2027, 10, 31), date(2028, 1, 30)),
    ]
    assert t.months_total == 12


def test_a_team_starting_on_31_august_has_stages_ending_at_month_ends():
    t = timeline(date(2026, 8, 31))
    assert windows(t) == [
        (date(2026, 8, 31), date(2026, 11, 29)),  # 31 Aug + 3 months is 30 Nov
        (date(2026, 11, 30), date(2027, 5, 30)),
        (date(2027, 5, 31), date(2027, 8, 30)),
    ]


def test_shifting_a_month_end_team_moves_every_later_date_by_exactly_the_shift():
    plan = timeline(date(2027, 1, 31))
    t = timeline(date(2027, 1, 31), rev(shift_days=14, from_stage=2))
    assert windows(t) == [
        (date(2027, 1, 31), date(2027, 5, 13)),
        (date(2027, 5, 14), date(2027, 11, 13)),
        (date(2027, 11, 14), date(2028, 2, 13)),
    ]
    for key, day in starts(plan).items():
        expected = day + timedelta(days=14) if day >= date(2027, 4, 30) else day
        assert starts(t)[key] == expected, key


def test_a_team_starting_on_29_february():
    t = timeline(date(2028, 2, 29))
    assert windows(t) == [
        (date(2028, 2, 29), date(2028, 5, 28)),
        (date(2028, 5, 29), date(2028, 11, 28)),
        (date(2028, 11, 29), date(2029, 2, 27)),  # 29 Feb 2028 + 12 months is 28 Feb 2029
    ]
    assert t.months_total == 12
    assert_contiguous(t)


def test_a_shift_across_29_february_counts_the_leap_day():
    start = date(2027, 9, 1)
    plan = timeline(start)
    assert plan.milestone("pulse-4").start == date(2028, 2, 26)
    t = timeline(start, rev(shift_days=14, from_date=date(2028, 2, 20)))
    assert t.milestone("pulse-4").start == date(2028, 3, 11)  # 26 Feb + 14 days in a leap year
    assert t.milestone("mid-workshop").start == date(2028, 3, 15)
    assert t.milestone("pulse-3").start == date(2028, 1, 26)  # before the date: stays
    assert windows(t)[1:] == [
        (date(2027, 12, 1), date(2028, 6, 14)),
        (date(2028, 6, 15), date(2028, 9, 14)),
    ]


def test_a_backward_shift_across_29_february():
    start = date(2027, 9, 1)
    t = timeline(start, rev(shift_days=-7, from_date=date(2028, 3, 1)))
    assert t.milestone("mid-workshop").start == date(2028, 2, 23)
    assert t.milestone("pulse-4").start == date(2028, 2, 26)  # before the date: stays
    assert t.end == date(2028, 8, 24)


def test_a_stage_starting_on_29_february_shifted_into_march():
    start = date(2027, 11, 30)
    t = timeline(start, rev(shift_days=1, from_stage=2))
    assert t.stages[0].end == date(2028, 2, 29)  # stage 1 takes the leap day
    assert t.stages[1].start == date(2028, 3, 1)


# -- shifts that push a stage's end ------------------------------------------------------------


def test_a_shift_from_late_in_stage_one_pushes_its_end_into_what_was_stage_two():
    start = date(2026, 9, 1)
    t = timeline(start, rev(shift_days=28, from_date=date(2026, 11, 20)))
    assert windows(t) == [
        (date(2026, 9, 1), date(2026, 12, 28)),
        (date(2026, 12, 29), date(2027, 6, 28)),
        (date(2027, 6, 29), date(2027, 9, 28)),
    ]
    briefing = t.milestone("briefing-1")
    assert briefing.start == date(2026, 12, 21)  # after the planned start of stage 2...
    assert t.stage_on(briefing.start).number == 1  # ...but still in stage 1, which grew
    assert [s.revised for s in t.stages] == [True, True, True]
    assert t.stages[0].planned_end == date(2026, 11, 30)


def test_a_shift_from_the_last_day_of_a_stage_moves_only_that_day_on():
    start = date(2026, 9, 1)
    t = timeline(start, rev(shift_days=7, from_date=date(2026, 11, 30)))
    assert windows(t)[0] == (date(2026, 9, 1), date(2026, 12, 7))
    assert t.milestone("briefing-1").start == date(2026, 11, 23)  # a week before: stays


def test_a_shift_from_after_the_program_ends_changes_nothing():
    plan = timeline(date(2026, 9, 1))
    assert timeline(date(2026, 9, 1), rev(shift_days=30, from_date=plan.end + DAY)) == plan


def test_a_shift_from_before_the_program_moves_all_of_it():
    plan = timeline(date(2026, 9, 1))
    t = timeline(date(2026, 9, 1), rev(shift_days=-10, from_date=date(2026, 1, 1)))
    assert t.start == plan.start - timedelta(days=10)
    assert t.end == plan.end - timedelta(days=10)
    assert all(t.milestone(k).start == d - timedelta(days=10) for k, d in starts(plan).items())


# -- refused shifts --------------------------------------------------------------------------


def test_a_backward_shift_that_would_empty_stage_one_is_refused_and_one_day_is_kept():
    start = date(2026, 9, 1)  # stage 1 is 91 days: 1 Sep to 30 Nov
    with pytest.raises(ValidationError) as refused:
        timeline(start, rev(shift_days=-91, from_stage=2))
    assert str(refused.value) == (
        "That revision would leave stage 1 (Establish foundations) with no days; "
        "choose a smaller shift."
    )
    t = timeline(start, rev(shift_days=-90, from_stage=2))
    assert windows(t)[0] == (date(2026, 9, 1), date(2026, 9, 1))


def test_a_backward_shift_that_would_empty_stage_two_is_refused():
    start = date(2026, 9, 1)  # stage 2 is 182 days: 1 Dec to 31 May
    with pytest.raises(ValidationError, match=r"stage 2 \(Drive for results\) with no days"):
        timeline(start, rev(shift_days=-182, from_stage=3))
    with pytest.raises(ValidationError, match="stage 2"):
        timeline(start, rev(shift_days=-200, from_date=date(2027, 6, 1)))
    assert windows(timeline(start, rev(shift_days=-181, from_stage=3)))[1] == (
        date(2026, 12, 1),
        date(2026, 12, 1),
    )


def test_a_second_shift_that_would_empty_a_stage_is_refused_though_each_alone_is_fine():
    start = date(2026, 9, 1)
    first, second = rev(shift_days=-60, from_stage=2), rev(shift_days=-40, from_stage=2)
    timeline(start, first)
    timeline(start, second)
    with pytest.raises(ValidationError, match="stage 1"):
        timeline(start, first, second)


# -- milestone moves -------------------------------------------------------------------------


def test_a_moved_milestone_keeps_its_stage_and_length_and_nothing_else_moves():
    start = date(2026, 9, 1)
    plan = timeline(start)
    t = timeline(start, rev(milestone_key="foundations", move_to=date(2026, 12, 7)))
    moved = t.milestone("foundations")
    assert (moved.start, moved.end) == (date(2026, 12, 7), date(2026, 12, 8))
    assert moved.stage == 1 and moved.revised
    assert moved.planned_start == plan.milestone("foundations").start
    assert windows(t) == windows(plan)
    others = {k: d for k, d in starts(t).items() if k != "foundations"}
    assert others == {k: d for k, d in starts(plan).items() if k != "foundations"}
    keys = [m.key for m in t.milestones]
    assert keys.index("foundations") > keys.index("briefing-1")  # in date order


def test_moving_a_milestone_to_29_february():
    t = timeline(date(2027, 9, 1), rev(milestone_key="mid-workshop", move_to=date(2028, 2, 29)))
    assert t.milestone("mid-workshop").start == date(2028, 2, 29)


def test_a_move_of_a_milestone_the_timeline_does_not_have_changes_nothing():
    # The facade refuses an unknown key before storing; the domain ignores one it cannot find.
    plan = timeline(date(2026, 9, 1))
    assert timeline(date(2026, 9, 1), rev(milestone_key="nope", move_to=date(2027, 1, 1))) == plan


# -- stacking and reverting ------------------------------------------------------------------


def test_several_revisions_stack_in_the_order_they_were_made():
    start = date(2026, 9, 1)
    plan = timeline(start)
    revs = [
        rev(shift_days=14, from_stage=2),  # stage 2 and 3 two weeks later
        rev(milestone_key="mid-workshop", move_to=date(2027, 3, 22)),
        rev(shift_days=-7, from_stage=3),  # stage 3 one week earlier again
        rev(shift_days=10, from_date=date(2027, 1, 1)),
    ]
    t = timeline(start, *revs)
    assert windows(t) == [
        (date(2026, 9, 1), date(2026, 12, 14)),
        (date(2026, 12, 15), date(2027, 6, 17)),
        (date(2027, 6, 18), date(2027, 9, 17)),
    ]
    assert t.end == plan.end + timedelta(days=14 - 7 + 10)
    assert t.milestone("mid-workshop").start == date(2027, 4, 1)  # moved, then shifted 10 days
    assert t.milestone("self-governance").start == date(2026, 12, 29)  # 15 Dec + 14: before 1 Jan
    assert_contiguous(t)


@pytest.mark.parametrize("which", range(4))
def test_reverting_one_of_several_gives_the_timeline_of_the_others(which):
    start = date(2026, 9, 1)
    revs = [
        rev(shift_days=14, from_stage=2),
        rev(milestone_key="mid-workshop", move_to=date(2027, 3, 22)),
        rev(shift_days=-7, from_stage=3),
        rev(shift_days=10, from_date=date(2027, 1, 1)),
    ]
    reverted = [replace(r, reverted_at=REVERTED) if i == which else r for i, r in enumerate(revs)]
    others = [r for i, r in enumerate(revs) if i != which]
    assert timeline(start, *reverted) == timeline(start, *others)


def test_reverting_every_revision_restores_the_plan_exactly():
    start = date(2027, 1, 31)
    revs = [
        rev(shift_days=14, from_stage=2, reverted_at=REVERTED),
        rev(milestone_key="foundations", move_to=date(2027, 3, 1), reverted_at=REVERTED),
    ]
    t = timeline(start, *revs)
    assert t == timeline(start)
    assert not any(s.revised for s in t.stages)
    assert not any(m.revised for m in t.milestones)


# -- properties over wide inputs -------------------------------------------------------------

starts_ = st.dates(date(2020, 1, 1), date(2040, 12, 31))
shifts = st.integers(-60, 120).filter(bool)


@st.composite
def revisions(draw, start: date):
    plan = timeline(start)
    if draw(st.booleans()):
        return rev(shift_days=draw(shifts), from_stage=draw(st.integers(1, 3)))
    day = draw(st.dates(plan.start - timedelta(days=30), plan.end + timedelta(days=30)))
    return rev(shift_days=draw(shifts), from_date=day)


@given(data=st.data(), start=starts_)
def test_any_revision_then_its_revert_gives_back_the_original_timeline(data, start):
    plan = timeline(start)
    first = data.draw(revisions(start))
    second = data.draw(revisions(start))
    try:
        assert_contiguous(timeline(start, first, second))
    except ValidationError as refused:  # two pulls back may together empty a stage
        assert "with no days" in str(refused)
        assert first.shift_days < 0 and second.shift_days < 0
    assert timeline(start, first, replace(second, reverted_at=REVERTED)) == timeline(start, first)
    assert timeline(start, replace(first, reverted_at=REVERTED), second) == timeline(start, second)
    both_reverted = [replace(r, reverted_at=REVERTED) for r in (first, second)]
    assert timeline(start, *both_reverted) == plan


@given(start=starts_, stage=st.integers(1, 3), shift=st.integers(1, 120))
def test_a_forward_shift_from_a_stage_never_moves_anything_before_that_stage(start, stage, shift):
    plan = timeline(start)
    t = timeline(start, rev(shift_days=shift, from_stage=stage))
    pivot = plan.stages[stage - 1].start
    for m in plan.milestones:
        after = t.milestone(m.key)
        if m.start < pivot:
            assert (after.start, after.end) == (m.start, m.end), m.key
        else:
            assert after.start == m.start + timedelta(days=shift), m.key
    for before, after in zip(plan.stages, t.stages, strict=True):
        if before.number < stage:
            assert after.start == before.start
        if before.number < stage - 1:
            assert after.end == before.end  # only the stage just before grows
        if before.number >= stage:
            assert (after.start, after.end) == (
                before.start + timedelta(days=shift),
                before.end + timedelta(days=shift),
            )
    assert t.end == plan.end + timedelta(days=shift)


@given(start=starts_, data=st.data(), shift=st.integers(1, 120))
def test_a_forward_shift_keeps_every_milestone_in_its_stage(start, data, shift):
    plan = timeline(start)
    day = data.draw(st.dates(plan.start, plan.end))
    t = timeline(start, rev(shift_days=shift, from_date=day))
    assert_contiguous(t)
    for m in t.milestones:
        if m.stage:  # routine check-ins belong to no stage
            assert t.stage_on(m.start).number == m.stage, m.key


@given(start=starts_, data=st.data(), shift=st.integers(1, 120))
def test_a_forward_shift_undone_by_the_opposite_shift_gives_back_the_plan(start, data, shift):
    plan = timeline(start)
    day = data.draw(st.dates(plan.start - timedelta(days=10), plan.end + timedelta(days=10)))
    there = rev(shift_days=shift, from_date=day)
    back = rev(shift_days=-shift, from_date=day + timedelta(days=shift))
    assert timeline(start, there, back) == plan


@given(start=starts_, data=st.data())
def test_a_shift_from_a_date_is_the_shift_from_a_stage_when_the_date_starts_that_stage(start, data):
    plan = timeline(start)
    stage = data.draw(st.integers(1, 3))
    shift = data.draw(shifts)
    by_stage = timeline(start, rev(shift_days=shift, from_stage=stage))
    by_date = timeline(start, rev(shift_days=shift, from_date=plan.stages[stage - 1].start))
    assert by_stage == by_date


# -- describing a revision -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"shift_days": 14, "from_stage": 2}, "stage 2 onward +2w"),
        ({"shift_days": -10, "from_stage": 3}, "stage 3 onward -10d"),
        ({"shift_days": 28, "from_date": date(2026, 12, 3)}, "from 3 Dec 2026 +4w"),
        ({"shift_days": -7, "from_date": date(2028, 2, 29)}, "from 29 Feb 2028 -1w"),
        (
            {"milestone_key": "foundations", "move_to": date(2027, 3, 3)},
            "foundations moved to 3 Mar 2027",
        ),
    ],
)
def test_describe_revision(fields, words):
    assert describe_revision(rev(**fields)) == words
