"""Challenges through the facade: the lifecycle verbs, the append-only history, severity from
impact and urgency, the overdue rule, whose move it is, which responses fit which challenge and
the chair's queue. What is checked is what a user sees: the records a later session reads back,
and the files on disk when a verb is refused."""

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.challenges import (
    ChallengeKind,
    ChallengeStatus,
    Level,
    Outcome,
    ResponseKind,
    Severity,
    WaitingOn,
)
from domain.cluster import DEFAULT_RESPONSE_DAYS
from domain.errors import ValidationError
from domain.records import Person
from storage.facade import Flourish

S = ChallengeStatus
CHAIR = "Dana Chair"
ESCALATE = {"reason": "Cover cancels our meetings", "schedule_impact": "Stage 2 slips a month"}


@pytest.fixture
def f(root, clock, team) -> Flourish:
    """A session acting as the chair on a workspace with one team (Hillside Primary)."""
    return Flourish.open(root, clock=clock, user=CHAIR)


@pytest.fixture
def other_team(f):
    return f.add_team("Riverside Academy", start=date(2026, 9, 1), coach=Person(name="Kim"))


def data_files(root) -> dict[str, bytes]:
    files = [root / "cluster.json", *sorted((root / "teams").glob("*.json"))]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def internal(f, team, title="Two teachers off", **kw):
    return f.raise_challenge(team.id, category="staff-shortage", title=title, **kw)


def external(f, team, title="Trust reading programme", **kw):
    return f.raise_challenge(team.id, category="new-initiatives", title=title, **kw)


def in_status(f, team, status: ChallengeStatus, title="Two teachers off"):
    """A challenge brought to `status` by the verbs a user would use."""
    c = internal(f, team, title)
    if status is S.WITHDRAWN:
        return f.withdraw_challenge(c.id, reason="Raised twice")
    if status is S.RAISED:
        return c
    c = f.escalate_challenge(c.id, **ESCALATE)
    if status is S.CHAIR_ACTING:
        c = f.respond_to_challenge(c.id, kind="meeting", outcome="Met the head")
    if status is S.RESOLVED:
        c = f.resolve_challenge(c.id, resolution="Supply staff found", outcome="back-on-track")
    assert c.status is status
    return c


MOVES = {
    "escalate": lambda f, c: f.escalate_challenge(c.id, **ESCALATE),
    "respond": lambda f, c: f.respond_to_challenge(c.id, kind="meeting", outcome="Met the head"),
    "resolve": lambda f, c: f.resolve_challenge(c.id, resolution="Sorted", outcome="accepted"),
    "withdraw": lambda f, c: f.withdraw_challenge(c.id, reason="No longer an issue"),
    "reopen": lambda f, c: f.reopen_challenge(c.id, reason="Staff off again"),
}
# The status each legal move leads to; a move missing here is refused from that status.
LEGAL = {
    ("escalate", S.RAISED): S.ESCALATED,
    ("respond", S.ESCALATED): S.CHAIR_ACTING,
    ("respond", S.CHAIR_ACTING): S.CHAIR_ACTING,
    ("resolve", S.RAISED): S.RESOLVED,
    ("resolve", S.ESCALATED): S.RESOLVED,
    ("resolve", S.CHAIR_ACTING): S.RESOLVED,
    ("withdraw", S.RAISED): S.WITHDRAWN,
    ("withdraw", S.ESCALATED): S.WITHDRAWN,
    ("withdraw", S.CHAIR_ACTING): S.WITHDRAWN,
    ("reopen", S.RESOLVED): S.ESCALATED,  # it had been escalated: back to the chair
}
WHY = {
    ("escalate", S.ESCALATED): "it is already escalated to the chair",
    ("escalate", S.CHAIR_ACTING): "the chair is already acting on it",
    ("escalate", S.RESOLVED): "it is resolved",
    ("escalate", S.WITHDRAWN): "it is withdrawn",
    ("respond", S.RAISED): "it has not been escalated to the chair; escalate it first",
    ("respond", S.RESOLVED): "it is resolved",
    ("respond", S.WITHDRAWN): "it is withdrawn",
    ("resolve", S.RESOLVED): "it is resolved",
    ("resolve", S.WITHDRAWN): "it is withdrawn",
    ("withdraw", S.RESOLVED): "it is resolved",
    ("withdraw", S.WITHDRAWN): "it is withdrawn",
    ("reopen", S.RAISED): "it is raised; only a resolved challenge can be reopened",
    ("reopen", S.ESCALATED): "it is escalated; only a resolved challenge can be reopened",
    ("reopen", S.CHAIR_ACTING): "it is chair acting; only a resolved challenge can be reopened",
    ("reopen", S.WITHDRAWN): "a withdrawn challenge stays closed; raise a new one",
}


