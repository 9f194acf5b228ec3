"""Calendars exported through the facade: what each scope holds, and what a calendar client
needs to update rather than duplicate events on re-import (stable UIDs, rising SEQUENCE,
identical bytes for unchanged data). Parsed back with icalendar, as a client would."""

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from domain.errors import NotFound, ValidationError
from domain.records import Person
from storage.facade import CalendarScope, ExportError, save_export

LONDON = ZoneInfo("Europe/London")
MEMBER = Person(name='Sam "Deputy" Okoro', email="sam@hillside.example", role="Deputy head")
MANAGER = Person(name="Lee Manager", email="lee@trust.example", role="Trust lead")
OTHER = Person(name="Pat Other", email="pat@other.example", role="Head")


@pytest.fixture
def hillside(flourish):
    return flourish.add_team(
        "Hillside Primary",
        start=date(2026, 9, 1),
        coach=Person(name="Jo Coach", email="jo@coach.example"),
        members=[MEMBER],
        line_managers=[MANAGER],
    )


@pytest.fixture
def briefing(flourish, hillside):
    return flourish.add_briefing(
        "Hillside: term review",
        start=datetime(2026, 12, 3, 15, 30, tzinfo=LONDON),
        team_id=hillside.id,
        attendees=[MEMBER, MANAGER, Person(name="Chair Person", email="chair@example.org")],
        location="Room 4; the library",
        agenda="1. Progress\n2. Challenges",
    )


