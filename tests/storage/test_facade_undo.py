"""Undo of this session's changes, check-in edits and deletes, the workspace fingerprint and
one session used from two threads. What is checked is what a user would see: the records the
facade reads back, and the files on disk when an undo is refused."""

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.actions import ActionStatus
from domain.checkins import CheckInKind
from domain.errors import NotFound, ValidationError
from domain.records import Person
from storage.facade import UNDO_DEPTH, ActionChange, Flourish, NewAction

TEAM_START, CHECKIN_DAY = date(2026, 9, 1), date(2026, 11, 20)
BRIEFING_START = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
ESCALATION = {"reason": "Needs the chair", "schedule_impact": "Stage 2 slips"}


def state(f: Flourish) -> dict:
    """Everything a user can read back, keyed by record id so that storage order is ignored."""
    teams = f.teams()
    by_id = lambda records: {r.id: r for r in records}  # noqa: E731
    return {
        "cluster": f.cluster(),
        "teams": by_id(teams),
        "actions": by_id(f.actions()),
        "checkins": by_id(f.checkins()),
        "challenges": by_id(f.challenges()),
        "revisions": {t.id: by_id(f.revisions(t.id)) for t in teams},
        "timelines": {t.id: f.timeline(t.id) for t in teams},
        "briefings": by_id(f.briefings()),
        "status": {s.team.id: s for s in f.status()},
    }


def data_files(root) -> dict[str, bytes]:
    """The workspace's data files and their bytes."""
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


@dataclass
class Plan:
    """A workspace with one of each kind of record, and a new session opened on it."""

    f: Flourish
    team: object
    other_team: object
    action: object
    checkin: object
    challenge: object
    revision: object
    briefing: object
    # Challenges further along, on the other team: escalated, resolved, and one answered by a
    # schedule revision.
    escalated: object = None
    resolved: object = None
    linked_revision: object = None


@pytest.fixture
def reopen(root, clock) -> Callable[[], Flourish]:
    """Another session on the same folder: another window, or the command line."""
    return lambda: Flourish.open(root, clock=clock)


@pytest.fixture
def plan(flourish, add_team, clock, reopen) -> Plan:
    team = add_team("Hillside Primary")
    other_team = add_team("Riverside Academy")
    clock.advance(minutes=1)
    action = flourish.add_action(team.id, "Audit reading books", owner="Sam", due=date(2026, 12, 1))
    clock.advance(minutes=1)
    flourish.update_action(action.id, status="in progress", note="Started with year 3")
    clock.advance(minutes=1)
    checkin = flourish.log_checkin(
        team.id, on=date(2026, 11, 6), notes="First visit", attendees=["Sam", "Alex"]
    )
    clock.advance(minutes=1)
    challenge = flourish.raise_challenge(
        team.id,
        category="staff-shortage",
        title="Two teachers off",
        impact="high",
        urgency="medium",
    )
    clock.advance(minutes=1)
    revision = flourish.revise_schedule(team.id, reason="Inspection", shift_days=14, from_stage=2)
    clock.advance(minutes=1)
    briefing = flourish.add_briefing("Autumn update", start=BRIEFING_START, team_id=team.id)
    clock.advance(minutes=1)
    escalated = flourish.raise_challenge(
        other_team.id, category="new-initiatives", title="Trust programme"
    )
    escalated = flourish.escalate_challenge(escalated.id, **ESCALATION)
    clock.advance(minutes=1)
    resolved = flourish.raise_challenge(
        other_team.id, category="extra-reporting", title="Weekly returns"
    )
    flourish.escalate_challenge(resolved.id, **ESCALATION)
    resolved = flourish.resolve_challenge(
        resolved.id, resolution="Termly again", outcome="reprioritised"
    )
    clock.advance(minutes=1)
    answered = flourish.raise_challenge(
        other_team.id, category="critical-incident", title="Flooded nursery"
    )
    flourish.escalate_challenge(answered.id, **ESCALATION)
    linked_revision = flourish.revise_schedule(
        other_team.id, reason="Recovery", shift_days=7, from_stage=3, challenge_id=answered.id
    )
    clock.advance(minutes=1)
    # A new session: its undo history is empty.
    return Plan(
        reopen(),
        team,
        other_team,
        flourish.action(action.id),
        checkin,
        challenge,
        revision,
        briefing,
        flourish.challenge(escalated.id),
        resolved,
        linked_revision,
    )