@pytest.mark.parametrize("status", list(ChallengeStatus))
@pytest.mark.parametrize("move", list(MOVES))
def test_every_move_from_every_status(f, root, clock, team, move, status):
    c = in_status(f, team, status)
    clock.advance(hours=1)
    undo_label, files = f.can_undo, data_files(root)

    if (move, status) in LEGAL:
        moved = MOVES[move](f, c)
        assert moved.status is LEGAL[move, status]
        assert Flourish.open(root, clock=clock).challenge(c.id) == moved
        assert len(moved.history) == len(c.history) + 1
        assert moved.history[-1].status is moved.status
        assert data_files(root) != files
    else:
        with pytest.raises(ValidationError) as refused:
            MOVES[move](f, c)
        assert str(refused.value) == f"Cannot {move} 'Two teachers off': {WHY[move, status]}."
        assert data_files(root) == files  # nothing written, byte for byte
        assert f.can_undo == undo_label
        assert f.challenge(c.id) == c


def test_reopening_a_challenge_that_was_never_escalated_gives_it_back_to_the_team(f, team):
    c = internal(f, team)
    c = f.resolve_challenge(c.id, resolution="Sorted in school", outcome="back-on-track")
    reopened = f.reopen_challenge(c.id, reason="Not sorted after all")
    assert reopened.status is S.RAISED
    assert reopened.waiting_on is WaitingOn.TEAM
    assert reopened.escalated_on is None
    assert f.escalated() == []


def test_a_reopened_challenge_forgets_how_it_was_closed(f, team):
    c = in_status(f, team, S.RESOLVED)
    assert (c.resolution, c.outcome, c.closed_on) == (
        "Supply staff found",
        Outcome.BACK_ON_TRACK,
        f.today(),
    )
    reopened = f.reopen_challenge(c.id, reason="Staff off again")
    assert (reopened.resolution, reopened.outcome, reopened.closed_on) == ("", None, None)
    assert reopened.responses == c.responses  # what the chair did stays on record


@pytest.mark.parametrize(
    ("verb", "message"),
    [
        (lambda f, c: f.escalate_challenge(c.id, reason=" ", schedule_impact="x"), "reason"),
        (lambda f, c: f.escalate_challenge(c.id, reason="x", schedule_impact=""), "impact"),
        (lambda f, c: f.resolve_challenge(c.id, resolution="", outcome="accepted"), "resolution"),
        (lambda f, c: f.resolve_challenge(c.id, resolution="x", outcome="fine"), "outcome"),
        (lambda f, c: f.withdraw_challenge(c.id, reason="  "), "reason for withdrawing"),
    ],
)
def test_verbs_refuse_missing_details_and_write_nothing(f, root, team, verb, message):
    c = internal(f, team)
    files = data_files(root)
    with pytest.raises(ValidationError, match=message):
        verb(f, c)
    assert data_files(root) == files


def test_respond_and_reopen_refuse_missing_details(f, root, team):
    acting = in_status(f, team, S.ESCALATED)
    resolved = in_status(f, team, S.RESOLVED, title="Another")
    files = data_files(root)
    with pytest.raises(ValidationError, match="outcome of the response is required"):
        f.respond_to_challenge(acting.id, kind="meeting", outcome=" ")
    with pytest.raises(ValidationError, match="reason for reopening is required"):
        f.reopen_challenge(resolved.id, reason="")
    assert data_files(root) == files


