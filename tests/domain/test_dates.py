"""Date and time entry: every form a user may type, every way it can be wrong."""

import contextlib
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.dates import (
    DATE_HINT,
    format_relative_age,
    parse_date,
    parse_datetime,
    parse_time,
)
from domain.errors import ValidationError

TODAY = date(2026, 11, 22)  # a Sunday; never the real clock
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
FIRST, LAST = date(1900, 1, 1), date(2200, 12, 31)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- parse_date: accepted forms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("  2026-12-03\t", date(2026, 12, 3)),
        ("2026-2-3", date(2026, 2, 3)),
        ("2028-02-29", date(2028, 2, 29)),
        ("1900-01-01", FIRST),
        ("2200-12-31", LAST),
    ],
)
def test_iso_dates(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("TODAY", TODAY),
        (" Tomorrow ", days(1)),
        ("yesterday", days(-1)),
    ],
)
def test_named_days(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", days(3)),
        ("3d", days(3)),  # no sign means the future
        ("-2d", days(-2)),
        ("+0d", TODAY),
        ("-1w", days(-7)),
        ("+2w", days(14)),
        ("+1m", date(2026, 12, 22)),
        ("-2m", date(2026, 9, 22)),
        ("+1y", date(2027, 11, 22)),
        ("-1y", date(2025, 11, 22)),
        ("+3 days", days(3)),
        ("+1 day", days(1)),
        ("-2 weeks", days(-14)),
        ("+1 month", date(2026, 12, 22)),
        ("+2 months", date(2027, 1, 22)),
        ("+1 year", date(2027, 11, 22)),
        ("+ 3d", days(3)),
        ("+3D", days(3)),
        ("+3   DAYS", days(3)),
    ],
)
def test_relative_offsets(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (date(2026, 1, 31), "+1m", date(2026, 2, 28)),  # clamped, not March 3
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2026, 8, 31), "+1m", date(2026, 9, 30)),
        (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
        (date(2028, 2, 29), "-1y", date(2027, 2, 28)),
        (date(2028, 2, 29), "+4y", date(2032, 2, 29)),
        (date(2026, 12, 31), "+1d", date(2027, 1, 1)),
    ],
)
def test_month_and_year_arithmetic_clamps_to_month_end(today, text, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "future", "past"),
    [
        ("monday", days(1), days(-6)),
        ("tuesday", days(2), days(-5)),
        ("wednesday", days(3), days(-4)),
        ("thursday", days(4), days(-3)),
        ("friday", days(5), days(-2)),
        ("saturday", days(6), days(-1)),
        ("sunday", TODAY, TODAY),  # TODAY is a Sunday: both directions land on today
    ],
)
def test_bare_weekday_follows_prefer(text, future, past):
    assert parse_date(text, TODAY) == future  # "future" is the default
    assert parse_date(text, TODAY, prefer="future") == future
    assert parse_date(text, TODAY, prefer="past") == past


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("mon", 0),
        ("MON", 0),
        ("Monday", 0),
        ("tue", 1),
        ("tues", 1),
        ("wed", 2),
        ("thu", 3),
        ("thur", 3),
        ("thurs", 3),
        ("fri", 4),
        ("sat", 5),
        ("sun", 6),
    ],
)
def test_weekday_abbreviations(text, weekday):
    result = parse_date(text, TODAY)
    assert result.weekday() == weekday
    assert TODAY <= result < days(7)


@pytest.mark.parametrize("weekday", range(7))
def test_own_weekday_is_today_but_next_and_last_skip_a_week(weekday):
    today = date(2026, 11, 16) + timedelta(days=weekday)  # Monday 16th + weekday
    name = WEEKDAYS[weekday]
    assert parse_date(name, today, prefer="future") == today
    assert parse_date(name, today, prefer="past") == today
    assert parse_date(f"next {name}", today) == today + timedelta(days=7)
    assert parse_date(f"last {name[:3]}", today) == today - timedelta(days=7)


@pytest.mark.parametrize("prefer", ["past", "future"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next monday", days(1)),
        ("next sun", days(7)),
        ("next saturday", days(6)),
        ("last monday", days(-6)),
        ("last sunday", days(-7)),
        ("last sat", days(-1)),
        ("NEXT   Tues", days(2)),
    ],
)
def test_next_and_last_ignore_prefer(text, expected, prefer):
    assert parse_date(text, TODAY, prefer=prefer) == expected