# -- each verb undone ---------------------------------------------------------------------------

VERBS = {
    "log_checkin": (
        lambda p: p.f.log_checkin(
            p.team.id,
            on=CHECKIN_DAY,
            notes="Second visit",
            new_actions=[NewAction(title="Phonics training", owner="Alex")],
            action_changes=[ActionChange(action_id=p.action.id, status="done", note="All done")],
        ),
        "Logged a check-in for Hillside Primary",
    ),
    "add_action": (
        lambda p: p.f.add_action(p.team.id, "Book scrutiny", owner="Kim"),
        "Added the action 'Book scrutiny'",
    ),
    "update_action": (
        lambda p: p.f.update_action(
            p.action.id, status="blocked", note="Waiting for books", title="Audit all books"
        ),
        "Changed the action 'Audit all books'",
    ),
    "delete_action": (
        lambda p: p.f.delete_action(p.action.id),
        "Deleted the action 'Audit reading books'",
    ),
    "delete_checkin": (
        lambda p: p.f.delete_checkin(p.checkin.id),
        "Deleted the check-in of 2026-11-06",
    ),
    "update_checkin": (
        lambda p: p.f.update_checkin(
            p.checkin.id,
            date=date(2026, 11, 5),
            kind="workshop",
            notes="Corrected notes",
            attendees=["Sam"],
            confidential=True,
            next_checkin=date(2026, 11, 26),
        ),
        "Edited the check-in of 2026-11-06",
    ),
    "add_team": (
        lambda p: p.f.add_team("Meadow School", start=TEAM_START, coach=Person(name="Jo")),
        "Added the team Meadow School",
    ),
    "update_team": (
        lambda p: p.f.update_team(p.team.id, name="Hillside Infants", school_type="infant"),
        "Edited the team Hillside Infants",
    ),
    "raise_challenge": (
        lambda p: p.f.raise_challenge(
            p.other_team.id, category="staff-shortage", title="Head on leave"
        ),
        "Raised the challenge 'Head on leave'",
    ),
    "revise_schedule": (
        lambda p: p.f.revise_schedule(p.team.id, reason="Flooding", shift_days=28, from_stage=1),
        "Revised Hillside Primary's schedule",
    ),
    "revert_revision": (
        lambda p: p.f.revert_revision(p.team.id, p.revision.id),
        "Reverted a revision of Hillside Primary's schedule",
    ),
    "add_briefing": (
        lambda p: p.f.add_briefing("Spring update", start=BRIEFING_START + timedelta(days=90)),
        "Scheduled the briefing 'Spring update'",
    ),
    "escalate_challenge": (
        lambda p: p.f.escalate_challenge(p.challenge.id, **ESCALATION),
        "Escalated to the chair: 'Two teachers off'",
    ),
    "respond_to_challenge": (
        lambda p: p.f.respond_to_challenge(
            p.escalated.id, kind="liaise", outcome="Wrote to the trust", with_whom=["CEO"]
        ),
        "Liaised with line managers and stakeholders: 'Trust programme'",
    ),
    "resolve_challenge": (
        lambda p: p.f.resolve_challenge(p.escalated.id, resolution="Moved", outcome="accepted"),
        "Resolved: Pressure accepted; the team carries on: 'Trust programme'",
    ),
    "withdraw_challenge": (
        lambda p: p.f.withdraw_challenge(p.challenge.id, reason="Raised twice"),
        "Withdrawn: 'Two teachers off'",
    ),
    "reopen_challenge": (
        lambda p: p.f.reopen_challenge(p.resolved.id, reason="Weekly again"),
        "Reopened: 'Weekly returns'",
    ),
    "link_briefing": (
        lambda p: p.f.link_briefing(p.challenge.id, p.briefing.id),
        "Linked to a briefing: 'Two teachers off'",
    ),
    "update_challenge": (
        lambda p: p.f.update_challenge(p.challenge.id, impact="low", title="Three off"),
        "Edited: 'Two teachers off'",
    ),
    "update_cluster": (
        lambda p: p.f.update_cluster(
            response_days=3, stakeholders=[Person(name="Exec", email="exec@example.org")]
        ),
        "Changed the cluster's settings",
    ),
    "move_briefing": (
        lambda p: p.f.move_briefing(p.briefing.id, start=BRIEFING_START + timedelta(days=1)),
        "Moved the briefing 'Autumn update'",
    ),
    "cancel_briefing": (
        lambda p: p.f.cancel_briefing(p.briefing.id, reason="Snow"),
        "Cancelled the briefing 'Autumn update'",
    ),
    "update_briefing": (
        lambda p: p.f.update_briefing(p.briefing.id, title="Winter update", agenda="1. New"),
        "Edited the briefing 'Autumn update'",
    ),
    "accept_plan": (
        lambda p: p.f.accept_plan(p.f.plan_briefings(p.team.id)),
        "Scheduled 4 briefings from the plan",
    ),
    "revise_schedule for a challenge": (
        lambda p: p.f.revise_schedule(
            p.other_team.id,
            reason="Agreed",
            shift_days=7,
            from_stage=2,
            challenge_id=p.escalated.id,
        ),
        "Revised Riverside Academy's schedule",
    ),
    "revert_revision of a challenge": (
        lambda p: p.f.revert_revision(None, p.linked_revision.id),
        "Reverted a revision of Riverside Academy's schedule",
    ),
}