# -- history ---------------------------------------------------------------------------------


def test_each_verb_adds_one_history_entry_and_keeps_the_earlier_ones(f, root, clock, team):
    briefing = f.add_briefing("Spring update", start=clock() + timedelta(days=20))
    steps = [
        (
            "raise",
            lambda c: internal(f, team, description="Two off sick"),
            S.RAISED,
            "Raised",
            "",
        ),
        (
            "edit",
            lambda c: f.update_challenge(c.id, impact="high"),
            S.RAISED,
            "Edited",
            "Impact medium → high",
        ),
        (
            "escalate",
            lambda c: f.escalate_challenge(c.id, **ESCALATE),
            S.ESCALATED,
            "Escalated to the chair",
            ESCALATE["reason"],
        ),
        (
            "respond",
            lambda c: f.respond_to_challenge(c.id, kind="meeting", outcome="Met the head"),
            S.CHAIR_ACTING,
            "Attended a conversation or meeting to support and problem-solve",
            "Met the head",
        ),
        (
            "link",
            lambda c: f.link_briefing(c.id, briefing.id),
            S.CHAIR_ACTING,
            "Linked to a briefing",
            "Spring update (Sat 12 Dec 2026 09:00)",
        ),
        (
            "resolve",
            lambda c: f.resolve_challenge(c.id, resolution="Supply found", outcome="accepted"),
            S.RESOLVED,
            "Resolved: Pressure accepted; the team carries on",
            "Supply found",
        ),
        (
            "reopen",
            lambda c: f.reopen_challenge(c.id, reason="Off again"),
            S.ESCALATED,
            "Reopened",
            "Off again",
        ),
        (
            "withdraw",
            lambda c: f.withdraw_challenge(c.id, reason="Merged with another"),
            S.WITHDRAWN,
            "Withdrawn",
            "Merged with another",
        ),
    ]
    c, history = None, []
    for name, verb, status, what, note in steps:
        clock.advance(hours=3)
        c = verb(c)
        read = Flourish.open(root, clock=clock).challenge(c.id)
        assert read == c, name
        assert read.history[:-1] == history, name  # the earlier entries, untouched
        entry = read.history[-1]
        assert (entry.what, entry.note, entry.status) == (what, note, status), name
        assert entry.by == CHAIR, name
        assert entry.at == clock.now, name
        assert read.status is status, name
        history = read.history
    assert len(history) == len(steps)


def test_history_by_is_whoever_uses_the_facade(root, clock, team):
    coach = Flourish.open(root, clock=clock, user="Casey Coach")
    chair = Flourish.open(root, clock=clock, user=CHAIR)
    c = internal(coach, team)
    c = coach.escalate_challenge(c.id, **ESCALATE)
    c = chair.respond_to_challenge(c.id, kind="meeting", outcome="Met")
    assert [h.by for h in c.history] == ["Casey Coach", "Casey Coach", CHAIR]
    assert c.raised_by == "Casey Coach"
    assert c.responses[0].by == CHAIR


def test_raised_by_someone_else_is_recorded_as_theirs(f, team):
    c = internal(f, team, raised_by="  Head Teacher ")
    assert c.raised_by == "Head Teacher"
    assert c.history[0].by == "Head Teacher"


# -- severity --------------------------------------------------------------------------------

MATRIX = {
    ("low", "low"): Severity.LOW,
    ("low", "medium"): Severity.LOW,
    ("medium", "low"): Severity.LOW,
    ("medium", "medium"): Severity.MEDIUM,
    ("low", "high"): Severity.MEDIUM,
    ("high", "low"): Severity.MEDIUM,
    ("medium", "high"): Severity.HIGH,
    ("high", "medium"): Severity.HIGH,
    ("high", "high"): Severity.CRITICAL,
}


