"""Who is sent what for a briefing: an invitation to those never sent one, an update to those
holding an older version, a cancellation to those who hold it when it is cancelled or they
are taken off it, and nothing to the organizer, to those up to date or to those never
invited to a briefing that is now cancelled."""

from dataclasses import replace
from datetime import UTC, datetime

from domain.invitations import Invitation, Method, plan
from domain.program import EventKind
from domain.records import Person
from domain.schedule import CalendarEvent

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
CHAIR = Person(name="Chair", email="Chair@Example.org")
ANN = Person(name="Ann", email="ann@school.example")
BO = Person(name="Bo", email="bo@school.example")
NOMAIL = Person(name="Cy")


def event(*attendees: Person, sequence: int = 2, cancelled: bool = False) -> CalendarEvent:
    return CalendarEvent(
        uid="b@flourish",
        kind=EventKind.BRIEFING,
        title="Review",
        start=datetime(2026, 12, 3, 15, 30, tzinfo=UTC),
        end=datetime(2026, 12, 3, 16, 15, tzinfo=UTC),
        sequence=sequence,
        changed_at=NOW,
        attendees=attendees,
        cancelled=cancelled,
    )


def sent(person: Person, sequence: int, method: Method = Method.REQUEST) -> Invitation:
    return Invitation(
        email=person.email, name=person.name, sequence=sequence, method=method, sent_at=NOW
    )


def what(p) -> list[tuple[str, str]]:
    return [(d.person.name, d.describe()) for d in p.deliveries]


def test_first_invitations_skip_the_organizer_and_name_those_without_email():
    p = plan(
        event(CHAIR, ANN, BO, NOMAIL, replace(ANN, name="Ann again")), organizer=CHAIR, sent={}
    )
    assert what(p) == [("Ann", "invitation"), ("Bo", "invitation")]
    assert p.no_email == [NOMAIL] and p.current == []


def test_only_those_with_an_older_version_get_an_update():
    p = plan(
        event(ANN, BO, sequence=3),
        organizer=CHAIR,
        sent={"ann@school.example": sent(ANN, 3), "bo@school.example": sent(BO, 2)},
    )
    assert what(p) == [("Bo", "update")] and p.current == [ANN]


def test_someone_taken_off_gets_a_cancellation_of_their_copy():
    p = plan(
        event(ANN, sequence=3),
        organizer=CHAIR,
        sent={"ann@school.example": sent(ANN, 2), "bo@school.example": sent(BO, 2)},
    )
    assert what(p) == [("Ann", "update"), ("Bo", "cancellation")]


def test_a_cancelled_briefing_cancels_only_what_was_sent_and_only_once():
    sent_before = {"ann@school.example": sent(ANN, 2)}
    p = plan(event(ANN, BO, sequence=3, cancelled=True), organizer=CHAIR, sent=sent_before)
    assert what(p) == [("Ann", "cancellation")]

    done = {"ann@school.example": sent(ANN, 3, Method.CANCEL)}
    again = plan(event(ANN, BO, sequence=3, cancelled=True), organizer=CHAIR, sent=done)
    assert again.deliveries == [] and again.current == [ANN]


def test_a_reinstated_briefing_invites_again_those_sent_its_cancellation():
    done = {"ann@school.example": sent(ANN, 3, Method.CANCEL)}
    p = plan(event(ANN, sequence=4), organizer=CHAIR, sent=done)
    assert what(p) == [("Ann", "invitation")]