@pytest.mark.parametrize("verb", VERBS)
def test_undo_restores_exactly_what_was_there_before(plan, reopen, verb):
    do, label = VERBS[verb]
    before = state(plan.f)

    do(plan)
    assert plan.f.can_undo == label
    assert state(plan.f) != before

    assert plan.f.undo() == label
    assert state(plan.f) == before
    assert state(reopen()) == before  # on disk, not just in this session
    assert plan.f.can_undo is None


def test_undo_of_a_checkin_removes_it_and_its_new_actions_and_restores_changed_ones(plan):
    f, action = plan.f, plan.action
    checkins_before = f.checkins(plan.team.id)
    checkin = f.log_checkin(
        plan.team.id,
        on=CHECKIN_DAY,
        notes="Second visit",
        new_actions=[NewAction(title="Phonics training"), NewAction(title="Parent workshop")],
        action_changes=[ActionChange(action_id=action.id, status="done", note="All done")],
    )
    assert f.action(action.id).status == ActionStatus.DONE
    new_ids = [i for i in checkin.action_ids if i != action.id]
    assert len(new_ids) == 2

    assert f.undo() == "Logged a check-in for Hillside Primary"

    assert f.checkins(plan.team.id) == checkins_before
    with pytest.raises(NotFound):
        f.checkin(checkin.id)
    assert {a.id for a in f.actions()} == {action.id}
    for new_id in new_ids:
        with pytest.raises(NotFound):
            f.action(new_id)
    restored = f.action(action.id)
    assert restored.status == ActionStatus.IN_PROGRESS
    assert [n.text for n in restored.notes] == ["Started with year 3"]
    assert restored == action


def test_undo_of_a_deleted_action_brings_it_back_identical(plan):
    deleted = plan.f.delete_action(plan.action.id[:8])
    assert deleted == plan.action
    assert plan.f.actions() == []

    plan.f.undo()

    assert plan.f.action(plan.action.id) == plan.action
    assert plan.f.actions() == [plan.action]


def test_undo_of_a_new_team_removes_it_from_the_teams(plan):
    team = plan.f.add_team("Meadow School", start=TEAM_START, coach=Person(name="Jo"))
    assert "Meadow School" in [t.name for t in plan.f.teams()]

    plan.f.undo()

    assert [t.name for t in plan.f.teams()] == ["Hillside Primary", "Riverside Academy"]
    with pytest.raises(NotFound):
        plan.f.team("Meadow")
    assert team.id not in [s.team.id for s in plan.f.status()]


def test_undo_of_a_schedule_revision_puts_the_timeline_back(plan):
    timeline = plan.f.timeline(plan.team.id)
    plan.f.revise_schedule(plan.team.id, reason="Flooding", shift_days=28, from_stage=1)
    assert plan.f.timeline(plan.team.id).end == timeline.end + timedelta(days=28)

    plan.f.undo()
    assert plan.f.timeline(plan.team.id) == timeline

    plan.f.revert_revision(plan.team.id, plan.revision.id[:6])
    assert plan.f.timeline(plan.team.id) != timeline

    plan.f.undo()
    assert plan.f.timeline(plan.team.id) == timeline
    assert [r.active for r in plan.f.revisions(plan.team.id)] == [True]