@pytest.mark.parametrize(("impact", "urgency"), list(MATRIX))
def test_a_raised_challenge_has_the_severity_of_its_impact_and_urgency(
    f, root, clock, team, impact, urgency
):
    c = internal(f, team, impact=impact, urgency=urgency)
    read = Flourish.open(root, clock=clock).challenge(c.id)
    assert (read.impact, read.urgency) == (Level(impact), Level(urgency))
    assert read.severity is MATRIX[impact, urgency]


def test_impact_and_urgency_default_to_medium(f, team):
    c = internal(f, team)
    assert (c.impact, c.urgency, c.severity) == (Level.MEDIUM, Level.MEDIUM, Severity.MEDIUM)


def test_an_unknown_level_is_refused(f, root, team):
    files = data_files(root)
    with pytest.raises(ValidationError, match="Unknown impact 'huge'"):
        internal(f, team, impact="huge")
    with pytest.raises(ValidationError, match="Unknown urgency 'now'"):
        internal(f, team, urgency="now")
    assert data_files(root) == files


@pytest.mark.parametrize(("impact", "urgency"), list(MATRIX))
def test_editing_impact_and_urgency_derives_the_severity_again(
    f, root, clock, team, impact, urgency
):
    c = internal(f, team)
    updated = f.update_challenge(c.id, impact=impact, urgency=urgency)
    read = Flourish.open(root, clock=clock).challenge(c.id)
    assert read == updated
    assert read.severity is MATRIX[impact, urgency]
    said = [f"{what} medium → {new}" for what, new in (("Impact", impact), ("Urgency", urgency))]
    said = [s for s in said if not s.endswith("medium → medium")]
    if said:
        assert read.history[-1].what == "Edited"
        assert read.history[-1].note == "; ".join(said)
        assert len(read.history) == 2
    else:
        assert read.history == c.history  # nothing changed, nothing recorded


def test_editing_one_level_keeps_the_other(f, team):
    c = internal(f, team, impact="low", urgency="high")
    assert c.severity is Severity.MEDIUM
    updated = f.update_challenge(c.id[:6], impact="High")
    assert (updated.impact, updated.urgency, updated.severity) == (
        Level.HIGH,
        Level.HIGH,
        Severity.CRITICAL,
    )
    assert updated.history[-1].note == "Impact low → high"


def test_editing_text_fields_says_what_changed_without_quoting_it(f, team):
    c = internal(f, team)
    updated = f.update_challenge(
        c.id, title="Three teachers off", description="Private detail", category="critical incident"
    )
    assert updated.title == "Three teachers off"
    assert updated.history[-1].note == (
        "Title changed; Description changed; Category staff-shortage → critical-incident"
    )
    assert "Private detail" not in updated.history[-1].note
    assert updated.severity is Severity.MEDIUM  # impact and urgency untouched


def test_editing_with_nothing_new_writes_nothing(f, root, team):
    c = internal(f, team, impact="high")
    label, files = f.can_undo, data_files(root)
    assert f.update_challenge(c.id, impact="high", title="Two teachers off") == c
    assert data_files(root) == files
    assert f.can_undo == label


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"severity": "high"}, "no field severity"),
        ({"status": "resolved"}, "no field status"),
        ({"title": "  "}, "title is required"),
        ({"impact": "extreme"}, "Unknown impact"),
        ({"category": "budget"}, "Unknown challenge category"),
    ],
)
def test_editing_refuses_what_it_cannot_take(f, root, team, changes, message):
    c = internal(f, team)
    files = data_files(root)
    with pytest.raises(ValidationError, match=message):
        f.update_challenge(c.id, **changes)
    assert data_files(root) == files


# -- the overdue rule ------------------------------------------------------------------------


def test_not_overdue_at_the_response_days_and_overdue_the_day_after(f, clock, team):
    assert f.cluster().response_days == DEFAULT_RESPONSE_DAYS == 7
    c = in_status(f, team, S.ESCALATED)
    clock.advance(days=7)
    c = f.challenge(c.id)
    assert c.waiting_days(f.today()) == 7
    assert not f.challenge_overdue(c)
    clock.advance(days=1)
    assert f.challenge_overdue(c)


