"""Schedule revisions through the facade: previews that store nothing, revisions that refuse
what the timeline cannot take, stacking, reverting, and revisions that answer a challenge."""

import uuid
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from domain.challenges import ChallengeStatus, ResponseKind, WaitingOn
from domain.errors import NotFound, ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.records import Person
from domain.timeline import build_timeline
from storage.facade import Flourish

CHAIR = "Dana Chair"
ESCALATE = {"reason": "Head resigned", "schedule_impact": "Stage 2 two weeks late"}


@pytest.fixture
def f(root, clock, team) -> Flourish:
    return Flourish.open(root, clock=clock, user=CHAIR)


def data_files(root) -> dict[str, bytes]:
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def windows(t):
    return [(s.start, s.end) for s in t.stages]


def new_team(f, start: date, name: str | None = None):
    return f.add_team(name or f"School {uuid.uuid4()}", start=start, coach=Person(name="Coach"))


# -- previews --------------------------------------------------------------------------------


def test_a_preview_shows_before_and_after_and_stores_nothing(f, root, team):
    label, files = f.can_undo, data_files(root)
    before, after, revision = f.preview_revision(
        team.id, reason="  Inspection  ", shift_days=14, from_stage=2
    )
    assert data_files(root) == files
    assert f.can_undo == label
    assert f.revisions(team.id) == []
    assert before == f.timeline(team.id)
    assert after.stages[1].start == before.stages[1].start + timedelta(days=14)
    assert after.end == before.end + timedelta(days=14)
    assert (revision.team_id, revision.reason, revision.made_by) == (team.id, "Inspection", CHAIR)
    assert revision.active


def test_a_preview_may_leave_the_reason_for_later_but_saving_needs_one(f, root, team):
    f.preview_revision(team.id, shift_days=7, from_stage=3)
    files = data_files(root)
    with pytest.raises(ValidationError, match="The reason for the revision is required"):
        f.revise_schedule(team.id, reason="  ", shift_days=7, from_stage=3)
    assert data_files(root) == files


@pytest.mark.parametrize(
    ("proposal", "message"),
    [
        ({}, "Give a shift such as +4w, or a milestone to move."),
        ({"shift_days": 7}, "Say where the shift starts: a stage or a date."),
        (
            {"shift_days": 7, "from_stage": 2, "from_date": date(2027, 1, 4)},
            "Shift from a stage or from a date, not both.",
        ),
        ({"shift_days": 7, "from_stage": 4}, "Stage 4 does not exist"),
        ({"milestone_key": "foundations"}, "Give the date to move the milestone to."),
        (
            {"milestone_key": "foundations", "move_to": date(2026, 10, 1), "shift_days": 7},
            "Either shift the schedule or move one milestone, not both.",
        ),
        (
            {"milestone_key": "party", "move_to": date(2026, 10, 1)},
            "The timeline has no milestone 'party'.",
        ),
        (
            {"shift_days": -91, "from_stage": 2},
            "That revision would leave stage 1 (Establish foundations) with no days",
        ),
    ],
)
def test_impossible_revisions_are_refused_in_preview_and_on_saving(
    f, root, team, proposal, message
):
    files = data_files(root)
    for verb in (f.preview_revision, f.revise_schedule):
        with pytest.raises(ValidationError) as refused:
            verb(team.id, reason="Because", **proposal)
        assert str(refused.value).startswith(message)
    assert data_files(root) == files
    assert f.revisions(team.id) == []


def test_a_backward_shift_that_would_empty_a_stage_only_with_an_earlier_revision(f, root):
    team = new_team(f, date(2027, 9, 1))  # all to come, so pulling it in moves nothing past
    f.revise_schedule(team.id, reason="First", shift_days=-60, from_stage=2)
    files = data_files(root)
    with pytest.raises(ValidationError, match="stage 1"):
        f.preview_revision(team.id, reason="Second", shift_days=-40, from_stage=2)
    assert data_files(root) == files
    f.revise_schedule(team.id, reason="Second", shift_days=-30, from_stage=2)
    assert f.timeline(team.id).stages[0].end == date(2027, 9, 1)


