"""Briefings through the facade: scheduling only in the future, moving and cancelling with the
calendar sequence rising, the default plan and accepting it in one step, and who is invited.
Today is Sunday 22 November 2026, 09:00 in London (tests/storage/conftest.py)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.briefings import BriefingStatus
from domain.errors import ValidationError
from domain.records import Person
from storage.facade import Flourish

LONDON = ZoneInfo("Europe/London")
NEXT_WEEK = datetime(2026, 11, 30, 15, 30, tzinfo=LONDON)


@pytest.fixture
def f(root, clock, team) -> Flourish:
    return Flourish.open(root, clock=clock, user="Dana Chair")


def data_files(root) -> dict[str, bytes]:
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def at(day: date, hour=15, minute=30) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


# -- scheduling ------------------------------------------------------------------------------


def test_a_briefing_is_scheduled_in_the_future_and_read_back_in_the_clusters_zone(
    f, root, clock, team
):
    briefing = f.add_briefing(
        " Autumn update ",
        start=datetime(2026, 11, 30, 15, 30, tzinfo=UTC),
        minutes=30,
        team_id="Hillside",
        attendees=[Person(name=" Sam Head ", email="sam@example.org")],
        location=" Room 4 ",
        agenda="1. Welcome",
    )
    read = Flourish.open(root, clock=clock).briefing(briefing.id[:6])
    assert read == briefing
    assert (read.title, read.team_id, read.location, read.agenda) == (
        "Autumn update",
        team.id,
        "Room 4",
        "1. Welcome",
    )
    assert read.attendees == [Person(name="Sam Head", email="sam@example.org")]
    assert read.start.tzinfo == LONDON
    assert read.start == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    assert (read.status, read.sequence, read.cancelled) == (BriefingStatus.SCHEDULED, 0, False)


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 11, 22, 9, 0, tzinfo=UTC),  # now
        datetime(2026, 11, 22, 8, 59, tzinfo=UTC),
        datetime(2026, 11, 1, 15, 30, tzinfo=LONDON),
    ],
)
def test_a_briefing_in_the_past_is_refused(f, root, start):
    files = data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.add_briefing("Too late", start=start)
    when = start.astimezone(LONDON)
    assert str(refused.value) == (
        f"{when:%a %d %b %Y %H:%M} has passed; schedule briefings for a time to come."
    )
    assert data_files(root) == files


def test_a_briefing_a_minute_from_now_is_accepted(f, clock):
    assert f.add_briefing("Soon", start=clock() + timedelta(minutes=1)).start > f.now()


@pytest.mark.parametrize("minutes", [29, 61, 0, 90])
def test_briefings_last_thirty_to_sixty_minutes(f, root, minutes):
    files = data_files(root)
    with pytest.raises(ValidationError, match=f"30 to 60 minutes, not {minutes}"):
        f.add_briefing("Update", start=NEXT_WEEK, minutes=minutes)
    assert data_files(root) == files


@pytest.mark.parametrize("minutes", [30, 60])
def test_thirty_and_sixty_minutes_are_fine(f, minutes):
    assert f.add_briefing("Update", start=NEXT_WEEK, minutes=minutes).minutes == minutes


def test_a_briefing_needs_a_title_and_a_timezone(f, root):
    files = data_files(root)
    with pytest.raises(ValidationError, match="title is required"):
        f.add_briefing("  ", start=NEXT_WEEK)
    with pytest.raises(ValidationError, match="needs a timezone"):
        f.add_briefing("Update", start=datetime(2026, 11, 30, 15, 30))
    assert data_files(root) == files


def test_briefings_are_in_start_order_with_the_teams_and_the_clusters(f, team):
    other = f.add_team("Riverside Academy", start=date(2026, 9, 1), coach=Person(name="Kim"))
    late = f.add_briefing("Cluster", start=NEXT_WEEK + timedelta(days=7))
    mine = f.add_briefing("Hillside", start=NEXT_WEEK, team_id=team.id)
    theirs = f.add_briefing("Riverside", start=NEXT_WEEK + timedelta(days=1), team_id=other.id)
    assert [b.id for b in f.briefings()] == [mine.id, theirs.id, late.id]
    assert [b.id for b in f.briefings(team.id)] == [mine.id, late.id]


# -- moving ----------------------------------------------------------------------------------


def test_moving_keeps_the_briefing_and_raises_its_sequence_each_time(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    clock.advance(minutes=5)
    moved = f.move_briefing(briefing.id[:6], start=NEXT_WEEK + timedelta(days=1))
    clock.advance(minutes=5)
    again = f.move_briefing(briefing.id, minutes=60, location="Hall")
    clock.advance(minutes=5)
    third = f.move_briefing(briefing.id, location="Library")

    read = Flourish.open(root, clock=clock).briefing(briefing.id)
    assert read == third
    assert [b.sequence for b in (briefing, moved, again, third)] == [0, 1, 2, 3]
    assert {b.id for b in (moved, again, third)} == {briefing.id}
    assert len(f.briefings()) == 1
    assert (read.start, read.minutes, read.location) == (
        NEXT_WEEK + timedelta(days=1),
        60,
        "Library",
    )
    assert read.created_at == briefing.created_at
    assert read.updated_at == clock.now


def test_moving_to_the_same_time_and_place_is_refused(f, root):
    briefing = f.add_briefing("Update", start=NEXT_WEEK, location="Hall")
    files = data_files(root)
    with pytest.raises(ValidationError, match="That is when and where the briefing already is"):
        f.move_briefing(briefing.id, start=NEXT_WEEK.astimezone(UTC), minutes=45, location="Hall ")
    with pytest.raises(ValidationError, match="already is"):
        f.move_briefing(briefing.id)
    assert data_files(root) == files


def test_moving_into_the_past_or_out_of_thirty_to_sixty_minutes_is_refused(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    files = data_files(root)
    with pytest.raises(ValidationError, match="has passed"):
        f.move_briefing(briefing.id, start=clock() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="30 to 60 minutes"):
        f.move_briefing(briefing.id, minutes=15)
    with pytest.raises(ValidationError, match="timezone"):
        f.move_briefing(briefing.id, start=datetime(2026, 12, 1, 15, 30))
    assert data_files(root) == files
    assert f.briefing(briefing.id).sequence == 0


def test_a_briefing_that_has_happened_can_be_moved_to_a_new_date(f, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    clock.now = NEXT_WEEK + timedelta(days=2)
    moved = f.move_briefing(briefing.id, start=NEXT_WEEK + timedelta(days=7))
    assert moved.sequence == 1


# -- cancelling ------------------------------------------------------------------------------


def test_cancelling_keeps_the_record_marked_cancelled(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    clock.advance(minutes=5)
    cancelled = f.cancel_briefing(briefing.id[:6], reason="  Snow  ")
    read = Flourish.open(root, clock=clock).briefing(briefing.id)
    assert read == cancelled
    assert (read.status, read.cancelled, read.cancel_reason, read.sequence) == (
        BriefingStatus.CANCELLED,
        True,
        "Snow",
        1,
    )
    assert [b.id for b in f.briefings()] == [briefing.id]  # still listed, as cancelled
    assert read.start == briefing.start


def test_cancelling_twice_is_refused(f, root):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    f.cancel_briefing(briefing.id)
    files = data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.cancel_briefing(briefing.id)
    assert str(refused.value) == "'Update' is already cancelled."
    assert data_files(root) == files


def test_cancelling_a_briefing_that_has_taken_place_is_refused(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK, minutes=45)
    clock.now = NEXT_WEEK + timedelta(minutes=45)
    files = data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.cancel_briefing(briefing.id)
    assert str(refused.value) == "'Update' has already taken place."
    assert data_files(root) == files
    assert not f.briefing(briefing.id).cancelled


def test_a_briefing_under_way_can_still_be_cancelled(f, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK, minutes=45)
    clock.now = NEXT_WEEK + timedelta(minutes=10)
    assert f.cancel_briefing(briefing.id).cancelled


def test_moving_a_cancelled_briefing_reinstates_it(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    f.cancel_briefing(briefing.id, reason="Snow")
    moved = f.move_briefing(briefing.id, start=NEXT_WEEK + timedelta(days=7))
    read = Flourish.open(root, clock=clock).briefing(briefing.id)
    assert read == moved
    assert (read.status, read.cancel_reason, read.sequence) == (BriefingStatus.SCHEDULED, "", 2)
    assert read.start == NEXT_WEEK + timedelta(days=7)


def test_a_cancelled_briefing_is_reinstated_at_its_time_if_that_is_still_to_come(f, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK)
    f.cancel_briefing(briefing.id)
    reinstated = f.move_briefing(briefing.id)
    assert (reinstated.cancelled, reinstated.start, reinstated.sequence) == (False, NEXT_WEEK, 2)

    f.cancel_briefing(briefing.id)
    clock.now = NEXT_WEEK + timedelta(hours=2)
    with pytest.raises(ValidationError, match="has passed"):
        f.move_briefing(briefing.id)
    assert f.briefing(briefing.id).cancelled


def test_editing_a_briefing_changes_title_agenda_and_attendees_only(f, root, clock):
    briefing = f.add_briefing("Update", start=NEXT_WEEK, agenda="Old")
    updated = f.update_briefing(
        briefing.id,
        title=" Winter update ",
        agenda=" 1. New \n",
        attendees=[Person(name="Exec", role=" CEO ")],
    )
    read = Flourish.open(root, clock=clock).briefing(briefing.id)
    assert read == updated
    assert (read.title, read.agenda, read.attendees) == (
        "Winter update",
        "1. New",
        [Person(name="Exec", role="CEO")],
    )
    assert (read.start, read.minutes, read.status) == (
        briefing.start,
        briefing.minutes,
        briefing.status,
    )
    files = data_files(root)
    with pytest.raises(ValidationError, match="Change a briefing's start with move"):
        f.update_briefing(briefing.id, start=NEXT_WEEK + timedelta(days=1))
    with pytest.raises(ValidationError, match="title is required"):
        f.update_briefing(briefing.id, title="")
    assert data_files(root) == files


# -- the default plan ------------------------------------------------------------------------


def test_the_plan_is_stage_ends_and_mid_program_on_weekdays_after_school(f, root, team):
    files = data_files(root)
    plan = f.plan_briefings(team.id)
    assert data_files(root) == files  # proposals only
    assert f.briefings() == []
    # Hillside Primary started 1 Sep 2026: stages end 30 Nov, 31 May and 31 Aug.
    assert [(b.plan_key, b.start) for b in plan] == [
        ("stage-1-end", at(date(2026, 11, 30))),
        ("mid-program", at(date(2027, 3, 2))),
        ("stage-2-end", at(date(2027, 5, 28))),  # Monday 31 May is a bank holiday
        ("stage-3-end", at(date(2027, 8, 31))),
    ]
    assert [b.title for b in plan] == [
        "Stage 1 review: Establish foundations (Hillside Primary)",
        "Mid-program briefing (Hillside Primary)",
        "Stage 2 review: Drive for results (Hillside Primary)",
        "Program completion briefing (Hillside Primary)",
    ]
    assert all(b.team_id == team.id and b.minutes == 45 for b in plan)
    assert all(b.start.weekday() < 5 for b in plan)


def test_a_stage_ending_at_a_weekend_is_briefed_on_the_friday_before(f):
    t = f.add_team("Meadow School", start=date(2026, 8, 31), coach=Person(name="Jo"))
    plan = f.plan_briefings(t.id, at=time(16, 0), minutes=60)
    # Stage 1 ends Sunday 29 Nov; stage 2 ends Sunday 30 May; the middle is Monday 1 March.
    assert [(b.plan_key, b.start) for b in plan] == [
        ("stage-1-end", at(date(2026, 11, 27), 16, 0)),
        ("mid-program", at(date(2027, 3, 1), 16, 0)),
        ("stage-2-end", at(date(2027, 5, 28), 16, 0)),
        ("stage-3-end", at(date(2027, 8, 30), 16, 0)),
    ]
    assert {b.minutes for b in plan} == {60}


def test_the_plan_skips_slots_already_past(f, clock):
    early = f.add_team("Early School", start=date(2026, 6, 1), coach=Person(name="Jo"))
    # Stage 1 ended 31 Aug 2026: long past.
    assert [b.plan_key for b in f.plan_briefings(early.id)] == [
        "mid-program",
        "stage-2-end",
        "stage-3-end",
    ]
    clock.now = datetime(2026, 11, 30, 15, 29, tzinfo=LONDON)
    assert f.plan_briefings("Hillside")[0].plan_key == "stage-1-end"
    clock.now = datetime(2026, 11, 30, 15, 30, tzinfo=LONDON)
    assert f.plan_briefings("Hillside")[0].plan_key == "mid-program"


def test_the_cluster_plan_follows_the_earliest_team_and_invites_everyone(f, team):
    f.update_cluster(stakeholders=[Person(name="Exec", email="exec@example.org")])
    f.add_team("Later School", start=date(2026, 10, 1), coach=Person(name="Jo"))
    plan = f.plan_briefings()
    assert [b.start for b in plan] == [b.start for b in f.plan_briefings(team.id)]
    assert all(b.team_id is None for b in plan)
    assert plan[0].title == "Stage 1 review: Establish foundations"
    assert plan[0].attendees == [p for _g, p in f.invitees()]


def test_the_plan_refuses_what_a_briefing_cannot_be(root, clock):
    empty = Flourish.create(
        root, name="Empty", timezone="Europe/London", chair=Person(name="Chair"), clock=clock
    )
    with pytest.raises(ValidationError, match="Add a team first"):
        empty.plan_briefings()
    empty.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="Jo"))
    with pytest.raises(ValidationError, match="30 to 60 minutes"):
        empty.plan_briefings(minutes=20)


def test_accepting_the_plan_stores_it_in_one_undoable_step(f, root, clock, team):
    plan = f.plan_briefings(team.id)
    clock.advance(minutes=1)
    made = f.accept_plan(plan)
    assert f.can_undo == "Scheduled 4 briefings from the plan"
    read = Flourish.open(root, clock=clock).briefings()
    assert read == made
    assert [(b.plan_key, b.start, b.title) for b in read] == [
        (p.plan_key, p.start, p.title) for p in plan
    ]
    assert all(b.agenda.startswith("1. Welcome") for b in read)

    assert f.undo() == "Scheduled 4 briefings from the plan"
    assert f.briefings() == []


def test_accepted_slots_are_not_proposed_again(f, team):
    plan = f.plan_briefings(team.id)
    f.accept_plan(plan[:2])
    remaining = ["stage-2-end", "stage-3-end"]
    assert [b.plan_key for b in f.plan_briefings(team.id)] == remaining
    assert [b.plan_key for b in f.plan_briefings("Hillside Primary")] == remaining  # by name too
    # The cluster's own plan is separate from the team's.
    assert len(f.plan_briefings()) == 4
    f.accept_plan(f.plan_briefings(team.id))
    assert f.plan_briefings(team.id) == []


def test_a_plan_accepted_twice_does_not_schedule_its_briefings_twice(f, root, team):
    plan = f.plan_briefings(team.id)
    f.accept_plan(plan[:1])
    label, files = f.can_undo, data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.accept_plan(plan)  # a stale proposal, from another window say
    assert str(refused.value) == (
        "'Stage 1 review: Establish foundations (Hillside Primary)' is already scheduled; "
        "plan again to see what is left."
    )
    with pytest.raises(ValidationError, match="already scheduled"):
        f.accept_plan([plan[1], plan[1]])
    assert data_files(root) == files
    assert f.can_undo == label
    assert len(f.briefings()) == 1


def test_the_chair_may_move_or_drop_proposals_before_accepting(f, team):
    plan = f.plan_briefings(team.id)
    moved = replace(plan[0], start=plan[0].start + timedelta(days=1))
    made = f.accept_plan([moved, plan[3]])
    assert [(b.plan_key, b.start) for b in made] == [
        ("stage-1-end", at(date(2026, 12, 1))),
        ("stage-3-end", at(date(2027, 8, 31))),
    ]
    assert [b.plan_key for b in f.plan_briefings(team.id)] == ["mid-program", "stage-2-end"]


def test_accepting_refuses_an_empty_plan_or_a_past_slot_and_stores_nothing(f, root, clock, team):
    plan = f.plan_briefings(team.id)
    files = data_files(root)
    with pytest.raises(ValidationError, match="the plan is empty"):
        f.accept_plan([])
    past = replace(plan[1], start=clock() - timedelta(days=1))
    with pytest.raises(ValidationError, match="has passed"):
        f.accept_plan([plan[0], past])
    with pytest.raises(ValidationError, match="30 to 60 minutes"):
        f.accept_plan([plan[0], replace(plan[1], minutes=90)])
    assert data_files(root) == files
    assert f.briefings() == []


# -- invitees --------------------------------------------------------------------------------


def test_invitees_are_grouped_and_each_person_invited_once(f, team):
    shared_lm = Person(name="Pat Manager", email="pat@example.org", role="Line manager")
    f.update_team(
        team.id,
        members=[Person(name="Sam Head", email="sam@example.org"), Person(name="Alex Deputy")],
        line_managers=[shared_lm],
    )
    other = f.add_team(
        "Riverside Academy",
        start=date(2026, 9, 1),
        coach=Person(name="Kim"),
        members=[Person(name="alex deputy"), Person(name="Robin Lead", email="ROBIN@example.org")],
        line_managers=[Person(name="P. Manager", email="PAT@example.org")],  # the same person
    )
    f.update_cluster(
        stakeholders=[
            Person(name="Exec One", email="exec@example.org"),
            Person(name="Robin Lead", email="robin@example.org"),  # also a member
        ]
    )

    assert [(group, p.name) for group, p in f.invitees()] == [
        ("Executive stakeholder", "Exec One"),
        ("Executive stakeholder", "Robin Lead"),
        ("Line manager, Hillside Primary", "Pat Manager"),
        ("Hillside Primary", "Sam Head"),
        ("Hillside Primary", "Alex Deputy"),
    ]
    assert [(group, p.name) for group, p in f.invitees(other.id)] == [
        ("Executive stakeholder", "Exec One"),
        ("Executive stakeholder", "Robin Lead"),
        ("Line manager, Riverside Academy", "P. Manager"),
        ("Riverside Academy", "alex deputy"),
    ]


def test_a_team_briefing_drafted_agenda_and_invitees_for_that_team_only(f, team):
    f.add_team(
        "Riverside Academy",
        start=date(2026, 9, 1),
        coach=Person(name="Kim"),
        members=[Person(name="Robin Lead")],
    )
    f.update_team(team.id, members=[Person(name="Sam Head")])
    assert [p.name for _g, p in f.invitees("Hillside")] == ["Sam Head"]
    briefing = f.add_briefing("Hillside update", start=NEXT_WEEK, team_id=team.id)
    assert "Hillside Primary: stage 1" in briefing.agenda
    assert "Riverside" not in briefing.agenda
