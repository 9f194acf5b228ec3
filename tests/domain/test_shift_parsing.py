"""Schedule shifts as people type them (+4w, -10d) and as they are shown back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.dates import MAX_SHIFT_DAYS, format_shift, parse_shift
from domain.errors import ValidationError

HINT = "Use a span such as +4w, -1w or +10d (weeks or days)."


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("+4w", 28),
        ("4w", 28),
        ("-1w", -7),
        ("+10d", 10),
        ("-10d", -10),
        ("  +2 weeks ", 14),
        ("3 days", 3),
        ("+1 day", 1),
        ("- 2 wk", -14),
        ("+52w", 364),
        ("+366d", 366),
        ("-366d", -366),
        ("+2W", 14),
    ],
)
def test_parse_shift_accepts_days_and_weeks(text, days):
    assert parse_shift(text) == days


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+1m", f'"+1m" is not a shift. {HINT}'),  # a month is 28 to 31 days: ambiguous
        ("+2 months", f'"+2 months" is not a shift. {HINT}'),
        ("+1y", f'"+1y" is not a shift. {HINT}'),
        ("next week", f'"next week" is not a shift. {HINT}'),
        ("two weeks", f'"two weeks" is not a shift. {HINT}'),
        ("+4", f'"+4" is not a shift. {HINT}'),
        ("", f'"" is not a shift. {HINT}'),
        ("+4x", f'"+4x" is not a shift. {HINT}'),
        ("+1.5w", f'"+1.5w" is not a shift. {HINT}'),
        ("+99999d", f'"+99999d" is not a shift. {HINT}'),
        ("0d", f"A shift of 0d moves nothing. {HINT}"),
        ("-0w", f"A shift of -0w moves nothing. {HINT}"),
        ("400d", f"A shift of 400d is more than a year. {HINT}"),
        ("+367d", f"A shift of +367d is more than a year. {HINT}"),
        ("+53w", f"A shift of +53w is more than a year. {HINT}"),
        ("-60w", f"A shift of -60w is more than a year. {HINT}"),
    ],
)
def test_parse_shift_refuses_with_a_message_that_says_how(text, message):
    with pytest.raises(ValidationError) as refused:
        parse_shift(text)
    assert str(refused.value) == message


def test_arabic_indic_digits_are_not_read_as_numbers():
    with pytest.raises(ValidationError, match="is not a shift"):
        parse_shift("+٤w")


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (28, "+4w"),
        (-7, "-1w"),
        (10, "+10d"),
        (-10, "-10d"),
        (1, "+1d"),
        (364, "+52w"),
        (366, "+366d"),
    ],
)
def test_format_shift_uses_weeks_when_it_can(days, text):
    assert format_shift(days) == text


@given(st.integers(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS).filter(bool))
def test_a_formatted_shift_parses_back_to_the_same_days(days):
    text = format_shift(days)
    assert text[0] in "+-"
    assert text[-1] in "wd"
    assert parse_shift(text) == days


@given(
    sign=st.sampled_from(["", "+", "-"]),
    n=st.integers(1, 52),
    unit=st.sampled_from(["d", "w", "day", "days", "week", "weeks"]),
)
def test_a_typed_shift_formats_to_one_canonical_form(sign, n, unit):
    days = parse_shift(f"{sign}{n}{unit}")
    assert abs(days) == n * (7 if unit.startswith("w") else 1)
    assert (days < 0) == (sign == "-")
    assert parse_shift(format_shift(days)) == days
    assert format_shift(parse_shift(format_shift(days))) == format_shift(days)
