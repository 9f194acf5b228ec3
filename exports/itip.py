"""An invitation email (iTIP over email, RFC 5546 and 6047): a readable summary, and the event
as `text/calendar; method=REQUEST` or `method=CANCEL`, which mail clients turn into the
accept/decline card and calendars into an event that updates when a newer one arrives.

What clients need, beyond the RFCs' grammar:
- one VEVENT, the briefing's stable UID, and a SEQUENCE above the copy the attendee holds;
- METHOD both in the calendar and as the MIME part's parameter (Outlook reads the latter);
- ORGANIZER the chair; a CANCEL to one person lists only that person as attendee;
- the summary and the calendar part as alternatives of one message, in UTF-8.
"""

from dataclasses import replace
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from icalendar import Calendar

from domain.dates import weekday_day
from domain.invitations import Delivery, Method
from domain.records import Person
from domain.schedule import CalendarEvent
from exports.ical import PRODID, clean_text, vevent
from exports.vtimezone import vtimezone


def invitation_email(
    event: CalendarEvent,
    delivery: Delivery,
    *,
    organizer: Person,
    sender: str,
    timezone: str,
    now: datetime,
) -> EmailMessage:
    """The email `delivery` asks for, from `sender` (an address) on the organizer's behalf."""
    zone = ZoneInfo(timezone)
    message = EmailMessage()
    message["Subject"] = _subject(event, delivery, zone)
    message["From"] = _address(Person(name=organizer.name, email=sender))
    message["To"] = _address(delivery.person)
    if not organizer.has_email(sender) and organizer.email:
        message["Reply-To"] = _address(organizer)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(summary(event, delivery, organizer=organizer, zone=zone))
    method = delivery.method.value
    message.add_alternative(
        itip(event, delivery, organizer=organizer, timezone=timezone),
        maintype="text",
        subtype="calendar",
        params={"method": method, "charset": "utf-8"},
        filename="invite.ics",
        disposition="inline",
    )
    return message


def itip(event: CalendarEvent, delivery: Delivery, *, organizer: Person, timezone: str) -> bytes:
    """The calendar part: METHOD, the timezone and the one event."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", delivery.method.value)
    zone = ZoneInfo(timezone)
    start = event.start if isinstance(event.start, datetime) else None
    year = start.astimezone(zone).year if start else event.first_day().year
    cal.add_component(vtimezone(timezone, year, year))
    if delivery.method is Method.CANCEL:
        # Cancelled for this person (the briefing may go on for the others).
        event = _cancelled(event, delivery.person)
    cal.add_component(vevent(event, zone, organizer, rsvp=delivery.method is Method.REQUEST))
    data: bytes = cal.to_ical()
    return data


def _cancelled(event: CalendarEvent, person: Person) -> CalendarEvent:
    whole = event.cancelled
    return replace(event, cancelled=True, attendees=event.attendees if whole else (person,))


def summary(event: CalendarEvent, delivery: Delivery, *, organizer: Person, zone: ZoneInfo) -> str:
    """The text a person reads in the email, whatever their mail client does with the rest."""
    lines = [_opening(event, delivery), ""]
    lines.append(f"What:  {_line(event.title)}")
    lines.append(f"When:  {_when(event, zone)}")
    if event.location:
        lines.append(f"Where: {_line(event.location)}")
    who = _line(organizer.name) + (f" <{organizer.email}>" if organizer.email else "")
    lines.append(f"From:  {who}")
    if event.description and delivery.method is Method.REQUEST:
        lines += ["", clean_text(event.description)]
    lines += ["", "Your calendar will update this event if it changes or is cancelled."]
    return "\n".join(lines) + "\n"


def _opening(event: CalendarEvent, delivery: Delivery) -> str:
    if delivery.method is Method.CANCEL and not event.cancelled:
        return "You are no longer invited to this briefing: it is removed from your calendar."
    if delivery.method is Method.CANCEL:
        return "This briefing is cancelled."
    if delivery.update:
        return "This briefing has changed. Here it is as it now stands."
    return "You are invited to a stakeholder briefing."


def _subject(event: CalendarEvent, delivery: Delivery, zone: ZoneInfo) -> str:
    word = {
        "invitation": "Invitation",
        "update": "Updated invitation",
        "cancellation": "Cancelled",
    }[delivery.describe()]
    return f"{word}: {_line(event.title)} @ {_when(event, zone)}"


def _when(event: CalendarEvent, zone: ZoneInfo) -> str:
    if not isinstance(event.start, datetime) or not isinstance(event.end, datetime):
        return weekday_day(event.first_day())
    start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    return f"{weekday_day(start)}, {start:%H:%M}-{end:%H:%M} ({zone.key})"


def _line(text: str) -> str:
    """User text on one line of a header or the summary: no line break can start a header."""
    return " ".join(clean_text(text).split())


def _address(person: Person) -> str:
    name = _line(person.name)
    user, _, domain = person.email.strip().rpartition("@")
    return str(Address(display_name=name, username=user, domain=domain))