# --- parse_date: rejections -----------------------------------------------------------------


def test_impossible_day_names_the_reason_and_the_accepted_forms():
    with pytest.raises(ValidationError) as err:
        parse_date("2026-02-30", TODAY)
    assert str(err.value) == (
        '"2026-02-30" is not a date: day is out of range for month. ' + DATE_HINT
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2026-13-01", "month must be in 1..12"),
        ("2026-00-10", "month must be in 1..12"),
        ("2027-02-29", "day is out of range for month"),  # not a leap year
        ("2026-04-31", "day is out of range for month"),
        ("+3h", 'unknown unit "h"'),
        ("+3 fortnights", 'unknown unit "fortnights"'),
        ("+3", "add a unit"),
        ("3", "add a unit"),
        ("next fortnight", "next needs a weekday"),
        ("last month", "last needs a weekday"),
    ],
)
def test_rejection_explains_why(text, fragment):
    with pytest.raises(ValidationError, match="is not a date") as err:
        parse_date(text, TODAY)
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "tomorow",
        "mo",  # too short to be sure which weekday
        "next",
        "2026/12/03",
        "03-12-2026",
        "31/02/2026",
        "26-12-03",
        "2026-12-03x",
        "20261203",
        "3pm",
        "++3d",
        "+-3d",
        "+3d4",
        "next next monday",
        "２０２６-１２-０３",  # fullwidth digits
        "٢٠٢٦-١٢-٠٣",  # Arabic-Indic digits: int() would accept them, we do not
    ],
)
def test_unrecognised_text_is_rejected_with_the_accepted_forms(text):
    with pytest.raises(ValidationError, match=r"is not a date.*Use 2026-12-03, 3 Dec"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_date_is_required(text):
    with pytest.raises(ValidationError, match="A date is required"):
        parse_date(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "1899-12-31",
        "2201-01-01",
        "0001-01-01",
        "9999-12-31",
        "+99999d",
        "-99999d",
        "+999999999999999999999d",  # would overflow timedelta
        "+99999999999999999999999999m",  # would overflow date.replace
        "+1000y",
        "+9999999999w",
        "+" + "9" * 5000 + "d",  # beyond int()'s digit limit
    ],
)
def test_dates_outside_1900_to_2200_are_out_of_range(text):
    with pytest.raises(ValidationError, match=r"out of range.*1900-01-01 and 2200-12-31"):
        parse_date(text, TODAY)


def test_range_edge_from_a_today_near_the_limit():
    assert parse_date("+1d", date(2200, 12, 30)) == LAST
    with pytest.raises(ValidationError, match="out of range"):
        parse_date("next monday", LAST)
    with pytest.raises(ValidationError, match="out of range"):
        parse_date("yesterday", FIRST)


def test_error_messages_stay_on_one_line_and_short():
    with pytest.raises(ValidationError) as err:
        parse_date("nonsense\nwith a newline\x07 and " + "x" * 500, TODAY)
    message = str(err.value)
    assert "\n" not in message and "\x07" not in message
    assert len(message) < 200


def test_a_bad_prefer_is_a_programming_error():
    with pytest.raises(ValueError, match="prefer"):
        parse_date("monday", TODAY, prefer="Past")  # type: ignore[arg-type]


# --- parse_date: properties -----------------------------------------------------------------


@given(st.dates(min_value=FIRST, max_value=LAST))
def test_any_iso_date_in_range_parses_back(d):
    assert parse_date(d.isoformat(), TODAY) == d


@given(st.integers(min_value=(FIRST - TODAY).days, max_value=(LAST - TODAY).days))
def test_day_offsets_count_days(n):
    assert parse_date(f"{n:+d}d", TODAY) == TODAY + timedelta(days=n)
    assert parse_date(f"{n:+d} days", TODAY) == TODAY + timedelta(days=n)


@given(st.integers(min_value=(LAST - TODAY).days + 1))
def test_day_offsets_past_the_range_are_rejected(n):
    with pytest.raises(ValidationError, match="out of range"):
        parse_date(f"+{n}d", TODAY)


# Text built from the parser's own vocabulary reaches deeper than random unicode does.
VOCABULARY = st.text(alphabet="0123456789+-: Tdwmyaptnextlasmondy", max_size=20)


