"""Calendars that every client reads the same way: an empty one is still a calendar, Unicode
line separators become line breaks, the calendar's name is there under both of the names
clients read, and a briefing on the night the clocks change lasts as long as it says. Read
back with icalendar and with vobject, two independent parsers."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from domain.briefings import Briefing, check_start
from domain.errors import ValidationError
from domain.records import Person
from domain.schedule import briefing_event
from exports.briefing_pack import md, pack_html
from exports.ical import clean_text, to_ical

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
CHAIR = Person(name="Chair", email="chair@example.org")


def calendar(events, name="North, South; East\\West") -> bytes:
    return to_ical(events, name=name, timezone="Europe/London", organizer=CHAIR, year=2026)


def briefing(start: datetime, minutes: int = 60) -> Briefing:
    return Briefing(created_at=NOW, updated_at=NOW, title="Late review", start=start,
                    minutes=minutes)  # fmt: skip


def test_a_calendar_with_no_events_is_still_a_calendar_both_parsers_read():
    data = calendar([])

    parsed = Calendar.from_ical(data)
    assert parsed.walk("VTIMEZONE") and not parsed.walk("VEVENT")
    assert vobject.readOne(data.decode()).vtimezone.tzid.value == "Europe/London"


def test_the_calendar_name_reads_back_exactly_as_name_and_as_x_wr_calname():
    name = "North, South; East\\West"
    read = vobject.readOne(calendar([]).decode())
    assert read.contents["name"][0].value == name
    assert read.contents["x-wr-calname"][0].value == name
    # icalendar knows neither property: VALUE=TEXT makes it unescape them as it should.
    parsed = Calendar.from_ical(calendar([]))
    assert str(parsed["name"]) == name and str(parsed["x-wr-calname"]) == name


def test_unicode_line_and_paragraph_separators_become_line_breaks():
    assert clean_text("one\u2028two\u2029three") == "one\ntwo\nthree"
    event = briefing_event(briefing(datetime(2026, 12, 3, 15, 30, tzinfo=LONDON)), None)
    data = calendar([event.__class__(**{**event.__dict__, "location": "Hall\u2028Room 4"})])
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["location"]) == "Hall\nRoom 4"


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 10, 25, 0, 45, tzinfo=LONDON),  # runs into the hour that comes twice
        datetime(2026, 3, 29, 0, 30, tzinfo=LONDON),  # runs over the hour that is skipped
    ],
)
def test_a_briefing_over_a_clock_change_lasts_as_long_as_it_says(start):
    b = briefing(start, minutes=60)
    assert b.end.astimezone(UTC) - b.start.astimezone(UTC) == timedelta(minutes=60)

    for event in (
        Calendar.from_ical(calendar([briefing_event(b, None)])).walk("VEVENT")[0],
        vobject.readOne(calendar([briefing_event(b, None)]).decode()).vevent,
    ):
        begin = event.decoded("dtstart") if hasattr(event, "decoded") else event.dtstart.value
        end = event.decoded("dtend") if hasattr(event, "decoded") else event.dtend.value
        assert end.astimezone(UTC) - begin.astimezone(UTC) == timedelta(minutes=60)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        (datetime(2026, 10, 25, 1, 30, tzinfo=LONDON), "comes twice"),
        (datetime(2026, 3, 29, 1, 30, tzinfo=LONDON), "does not exist"),
    ],
)
def test_a_start_the_clocks_skip_or_repeat_is_refused_in_one_line(start, said):
    with pytest.raises(ValidationError) as refused:
        check_start(start)
    message = str(refused.value)
    assert said in message and "01:30 on Sun" in message and "\n" not in message


def test_an_ordinary_start_is_accepted():
    start = datetime(2026, 10, 25, 15, 30, tzinfo=LONDON)
    assert check_start(start) == start


def test_a_heading_ending_in_a_hash_keeps_it():
    html = pack_html(f"# {md('Room 101 #', None)}\n", title="t")
    assert "<h1>Room 101 #</h1>" in html
    assert "<h1>\\</h1>" not in pack_html(f"# {md('#', None)}\n", title="t")
    assert "<h1>#</h1>" in pack_html(f"# {md('#', None)}\n", title="t")


def test_a_long_unbroken_token_is_allowed_to_wrap_in_the_html_pack():
    html = pack_html("x" * 2000 + "\n", title="t")
    assert "overflow-wrap: anywhere" in html.split("</style>")[0]


def test_dates_in_tests_are_fixed():
    assert date(2026, 10, 25).weekday() == 6  # the Sunday the clocks go back in 2026