def test_overdue_goes_by_the_cluster_date_not_utc(root, clock, team):
    # 23:30 UTC in summer is already tomorrow in London.
    clock.now = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
    f = Flourish.open(root, clock=clock)
    c = in_status(f, team, S.ESCALATED)
    clock.now = datetime(2027, 6, 8, 22, 30, tzinfo=UTC)
    assert not f.challenge_overdue(f.challenge(c.id))
    clock.now = datetime(2027, 6, 8, 23, 30, tzinfo=UTC)
    assert f.challenge_overdue(f.challenge(c.id))


def test_a_chair_response_clears_overdue_and_reopening_restarts_the_clock(f, clock, team):
    c = in_status(f, team, S.ESCALATED)
    clock.advance(days=10)
    assert f.challenge_overdue(f.challenge(c.id))

    c = f.respond_to_challenge(c.id, kind="meeting", outcome="Met the head")
    assert not f.challenge_overdue(c)
    clock.advance(days=30)
    assert not f.challenge_overdue(f.challenge(c.id))

    c = f.resolve_challenge(c.id, resolution="Cover found", outcome="back-on-track")
    clock.advance(days=30)
    c = f.reopen_challenge(c.id, reason="Cover fell through")
    assert c.escalated_on == f.today()
    assert not f.challenge_overdue(c)
    clock.advance(days=7)
    assert not f.challenge_overdue(f.challenge(c.id))
    clock.advance(days=1)
    assert f.challenge_overdue(f.challenge(c.id))


def test_the_response_days_are_set_per_cluster(f, root, clock, team):
    c = in_status(f, team, S.ESCALATED)
    clock.advance(days=4)
    assert not f.challenge_overdue(f.challenge(c.id))

    f.update_cluster(response_days=3)
    again = Flourish.open(root, clock=clock)
    assert again.cluster().response_days == 3
    assert again.challenge_overdue(again.challenge(c.id))

    f.update_cluster(response_days=90)
    assert not f.challenge_overdue(f.challenge(c.id))


@pytest.mark.parametrize("days", [0, -1, 91, 365])
def test_response_days_outside_one_to_ninety_are_refused(f, root, days):
    files = data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.update_cluster(response_days=days)
    assert str(refused.value) == (
        f"The chair's response time is 1 to 90 days, not {days}; the default is 7."
    )
    assert data_files(root) == files
    assert f.cluster().response_days == 7


@pytest.mark.parametrize("days", [1, 90])
def test_response_days_at_the_limits_are_accepted(f, days):
    assert f.update_cluster(response_days=days).response_days == days


def test_update_cluster_changes_only_what_was_asked(f, root, clock):
    before = f.cluster()
    clock.advance(minutes=5)
    updated = f.update_cluster(
        name="  South Cluster ", stakeholders=[Person(name=" Exec ", email=" e@x.org ")]
    )
    read = Flourish.open(root, clock=clock).cluster()
    assert read == updated
    assert read.name == "South Cluster"
    assert read.stakeholders == [Person(name="Exec", email="e@x.org")]
    assert (read.chair, read.response_days, read.template, read.timezone) == (
        before.chair,
        before.response_days,
        before.template,
        before.timezone,
    )
    assert read.updated_at == clock.now
    with pytest.raises(ValidationError, match="no field timezone"):
        f.update_cluster(timezone="Europe/Paris")


# -- whose move it is ------------------------------------------------------------------------


def test_waiting_on_follows_the_lifecycle(f, team):
    c = external(f, team)
    assert c.waiting_on is WaitingOn.TEAM
    c = f.escalate_challenge(c.id, **ESCALATE)
    assert c.waiting_on is WaitingOn.CHAIR
    c = f.respond_to_challenge(c.id, kind="liaise", outcome="Wrote to the trust")
    assert (c.awaiting, c.waiting_on) == (WaitingOn.STAKEHOLDER, WaitingOn.STAKEHOLDER)
    c = f.respond_to_challenge(c.id, kind="reprioritise", outcome="Reading moved", awaiting="team")
    assert c.waiting_on is WaitingOn.TEAM
    c = f.respond_to_challenge(c.id, kind="liaise", outcome="Agreed", awaiting="Chair")
    assert c.waiting_on is WaitingOn.CHAIR
    c = f.resolve_challenge(c.id, resolution="Trust agreed", outcome="reprioritised")
    assert (c.awaiting, c.waiting_on) == (None, None)
    c = f.reopen_challenge(c.id, reason="Trust changed its mind")
    assert (c.awaiting, c.waiting_on) == (None, WaitingOn.CHAIR)


