"""The rule-based VTIMEZONE: its rules for well-known zones, and a round trip through icalendar
that checks the UTC offset it implies against zoneinfo's."""

from __future__ import annotations

import functools
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Timezone

from exports.vtimezone import vtimezone


def _read_back(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE as a client reads it: serialised, then parsed."""
    return Timezone.from_ical(vtimezone(tzid, first_year, last_year).to_ical())


def _parts(zone: Timezone, name: str) -> list:
    return [part for part in zone.subcomponents if part.name == name]


def _only(zone: Timezone, name: str):
    parts = _parts(zone, name)
    assert len(parts) == 1, zone.to_ical().decode()
    return parts[0]


def _rule(part) -> dict:
    """The RRULE as plain values, e.g. {"FREQ": ["YEARLY"], "BYMONTH": [3], ...}."""
    return {key: list(value) for key, value in part["RRULE"].items()}


def _check_yearly(part, month: int, byday: str, wall: time, before_hours, after_hours):
    assert _rule(part) == {"FREQ": ["YEARLY"], "BYMONTH": [month], "BYDAY": [byday]}
    assert part.DTSTART.month == month
    assert part.DTSTART.time() == wall
    assert part.DTSTART.tzinfo is None  # a wall-clock time, as RFC 5545 requires
    assert part["TZOFFSETFROM"].td == timedelta(hours=before_hours)
    assert part["TZOFFSETTO"].td == timedelta(hours=after_hours)


def test_london_follows_the_last_sunday_rules():
    zone = _read_back("Europe/London", 2026, 2027)

    assert zone["TZID"] == "Europe/London"
    summer, winter = _only(zone, "DAYLIGHT"), _only(zone, "STANDARD")
    _check_yearly(summer, 3, "-1SU", time(1), 0, 1)
    _check_yearly(winter, 10, "-1SU", time(2), 1, 0)
    assert (summer["TZNAME"], winter["TZNAME"]) == ("BST", "GMT")
    text = zone.to_ical().decode()
    assert "BYDAY=-1SU;BYMONTH=3" in text
    assert "UNTIL" not in text


def test_new_york_uses_second_and_first_sundays():
    zone = _read_back("America/New_York", 2026, 2027)

    _check_yearly(_only(zone, "DAYLIGHT"), 3, "2SU", time(2), -5, -4)
    _check_yearly(_only(zone, "STANDARD"), 11, "1SU", time(2), -4, -5)


def test_sydney_starts_daylight_time_in_october():
    zone = _read_back("Australia/Sydney", 2026, 2027)

    _check_yearly(_only(zone, "DAYLIGHT"), 10, "1SU", time(2), 10, 11)
    _check_yearly(_only(zone, "STANDARD"), 4, "1SU", time(3), 11, 10)


def test_auckland_starts_daylight_time_on_the_last_sunday_of_september():
    zone = _read_back("Pacific/Auckland", 2026, 2027)

    _check_yearly(_only(zone, "DAYLIGHT"), 9, "-1SU", time(2), 12, 13)
    _check_yearly(_only(zone, "STANDARD"), 4, "1SU", time(3), 13, 12)


def test_last_is_preferred_when_it_and_a_week_number_both_fit():
    # Egypt starts summer time on the last Friday of April; in 2023-2026 that is also the 4th.
    zone = _read_back("Africa/Cairo", 2024, 2024)

    _check_yearly(_only(zone, "DAYLIGHT"), 4, "-1FR", time(0), 2, 3)


def test_a_rule_that_stopped_ends_with_until_in_utc():
    # Brazil's last daylight time ended on 17 February 2019 (00:00 local, 02:00 UTC).
    zone = _read_back("America/Sao_Paulo", 2018, 2020)

    ending = [part for part in _parts(zone, "STANDARD") if "RRULE" in part]
    assert len(ending) == 1
    assert _rule(ending[0])["BYDAY"] == ["3SU"]
    assert _rule(ending[0])["UNTIL"] == [datetime(2019, 2, 17, 2, tzinfo=UTC)]
    assert "UNTIL=20190217T020000Z;" in zone.to_ical().decode()


def test_until_east_of_greenwich_still_covers_the_last_occurrence():
    # Moscow's last summer time began on 28 March 2010 (02:00 local, 23:00 UTC the day before).
    # UNTIL may lie anywhere between that and the next, skipped, occurrence; readers that
    # compare it with wall time (dateutil) need it no earlier than 02:00 "UTC".
    zone = _read_back("Europe/Moscow", 2009, 2011)

    rule = _rule(_only(zone, "DAYLIGHT"))
    assert rule["BYDAY"] == ["-1SU"]
    assert datetime(2010, 3, 27, 23, tzinfo=UTC) <= rule["UNTIL"][0]
    assert rule["UNTIL"][0] < datetime(2011, 3, 26, 23, tzinfo=UTC)
    summer_2010 = datetime(2010, 7, 1, tzinfo=UTC).astimezone(_parsed("Europe/Moscow", 2009, 2011))
    assert summer_2010.utcoffset() == timedelta(hours=4)


def test_negative_dst_still_makes_the_larger_offset_daylight():
    # tzdata gives Dublin's winter GMT dst() == -1 h; clients expect summer to be DAYLIGHT.
    zone = _read_back("Europe/Dublin", 2026, 2027)

    _check_yearly(_only(zone, "DAYLIGHT"), 3, "-1SU", time(1), 0, 1)
    _check_yearly(_only(zone, "STANDARD"), 10, "-1SU", time(2), 1, 0)
    assert _only(zone, "DAYLIGHT")["TZNAME"] == "IST"


def test_the_time_before_a_zones_only_change_is_covered():
    # Moscow kept +04 from March 2011 until 26 October 2014, then moved to +03.
    zone = _read_back("Europe/Moscow", 2013, 2014)

    first, last = zone.subcomponents
    assert first["DTSTART"].to_ical() == b"19700101T000000"
    assert first["TZOFFSETTO"].td == timedelta(hours=4)
    assert last["DTSTART"].to_ical() == b"20141026T020000"
    moscow = _parsed("Europe/Moscow", 2013, 2014)
    assert datetime(2013, 6, 1, tzinfo=UTC).astimezone(moscow).utcoffset() == timedelta(hours=4)


@pytest.mark.parametrize(
    ("tzid", "offset", "name"), [("Asia/Kolkata", 5.5, "IST"), ("UTC", 0, "UTC")]
)
def test_a_zone_without_changes_has_one_standard_part(tzid, offset, name):
    zone = _read_back(tzid, 2026, 2027)

    assert _parts(zone, "DAYLIGHT") == []
    part = _only(zone, "STANDARD")
    assert part["DTSTART"].to_ical() == b"19700101T000000"
    assert part["TZOFFSETFROM"].td == part["TZOFFSETTO"].td == timedelta(hours=offset)
    assert part["TZNAME"] == name
    assert "RRULE" not in part


def test_the_same_arguments_give_the_same_bytes():
    for tzid in ("Europe/London", "Africa/Casablanca", "America/Santiago"):
        assert vtimezone(tzid, 2024, 2028).to_ical() == vtimezone(tzid, 2024, 2028).to_ical()


@pytest.mark.parametrize("tzid", ["Europe/London", "Asia/Tehran", "Africa/Casablanca"])
def test_no_part_lists_dates(tzid):
    assert b"RDATE" not in vtimezone(tzid, 2020, 2027).to_ical()


@pytest.mark.parametrize(
    ("tzid", "first_year", "last_year"),
    [("America/Santiago", 2020, 2030), ("Europe/Moscow", 2013, 2014)],
)
def test_parts_are_in_order(tzid, first_year, last_year):
    zone = _read_back(tzid, first_year, last_year)

    starts = [part.DTSTART for part in zone.subcomponents]
    assert starts == sorted(starts)


# Zones whose rules differ in kind, each with the years in which it is checked.
ROUND_TRIP_ZONES = {
    "Europe/London": (2024, 2030),
    "Europe/Dublin": (2024, 2030),  # negative DST in tzdata: winter time has dst() < 0
    "America/New_York": (2024, 2030),
    "America/Santiago": (2018, 2030),  # "first Sunday on or after the 2nd"
    "Australia/Lord_Howe": (2024, 2030),  # a 30-minute change
    "Pacific/Auckland": (2024, 2030),
    "Africa/Casablanca": (2017, 2030),  # Ramadan, which no yearly rule describes
    "Asia/Kolkata": (2024, 2030),
    "America/Sao_Paulo": (2015, 2022),  # daylight time abolished in 2019
    "Europe/Moscow": (2008, 2016),  # summer time abolished east of Greenwich
    "Asia/Tehran": (2019, 2025),  # fixed dates, abolished in 2022
}


@functools.cache
def _parsed(tzid: str, first_year: int, last_year: int) -> tzinfo:
    """The VTIMEZONE as a client sees it: serialised in a calendar, parsed, made a tzinfo."""
    calendar = Calendar()
    calendar.add_component(vtimezone(tzid, first_year, last_year))
    parsed = Calendar.from_ical(calendar.to_ical()).walk("VTIMEZONE")[0]
    # lookup_tzid=False: otherwise icalendar returns ZoneInfo(tzid) and ignores our rules.
    zone = parsed.to_tz(lookup_tzid=False)
    assert not isinstance(zone, ZoneInfo)
    return zone


@st.composite
def _zone_years_and_instant(draw):
    tzid = draw(st.sampled_from(sorted(ROUND_TRIP_ZONES)))
    low, high = ROUND_TRIP_ZONES[tzid]
    first_year = draw(st.integers(low, high))
    last_year = draw(st.integers(first_year, min(high, first_year + 3)))
    instant = draw(
        st.datetimes(
            min_value=datetime(first_year, 1, 1),
            max_value=datetime(last_year, 12, 31, 23, 59, 59),
            timezones=st.just(UTC),
        )
    )
    return tzid, first_year, last_year, instant


@settings(max_examples=300)
@given(_zone_years_and_instant())
def test_the_parsed_rules_give_zoneinfos_offset(case):
    tzid, first_year, last_year, instant = case
    zone = ZoneInfo(tzid)
    # dateutil (behind icalendar's to_tz) can put the repeated hour before an offset falls on
    # the wrong side of the change when both sides are STANDARD: skip the hour around changes.
    hour = timedelta(hours=1)
    before, after = (instant - hour).astimezone(zone), (instant + hour).astimezone(zone)
    assume(before.utcoffset() == after.utcoffset())

    implied = instant.astimezone(_parsed(tzid, first_year, last_year)).utcoffset()

    assert implied == instant.astimezone(zone).utcoffset()


@pytest.mark.parametrize(
    "tzid",
    ["America/Santiago", "Africa/Casablanca", "America/Sao_Paulo", "Europe/Moscow", "Asia/Tehran"],
)
def test_every_noon_of_the_years_gets_zoneinfos_offset(tzid):
    # Rules that start, stop or skip a year leave gaps of days, which random instants can miss.
    first_year, last_year = ROUND_TRIP_ZONES[tzid]
    parsed, zone = _parsed(tzid, first_year, last_year), ZoneInfo(tzid)
    noon = datetime(first_year, 1, 1, 12, tzinfo=UTC)
    wrong = []
    while noon.year <= last_year:
        if noon.astimezone(parsed).utcoffset() != noon.astimezone(zone).utcoffset():
            wrong.append(noon.date())
        noon += timedelta(days=1)
    assert wrong == []
