"""The challenge lifecycle in the domain: severity from impact and urgency, which moves each
status allows (and the message when it does not), whose move it is, the overdue rule, the
chair's queue and which responses answer which kind of challenge."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from domain.challenges import (
    Category,
    ChairResponse,
    Challenge,
    ChallengeKind,
    ChallengeStatus,
    Level,
    Outcome,
    ResponseKind,
    Severity,
    WaitingOn,
    check_move,
    parse_level,
    parse_outcome,
    parse_response,
    parse_waiting_on,
    queue_order,
    responses_for,
    severity_of,
)
from domain.errors import ValidationError

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)
S = ChallengeStatus
L = Level


def challenge(**fields) -> Challenge:
    values = {
        "created_at": AT,
        "updated_at": AT,
        "team_id": "team-1",
        "category": Category.STAFF_SHORTAGE,
        "title": "Two teachers off",
        "raised_on": date(2026, 11, 1),
    }
    return Challenge(**(values | fields))


# -- severity --------------------------------------------------------------------------------

MATRIX = [
    (L.LOW, L.LOW, Severity.LOW),
    (L.LOW, L.MEDIUM, Severity.LOW),
    (L.MEDIUM, L.LOW, Severity.LOW),
    (L.MEDIUM, L.MEDIUM, Severity.MEDIUM),
    (L.LOW, L.HIGH, Severity.MEDIUM),
    (L.HIGH, L.LOW, Severity.MEDIUM),
    (L.MEDIUM, L.HIGH, Severity.HIGH),
    (L.HIGH, L.MEDIUM, Severity.HIGH),
    (L.HIGH, L.HIGH, Severity.CRITICAL),
]


@pytest.mark.parametrize(("impact", "urgency", "severity"), MATRIX)
def test_severity_comes_from_impact_and_urgency(impact, urgency, severity):
    assert severity_of(impact, urgency) is severity


def test_the_matrix_covers_every_pair_and_is_symmetric():
    assert {(i, u) for i, u, _ in MATRIX} == {(i, u) for i in Level for u in Level}
    for impact in Level:
        for urgency in Level:
            assert severity_of(impact, urgency) is severity_of(urgency, impact)


def test_more_impact_or_urgency_never_lowers_severity():
    levels = list(Level)
    for i, impact in enumerate(levels):
        for j, urgency in enumerate(levels):
            rank = severity_of(impact, urgency).rank
            if i + 1 < len(levels):
                assert severity_of(levels[i + 1], urgency).rank >= rank
            if j + 1 < len(levels):
                assert severity_of(impact, levels[j + 1]).rank >= rank


@pytest.mark.parametrize(
    ("text", "level"), [("low", L.LOW), (" High ", L.HIGH), ("MEDIUM", L.MEDIUM)]
)
def test_parse_level_accepts_what_people_type(text, level):
    assert parse_level(text, "impact") is level


def test_parse_level_names_what_was_wrong_and_the_choices():
    with pytest.raises(
        ValidationError, match=r"Unknown urgency 'asap': use one of low, medium, high"
    ):
        parse_level("asap", "urgency")


# -- moves -----------------------------------------------------------------------------------

MOVES = ("escalate", "respond", "resolve", "withdraw", "reopen")
LEGAL = {
    "escalate": {S.RAISED},
    "respond": {S.ESCALATED, S.CHAIR_ACTING},
    "resolve": {S.RAISED, S.ESCALATED, S.CHAIR_ACTING},
    "withdraw": {S.RAISED, S.ESCALATED, S.CHAIR_ACTING},
    "reopen": {S.RESOLVED},
}
# Why each refused move is refused, as the user reads it.
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


def test_every_status_and_move_is_either_legal_or_explained():
    for move in MOVES:
        for status in ChallengeStatus:
            assert (status in LEGAL[move]) != ((move, status) in WHY), (move, status)


@pytest.mark.parametrize("status", list(ChallengeStatus))
@pytest.mark.parametrize("move", MOVES)
def test_check_move_allows_the_legal_moves_and_explains_the_others(move, status):
    c = challenge(status=status, title="Head on leave")
    if status in LEGAL[move]:
        assert check_move(c, move) is None
    else:
        with pytest.raises(ValidationError) as refused:
            check_move(c, move)
        assert str(refused.value) == f"Cannot {move} 'Head on leave': {WHY[move, status]}."


def test_the_refusal_quotes_the_title_as_data():
    c = challenge(status=S.WITHDRAWN, title="It's [bold]late[/bold]")
    with pytest.raises(ValidationError) as refused:
        check_move(c, "escalate")
    assert str(refused.value) == "Cannot escalate 'It's [bold]late[/bold]': it is withdrawn."


def test_status_labels():
    assert S.CHAIR_ACTING.label == "chair acting"
    assert [s.label for s in S if s is not S.CHAIR_ACTING] == [
        "raised",
        "escalated",
        "resolved",
        "withdrawn",
    ]


# -- whose move it is ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "awaiting", "waiting_on"),
    [
        (S.RAISED, None, WaitingOn.TEAM),
        (S.ESCALATED, None, WaitingOn.CHAIR),
        (S.CHAIR_ACTING, None, WaitingOn.CHAIR),
        (S.CHAIR_ACTING, WaitingOn.STAKEHOLDER, WaitingOn.STAKEHOLDER),
        (S.CHAIR_ACTING, WaitingOn.TEAM, WaitingOn.TEAM),
        (S.RESOLVED, None, None),
        (S.WITHDRAWN, None, None),
        (S.RESOLVED, WaitingOn.STAKEHOLDER, None),  # closed: nobody's, whatever was left
    ],
)
def test_waiting_on(status, awaiting, waiting_on):
    assert challenge(status=status, awaiting=awaiting).waiting_on is waiting_on


def test_each_response_says_whose_move_it_is_next():
    assert ResponseKind.MEETING.waits_on is WaitingOn.TEAM
    assert ResponseKind.LIAISE.waits_on is WaitingOn.STAKEHOLDER
    assert ResponseKind.REVISED_SCHEDULE.waits_on is WaitingOn.TEAM
    assert ResponseKind.REPRIORITISE.waits_on is WaitingOn.STAKEHOLDER


def test_parse_waiting_on():
    assert parse_waiting_on("Stakeholder") is WaitingOn.STAKEHOLDER
    with pytest.raises(ValidationError, match="team, chair, stakeholder"):
        parse_waiting_on("everyone")


# -- the overdue rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "overdue"), [(0, False), (1, False), (6, False), (7, False), (8, True), (30, True)]
)
def test_escalated_and_unanswered_for_more_than_the_response_days_is_overdue(days, overdue):
    escalated_on = date(2026, 11, 1)
    c = challenge(status=S.ESCALATED, escalated_on=escalated_on)
    today = date.fromordinal(escalated_on.toordinal() + days)
    assert c.waiting_days(today) == days
    assert c.is_overdue(today, 7) is overdue


@pytest.mark.parametrize("status", [S.RAISED, S.CHAIR_ACTING, S.RESOLVED, S.WITHDRAWN])
def test_only_a_challenge_waiting_for_the_chair_can_be_overdue(status):
    c = challenge(status=status, escalated_on=date(2026, 9, 1))
    assert c.waiting_days(TODAY) == 0
    assert not c.is_overdue(TODAY, 1)


def test_the_response_days_decide():
    c = challenge(status=S.ESCALATED, escalated_on=date(2026, 11, 12))  # ten days ago
    assert c.is_overdue(TODAY, 9)
    assert not c.is_overdue(TODAY, 10)
    assert not c.is_overdue(TODAY, 90)


def test_age_counts_from_when_it_was_raised():
    c = challenge(raised_on=date(2026, 11, 1), status=S.ESCALATED, escalated_on=date(2026, 11, 20))
    assert c.age_days(TODAY) == 21
    assert c.waiting_days(TODAY) == 2


def test_last_response():
    assert challenge().last_response() is None
    first = ChairResponse(at=AT, kind=ResponseKind.MEETING, on=date(2026, 11, 2), outcome="a")
    second = ChairResponse(at=AT, kind=ResponseKind.MEETING, on=date(2026, 11, 9), outcome="b")
    assert challenge(responses=[first, second]).last_response() is second


# -- the chair's queue -----------------------------------------------------------------------


def test_queue_most_severe_first_then_longest_waiting_then_oldest():
    def c(title, severity, escalated_on, raised_on=date(2026, 10, 1), status=S.ESCALATED):
        return challenge(
            title=title,
            severity=severity,
            status=status,
            escalated_on=escalated_on,
            raised_on=raised_on,
        )

    queue = [
        c("medium, waiting 2 days", Severity.MEDIUM, date(2026, 11, 20)),
        c("critical, waiting 1 day", Severity.CRITICAL, date(2026, 11, 21)),
        c("medium, waiting 20 days", Severity.MEDIUM, date(2026, 11, 2)),
        c("high, chair acting", Severity.HIGH, date(2026, 10, 2), status=S.CHAIR_ACTING),
        c("high, waiting 5 days", Severity.HIGH, date(2026, 11, 17)),
        c("low, waiting 40 days", Severity.LOW, date(2026, 10, 13)),
        c(
            "medium, waiting 2 days, raised earlier",
            Severity.MEDIUM,
            date(2026, 11, 20),
            date(2026, 9, 1),
        ),
    ]
    assert [x.title for x in queue_order(queue, TODAY)] == [
        "critical, waiting 1 day",
        "high, waiting 5 days",
        "high, chair acting",  # answered: it is not waiting for the chair
        "medium, waiting 20 days",
        "medium, waiting 2 days, raised earlier",
        "medium, waiting 2 days",
        "low, waiting 40 days",
    ]


def test_queue_order_does_not_change_the_list_it_is_given():
    a = challenge(title="a", severity=Severity.LOW)
    b = challenge(title="b", severity=Severity.HIGH)
    given = [a, b]
    assert queue_order(given, TODAY) == [b, a]
    assert given == [a, b]


# -- responses per kind of challenge --------------------------------------------------------


def test_responses_answer_the_kinds_the_factsheet_says():
    assert responses_for(ChallengeKind.INTERNAL) == [
        ResponseKind.MEETING,
        ResponseKind.REVISED_SCHEDULE,
    ]
    assert responses_for(ChallengeKind.EXTERNAL) == [
        ResponseKind.LIAISE,
        ResponseKind.REVISED_SCHEDULE,
        ResponseKind.REPRIORITISE,
    ]
    assert all(r.label for r in ResponseKind)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("meeting", ChallengeKind.INTERNAL, ResponseKind.MEETING),
        ("Revised schedule", ChallengeKind.INTERNAL, ResponseKind.REVISED_SCHEDULE),
        ("revised_schedule", ChallengeKind.EXTERNAL, ResponseKind.REVISED_SCHEDULE),
        ("LIAISE", ChallengeKind.EXTERNAL, ResponseKind.LIAISE),
        ("reprioritise", ChallengeKind.EXTERNAL, ResponseKind.REPRIORITISE),
    ],
)
def test_parse_response_accepts_a_response_that_answers_the_kind(text, kind, expected):
    assert parse_response(text, kind) is expected


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        (
            "meeting",
            ChallengeKind.EXTERNAL,
            "meeting does not answer an external challenge; use one of liaise, "
            "revised-schedule, reprioritise.",
        ),
        (
            "liaise",
            ChallengeKind.INTERNAL,
            "liaise does not answer an internal challenge; use one of meeting, revised-schedule.",
        ),
        (
            "reprioritise",
            ChallengeKind.INTERNAL,
            "reprioritise does not answer an internal challenge; use one of meeting, "
            "revised-schedule.",
        ),
    ],
)
def test_parse_response_refuses_a_response_of_the_other_kind(text, kind, message):
    with pytest.raises(ValidationError) as refused:
        parse_response(text, kind)
    assert str(refused.value) == message


def test_parse_response_refuses_an_unknown_response():
    with pytest.raises(ValidationError, match="Unknown chair response 'phoned'"):
        parse_response("phoned", ChallengeKind.INTERNAL)


def test_outcomes_parse_and_have_labels():
    assert parse_outcome("Back on track") is Outcome.BACK_ON_TRACK
    assert all(o.label for o in Outcome)
    with pytest.raises(ValidationError, match="back-on-track, schedule-revised"):
        parse_outcome("fine")


def test_a_challenge_from_before_impact_and_urgency_still_works():
    old = challenge(severity=Severity.HIGH)
    assert (old.impact, old.urgency) == (None, None)
    assert old.severity is Severity.HIGH
    assert replace(old, status=S.ESCALATED).waiting_on is WaitingOn.CHAIR
