"""Invitations to a briefing by email (iTIP, RFC 5546): who must be sent what, so that every
attendee's calendar follows the briefing as it moves, changes or is cancelled.

An attendee's calendar holds the copy it was last sent. So an attendee is sent a REQUEST when
they have none or an older one, a CANCEL when the briefing is cancelled or they were taken off
it, and nothing when their copy is current: running `invite` again after a failed send
reaches only those it missed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.records import Person
from domain.schedule import CalendarEvent


class Method(StrEnum):
    REQUEST = "REQUEST"  # an invitation, or an update to one (a higher SEQUENCE)
    CANCEL = "CANCEL"


@dataclass(frozen=True, kw_only=True)
class Invitation:
    """The last invitation (or cancellation) one attendee was sent for one briefing."""

    email: str
    name: str
    sequence: int
    method: Method
    sent_at: datetime


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """One email to send: `person` gets `method` for the event."""

    person: Person
    method: Method
    update: bool  # they hold an older copy (an update or a cancellation of one they had)

    @property
    def key(self) -> str:
        return email_key(self.person.email)

    def describe(self) -> str:
        if self.method is Method.CANCEL:
            return "cancellation"
        return "update" if self.update else "invitation"


@dataclass(frozen=True, kw_only=True)
class InvitePlan:
    event: CalendarEvent  # with the sequence every delivery carries
    deliveries: list[Delivery]
    current: list[Person]  # already hold this sequence: nothing to send
    no_email: list[Person]  # cannot be invited


def email_key(email: str) -> str:
    return email.strip().casefold()


def plan(
    event: CalendarEvent,
    *,
    organizer: Person,
    sent: Mapping[str, Invitation],
) -> InvitePlan:
    """What to send for `event` (a briefing, settled so that its sequence never goes back),
    given what each attendee was `sent` before (by email key). The organizer, who sends them,
    is not sent one."""
    deliveries: list[Delivery] = []
    current: list[Person] = []
    no_email: list[Person] = []
    attending: set[str] = set()
    for person in event.attendees:
        key = email_key(person.email)
        if not key:
            no_email.append(person)
            continue
        if key in attending or organizer.has_email(key):
            continue
        attending.add(key)
        before = sent.get(key)
        if event.cancelled:
            if before and before.method is Method.REQUEST:
                deliveries.append(Delivery(person=person, method=Method.CANCEL, update=True))
            elif before:
                current.append(person)
            continue  # never invited: nothing to cancel
        if before and before.method is Method.REQUEST and before.sequence >= event.sequence:
            current.append(person)
        else:
            had = before is not None and before.method is Method.REQUEST
            deliveries.append(Delivery(person=person, method=Method.REQUEST, update=had))
    # Taken off the briefing: their calendar still holds it until told otherwise.
    for key, before in sorted(sent.items()):
        if key not in attending and before.method is Method.REQUEST:
            person = Person(name=before.name, email=before.email)
            deliveries.append(Delivery(person=person, method=Method.CANCEL, update=True))
    return InvitePlan(event=event, deliveries=deliveries, current=current, no_email=no_email)
