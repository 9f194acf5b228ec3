"""Schedule revisions kept on top of the template: shifts, moves, composition and reverts."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE, ProgramTemplate
from domain.timeline import ScheduleRevision, build_timeline

START = date(2026, 9, 1)
AT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
PLAN = build_timeline(START, DEFAULT_TEMPLATE)


def revision(**fields) -> ScheduleRevision:
    return ScheduleRevision(created_at=AT, updated_at=AT, team_id="team-1", reason="test", **fields)


def windows(timeline):
    return [(s.start, s.end) for s in timeline.stages]


def dates(timeline):
    return {m.key: m.start for m in timeline.milestones}


# --- shift from a stage ---------------------------------------------------------------------


def test_shifting_stage_two_by_four_weeks_moves_stages_two_and_three_and_the_end():
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=28, from_stage=2)])
    assert windows(timeline) == [
        (date(2026, 9, 1), date(2026, 12, 28)),  # stage 1 grows to meet stage 2
        (date(2026, 12, 29), date(2027, 6, 28)),
        (date(2027, 6, 29), date(2027, 9, 28)),
    ]
    assert timeline.start == START
    assert timeline.end == date(2027, 9, 28)
    assert [s.revised for s in timeline.stages] == [True, True, True]
    assert [(s.planned_start, s.planned_end) for s in timeline.stages] == windows(PLAN)


def test_shift_leaves_milestones_before_the_pivot_and_moves_the_rest():
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=28, from_stage=2)])
    pivot = date(2026, 12, 1)
    for m in timeline.milestones:
        planned = PLAN.milestone(m.key)
        assert m.planned_start == planned.start
        if planned.start < pivot:
            assert m.start == planned.start and not m.revised, m.key
        else:
            assert m.start == planned.start + timedelta(days=28) and m.revised, m.key
            assert m.end - m.start == planned.end - planned.start
    assert timeline.milestone("briefing-1").start == date(2026, 11, 23)
    assert timeline.milestone("mid-workshop").start == date(2027, 3, 29)


def test_shift_from_a_date_mid_stage_grows_that_stage():
    rev = revision(shift_days=14, from_date=date(2027, 2, 15))
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [rev])
    assert windows(timeline) == [
        (date(2026, 9, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2027, 6, 14)),
        (date(2027, 6, 15), date(2027, 9, 14)),
    ]
    assert [s.revised for s in timeline.stages] == [False, True, True]
    assert timeline.milestone("webinar-2").start == date(2027, 1, 12)  # before the date: stays
    assert timeline.milestone("mid-workshop").start == date(2027, 3, 15)


def test_shift_from_stage_one_postpones_the_whole_program():
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=7, from_stage=1)])
    assert timeline.start == date(2026, 9, 8)
    assert timeline.end == date(2027, 9, 7)
    assert all(
        m.start == PLAN.milestone(m.key).start + timedelta(days=7) for m in timeline.milestones
    )


def test_negative_shift_pulls_stage_three_earlier():
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=-14, from_stage=3)])
    assert windows(timeline)[1:] == [
        (date(2026, 12, 1), date(2027, 5, 17)),  # stage 2 shrinks
        (date(2027, 5, 18), date(2027, 8, 17)),
    ]
    assert timeline.end == date(2027, 8, 17)
    assert timeline.milestone("webinar-3").start == date(2027, 6, 8)
    assert timeline.milestone("briefing-2").start == date(2027, 5, 24)  # before the pivot


def test_shift_across_a_leap_day_and_month_ends():
    # Stage 2 of a 2027-11-30 start begins 2028-02-29; three days later is 2028-03-03.
    start = date(2027, 11, 30)
    plan = build_timeline(start, DEFAULT_TEMPLATE)
    assert plan.stages[1].start == date(2028, 2, 29)
    timeline = build_timeline(start, DEFAULT_TEMPLATE, [revision(shift_days=3, from_stage=2)])
    assert timeline.stages[0].end == date(2028, 3, 2)
    assert timeline.stages[1].start == date(2028, 3, 3)
    assert timeline.end == plan.end + timedelta(days=3)


@given(
    start=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    stage=st.integers(1, 3),
    shift=st.integers(1, 120),
)
def test_any_forward_shift_keeps_stages_contiguous(start, stage, shift):
    plan = build_timeline(start, DEFAULT_TEMPLATE)
    timeline = build_timeline(
        start, DEFAULT_TEMPLATE, [revision(shift_days=shift, from_stage=stage)]
    )
    assert timeline.end == plan.end + timedelta(days=shift)
    assert timeline.stages[-1].end == timeline.end
    for before, after in zip(timeline.stages, timeline.stages[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    dates_ = [m.start for m in timeline.milestones]
    assert dates_ == sorted(dates_)


def test_a_shift_needs_a_stage_or_a_date():
    with pytest.raises(ValidationError):
        build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=7)])


# --- move one milestone ---------------------------------------------------------------------


def test_moving_one_milestone_leaves_everything_else():
    rev = revision(milestone_key="mid-workshop", move_to=date(2027, 3, 15))
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [rev])
    moved = timeline.milestone("mid-workshop")
    assert moved.start == moved.end == date(2027, 3, 15)
    assert moved.revised and moved.planned_start == date(2027, 3, 1)
    assert windows(timeline) == windows(PLAN)
    assert not any(s.revised for s in timeline.stages)
    others = {k: v for k, v in dates(timeline).items() if k != "mid-workshop"}
    assert others == {k: v for k, v in dates(PLAN).items() if k != "mid-workshop"}


def test_moving_a_multi_day_workshop_keeps_its_length():
    rev = revision(milestone_key="foundations", move_to=date(2026, 10, 5))
    moved = build_timeline(START, DEFAULT_TEMPLATE, [rev]).milestone("foundations")
    assert (moved.start, moved.end) == (date(2026, 10, 5), date(2026, 10, 6))


def test_moving_one_pulse_occurrence_leaves_the_others():
    rev = revision(milestone_key="pulse-3", move_to=date(2027, 2, 2))
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [rev])
    assert timeline.milestone("pulse-3").start == date(2027, 2, 2)
    assert timeline.milestone("pulse-2").start == date(2026, 12, 26)
    assert timeline.milestone("pulse-4").start == date(2027, 2, 26)


# --- composition and reverts ----------------------------------------------------------------


def test_two_shifts_add_up():
    revs = [revision(shift_days=14, from_stage=2), revision(shift_days=7, from_stage=3)]
    timeline = build_timeline(START, DEFAULT_TEMPLATE, revs)
    assert timeline.stages[1].start == date(2026, 12, 15)
    assert timeline.stages[2].start == date(2027, 6, 22)
    assert timeline.end == date(2027, 9, 21)


def test_revisions_apply_in_the_order_they_were_made():
    move = revision(milestone_key="mid-workshop", move_to=date(2027, 3, 10))
    shift = revision(shift_days=28, from_stage=2)
    # Moved first, then the shift carries the moved workshop along with stage 2.
    assert build_timeline(START, DEFAULT_TEMPLATE, [move, shift]).milestone(
        "mid-workshop"
    ).start == date(2027, 4, 7)
    # Shifted first, then moved: the move has the last word.
    assert build_timeline(START, DEFAULT_TEMPLATE, [shift, move]).milestone(
        "mid-workshop"
    ).start == date(2027, 3, 10)


def test_a_reverted_revision_is_ignored():
    rev = revision(shift_days=28, from_stage=2, reverted_at=AT + timedelta(days=1))
    assert not rev.active
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [rev])
    assert timeline == PLAN


def test_reverting_one_of_two_keeps_the_other():
    kept = revision(shift_days=7, from_stage=3)
    undone = revision(shift_days=14, from_stage=2, reverted_at=AT)
    both = build_timeline(START, DEFAULT_TEMPLATE, [undone, kept])
    assert both == build_timeline(START, DEFAULT_TEMPLATE, [kept])


def test_revisions_never_change_the_template():
    template = DEFAULT_TEMPLATE.with_stage_months((2, 8, 2))
    before = ProgramTemplate(
        stages=template.stages,
        milestones=template.milestones,
        checkin_cadence_weeks=template.checkin_cadence_weeks,
    )
    revs = [
        revision(shift_days=28, from_stage=2),
        revision(milestone_key="foundations", move_to=date(2026, 10, 1)),
    ]
    build_timeline(START, template, revs)
    assert template == before
    assert build_timeline(START, template) == build_timeline(START, before)
    assert not any(m.revised for m in build_timeline(START, template).milestones)


def test_a_shift_that_would_empty_a_stage_is_refused():
    pull_back = ScheduleRevision(
        created_at=AT, updated_at=AT, team_id="t", reason="x", shift_days=-100, from_stage=2
    )
    with pytest.raises(ValidationError, match="stage 1"):
        build_timeline(date(2026, 9, 1), DEFAULT_TEMPLATE, [pull_back])