@given(st.one_of(st.text(), VOCABULARY), st.sampled_from(["past", "future"]))
def test_any_text_parses_or_raises_validation_error(text, prefer):
    try:
        result = parse_date(text, TODAY, prefer=prefer)
    except ValidationError as err:
        assert "\n" not in str(err)
    else:
        assert FIRST <= result <= LAST


# --- parse_time -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("15:05", time(15, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("3pm", time(15, 0)),
        ("3:30pm", time(15, 30)),
        ("3 PM", time(15, 0)),
        ("11am", time(11, 0)),
        ("12pm", time(12, 0)),  # noon
        ("12am", time(0, 0)),  # midnight
        ("12:30am", time(0, 30)),
        ("12:45pm", time(12, 45)),
        (" 9am ", time(9, 0)),
    ],
)
def test_times(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("25:00", "the hour must be 0 to 23"),
        ("24:00", "the hour must be 0 to 23"),
        ("12:60", "the minutes must be 0 to 59"),
        ("13pm", "with am/pm the hour must be 1 to 12"),
        ("0am", "with am/pm the hour must be 1 to 12"),
        ("3:75pm", "the minutes must be 0 to 59"),
        ("9", "add minutes or am/pm"),
        ("9:5", "Use HH:MM"),
        ("9:30:00", "Use HH:MM"),
        ("noon", "Use HH:MM"),
        ("930", "Use HH:MM"),
        ("", "A time is required"),
    ],
)
def test_impossible_times_are_rejected(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_time(text)
    assert fragment in str(err.value)


@given(st.one_of(st.text(), st.text(alphabet="0123456789: apm", max_size=10)))
def test_any_text_is_a_time_or_a_validation_error(text):
    with contextlib.suppress(ValidationError):
        parse_time(text)


# --- parse_datetime -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03 15:30", datetime(2026, 12, 3, 15, 30)),
        ("2026-12-03T15:30", datetime(2026, 12, 3, 15, 30)),
        ("2026-12-03t9:05", datetime(2026, 12, 3, 9, 5)),
        ("tomorrow 9am", datetime(2026, 11, 23, 9, 0)),
        ("Tomorrow at 3 pm", datetime(2026, 11, 23, 15, 0)),
        ("next tue 14:00", datetime(2026, 11, 24, 14, 0)),
        ("+3 days 12pm", datetime(2026, 11, 25, 12, 0)),
        ("+1w 8:15", datetime(2026, 11, 29, 8, 15)),
        ("fri 12am", datetime(2026, 11, 27, 0, 0)),
    ],
)
def test_datetimes_are_aware_and_in_the_given_zone(text, expected):
    result = parse_datetime(text, TODAY, LONDON)
    assert result == expected.replace(tzinfo=LONDON)
    assert result.tzinfo is LONDON
    assert result.utcoffset() == timedelta(0)  # GMT in winter


def test_summer_datetimes_carry_the_summer_offset():
    assert parse_datetime("2027-07-01 09:00", TODAY, LONDON).utcoffset() == timedelta(hours=1)
    assert parse_datetime("2027-07-01 09:00", TODAY, NEW_YORK).utcoffset() == timedelta(hours=-4)


def test_prefer_reaches_the_date_part():
    assert parse_datetime("mon 9am", TODAY, LONDON, prefer="past").date() == days(-6)
    assert parse_datetime("mon 9am", TODAY, LONDON).date() == days(1)


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("2027-03-28 01:30", LONDON),
        ("2027-03-28 1am", LONDON),
        ("2027-03-14 02:30", NEW_YORK),
    ],
)
def test_times_skipped_by_the_clocks_going_forward_are_rejected(text, tz):
    with pytest.raises(ValidationError, match=f"does not exist in {tz.key}"):
        parse_datetime(text, TODAY, tz)


def test_times_either_side_of_the_gap_are_fine():
    before = parse_datetime("2027-03-28 00:59", TODAY, LONDON)
    after = parse_datetime("2027-03-28 02:00", TODAY, LONDON)
    # Same-zone subtraction is wall-clock arithmetic in Python, so compare in UTC.
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(minutes=1)


def test_a_repeated_autumn_time_takes_the_first_occurrence():
    result = parse_datetime("2027-10-31 01:30", TODAY, LONDON)
    assert result.utcoffset() == timedelta(hours=1)  # still BST