def test_a_meeting_leaves_the_next_move_with_the_team(f, team):
    c = in_status(f, team, S.ESCALATED)
    c = f.respond_to_challenge(c.id, kind="meeting", outcome="Met the leadership team")
    assert c.waiting_on is WaitingOn.TEAM


def test_a_withdrawn_challenge_waits_on_nobody(f, team):
    c = in_status(f, team, S.CHAIR_ACTING)
    c = f.withdraw_challenge(c.id, reason="Raised twice")
    assert (c.awaiting, c.waiting_on, c.closed_on) == (None, None, f.today())


def test_an_unknown_awaiting_is_refused(f, root, team):
    c = in_status(f, team, S.ESCALATED)
    files = data_files(root)
    with pytest.raises(ValidationError, match="Unknown waiting on 'governors'"):
        f.respond_to_challenge(c.id, kind="meeting", outcome="Met", awaiting="governors")
    assert data_files(root) == files


# -- responses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "kind", "accepted"),
    [
        ("staff-shortage", "meeting", True),
        ("staff-shortage", "liaise", False),
        ("staff-shortage", "reprioritise", False),
        ("new-initiatives", "liaise", True),
        ("new-initiatives", "reprioritise", True),
        ("new-initiatives", "meeting", False),
    ],
)
def test_responses_fit_the_kind_of_challenge(f, root, clock, team, category, kind, accepted):
    c = f.raise_challenge(team.id, category=category, title="Pressure")
    c = f.escalate_challenge(c.id, **ESCALATE)
    files = data_files(root)
    if accepted:
        c = f.respond_to_challenge(c.id, kind=kind, outcome="Done")
        (response,) = Flourish.open(root, clock=clock).challenge(c.id).responses
        assert response.kind is ResponseKind(kind)
        assert c.status is S.CHAIR_ACTING
    else:
        with pytest.raises(ValidationError, match=f"{kind} does not answer an"):
            f.respond_to_challenge(c.id, kind=kind, outcome="Done")
        assert data_files(root) == files


def test_a_response_is_recorded_with_who_when_and_with_whom(f, root, clock, team):
    c = in_status(f, team, S.ESCALATED)
    clock.advance(days=3)
    c = f.respond_to_challenge(
        c.id,
        kind="Meeting",
        outcome="  Agreed cover for Tuesdays ",
        on=f.today() - timedelta(days=1),
        with_whom=[" Sam Head ", "", "Line Manager"],
    )
    (response,) = Flourish.open(root, clock=clock).challenge(c.id).responses
    assert response.kind is ResponseKind.MEETING
    assert response.on == f.today() - timedelta(days=1)
    assert response.at == clock.now
    assert response.by == CHAIR
    assert response.with_whom == ["Sam Head", "Line Manager"]
    assert response.outcome == "Agreed cover for Tuesdays"
    assert c.last_response() == response


def test_a_response_defaults_to_today_and_cannot_be_in_the_future(f, root, team):
    c = in_status(f, team, S.ESCALATED)
    files = data_files(root)
    tomorrow = f.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        f.respond_to_challenge(c.id, kind="meeting", outcome="Will meet", on=tomorrow)
    assert str(refused.value) == f"Record a response once it has happened ({tomorrow} is to come)."
    assert data_files(root) == files
    c = f.respond_to_challenge(c.id, kind="meeting", outcome="Met today")
    assert c.responses[-1].on == f.today()