# -- several undos ------------------------------------------------------------------------------


def test_undos_go_back_one_step_at_a_time_in_reverse_order(plan, clock):
    f = plan.f
    steps = [state(f)]
    labels = []

    def step(do) -> None:
        clock.advance(minutes=1)
        do()
        labels.append(f.can_undo)
        steps.append(state(f))

    step(lambda: f.add_team("Meadow School", start=TEAM_START, coach=Person(name="Jo")))
    step(lambda: f.add_action("Meadow", "Set up reading corner"))
    step(lambda: f.log_checkin("Meadow", on=CHECKIN_DAY, notes="Kick-off"))
    step(lambda: f.update_action(plan.action.id, status="done", note="Finished"))
    step(lambda: f.delete_checkin(plan.checkin.id))
    assert labels == [
        "Added the team Meadow School",
        "Added the action 'Set up reading corner'",
        "Logged a check-in for Meadow School",
        "Changed the action 'Audit reading books'",
        "Deleted the check-in of 2026-11-06",
    ]

    for label, expected in zip(reversed(labels), reversed(steps[:-1]), strict=True):
        assert f.can_undo == label
        assert f.undo() == label
        assert state(f) == expected

    assert f.can_undo is None
    with pytest.raises(ValidationError, match="Nothing to undo"):
        f.undo()
    assert state(f) == steps[0]


def test_a_new_session_has_nothing_to_undo(plan, root, snapshot):
    files = snapshot(root)
    assert plan.f.can_undo is None
    with pytest.raises(ValidationError, match="Nothing to undo"):
        plan.f.undo()
    assert snapshot(root) == files


def test_the_undo_history_keeps_only_the_last_undo_depth_changes(flourish, clock):
    for n in range(UNDO_DEPTH + 1):
        clock.advance(minutes=1)
        flourish.add_briefing(f"Briefing {n}", start=BRIEFING_START + timedelta(days=n))

    for n in reversed(range(1, UNDO_DEPTH + 1)):
        assert flourish.undo() == f"Scheduled the briefing 'Briefing {n}'"

    assert flourish.can_undo is None
    with pytest.raises(ValidationError, match="Nothing to undo"):
        flourish.undo()
    assert [b.title for b in flourish.briefings()] == ["Briefing 0"]


# -- refused undos ------------------------------------------------------------------------------

# (what this session does, what another session then does to the same record)
SAME_RECORD = {
    "checkin edited elsewhere": (
        lambda p: p.f.log_checkin(p.team.id, on=CHECKIN_DAY, notes="Mine"),
        lambda g, p: g.update_checkin(g.checkins(p.team.id)[0].id, notes="Theirs"),
    ),
    "action changed elsewhere": (
        lambda p: p.f.update_action(p.action.id, status="done"),
        lambda g, p: g.update_action(p.action.id, note="Checked by the head"),
    ),
    "new action deleted elsewhere": (
        lambda p: p.f.add_action(p.team.id, "Book scrutiny"),
        lambda g, p: g.delete_action(next(a.id for a in g.actions() if a.title == "Book scrutiny")),
    ),
    "team renamed elsewhere": (
        lambda p: p.f.update_team(p.team.id, school_type="primary"),
        lambda g, p: g.update_team(p.team.id, name="Hillside Juniors"),
    ),
    "new team edited elsewhere": (
        lambda p: p.f.add_team("Meadow School", start=TEAM_START, coach=Person(name="Jo")),
        lambda g, p: g.update_team("Meadow School", school_type="special"),
    ),
}


@pytest.mark.parametrize("case", SAME_RECORD)
def test_undo_is_refused_when_another_session_changed_the_record_since(
    plan, reopen, root, clock, case
):
    mine, theirs = SAME_RECORD[case]
    mine(plan)
    label = plan.f.can_undo
    clock.advance(minutes=1)
    other = reopen()
    theirs(other, plan)
    files, seen = data_files(root), state(reopen())

    with pytest.raises(ValidationError, match="changed since") as refused:
        plan.f.undo()

    assert label[0].lower() + label[1:] in str(refused.value)
    assert data_files(root) == files
    assert state(reopen()) == seen
    assert plan.f.can_undo is None  # the history is gone: nothing later can be undone either