def test_a_revision_that_moves_nothing_is_refused(f, root, team):
    files = data_files(root)
    after_end = f.timeline(team.id).end + timedelta(days=1)
    with pytest.raises(ValidationError, match="moves no date"):
        f.preview_revision(team.id, shift_days=7, from_date=after_end)
    assert data_files(root) == files


def test_a_shift_cannot_move_a_date_to_come_into_the_past(f, root, team):
    files = data_files(root)
    with pytest.raises(ValidationError, match="which has passed"):
        f.revise_schedule(team.id, reason="Pull in", shift_days=-14, from_date=f.today())
    assert data_files(root) == files


# -- month ends and leap years through the facade --------------------------------------------


def test_a_team_starting_on_31_january_shifted_by_two_weeks(f):
    t = new_team(f, date(2027, 1, 31))
    before, after, _ = f.preview_revision(t.id, shift_days=14, from_stage=2)
    assert windows(before) == [
        (date(2027, 1, 31), date(2027, 4, 29)),
        (date(2027, 4, 30), date(2027, 10, 30)),
        (date(2027, 10, 31), date(2028, 1, 30)),
    ]
    assert windows(after) == [
        (date(2027, 1, 31), date(2027, 5, 13)),
        (date(2027, 5, 14), date(2027, 11, 13)),
        (date(2027, 11, 14), date(2028, 2, 13)),
    ]


def test_a_team_starting_on_31_august_shifted_from_a_date(f):
    t = new_team(f, date(2026, 8, 31))
    f.revise_schedule(t.id, reason="Strike days", shift_days=7, from_date=date(2026, 11, 25))
    assert windows(f.timeline(t.id)) == [
        (date(2026, 8, 31), date(2026, 12, 6)),
        (date(2026, 12, 7), date(2027, 6, 6)),
        (date(2027, 6, 7), date(2027, 9, 6)),
    ]
    assert f.timeline(t.id).milestone("briefing-1").start == date(2026, 11, 22)  # before: stays


def test_a_team_starting_on_29_february_and_a_shift_across_the_next_leap_day(f):
    t = new_team(f, date(2028, 2, 29))
    assert windows(f.timeline(t.id))[0] == (date(2028, 2, 29), date(2028, 5, 28))
    leap = new_team(f, date(2027, 9, 1))
    f.revise_schedule(leap.id, reason="Snow", shift_days=14, from_date=date(2028, 2, 20))
    timeline = f.timeline(leap.id)
    assert timeline.milestone("pulse-4").start == date(2028, 3, 11)
    assert timeline.stages[2].start == date(2028, 6, 15)


def test_shifting_the_rest_of_the_program_from_today(f, clock, team):
    plan = f.timeline(team.id)
    f.revise_schedule(team.id, reason="Term lost", shift_days=21, from_date=f.today())
    timeline = f.timeline(team.id)
    for m in plan.milestones:
        moved = timeline.milestone(m.key).start
        assert moved == (m.start + timedelta(days=21) if m.start >= f.today() else m.start), m.key
    assert timeline.stages[0].end == plan.stages[0].end + timedelta(days=21)  # stage 1 grows


# -- stacking and reverting ------------------------------------------------------------------


