"""Calendar events as an iCalendar file that Google Calendar, Outlook and Apple Calendar import.

What real clients need, beyond RFC 5545's grammar:
- a rule-based VTIMEZONE for the TZID (exports/vtimezone.py): Outlook ignores date lists;
- DTSTAMP from the data, in UTC, so exporting unchanged data twice gives identical bytes;
- no METHOD: PUBLISH forbids attendees, and REQUEST with many events breaks Outlook and Apple;
- X-WR-CALNAME (Google's calendar name) and NAME wrapped in vText, as icalendar leaves X-
  values raw, and marked VALUE=TEXT so that parsers that do not know them unescape them;
- attendee names without double quotes, which no parameter value may hold.
"""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vCalAddress, vDuration, vText

from domain.dates import clock_change
from domain.records import Person
from domain.schedule import CalendarEvent
from domain.text import closed
from exports.vtimezone import vtimezone

PRODID = "-//Flourish//School leadership cluster program//EN"
REMINDER = timedelta(hours=1)  # before a briefing: time to leave school and get there
# A backslash is not special in a parameter by RFC 5545, but parsers (icalendar among them) read
# one before ; or : as an escape, so a name ending in one swallowed the next parameter.
_UNSAFE_IN_PARAM = re.compile(r'["\\\x00-\x1f\x7f]')
# RFC 5545 text may not hold control characters other than tab; a typed line break is kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text as a calendar can carry it: CR LF, a lone CR, U+2028 or U+2029 become a line break,
    and other control characters (which no one types, and some parsers reject) are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode's line and paragraph separators: clients show them as nothing or as a box.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    lines = _CONTROL.sub("", text).split("\n")
    # A bidi override a line opens is closed at its end: it cannot reverse what follows.
    return "\n".join(closed(line) for line in lines)


class Text(vText):
    """A TEXT value escaped exactly as RFC 5545 says. icalendar's own escaping reads a typed
    backslash-N as an escaped line break, so "C:\\New" would come back broken."""

    def __new__(cls, value: str, *args: Any, **kwargs: Any) -> "Text":
        return super().__new__(cls, clean_text(value), *args, **kwargs)

    def to_ical(self) -> bytes:
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return text.replace("\n", "\\n").encode("utf-8")


def to_ical(
    events: list[CalendarEvent],
    *,
    name: str,
    timezone: str,
    organizer: Person | None,
    year: int,
    refresh: timedelta | None = None,
) -> bytes:
    """The calendar as bytes with CRLF line ends: write them in binary mode. `year` is when
    the calendar's timezone is described for if it has no timed event."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # The name as RFC 7986 gives it, and as Google reads it. VALUE=TEXT tells parsers that do
    # not know either property to unescape it (ical.js, icalendar and libical would otherwise
    # show "North\, South"), and those that know it ignore the parameter.
    cal.add("name", Text(name), parameters={"VALUE": "TEXT"})
    cal.add("x-wr-calname", Text(name), parameters={"VALUE": "TEXT"})
    if refresh:  # a subscribed calendar: how often to fetch it (RFC 7986, and Outlook's own)
        cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(refresh))
    timed = [e for e in events if not e.all_day]
    # The zone is described even with no timed event: a calendar must hold a component
    # (RFC 5545), and one with none is refused by some clients.
    years = [_timed(e.start, ZoneInfo(timezone)).year for e in timed] or [year]
    cal.add_component(vtimezone(timezone, min(years), max(years)))
    for event in events:
        cal.add_component(vevent(event, ZoneInfo(timezone), organizer))
    data: bytes = cal.to_ical()
    return data


def vevent(
    e: CalendarEvent, zone: ZoneInfo, organizer: Person | None, *, rsvp: bool = False
) -> Event:
    """One event; `rsvp` asks each attendee to reply (an invitation by email)."""
    ev = Event()
    ev.add("uid", e.uid)
    ev.add("dtstamp", e.changed_at)
    ev.add("sequence", e.sequence)
    ev.add("summary", Text(e.title))
    if e.all_day:
        ev.add("dtstart", e.start)
        ev.add("dtend", e.end + timedelta(days=1))  # DTEND of a date is exclusive
        ev.add("transp", "TRANSPARENT")  # a program milestone does not block the day
    else:
        ev.add("dtstart", _timed(e.start, zone))
        end = _timed(e.end, zone)
        # An end in the hour the clocks pass twice is read as either by different clients:
        # in UTC it names one moment.
        ev.add("dtend", end.astimezone(UTC) if clock_change(end) else end)
    if e.location:
        ev.add("location", Text(e.location))
    if e.description:
        ev.add("description", Text(e.description))
    ev.add("categories", [e.category])
    ev.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
    if organizer and organizer.email:
        ev.add("organizer", _address(organizer, None))
    for person in e.attendees:
        if person.email:
            same = organizer and organizer.has_email(person.email)
            address = _address(person, "CHAIR" if same else "REQ-PARTICIPANT")
            if rsvp and not same:
                address.params["RSVP"] = "TRUE"
            ev.add("attendee", address)
    if not e.all_day and not e.cancelled:
        ev.add_component(_reminder(e))
    return ev


def _reminder(e: CalendarEvent) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER)
    alarm.add("description", Text(e.title))
    return alarm


def _timed(value: date | datetime, zone: ZoneInfo) -> datetime:
    """A timed event's start or end in `zone` (only all-day events have bare dates)."""
    assert isinstance(value, datetime)
    return value.astimezone(zone)


def _address(person: Person, role: str | None) -> vCalAddress:
    if not role:
        return vCalAddress.new(person.email.strip(), cn=cn(person.name))
    return vCalAddress.new(
        person.email.strip(), cn=cn(person.name), role=role, partstat="NEEDS-ACTION"
    )


def cn(name: str) -> str:
    """A name as a CN parameter: double quotes, backslashes and control characters cannot be in
    one."""
    return " ".join(_UNSAFE_IN_PARAM.sub(" ", name).split())
