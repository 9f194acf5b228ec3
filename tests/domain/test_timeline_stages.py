"""A team's dated timeline from its start date and its cluster's template (no revisions)."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE, EventKind, ProgramTemplate
from domain.timeline import build_timeline

START = date(2026, 9, 1)
starts = st.dates(date(2000, 1, 1), date(2100, 12, 31))
lengths = st.tuples(*[st.integers(1, 8)] * 3)
cadences = st.integers(1, 26)


def windows(timeline):
    return [(s.start, s.end) for s in timeline.stages]


def checkins(timeline):
    return [m for m in timeline.milestones if m.kind is EventKind.COACHING]


def pulses(timeline):
    return [m for m in timeline.milestones if m.key.startswith("pulse-") and m.key[6:].isdigit()]


# --- stage boundaries -----------------------------------------------------------------------


def test_default_stages_are_three_six_and_three_months():
    timeline = build_timeline(START, DEFAULT_TEMPLATE)
    assert windows(timeline) == [
        (date(2026, 9, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2027, 5, 31)),
        (date(2027, 6, 1), date(2027, 8, 31)),
    ]
    assert timeline.start == START
    assert timeline.end == date(2027, 8, 31)
    assert timeline.months_total == 12


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (
            date(2026, 8, 31),
            [
                (date(2026, 8, 31), date(2026, 11, 29)),
                (date(2026, 11, 30), date(2027, 5, 30)),
                (date(2027, 5, 31), date(2027, 8, 30)),
            ],
        ),
        (
            date(2027, 1, 31),
            [
                (date(2027, 1, 31), date(2027, 4, 29)),
                (date(2027, 4, 30), date(2027, 10, 30)),
                (date(2027, 10, 31), date(2028, 1, 30)),
            ],
        ),
        (
            date(2027, 2, 28),
            [
                (date(2027, 2, 28), date(2027, 5, 27)),
                (date(2027, 5, 28), date(2027, 11, 27)),
                (date(2027, 11, 28), date(2028, 2, 27)),
            ],
        ),
        (
            date(2028, 2, 29),
            [
                (date(2028, 2, 29), date(2028, 5, 28)),
                (date(2028, 5, 29), date(2028, 11, 28)),
                (date(2028, 11, 29), date(2029, 2, 27)),
            ],
        ),
    ],
)
def test_month_end_and_leap_day_starts_count_months_from_the_start(start, expected):
    timeline = build_timeline(start, DEFAULT_TEMPLATE)
    assert windows(timeline) == expected
    assert timeline.end == expected[-1][1]
    assert timeline.months_total == 12


def test_configured_stage_lengths_two_eight_two():
    timeline = build_timeline(START, DEFAULT_TEMPLATE.with_stage_months((2, 8, 2)))
    assert windows(timeline) == [
        (date(2026, 9, 1), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2027, 6, 30)),
        (date(2027, 7, 1), date(2027, 8, 31)),
    ]


def test_configured_stage_lengths_one_each_from_a_month_end():
    timeline = build_timeline(date(2027, 1, 31), DEFAULT_TEMPLATE.with_stage_months((1, 1, 1)))
    assert windows(timeline) == [
        (date(2027, 1, 31), date(2027, 2, 27)),
        (date(2027, 2, 28), date(2027, 3, 30)),
        (date(2027, 3, 31), date(2027, 4, 29)),
    ]
    assert timeline.months_total == 3


@pytest.mark.parametrize("months", [(3, 6), (3, 6, 3, 1), (0, 6, 6), (3, -1, 3)])
def test_bad_stage_lengths_are_refused(months):
    with pytest.raises(ValidationError):
        DEFAULT_TEMPLATE.with_stage_months(months)


@pytest.mark.parametrize("weeks", [0, 27, -4])
def test_cadence_out_of_range_is_refused(weeks):
    with pytest.raises(ValidationError):
        DEFAULT_TEMPLATE.with_cadence(weeks)


def test_configuring_a_template_leaves_the_original_alone():
    before = ProgramTemplate()
    DEFAULT_TEMPLATE.with_stage_months((2, 8, 2)).with_cadence(2)
    assert before == DEFAULT_TEMPLATE
    assert [s.months for s in DEFAULT_TEMPLATE.stages] == [3, 6, 3]
    assert DEFAULT_TEMPLATE.checkin_cadence_weeks == 4


# --- properties over any start and any configured lengths ----------------------------------


@given(start=starts, months=lengths)
def test_stages_are_contiguous_and_cover_the_program_exactly(start, months):
    template = DEFAULT_TEMPLATE.with_stage_months(months)
    timeline = build_timeline(start, template)
    assert timeline.stages[0].start == timeline.start == start
    assert timeline.stages[-1].end == timeline.end
    assert timeline.end == start + relativedelta(months=sum(months)) - timedelta(days=1)
    for before, after in zip(timeline.stages, timeline.stages[1:], strict=False):
        assert after.start == before.end + timedelta(days=1)
    for stage in timeline.stages:
        assert stage.start <= stage.end
        assert not stage.revised
    assert timeline.months_total == sum(months)


@given(start=starts, months=lengths)
def test_every_milestone_lies_in_the_program_and_in_its_own_stage(start, months):
    timeline = build_timeline(start, DEFAULT_TEMPLATE.with_stage_months(months))
    for m in timeline.milestones:
        assert timeline.start <= m.start <= m.end <= timeline.end
        assert not m.revised
        if m.kind is not EventKind.COACHING:
            assert timeline.stage_on(m.start).number == m.stage, m.key


@given(start=starts, months=lengths)
def test_milestones_are_sorted_and_keys_unique(start, months):
    timeline = build_timeline(start, DEFAULT_TEMPLATE.with_stage_months(months))
    dates = [m.start for m in timeline.milestones]
    assert dates == sorted(dates)
    keys = [m.key for m in timeline.milestones]
    assert len(keys) == len(set(keys))


@given(start=starts, months=lengths, weeks=cadences)
def test_building_a_timeline_never_changes_the_template(start, months, weeks):
    template = DEFAULT_TEMPLATE.with_stage_months(months).with_cadence(weeks)
    copy = ProgramTemplate(
        stages=template.stages,
        milestones=template.milestones,
        checkin_cadence_weeks=template.checkin_cadence_weeks,
    )
    build_timeline(start, template)
    assert template == copy
    assert ProgramTemplate() == DEFAULT_TEMPLATE


# --- coaching check-in cadence --------------------------------------------------------------


def test_default_checkins_every_four_weeks():
    found = checkins(build_timeline(START, DEFAULT_TEMPLATE))
    assert found[0].start == date(2026, 9, 29)
    assert [m.start for m in found] == [START + timedelta(weeks=4 * n) for n in range(1, 14)]
    assert found[-1].start == date(2027, 8, 31)  # week 52 lands on the last day


def test_checkins_follow_a_configured_cadence():
    found = checkins(build_timeline(START, DEFAULT_TEMPLATE.with_cadence(2)))
    assert [m.start for m in found][:3] == [
        date(2026, 9, 15),
        date(2026, 9, 29),
        date(2026, 10, 13),
    ]
    assert len(found) == 26


@given(start=starts, months=lengths, weeks=cadences)
def test_checkins_every_n_weeks_and_none_after_the_end(start, months, weeks):
    template = DEFAULT_TEMPLATE.with_stage_months(months).with_cadence(weeks)
    timeline = build_timeline(start, template)
    found = [m.start for m in checkins(timeline)]
    expected, n = [], 1
    while (day := start + timedelta(weeks=weeks * n)) <= timeline.end:
        expected.append(day)
        n += 1
    assert found == expected


# --- monthly pulse surveys ------------------------------------------------------------------


def test_monthly_pulse_runs_from_its_first_date_to_the_end():
    found = pulses(build_timeline(START, DEFAULT_TEMPLATE))
    assert [m.start for m in found] == [
        date(2026, 11, 26) + relativedelta(months=n) for n in range(10)
    ]
    assert [m.key for m in found] == [f"pulse-{n}" for n in range(1, 11)]


def test_monthly_pulse_on_the_31st_falls_back_to_month_ends_without_drifting():
    # Starting 2026-11-06 puts the first monthly pulse on 31 January.
    found = pulses(build_timeline(date(2026, 11, 6), DEFAULT_TEMPLATE))
    assert [m.start for m in found][:4] == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]


@given(start=starts, months=lengths)
def test_one_pulse_a_month_until_the_end(start, months):
    timeline = build_timeline(start, DEFAULT_TEMPLATE.with_stage_months(months))
    found = [m.start for m in pulses(timeline)]
    assert found, "every program has at least one monthly pulse"
    first = found[0]
    assert found == [first + relativedelta(months=n) for n in range(len(found))]
    assert found[-1] <= timeline.end < first + relativedelta(months=len(found))
    assert len({(d.year, d.month) for d in found}) == len(found)


# --- queries --------------------------------------------------------------------------------


TIMELINE = build_timeline(START, DEFAULT_TEMPLATE)


@pytest.mark.parametrize(
    ("day", "stage"),
    [
        (date(2026, 8, 31), None),
        (date(2026, 9, 1), 1),
        (date(2026, 11, 30), 1),
        (date(2026, 12, 1), 2),
        (date(2027, 5, 31), 2),
        (date(2027, 6, 1), 3),
        (date(2027, 8, 31), 3),
        (date(2027, 9, 1), None),
    ],
)
def test_stage_on(day, stage):
    found = TIMELINE.stage_on(day)
    assert (found.number if found else None) == stage


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2020, 1, 1), 0),
        (date(2026, 8, 31), 0),
        (date(2026, 9, 1), 1),
        (date(2026, 9, 30), 1),
        (date(2026, 10, 1), 2),
        (date(2027, 8, 1), 12),
        (date(2027, 8, 31), 12),
        (date(2027, 9, 1), 12),
        (date(2030, 1, 1), 12),
    ],
)
def test_program_month(day, month):
    assert TIMELINE.program_month(day) == month


@given(start=starts, months=lengths)
def test_program_month_is_one_on_day_one_and_last_in_the_last_month(start, months):
    timeline = build_timeline(start, DEFAULT_TEMPLATE.with_stage_months(months))
    total = sum(months)
    assert timeline.program_month(start - timedelta(days=1)) == 0
    assert timeline.program_month(start) == 1
    assert timeline.program_month(timeline.end) == total
    assert timeline.program_month(timeline.end + timedelta(days=400)) == total


def test_percent_through_bounds():
    assert TIMELINE.percent_through(date(2026, 1, 1)) == 0
    assert TIMELINE.percent_through(date(2026, 8, 31)) == 0
    assert 0 < TIMELINE.percent_through(START) < 1
    assert TIMELINE.percent_through(date(2027, 8, 31)) == 100
    assert TIMELINE.percent_through(date(2099, 1, 1)) == 100


@given(start=starts, a=st.integers(-100, 500), b=st.integers(-100, 500))
def test_percent_through_is_monotonic_and_bounded(start, a, b):
    timeline = build_timeline(start, DEFAULT_TEMPLATE)
    early, late = sorted((a, b))
    p, q = (timeline.percent_through(start + timedelta(days=d)) for d in (early, late))
    assert 0 <= p <= q <= 100


def test_next_milestone_skips_routine_checkins_by_default():
    # A check-in falls on 2026-09-29; the next programme event is the action plan on 13 Oct.
    assert TIMELINE.next_milestone(date(2026, 9, 24)).key == "action-plan"
    only_checkins = frozenset({EventKind.COACHING})
    assert TIMELINE.next_milestone(date(2026, 9, 24), only_checkins).key == "checkin-1"


def test_next_milestone_on_its_own_day_and_before_the_start():
    assert TIMELINE.next_milestone(date(2026, 9, 22)).key == "foundations"
    assert TIMELINE.next_milestone(date(2026, 1, 1)).key == "flipped-prep"


def test_next_milestone_is_none_after_the_end():
    assert TIMELINE.next_milestone(date(2027, 9, 1)) is None
    assert TIMELINE.next_milestone(date(2027, 9, 1), frozenset(EventKind)) is None


def test_milestone_lookup_by_key():
    assert TIMELINE.milestone("mid-workshop").start == date(2027, 3, 1)
    with pytest.raises(ValidationError, match="no milestone"):
        TIMELINE.milestone("nope")


def test_each_monthly_pulse_belongs_to_the_stage_it_falls_in():
    by_key = {m.key: m for m in pulses(TIMELINE)}
    assert (by_key["pulse-1"].start, by_key["pulse-1"].stage) == (date(2026, 11, 26), 1)
    assert (by_key["pulse-7"].start, by_key["pulse-7"].stage) == (date(2027, 5, 26), 2)
    assert (by_key["pulse-8"].start, by_key["pulse-8"].stage) == (date(2027, 6, 26), 3)
