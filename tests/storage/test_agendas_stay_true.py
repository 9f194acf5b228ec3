"""Agendas stay true: dates in them are absolute, a drafted agenda is drafted again when its
briefing moves, and an agenda a person wrote is kept and flagged as written for another day."""

from datetime import timedelta

from domain.records import Person


def test_a_drafted_agenda_is_drafted_again_for_the_new_date(flourish, clock, team):
    flourish.log_checkin(team.id, on=clock.now.date() - timedelta(days=4), notes="n")
    first = flourish.add_briefing("Termly review", start=clock.now + timedelta(days=60))
    assert "ago" not in first.agenda  # "4 days ago" would freeze into every calendar
    assert "last check-in 18 Nov 2026" in first.agenda
    earlier = flourish.add_briefing("Autumn review", start=clock.now + timedelta(days=20))

    moved = flourish.move_briefing(first.id, start=clock.now + timedelta(days=10))
    # Now before the autumn review: its "since the last briefing" changes with it.
    assert moved.agenda == flourish.draft_agenda(None, moved.start)
    assert moved.agenda_for == moved.start and not moved.agenda_outdated
    assert earlier.agenda_for == earlier.start


def test_an_edited_agenda_is_kept_and_flagged_when_the_briefing_moves(flourish, clock):
    briefing = flourish.add_briefing("Termly review", start=clock.now + timedelta(days=30))
    edited = flourish.update_briefing(briefing.id, agenda="1. Our own agenda, for 22 Dec")
    assert edited.agenda_edited and not edited.agenda_outdated

    moved = flourish.move_briefing(briefing.id, start=clock.now + timedelta(days=40))
    assert moved.agenda == "1. Our own agenda, for 22 Dec"
    assert moved.agenda_outdated and moved.agenda_for == briefing.start


def test_an_agenda_typed_when_scheduling_counts_as_a_persons(flourish, clock):
    briefing = flourish.add_briefing(
        "Termly review",
        start=clock.now + timedelta(days=30),
        agenda="1. Typed by the chair",
        attendees=[Person(name="Sam Lee", email="sam@oak.example")],
    )
    moved = flourish.move_briefing(briefing.id, start=clock.now + timedelta(days=31))
    assert moved.agenda == "1. Typed by the chair" and moved.agenda_outdated