def test_a_refused_undo_clears_the_whole_history(plan, reopen, root):
    f = plan.f
    f.add_briefing("Spring update", start=BRIEFING_START)
    f.update_action(plan.action.id, status="done")
    reopen().update_action(plan.action.id, note="Seen elsewhere")

    with pytest.raises(ValidationError):
        f.undo()
    with pytest.raises(ValidationError, match="Nothing to undo"):
        f.undo()
    assert "Spring update" in [b.title for b in reopen().briefings()]


# (what this session does, what another session then does to other records)
OTHER_RECORD = {
    "another team": (
        lambda p: p.f.log_checkin(p.team.id, on=CHECKIN_DAY, notes="Mine"),
        lambda g, p: g.log_checkin(p.other_team.id, on=CHECKIN_DAY, notes="Theirs"),
    ),
    "another record of the same team": (
        lambda p: p.f.log_checkin(p.team.id, on=CHECKIN_DAY, notes="Mine"),
        lambda g, p: g.update_action(p.action.id, note="Theirs"),
    ),
    "another team's profile": (
        lambda p: p.f.update_team(p.team.id, school_type="primary"),
        lambda g, p: g.update_team(p.other_team.id, school_type="academy"),
    ),
    "another briefing": (
        lambda p: p.f.add_briefing("Mine", start=BRIEFING_START),
        lambda g, p: g.add_briefing("Theirs", start=BRIEFING_START),
    ),
}


@pytest.mark.parametrize("case", OTHER_RECORD)
def test_undo_keeps_what_another_session_changed_in_other_records(plan, reopen, clock, case):
    mine, theirs = OTHER_RECORD[case]
    before = state(plan.f)
    mine(plan)
    clock.advance(minutes=1)
    other = reopen()
    theirs(other, plan)
    both = state(reopen())

    label = plan.f.can_undo
    assert plan.f.undo() == label

    # Mine is gone and theirs is still there: undoing theirs too, from their session, gives
    # back exactly the state before mine.
    assert state(reopen()) not in (both, before)
    assert other.undo()
    assert state(reopen()) == before


# -- failed verbs -------------------------------------------------------------------------------

FAILING = {
    "future check-in": lambda p: p.f.log_checkin(p.team.id, on=date(2026, 12, 25)),
    "next check-in before it": lambda p: p.f.log_checkin(
        p.team.id, on=CHECKIN_DAY, next_checkin=CHECKIN_DAY
    ),
    "text that cannot be saved": lambda p: p.f.log_checkin(
        p.team.id, on=CHECKIN_DAY, notes="broken \ud800 text"
    ),
    "duplicate team": lambda p: p.f.add_team(
        "hillside primary", start=TEAM_START, coach=Person(name="Jo")
    ),
    "unknown check-in field": lambda p: p.f.update_checkin(p.checkin.id, coach="Someone"),
    "unknown check-in kind": lambda p: p.f.update_checkin(p.checkin.id, kind="party"),
    "action of another team": lambda p: p.f.log_checkin(
        p.other_team.id, on=CHECKIN_DAY, action_changes=[ActionChange(action_id=p.action.id)]
    ),
    "escalate a resolved challenge": lambda p: p.f.escalate_challenge(p.resolved.id, **ESCALATION),
    "meeting for an external challenge": lambda p: p.f.respond_to_challenge(
        p.escalated.id, kind="meeting", outcome="Met"
    ),
    "response days out of range": lambda p: p.f.update_cluster(response_days=91),
    "briefing in the past": lambda p: p.f.add_briefing(
        "Late", start=datetime(2026, 11, 1, 15, 30, tzinfo=UTC)
    ),
    "revision of another team's challenge": lambda p: p.f.revise_schedule(
        p.team.id, reason="x", shift_days=7, from_stage=2, challenge_id=p.escalated.id
    ),
}


@pytest.mark.parametrize("case", FAILING)
def test_a_refused_change_adds_nothing_to_undo(plan, root, case):
    f = plan.f
    f.add_briefing("Spring update", start=BRIEFING_START)
    label = f.can_undo
    files = data_files(root)

    with pytest.raises(ValidationError):
        FAILING[case](plan)

    assert data_files(root) == files
    assert f.can_undo == label
    assert f.undo() == label
    assert f.can_undo is None
    assert "Spring update" not in [b.title for b in f.briefings()]


# -- check-ins: find, correct, delete -----------------------------------------------------------