def test_stacked_revisions_and_reverting_the_middle_one(f, root, clock, team):
    plan = f.timeline(team.id)
    made = []
    for proposal in (
        {"shift_days": 14, "from_stage": 2},
        {"milestone_key": "mid-workshop", "move_to": date(2027, 3, 22)},
        {"shift_days": -7, "from_stage": 3},
    ):
        clock.advance(minutes=1)
        made.append(f.revise_schedule(team.id, reason="Agreed", **proposal))
    assert f.revisions(team.id) == made  # oldest first
    stacked = f.timeline(team.id)
    assert stacked == build_timeline(team.start, DEFAULT_TEMPLATE, made)
    assert stacked.stages[1].start == plan.stages[1].start + timedelta(days=14)
    assert stacked.stages[2].start == plan.stages[2].start + timedelta(days=7)
    assert stacked.milestone("mid-workshop").start == date(2027, 3, 22)

    clock.advance(minutes=1)
    reverted = f.revert_revision(team.id, made[1].id[:6])
    assert reverted.reverted_at == clock.now and not reverted.active
    assert f.timeline(team.id) == build_timeline(team.start, DEFAULT_TEMPLATE, [made[0], made[2]])
    assert f.revisions(team.id) == [made[0], reverted, made[2]]  # kept, marked reverted

    for r in (made[0], made[2]):
        f.revert_revision(None, r.id)
    assert f.timeline(team.id) == plan
    assert Flourish.open(root, clock=clock).timeline(team.id) == plan


def test_reverting_twice_is_refused_and_writes_nothing(f, root, team):
    revision = f.revise_schedule(team.id, reason="Flood", shift_days=28, from_stage=1)
    f.revert_revision(team.id, revision.id)
    label, files = f.can_undo, data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.revert_revision(team.id, revision.id)
    assert str(refused.value) == "That revision has already been reverted."
    assert data_files(root) == files
    assert f.can_undo == label


def test_a_revision_is_found_by_id_prefix_across_teams_or_within_one(f, team):
    other = new_team(f, date(2026, 9, 1), "Riverside Academy")
    mine = f.revise_schedule(team.id, reason="Flood", shift_days=7, from_stage=2)
    assert f.revision(mine.id[:5]) == mine
    assert f.revision(mine.id[:5], team.id) == mine
    with pytest.raises(NotFound):
        f.revision(mine.id[:5], other.id)
    with pytest.raises(NotFound):
        f.revert_revision(other.id, mine.id)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(date(2024, 1, 1), date(2032, 12, 31)),
    shift=st.integers(-60, 120).filter(bool),
    stage=st.one_of(st.none(), st.integers(1, 3)),
    offset=st.integers(-20, 400),
)
# Refused: stage 3 would start on a day already past (a back shift that crosses today).
@example(start=date(2026, 2, 22), shift=-1, stage=None, offset=0)
def test_any_revision_then_its_revert_gives_back_the_original_timeline(
    f, start, shift, stage, offset
):
    t = new_team(f, start)
    plan = f.timeline(t.id)
    where = {"from_stage": stage} if stage else {"from_date": start + timedelta(days=offset)}
    try:
        revision = f.revise_schedule(t.id, reason="Because", shift_days=shift, **where)
    except ValidationError as e:  # refused as a whole: it moves nothing, or moves a date
        # into the past or outside the program
        assume(
            not str(e).startswith(
                ("That revision moves no date", "That would move", "That would start")
            )
        )
        raise
    revised = f.timeline(t.id)
    assert revised == build_timeline(start, DEFAULT_TEMPLATE, [revision])
    f.revert_revision(t.id, revision.id)
    assert f.timeline(t.id) == plan


# -- revisions that answer a challenge -------------------------------------------------------


def escalated(f, team, title="Head resigned"):
    c = f.raise_challenge(team.id, category="leadership-change", title=title)
    return f.escalate_challenge(c.id, **ESCALATE)