def events(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    assert not [c.errors for c in cal.walk() if c.errors]
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def ics(flourish, **scope) -> bytes:
    return flourish.calendar(CalendarScope(**scope)).to_ical()


def test_exporting_unchanged_data_twice_gives_identical_bytes_even_days_later(
    flourish, hillside, briefing, clock
):
    before = [ics(flourish), ics(flourish, team=hillside.id), ics(flourish, person=MEMBER.email)]
    clock.advance(days=3)

    after = [ics(flourish), ics(flourish, team=hillside.id), ics(flourish, person=MEMBER.email)]

    assert before == after
    assert all(b"DTSTAMP:" in data and b"METHOD" not in data for data in after)


def test_a_moved_briefing_keeps_its_uid_with_a_higher_sequence(flourish, briefing):
    (before,) = events(ics(flourish)).items()
    flourish.move_briefing(briefing.id, start=datetime(2026, 12, 10, 16, 0, tzinfo=LONDON))

    (after,) = events(ics(flourish)).items()

    assert before[0] == after[0] == f"{briefing.id}@flourish"
    assert after[1]["sequence"] > before[1]["sequence"]
    assert after[1].decoded("dtstart") == datetime(2026, 12, 10, 16, 0, tzinfo=LONDON)
    assert str(after[1].decoded("dtstart").tzinfo) == "Europe/London"


def test_a_cancelled_briefing_is_exported_cancelled_without_its_reminder(flourish, briefing):
    flourish.cancel_briefing(briefing.id, reason="Snow closure")

    (event,) = events(ics(flourish)).values()

    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1
    assert "Snow closure" in event["description"]
    assert not event.walk("VALARM")


def test_a_briefing_carries_what_clients_show(flourish, briefing):
    data = ics(flourish)
    cal = Calendar.from_ical(data)
    (event,) = cal.walk("VEVENT")

    assert str(cal["x-wr-calname"]) == "North Cluster: stakeholder briefings"
    assert str(event["organizer"]) == "mailto:chair@example.org"
    attendees = {str(a): a.params for a in event["attendee"]}
    assert attendees["mailto:sam@hillside.example"]["CN"] == "Sam Deputy Okoro"
    assert attendees["mailto:sam@hillside.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:chair@example.org"]["ROLE"] == "CHAIR"
    assert event["location"] == "Room 4; the library"
    assert "1. Progress\n2. Challenges" in event["description"]
    assert event["categories"].cats == ["Stakeholder briefing"]
    (alarm,) = event.walk("VALARM")
    assert alarm["action"] == "DISPLAY"
    assert alarm.decoded("trigger") == -timedelta(hours=1)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert b"RRULE:FREQ=YEARLY" in data and b"RDATE" not in data
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends CRLF


def test_every_tzid_used_has_a_vtimezone(flourish, briefing):
    data = ics(flourish)
    used = {
        p.params["TZID"]
        for e in Calendar.from_ical(data).walk("VEVENT")
        for p in (e["dtstart"], e["dtend"])
    }

    assert used == {str(tz["tzid"]) for tz in Calendar.from_ical(data).walk("VTIMEZONE")}


def test_a_team_calendar_holds_its_whole_program_on_revised_dates(flourish, hillside, briefing):
    before = events(ics(flourish, team=hillside.id))
    flourish.revise_schedule(hillside.id, reason="Staff shortage", shift_days=14, from_stage=2)

    after = events(ics(flourish, team=hillside.id))

    kinds = {str(c) for e in after.values() for c in e["categories"].cats}
    assert {"Workshop", "Coaching check-in", "Webinar", "Pulse survey", "Observation"} <= kinds
    assert {"Stakeholder briefing", "Milestone"} <= kinds
    key = f"{hillside.id}.mid-workshop@flourish"
    assert after[key].decoded("dtstart") == before[key].decoded("dtstart") + timedelta(days=14)
    assert after[key]["sequence"] == before[key]["sequence"] + 1
    assert "Moved from" in after[key]["description"]
    assert after[key]["transp"] == "TRANSPARENT"
    assert set(after) == set(before)  # the same events, updated in place


def test_reverting_a_revision_raises_the_sequence_again(flourish, hillside):
    revision = flourish.revise_schedule(hillside.id, reason="Snow", shift_days=7, from_stage=3)
    key = f"{hillside.id}.observation@flourish"
    moved = events(ics(flourish, team=hillside.id))[key]

    flourish.revert_revision(hillside.id, revision.id)

    back = events(ics(flourish, team=hillside.id))[key]
    assert back["sequence"] == moved["sequence"] + 1 == 2
    assert "Moved from" not in back["description"]


def test_a_check_in_keeps_its_uid_from_expected_to_held(flourish, hillside):
    before = events(ics(flourish, team=hillside.id))
    first = f"{hillside.id}.checkin-1@flourish"
    assert before[first].decoded("dtstart") == date(2026, 9, 29)  # four weeks after the start

    flourish.log_checkin(hillside.id, on=date(2026, 10, 2), next_checkin=date(2026, 10, 20))

    after = events(ics(flourish, team=hillside.id))
    assert after[first].decoded("dtstart") == date(2026, 10, 2)
    assert after[first]["sequence"] > before[first]["sequence"]
    second = f"{hillside.id}.checkin-2@flourish"
    assert after[second].decoded("dtstart") == date(2026, 10, 20)  # the agreed date
    assert after[second]["sequence"] > before[second]["sequence"]


def test_correcting_a_check_in_date_raises_its_sequence(flourish, hillside):
    checkin = flourish.log_checkin(hillside.id, on=date(2026, 10, 2))
    key = f"{hillside.id}.checkin-1@flourish"
    before = events(ics(flourish, team=hillside.id))[key]

    flourish.update_checkin(checkin.id, date=date(2026, 10, 5))

    after = events(ics(flourish, team=hillside.id))[key]
    assert after.decoded("dtstart") == date(2026, 10, 5)
    assert after["sequence"] == before["sequence"] + 1


def test_no_check_in_note_reaches_any_calendar(flourish, hillside, briefing):
    flourish.log_checkin(hillside.id, on=date(2026, 10, 2), notes="SECRET-1", confidential=True)
    flourish.log_checkin(hillside.id, on=date(2026, 11, 2), notes="OPEN-NOTE-2")

    for scope in (
        {},
        {"team": hillside.id},
        {"person": MEMBER.email},
        {"person": "jo@coach.example"},
    ):
        data = ics(flourish, **scope)
        assert b"SECRET-1" not in data and b"OPEN-NOTE-2" not in data


def test_a_template_briefing_gives_way_to_a_real_one_near_it(flourish, hillside):
    key = f"{hillside.id}.briefing-1@flourish"
    placeholder = events(ics(flourish, team=hillside.id))[key]
    assert placeholder["status"] == "CONFIRMED"
    day = placeholder.decoded("dtstart")

    flourish.add_briefing(
        "Stage 1 review",
        start=datetime.combine(day + timedelta(days=2), datetime.min.time(), tzinfo=LONDON).replace(
            hour=16
        ),
        team_id=hillside.id,
    )

    replaced = events(ics(flourish, team=hillside.id))[key]
    assert replaced["status"] == "CANCELLED"
    assert replaced["sequence"] == placeholder["sequence"] + 1
    assert "Stage 1 review" in replaced["description"]


def test_a_team_member_gets_the_program_and_only_briefings_they_are_invited_to(
    flourish, hillside, briefing
):
    other = flourish.add_briefing(
        "Governors only",
        start=datetime(2026, 12, 8, 16, 0, tzinfo=LONDON),
        team_id=hillside.id,
        attendees=[OTHER],
    )

    mine = events(ics(flourish, person="SAM@hillside.example "))

    assert f"{briefing.id}@flourish" in mine
    assert f"{other.id}@flourish" not in mine
    assert f"{hillside.id}.foundations@flourish" in mine
    cal = Calendar.from_ical(ics(flourish, person=MEMBER.email))
    assert str(cal["x-wr-calname"]).startswith('Sam "Deputy" Okoro')


def test_a_line_manager_gets_their_briefings_and_the_chair_gets_every_briefing(
    flourish, hillside, briefing
):
    other = flourish.add_briefing(
        "Governors only",
        start=datetime(2026, 12, 8, 16, 0, tzinfo=LONDON),
        team_id=hillside.id,
        attendees=[OTHER],
    )

    assert set(events(ics(flourish, person=MANAGER.email))) == {f"{briefing.id}@flourish"}
    assert set(events(ics(flourish, person="chair@example.org"))) == {
        f"{briefing.id}@flourish",
        f"{other.id}@flourish",
    }


def test_an_unknown_or_malformed_email_is_refused(flourish, hillside):
    with pytest.raises(NotFound, match=r"nobody@example\.org"):
        flourish.calendar(CalendarScope(person="nobody@example.org"))
    with pytest.raises(ValidationError, match="not an email address"):
        flourish.calendar(CalendarScope(person="Sam Okoro"))


def test_a_date_range_keeps_the_events_that_touch_it(flourish, hillside, briefing):
    scope = CalendarScope(team=hillside.id, first=date(2026, 12, 1), last=date(2026, 12, 31))

    found = flourish.calendar(scope).events

    assert found and all(date(2026, 12, 1) <= e.first_day() <= date(2026, 12, 31) for e in found)
    assert f"{briefing.id}@flourish" in {e.uid for e in found}
    with pytest.raises(ValidationError, match="before it starts"):
        flourish.calendar(CalendarScope(first=date(2027, 1, 2), last=date(2027, 1, 1)))


# -- writing the file ------------------------------------------------------------------------


def test_save_export_replaces_the_file_whole(tmp_path):
    path = tmp_path / "x.ics"
    path.write_bytes(b"old")

    written = save_export(path, b"new")

    assert written == path.resolve() and path.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [path]


def test_a_missing_folder_or_a_folder_path_is_refused_in_one_line(tmp_path):
    with pytest.raises(ExportError, match="does not exist") as missing:
        save_export(tmp_path / "nope" / "x.ics", b"data")
    with pytest.raises(ExportError, match="is a folder"):
        save_export(tmp_path, b"data")

    assert "\n" not in str(missing.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_without_permission_leaves_no_file(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="no permission"):
            save_export(locked / "x.ics", b"data")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (PermissionError(13, "Permission denied"), "no permission"),
        (OSError(28, "No space left on device"), "the disk is full"),
    ],
)
def test_a_failed_write_says_why_and_leaves_the_old_file(tmp_path, monkeypatch, error, said):
    import storage.atomic

    path = tmp_path / "x.ics"
    path.write_bytes(b"old")

    def failing_write(fd):
        raise error

    monkeypatch.setattr(storage.atomic.os, "fsync", failing_write)

    with pytest.raises(ExportError, match=said):
        save_export(path, b"new")
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_a_replaced_placeholder_names_the_briefing_as_typed(flourish, hillside):
    key = f"{hillside.id}.briefing-1@flourish"
    day = events(ics(flourish, team=hillside.id))[key].decoded("dtstart")
    title = "Mrs O'Neil's review 👩\u200d👩\u200d👧"
    flourish.add_briefing(
        title,
        start=datetime.combine(day, datetime.min.time(), tzinfo=LONDON).replace(hour=16),
        team_id=hillside.id,
    )

    description = str(events(ics(flourish, team=hillside.id))[key]["description"])
    assert f"Replaced by \u2018{title}\u2019 on" in description
    assert "\\u" not in description and "\\'" not in description
