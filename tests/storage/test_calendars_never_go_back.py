"""A calendar that imported an export must end up right after any later export: an event that
leaves a calendar is sent cancelled, and no event's SEQUENCE or DTSTAMP ever goes down, even
when its record goes back (undo, a cancelled briefing's placeholder, a deleted check-in).
Exported through the facade and read back with icalendar and vobject."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from domain.records import Person
from storage.calendar_ledger import LEDGER_FILE
from storage.facade import CalendarScope

LONDON = ZoneInfo("Europe/London")
MEMBER = Person(name="Sam Okoro", email="sam@hillside.example", role="Deputy head")
MANAGER = Person(name="Lee Manager", email="lee@trust.example", role="Trust lead")


@pytest.fixture
def hillside(flourish):
    return flourish.add_team(
        "Hillside Primary",
        start=date(2026, 9, 1),
        coach=Person(name="Jo Coach", email="jo@coach.example"),
        members=[MEMBER],
        line_managers=[MANAGER],
    )


def export(flourish, **scope) -> dict[str, object]:
    data = flourish.export_calendar(CalendarScope(**scope)).to_ical()
    vobject.readOne(data.decode())  # a second parser reads it too
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def stamp(event) -> datetime:
    return event.decoded("dtstamp")


def test_a_check_in_pushed_past_the_programs_end_is_cancelled_not_dropped(flourish, hillside):
    before = export(flourish, team=hillside.id)
    numbers = [int(m[1]) for uid in before if (m := re.search(r"checkin-(\d+)@", uid))]
    last = f"{hillside.id}.checkin-{max(numbers)}@flourish"
    assert before[last]["status"] == "CONFIRMED"

    # The coach agrees the next check-in for much later: every expected one after it moves on.
    flourish.log_checkin(hillside.id, on=date(2026, 11, 20), next_checkin=date(2027, 1, 29))

    after = export(flourish, team=hillside.id)
    assert after[last]["status"] == "CANCELLED"
    assert after[last]["sequence"] > before[last]["sequence"]
    assert stamp(after[last]) >= stamp(before[last])
    assert after[last].decoded("dtstart") == before[last].decoded("dtstart")


def test_a_person_taken_off_a_briefing_gets_it_cancelled_in_their_calendar(flourish, hillside):
    briefing = flourish.add_briefing(
        "Term review",
        start=datetime(2026, 12, 10, 15, 30, tzinfo=LONDON),
        team_id=hillside.id,
        attendees=[MEMBER, MANAGER],
    )
    key = f"{briefing.id}@flourish"
    mine = export(flourish, person=MANAGER.email)[key]
    assert mine["status"] == "CONFIRMED"

    flourish.update_briefing(briefing.id, attendees=[MEMBER])

    gone = export(flourish, person=MANAGER.email)[key]
    assert gone["status"] == "CANCELLED"
    assert gone["sequence"] > mine["sequence"]
    # Still cancelled, and the same bytes, on every later export.
    assert export(flourish, person=MANAGER.email)[key].to_ical() == gone.to_ical()


def test_cancelling_a_briefing_never_lowers_its_placeholders_sequence(flourish, hillside):
    placeholder = f"{hillside.id}.briefing-1@flourish"
    day = export(flourish, team=hillside.id)[placeholder].decoded("dtstart")
    briefing = flourish.add_briefing(
        "Stage 1 review",
        start=datetime.combine(day, datetime.min.time(), tzinfo=LONDON).replace(hour=16),
        team_id=hillside.id,
    )
    replaced = export(flourish, team=hillside.id)[placeholder]
    assert replaced["status"] == "CANCELLED"

    flourish.cancel_briefing(briefing.id, reason="Snow")

    back = export(flourish, team=hillside.id)[placeholder]
    assert back["status"] == "CONFIRMED"  # the slot is open again
    assert back["sequence"] > replaced["sequence"]
    assert stamp(back) >= stamp(replaced)


@pytest.mark.parametrize("undo", ["move", "cancel"])
def test_undoing_a_move_or_a_cancellation_raises_the_sequence_again(flourish, hillside, undo):
    briefing = flourish.add_briefing(
        "Term review",
        start=datetime(2026, 12, 10, 15, 30, tzinfo=LONDON),
        team_id=hillside.id,
        attendees=[MEMBER],
    )
    key = f"{briefing.id}@flourish"
    first = export(flourish)[key]
    if undo == "move":
        flourish.move_briefing(briefing.id, start=datetime(2026, 12, 11, 15, 30, tzinfo=LONDON))
    else:
        flourish.cancel_briefing(briefing.id)
    changed = export(flourish)[key]

    flourish.undo()

    restored = export(flourish)[key]
    assert first["sequence"] < changed["sequence"] < restored["sequence"]
    assert stamp(restored) >= stamp(changed)
    assert restored.decoded("dtstart") == first.decoded("dtstart")
    assert restored["status"] == "CONFIRMED"


def test_deleting_a_check_in_raises_the_sequence_of_the_check_ins_it_moved(
    flourish, hillside, clock
):
    checkin = flourish.log_checkin(hillside.id, on=date(2026, 10, 2))
    key = f"{hillside.id}.checkin-1@flourish"
    held = export(flourish, team=hillside.id)[key]
    clock.advance(hours=1)

    flourish.delete_checkin(checkin.id)

    expected = export(flourish, team=hillside.id)[key]
    assert expected.decoded("dtstart") != held.decoded("dtstart")
    assert expected["sequence"] > held["sequence"]
    assert stamp(expected) >= stamp(held)


def test_exporting_unchanged_data_again_gives_identical_bytes(flourish, hillside, clock):
    flourish.log_checkin(hillside.id, on=date(2026, 10, 2))
    first = flourish.export_calendar(CalendarScope(team=hillside.id)).to_ical()
    clock.advance(days=3)
    assert flourish.export_calendar(CalendarScope(team=hillside.id)).to_ical() == first


def test_a_preview_records_nothing(flourish, hillside, root):
    flourish.calendar(CalendarScope(team=hillside.id))
    assert not (root / LEDGER_FILE).exists()
    flourish.export_calendar(CalendarScope(team=hillside.id))
    assert (root / LEDGER_FILE).exists()


def test_an_export_for_a_date_range_cancels_nothing_outside_it(flourish, hillside):
    whole = export(flourish, team=hillside.id)
    december = export(flourish, team=hillside.id, first=date(2026, 12, 1), last=date(2026, 12, 31))
    again = export(flourish, team=hillside.id)

    assert 0 < len(december) < len(whole)
    assert [e for e in [*december.values(), *again.values()] if e["status"] == "CANCELLED"] == []
    assert again.keys() == whole.keys()
