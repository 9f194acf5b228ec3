"""The pulse survey's rules: the anonymity threshold, shading bands at their edges, months and
scores as people type them, CSV validation (all or nothing), trends, low and falling."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.pulse import (
    DEFAULT_DIMENSIONS,
    PulseImportError,
    PulseResult,
    change,
    find_dimension,
    latest,
    parse_month,
    parse_pulse_csv,
    parse_score,
    shown,
    trend,
)
from domain.scales import Band, band

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAMS = {"hillside": "t-hill", "hilltop": "t-top"}
HEADER = "team,month,dimension,score,responses\n"


def team_of(ref: str) -> str:
    if ref.casefold() not in TEAMS:
        raise ValidationError(f"no team matches {ref!r}")
    return TEAMS[ref.casefold()]


def result(month: int, dimension: str, score: float, responses: int = 10, year=2026):
    return PulseResult(
        created_at=NOW,
        updated_at=NOW,
        team_id="t-hill",
        month=date(year, month, 1),
        dimension=dimension,
        score=score,
        responses=responses,
    )


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, Band.LOW),
        (3, Band.LOW),
        (3.9, Band.LOW),
        (4, Band.MEDIUM),
        (7, Band.MEDIUM),
        (7.9, Band.MEDIUM),
        (8, Band.HIGH),
        (10, Band.HIGH),
    ],
)
def test_bands_at_their_edges(score, expected):
    assert band(score) is expected


def test_fewer_respondents_than_the_threshold_hide_the_score():
    assert shown(result(11, "voice", 6.5, responses=2)) is None
    assert shown(result(11, "voice", 6.5, responses=3)) == 6.5
    assert shown(result(11, "voice", 6.5, responses=4), min_responses=5) is None


def test_a_hidden_month_has_no_score_in_a_trend():
    points = trend([result(10, "voice", 5.0), result(11, "voice", 9.9, responses=1)], "voice")

    assert [p.score for p in points] == [5.0, None]
    assert points[-1].hidden and points[-1].responses == 1
    assert change(points) is None  # a change would reveal the hidden score


@pytest.mark.parametrize(
    "text", ["2026-11", "2026-11-01", "2026-11-30", "Nov 2026", "november 2026", "2026/11"]
)
def test_months_as_people_write_them(text):
    assert parse_month(text) == date(2026, 11, 1)


@pytest.mark.parametrize("text", ["", "11-2026", "2026-13", "Novembre 2026", "soon"])
def test_a_wrong_month_is_refused(text):
    with pytest.raises(ValidationError, match="month"):
        parse_month(text)


@pytest.mark.parametrize("text", ["-0.1", "10.01", "eleven", "", "nan"])
def test_a_score_outside_0_to_10_is_refused(text):
    with pytest.raises(ValidationError):
        parse_score(text)


@given(st.floats(min_value=0, max_value=10, allow_nan=False))
def test_any_score_from_0_to_10_is_taken(score):
    assert 0 <= parse_score(str(score)) <= 10


def test_a_dimension_by_key_or_label_in_any_case():
    assert find_dimension(DEFAULT_DIMENSIONS, "VOICE").key == "voice"
    assert find_dimension(DEFAULT_DIMENSIONS, " my  voice is HEARD ").key == "voice"
    with pytest.raises(ValidationError, match="purpose, trust"):
        find_dimension(DEFAULT_DIMENSIONS, "happiness")


def test_a_good_file_imports_every_row():
    text = (
        "\ufeff"
        + HEADER
        + "Hillside,2026-11,voice,6.5,12\r\nhilltop,Nov 2026,Trust and safety,7,4\r\n\r\n"
    )

    rows = parse_pulse_csv(text, team_of, DEFAULT_DIMENSIONS)

    assert [(r.line, r.team_id, r.dimension, r.score, r.responses) for r in rows] == [
        (2, "t-hill", "voice", 6.5, 12),
        (3, "t-top", "trust", 7.0, 4),
    ]


def test_a_bad_file_names_every_rejected_line_and_why():
    text = HEADER + "\n".join(
        [
            "Nowhere,2026-11,voice,6,5",
            "Hillside,2026-13,voice,6,5",
            "Hillside,2026-11,happiness,6,5",
            "Hillside,2026-11,voice,11,5",
            "Hillside,2026-11,voice,6,lots",
            "Hillside,2026-11,voice",
        ]
    )

    with pytest.raises(PulseImportError) as raised:
        parse_pulse_csv(text, team_of, DEFAULT_DIMENSIONS)

    reasons = {r.line: r.reason for r in raised.value.rejected}
    assert sorted(reasons) == [2, 3, 4, 5, 6, 7]
    assert "Nowhere" in reasons[2] and "2026-13" in reasons[3] and "happiness" in reasons[4]
    assert "0 to 10" in reasons[5] and "lots" in reasons[6] and "3 columns" in reasons[7]
    assert "6 of 6 rows rejected, so nothing was imported" in str(raised.value)


def test_a_mixed_file_imports_nothing_and_a_repeat_is_a_rejection():
    text = (
        HEADER
        + "Hillside,2026-11,voice,6,5\nHilltop,2026-11,voice,6,5\nhillside,Nov 2026,VOICE,7,9\n"
    )

    with pytest.raises(PulseImportError) as raised:
        parse_pulse_csv(text, team_of, DEFAULT_DIMENSIONS)

    (rejected,) = raised.value.rejected
    assert rejected.line == 4 and "line 2" in rejected.reason
    assert raised.value.total == 3


def test_a_quoted_cell_with_a_newline_keeps_line_numbers_true():
    text = HEADER + '"Hill\nside",2026-11,voice,6,5\nNowhere,2026-11,voice,6,5\n'

    with pytest.raises(PulseImportError) as raised:
        parse_pulse_csv(text, team_of, DEFAULT_DIMENSIONS)

    assert [r.line for r in raised.value.rejected] == [3, 4]


@pytest.mark.parametrize("text", ["", "team,month,score\nHillside,2026-11,6\n", HEADER])
def test_a_file_without_the_header_or_rows_is_refused(text):
    with pytest.raises(ValidationError):
        parse_pulse_csv(text, team_of, DEFAULT_DIMENSIONS)


def test_the_latest_month_at_a_glance():
    results = [
        result(10, "voice", 6.0),
        result(11, "voice", 4.5),  # down 1.5: falling
        result(10, "trust", 3.0),
        result(11, "trust", 3.5),  # low
        result(11, "purpose", 9.0, responses=2),  # hidden: not in the mean
    ]

    glance = latest(results, DEFAULT_DIMENSIONS)

    assert glance.month == date(2026, 11, 1)
    assert glance.mean == 4.0
    assert glance.change == -0.5
    assert glance.low == ("trust",)
    assert glance.falling == ("voice",)


def test_no_change_across_a_missing_month():
    points = trend([result(9, "voice", 6.0), result(11, "voice", 4.0)], "voice")
    assert change(points) is None
    points = trend([result(12, "voice", 6.0), result(1, "voice", 4.0, year=2027)], "voice")
    assert change(points) == -2.0