def test_a_revision_answering_an_escalated_challenge_is_the_chairs_response(f, root, clock, team):
    c = escalated(f, team)
    clock.advance(days=2)
    revision = f.revise_schedule(
        team.id,
        reason="Two weeks for the new head",
        shift_days=14,
        from_stage=2,
        challenge_id=c.id[:6],
    )
    assert revision.challenge_id == c.id
    read = Flourish.open(root, clock=clock).challenge(c.id)
    assert read.status is ChallengeStatus.CHAIR_ACTING
    assert read.waiting_on is WaitingOn.TEAM
    (response,) = read.responses
    assert response.kind is ResponseKind.REVISED_SCHEDULE
    assert (response.revision_id, response.outcome) == (revision.id, "Two weeks for the new head")
    assert (response.on, response.at, response.by) == (f.today(), clock.now, CHAIR)
    assert read.history[:-1] == c.history
    entry = read.history[-1]
    assert (entry.what, entry.status, entry.by, entry.at) == (
        "Schedule revised: stage 2 onward +2w",
        ChallengeStatus.CHAIR_ACTING,
        CHAIR,
        clock.now,
    )
    assert not f.challenge_overdue(read)
    # One step: undo takes back both the revision and the response.
    assert f.undo() == "Revised Hillside Primary's schedule"
    assert f.challenge(c.id) == c
    assert f.revisions(team.id) == []


def test_a_revision_for_a_challenge_the_chair_is_acting_on_adds_a_response(f, team):
    c = escalated(f, team)
    c = f.respond_to_challenge(c.id, kind="meeting", outcome="Met the governors")
    f.revise_schedule(team.id, reason="Agreed", shift_days=7, from_stage=3, challenge_id=c.id)
    read = f.challenge(c.id)
    assert [r.kind for r in read.responses] == [ResponseKind.MEETING, ResponseKind.REVISED_SCHEDULE]
    assert read.status is ChallengeStatus.CHAIR_ACTING


def test_a_revision_for_a_challenge_not_yet_escalated_notes_it_and_leaves_it_with_the_team(f, team):
    c = f.raise_challenge(team.id, category="new-initiatives", title="Trust reading programme")
    f.revise_schedule(
        team.id,
        reason="Make room",
        milestone_key="mid-workshop",
        move_to=date(2027, 3, 22),
        challenge_id=c.id,
    )
    read = f.challenge(c.id)
    assert read.status is ChallengeStatus.RAISED
    assert read.responses == []
    assert [h.what for h in read.history] == [
        "Raised",
        "Schedule revised: mid-workshop moved to 22 Mar 2027",
    ]


def test_reverting_a_revision_notes_it_in_the_challenge_history(f, root, clock, team):
    c = escalated(f, team)
    revision = f.revise_schedule(
        team.id, reason="Agreed", shift_days=14, from_stage=2, challenge_id=c.id
    )
    answered = f.challenge(c.id)
    clock.advance(days=1)
    f.revert_revision(None, revision.id)
    read = Flourish.open(root, clock=clock).challenge(c.id)
    assert read.history[:-1] == answered.history
    entry = read.history[-1]
    assert (entry.what, entry.by, entry.at, entry.status) == (
        "Schedule revision reverted: stage 2 onward +2w",
        CHAIR,
        clock.now,
        ChallengeStatus.CHAIR_ACTING,
    )
    assert read.responses == answered.responses  # what the chair did stays on record
    assert read.status is answered.status
    assert f.undo() == "Reverted a revision of Hillside Primary's schedule"
    assert f.challenge(c.id) == answered
    assert f.revision(revision.id).active


def test_a_challenge_of_another_team_is_refused(f, root, team):
    other = new_team(f, date(2026, 9, 1), "Riverside Academy")
    theirs = escalated(f, other, "Their head resigned")
    files = data_files(root)
    for verb in (f.preview_revision, f.revise_schedule):
        with pytest.raises(ValidationError) as refused:
            verb(team.id, reason="A", shift_days=7, from_stage=2, challenge_id=theirs.id)
        assert str(refused.value) == "The challenge 'Their head resigned' is another team's."
    assert data_files(root) == files
    with pytest.raises(NotFound):
        f.revise_schedule(team.id, reason="A", shift_days=7, from_stage=2, challenge_id="ffff0000")
    assert data_files(root) == files