@pytest.mark.parametrize("text", ["tomorrow", "2026-12-03", "next monday", "+3 days"])
def test_a_missing_time_is_asked_for(text):
    with pytest.raises(ValidationError, match="has no time"):
        parse_datetime(text, TODAY, LONDON)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "A date and time are required"),
        ("2026-02-30 9am", "day is out of range for month"),
        ("tomorrow 25:00", "the hour must be 0 to 23"),
        ("tomorrow 9", "add minutes or am/pm"),
        ("someday 9am", '"someday" is not a date'),
        ("garbage", '"garbage" is not a date'),
        ("+99999d 9am", "out of range"),
    ],
)
def test_datetime_rejections_point_at_the_bad_part(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_datetime(text, TODAY, LONDON)
    assert fragment in str(err.value)


@given(st.one_of(st.text(), VOCABULARY))
def test_any_text_is_a_datetime_or_a_validation_error(text):
    try:
        result = parse_datetime(text, TODAY, LONDON)
    except ValidationError:
        pass
    else:
        assert result.tzinfo is LONDON


# --- format_relative_age --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "2 weeks ago"),
        (20, "2 weeks ago"),
        (21, "3 weeks ago"),
        (59, "8 weeks ago"),
        (60, "2 months ago"),
        (365, "12 months ago"),
        (-1, "tomorrow"),
        (-5, "in 5 days"),
    ],
)
def test_relative_age(n, expected):
    assert format_relative_age(n) == expected


TODAY_DM = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("3 dec", "future", date(2026, 12, 3)),
        ("3 Dec", "past", date(2026, 12, 3)),  # the nearest: 11 days on, not 354 back
        ("Dec 3", "future", date(2026, 12, 3)),
        ("20 nov", "past", date(2026, 11, 20)),
        ("20 november", "future", date(2026, 11, 20)),  # two days ago, not next year
        ("22 nov", "past", date(2026, 11, 22)),
        ("22 nov", "future", date(2026, 11, 22)),
        ("3 December 2027", "past", date(2027, 12, 3)),
        ("1 jan", "future", date(2027, 1, 1)),
    ],
)
def test_day_and_month_as_the_app_shows_them(text, prefer, expected):
    assert parse_date(text, TODAY_DM, prefer) == expected


@pytest.mark.parametrize("text", ["31 feb", "30 february 2027", "3 xyz", "32 dec"])
def test_impossible_day_and_month_are_refused(text):
    with pytest.raises(ValidationError):
        parse_date(text, TODAY_DM)


@pytest.mark.parametrize("prefer", ["past", "future"])
def test_a_day_and_month_is_the_nearest_such_date_either_side(prefer):
    """ "3 Dec" typed on 4 Dec is yesterday, not a year away."""
    assert parse_date("3 Dec", date(2026, 12, 4), prefer) == date(2026, 12, 3)
    assert parse_date("5 jan", date(2026, 12, 30), prefer) == date(2027, 1, 5)
    assert parse_date("28 dec", date(2027, 1, 2), prefer) == date(2026, 12, 28)


@given(today=st.dates(date(1950, 1, 1), date(2150, 12, 31)), day=st.integers(1, 28))
def test_no_day_and_month_is_more_than_half_a_year_away(today, day):
    for month in range(1, 13):
        found = parse_date(f"{day} {date(2000, month, 1):%b}", today)
        assert abs((found - today).days) <= 184


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("03/12/2026", True, date(2026, 12, 3)),
        ("03/12/2026", False, date(2026, 3, 12)),
        ("3.12.26", True, date(2026, 12, 3)),
        ("12/31/2026", False, date(2026, 12, 31)),
    ],
)
def test_numeric_dates_follow_the_clusters_day_month_order(text, day_first, expected):
    assert parse_date(text, TODAY, day_first=day_first) == expected


def test_a_numeric_date_that_cannot_be_says_which_order_it_was_read_in():
    with pytest.raises(ValidationError, match="reading it as day/month/year"):
        parse_date("12/31/2026", TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next week", date(2026, 11, 23)),  # TODAY is a Sunday: the Monday after
        ("this week", date(2026, 11, 16)),
        ("in 2 weeks", date(2026, 12, 6)),
        ("in 3 days", date(2026, 11, 25)),
    ],
)
def test_spoken_spans_are_understood(text, expected):
    assert parse_date(text, TODAY) == expected


def test_end_of_term_is_refused_with_the_forms_that_work():
    with pytest.raises(ValidationError, match=r"term dates.*Use 2026-12-03"):
        parse_date("end of term", TODAY)
