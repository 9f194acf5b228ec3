"""One rule for when check-ins fall: held ones on their days, the next on the day agreed or a
cadence after the last contact, the rest every cadence; none expected on a weekend or a public
holiday."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.checkins import CheckIn, CheckInKind, next_checkin_due
from domain.expected import expected_checkins
from domain.program import DEFAULT_TEMPLATE

AT = datetime(2026, 9, 1, 9, tzinfo=UTC)
START, END = date(2026, 9, 1), date(2027, 8, 31)
CHRISTMAS = (date(2026, 12, 25), date(2026, 12, 28))  # Boxing Day falls on a Saturday


def held(day: date, agreed: date | None = None) -> CheckIn:
    return CheckIn(
        created_at=AT, updated_at=AT, team_id="t", date=day, kind=CheckInKind.COACHING,
        next_checkin=agreed,
    )  # fmt: skip


@given(
    st.lists(st.dates(START, date(2026, 12, 20)), max_size=5),
    st.integers(1, 6),
)
def test_no_expected_checkin_falls_on_a_weekend_or_a_holiday(days, weeks):
    template = DEFAULT_TEMPLATE.with_cadence(weeks).with_holidays("GB", CHRISTMAS)
    for e in expected_checkins([held(d) for d in days], START, END, template):
        if e.held is None:
            assert e.day.weekday() < 5 and e.day not in CHRISTMAS


@given(st.lists(st.dates(START, date(2026, 12, 20)), min_size=1, max_size=5))
def test_the_next_due_is_the_first_checkin_still_to_come(days):
    template = DEFAULT_TEMPLATE.with_holidays("GB", CHRISTMAS)
    checkins = [held(d) for d in days]
    first = next(e for e in expected_checkins(checkins, START, END, template) if e.held is None)
    assert first.day == next_checkin_due(checkins, START, 4, template.holidays)


def test_a_checkin_due_on_a_bank_holiday_moves_to_the_next_working_day():
    template = DEFAULT_TEMPLATE.with_holidays("GB", CHRISTMAS)
    # Four weeks after Monday 30 Nov is Monday 28 Dec, the Boxing Day holiday.
    assert next_checkin_due([held(date(2026, 11, 30))], START, 4, template.holidays) == date(
        2026, 12, 29
    )
    # The cadence counts on from the day it would have been, so it does not drift.
    after = [e.day for e in expected_checkins([held(date(2026, 11, 30))], START, END, template)]
    assert after[1:3] == [date(2026, 12, 29), date(2027, 1, 25)]


def test_a_day_agreed_at_the_last_checkin_is_kept_as_agreed():
    agreed = date(2026, 12, 12)  # a Saturday, agreed on purpose
    checkins = [held(date(2026, 11, 30), agreed=agreed)]
    (_, nxt, *_) = expected_checkins(checkins, START, END, DEFAULT_TEMPLATE)
    assert (nxt.day, nxt.agreed) == (agreed, True)
    assert nxt.day - date(2026, 11, 30) == timedelta(days=12)