def test_a_checkin_is_found_by_an_id_prefix_of_at_least_four_characters(plan):
    checkin = plan.checkin
    assert plan.f.checkin(checkin.id[:4]) == checkin
    assert plan.f.checkin(checkin.id.upper()) == checkin
    with pytest.raises(ValidationError, match="at least 4"):
        plan.f.checkin(checkin.id[:3])
    with pytest.raises(NotFound):
        plan.f.checkin("zzzz")


def test_update_checkin_changes_what_was_asked_and_nothing_else(plan, reopen, clock):
    updated = plan.f.update_checkin(
        plan.checkin.id[:6],
        date=date(2026, 11, 5),
        kind="Workshop",
        notes="Corrected notes  \n",
        attendees=["  Sam ", "", "Kim"],
        confidential=True,
        next_checkin=date(2026, 11, 26),
    )

    read = reopen().checkin(plan.checkin.id)
    assert read == updated
    assert read.date == date(2026, 11, 5)
    assert read.kind == CheckInKind.WORKSHOP
    assert read.notes == "Corrected notes"
    assert read.attendees == ["Sam", "Kim"]
    assert read.confidential is True
    assert read.next_checkin == date(2026, 11, 26)
    assert read.updated_at == clock.now
    assert (read.id, read.team_id, read.coach, read.created_at, read.action_ids) == (
        plan.checkin.id,
        plan.checkin.team_id,
        plan.checkin.coach,
        plan.checkin.created_at,
        plan.checkin.action_ids,
    )


def test_update_checkin_with_only_notes_keeps_the_rest(plan, reopen):
    plan.f.update_checkin(plan.checkin.id, notes="Just the notes")
    read = reopen().checkin(plan.checkin.id)
    assert read.notes == "Just the notes"
    assert (read.date, read.kind, read.attendees, read.confidential) == (
        plan.checkin.date,
        plan.checkin.kind,
        plan.checkin.attendees,
        plan.checkin.confidential,
    )


@pytest.fixture
def checkin_with_next(plan):
    return plan.f.log_checkin(
        plan.team.id, on=date(2026, 11, 13), next_checkin=date(2026, 11, 20), notes="With next"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": date(2026, 11, 23)}, "in the future"),
        ({"date": date(2026, 11, 21)}, "must come after"),  # past its own next check-in
        ({"date": date(2026, 11, 20)}, "must come after"),
        ({"next_checkin": date(2026, 11, 13)}, "must come after"),
        ({"next_checkin": date(2026, 11, 1)}, "must come after"),
        ({"kind": "party"}, "Unknown check-in kind"),
        ({"coach": "Someone else"}, "no field coach"),
        ({"team_id": "elsewhere", "notes": "x"}, "no field team_id"),
    ],
)
def test_update_checkin_refuses_what_log_checkin_would(
    plan, checkin_with_next, root, reopen, changes, message
):
    label = plan.f.can_undo
    files = data_files(root)

    with pytest.raises(ValidationError, match=message):
        plan.f.update_checkin(checkin_with_next.id, **changes)

    assert data_files(root) == files
    assert reopen().checkin(checkin_with_next.id) == checkin_with_next
    assert plan.f.can_undo == label


def test_update_checkin_of_an_unknown_checkin_is_not_found(plan):
    with pytest.raises(NotFound):
        plan.f.update_checkin("abcd0000", notes="x")


def test_deleting_a_checkin_keeps_the_actions_agreed_at_it(plan, reopen):
    checkin = plan.f.log_checkin(
        plan.team.id,
        on=CHECKIN_DAY,
        new_actions=[NewAction(title="Phonics training", owner="Alex")],
        action_changes=[ActionChange(action_id=plan.action.id, status="done", note="Done")],
    )
    actions = plan.f.actions(plan.team.id)
    assert {a.id for a in actions} == set(checkin.action_ids)

    deleted = plan.f.delete_checkin(checkin.id[:5])

    assert deleted == checkin
    fresh = reopen()
    assert [c.id for c in fresh.checkins(plan.team.id)] == [plan.checkin.id]
    with pytest.raises(NotFound):
        fresh.checkin(checkin.id)
    assert fresh.actions(plan.team.id) == actions
    assert fresh.action(plan.action.id).status == ActionStatus.DONE