def test_responses_accumulate_in_order(f, team):
    c = in_status(f, team, S.ESCALATED)
    c = f.respond_to_challenge(c.id, kind="meeting", outcome="First")
    c = f.respond_to_challenge(c.id, kind="meeting", outcome="Second")
    assert [r.outcome for r in c.responses] == ["First", "Second"]
    assert c.last_response().outcome == "Second"


@pytest.mark.parametrize("category", ["staff-shortage", "new-initiatives"])
def test_a_revised_schedule_is_recorded_by_the_revision_alone(f, root, team, category):
    """Recorded as a response and then again by the revision, it would be there twice."""
    c = f.raise_challenge(team.id, category=category, title="Pressure")
    c = f.escalate_challenge(c.id, **ESCALATE)
    files = data_files(root)
    with pytest.raises(ValidationError, match="schedule revise --challenge") as refused:
        f.respond_to_challenge(c.id, kind="revised-schedule", outcome="Agreed")
    assert refused.value.field == "kind"
    assert data_files(root) == files


# -- the chair's queue -----------------------------------------------------------------------


def test_the_queue_is_most_severe_then_longest_waiting(f, clock, team, other_team):
    old_medium = f.escalate_challenge(internal(f, team, "Old medium").id, **ESCALATE)
    clock.advance(days=2)
    low = f.escalate_challenge(
        external(f, other_team, "Low", impact="low", urgency="low").id, **ESCALATE
    )
    clock.advance(days=2)
    new_medium = f.escalate_challenge(external(f, other_team, "New medium").id, **ESCALATE)
    critical = f.escalate_challenge(
        internal(f, other_team, "Critical", impact="high", urgency="high").id, **ESCALATE
    )
    high = internal(f, team, "High but answered", impact="high")
    high = f.escalate_challenge(high.id, **ESCALATE)
    f.respond_to_challenge(high.id, kind="meeting", outcome="Met")
    internal(f, team, "Raised only", impact="high", urgency="high")
    closed = f.escalate_challenge(internal(f, team, "Closed").id, **ESCALATE)
    f.resolve_challenge(closed.id, resolution="Done", outcome="accepted")
    clock.advance(days=1)

    assert [c.title for c in f.escalated()] == [
        "Critical",
        "High but answered",
        "Old medium",  # waiting 5 days
        "New medium",  # waiting 1 day
        "Low",
    ]
    assert [c.id for c in f.escalated()][2:4] == [old_medium.id, new_medium.id]
    assert [c.title for c in f.escalated(kind="internal")] == [
        "Critical",
        "High but answered",
        "Old medium",
    ]
    assert [c.title for c in f.escalated(kind=" External ")] == ["New medium", "Low"]
    assert all(c.kind is ChallengeKind.EXTERNAL for c in f.escalated("external"))
    assert critical.id == f.escalated()[0].id and low.id == f.escalated()[-1].id
    with pytest.raises(ValidationError, match="Unknown challenge kind 'outside'"):
        f.escalated(kind="outside")


def test_the_longest_waiting_goes_first_even_if_raised_later(f, clock, team):
    first_raised = internal(f, team, "Raised first")
    clock.advance(days=1)
    later = f.escalate_challenge(internal(f, team, "Raised later").id, **ESCALATE)
    clock.advance(days=3)
    f.escalate_challenge(first_raised.id, **ESCALATE)
    assert [c.id for c in f.escalated()] == [later.id, first_raised.id]


# -- briefings on a challenge ----------------------------------------------------------------


def test_a_challenge_goes_on_a_briefing_once(f, root, clock, team):
    briefing = f.add_briefing("Spring update", start=clock() + timedelta(days=20))
    c = in_status(f, team, S.ESCALATED)
    linked = f.link_briefing(c.id[:6], briefing.id[:6])
    assert Flourish.open(root, clock=clock).challenge(c.id).briefing_ids == [briefing.id]
    assert linked.status is S.ESCALATED
    files = data_files(root)
    with pytest.raises(ValidationError) as refused:
        f.link_briefing(c.id, briefing.id)
    assert str(refused.value) == "'Two teachers off' is already on 'Spring update'."
    assert data_files(root) == files