def test_deleting_an_unknown_action_or_checkin_changes_nothing(plan, root):
    files = data_files(root)
    with pytest.raises(NotFound):
        plan.f.delete_action("abcd0000")
    with pytest.raises(NotFound):
        plan.f.delete_checkin("abcd0000")
    assert data_files(root) == files
    assert plan.f.can_undo is None


# -- two threads, one session -------------------------------------------------------------------


@pytest.fixture
def eager_thread_switches():
    """Switch threads as often as possible, so that an unguarded read meets a write."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("eager_thread_switches")
def test_one_session_used_from_a_reading_and_a_writing_thread(flourish, add_team):
    team = add_team("Hillside Primary")
    add_team("Riverside Academy")
    errors: list[BaseException] = []
    writing_done = threading.Event()
    reads = 0

    def reader() -> None:
        nonlocal reads
        try:
            while not writing_done.is_set():
                assert len(flourish.status()) == 2
                assert len(flourish.checkins()) <= 50
                reads += 1
        except BaseException as e:
            errors.append(e)

    def writer() -> None:
        try:
            for n in range(50):
                flourish.log_checkin(team.id, on=CHECKIN_DAY, notes=f"Visit {n}")
        except BaseException as e:
            errors.append(e)
        finally:
            writing_done.set()

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert reads > 0
    notes = sorted(c.notes for c in flourish.checkins(team.id))
    assert notes == sorted(f"Visit {n}" for n in range(50))


# -- fingerprint --------------------------------------------------------------------------------


def test_fingerprint_changes_when_another_session_writes(plan, reopen):
    ws = plan.f.ws
    before = ws.fingerprint()
    reopen().log_checkin(plan.team.id, on=CHECKIN_DAY, notes="From the command line")
    after_team_write = ws.fingerprint()
    assert after_team_write != before

    reopen().add_briefing("Spring update", start=BRIEFING_START)
    assert ws.fingerprint() != after_team_write


def test_fingerprint_changes_when_this_session_writes_a_team_file(plan):
    ws = plan.f.ws
    before = ws.fingerprint()
    plan.f.update_action(plan.action.id, note="Another note")
    once = ws.fingerprint()
    assert once != before
    plan.f.update_action(plan.action.id, note="And another")
    assert ws.fingerprint() != once


def test_fingerprint_changes_on_undo(plan):
    plan.f.add_action(plan.other_team.id, "Book scrutiny")
    before = plan.f.ws.fingerprint()
    plan.f.undo()
    assert plan.f.ws.fingerprint() != before


def test_fingerprint_is_unchanged_by_reads(plan, reopen):
    f = plan.f
    before = f.ws.fingerprint()
    other = reopen()
    for session in (f, other):
        state(session)
        session.team("Hill")
        session.checkin(plan.checkin.id[:4])
        session.action(plan.action.id[:4])
        session.challenges(plan.team.id)
        session.briefings(plan.team.id)
        assert session.is_demo is False
    assert f.ws.fingerprint() == before
    assert other.ws.fingerprint() == before


def test_a_refused_write_leaves_the_fingerprint_unchanged(plan):
    before = plan.f.ws.fingerprint()
    with pytest.raises(ValidationError):
        plan.f.log_checkin(plan.team.id, on=date(2027, 1, 1))
    with pytest.raises(ValidationError):
        plan.f.undo()
    assert plan.f.ws.fingerprint() == before


# -- edge cases ----------------------------------------------------------------------------------


def test_undo_of_a_checkin_that_changes_one_action_twice(plan):
    before = state(plan.f)
    plan.f.log_checkin(
        plan.team.id,
        on=CHECKIN_DAY,
        action_changes=[
            ActionChange(action_id=plan.action.id, status="done"),
            ActionChange(action_id=plan.action.id, note="Signed off"),
        ],
    )
    plan.f.undo()
    assert state(plan.f) == before


def test_undoing_a_new_team_does_not_hide_work_logged_for_it_elsewhere(plan, reopen):
    team = plan.f.add_team("Meadow School", start=TEAM_START, coach=Person(name="Jo"))
    reopen().log_checkin(team.id, on=CHECKIN_DAY, notes="Logged from the command line")

    with pytest.raises(ValidationError, match="changed since"):
        plan.f.undo()
    notes = [c.notes for c in reopen().checkins()]
    assert "Logged from the command line" in notes
