"""A briefing's drafted agenda: where each team stands, escalated challenges with the chair's
responses, revisions since the last briefing, and never a word of the check-in notes."""

from datetime import UTC, date, datetime

from domain.actions import ActionItem, ActionStatus
from domain.agenda import draft_agenda
from domain.challenges import (
    Category,
    ChairResponse,
    Challenge,
    ChallengeStatus,
    ResponseKind,
    Severity,
    WaitingOn,
)
from domain.checkins import CheckIn
from domain.cluster import Team
from domain.program import DEFAULT_TEMPLATE
from domain.records import Person
from domain.status import team_status
from domain.timeline import ScheduleRevision

AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)
SECRET = "ZX-CONFIDENTIAL-4471"
PLAIN = "QQ-ORDINARY-NOTE-9035"

HILLSIDE = Team(
    created_at=AT,
    updated_at=AT,
    id="team-hill",
    name="Hillside Primary",
    start=date(2026, 9, 1),
    coach=Person(name="Casey"),
)
RIVERSIDE = Team(
    created_at=AT,
    updated_at=AT,
    id="team-river",
    name="Riverside Academy",
    start=date(2026, 6, 1),
    coach=Person(name="Kim"),
)
NAMES = {HILLSIDE.id: HILLSIDE.name, RIVERSIDE.id: RIVERSIDE.name}


def checkin(team, day, notes, confidential=False):
    return CheckIn(
        created_at=AT,
        updated_at=AT,
        team_id=team.id,
        date=day,
        notes=notes,
        confidential=confidential,
    )


def action(team, title, status, due):
    return ActionItem(
        created_at=AT, updated_at=AT, team_id=team.id, title=title, status=status, due=due
    )


def statuses():
    hill = team_status(
        HILLSIDE,
        DEFAULT_TEMPLATE,
        TODAY,
        checkins=[
            checkin(HILLSIDE, date(2026, 11, 20), f"Head on leave {SECRET}", confidential=True),
            checkin(HILLSIDE, date(2026, 11, 6), f"Good visit {PLAIN}"),
        ],
        actions=[
            action(HILLSIDE, "Audit books", ActionStatus.DONE, date(2026, 10, 1)),
            action(HILLSIDE, "Plan staff meeting", ActionStatus.IN_PROGRESS, date(2026, 11, 1)),
        ],
    )
    river = team_status(RIVERSIDE, DEFAULT_TEMPLATE, TODAY)
    return [hill, river]


def escalated(**fields):
    values = {
        "created_at": AT,
        "updated_at": AT,
        "team_id": HILLSIDE.id,
        "category": Category.STAFF_SHORTAGE,
        "title": "Two teachers off",
        "description": f"Private detail {SECRET}",
        "severity": Severity.HIGH,
        "raised_on": date(2026, 11, 2),
        "status": ChallengeStatus.ESCALATED,
        "escalated_on": date(2026, 11, 3),
        "escalation_reason": "Cover cancels meetings",
        "schedule_impact": "Stage 2 slips\n a month",
    }
    return Challenge(**(values | fields))


def revision(**fields):
    values = {"created_at": AT, "updated_at": AT, "team_id": HILLSIDE.id, "reason": "Inspection"}
    return ScheduleRevision(**(values | fields))


def agenda(challenges=(), revisions=(), since=None, response_days=7):
    return draft_agenda(
        statuses=statuses(),
        challenges=list(challenges),
        revisions=list(revisions),
        names=NAMES,
        today=TODAY,
        since=since,
        response_days=response_days,
    )


def test_an_agenda_has_five_numbered_sections():
    text = agenda()
    headings = [line for line in text.splitlines() if not line.startswith(" ")]
    assert headings == [
        "1. Welcome and purpose of the briefing",
        "2. Where each team stands",
        "3. Escalated challenges: none open",
        "4. Schedule revisions: none",
        "5. Competing pressures, support needed and next steps",
    ]


def test_each_team_stage_month_actions_and_last_checkin():
    text = agenda()
    assert (
        "   - Hillside Primary: stage 1 (Establish foundations), month 3/12; "
        "actions 1/2 done, 1 late; last check-in 20 Nov 2026"  # a date: it is read later
    ) in text.splitlines()
    assert "   - Riverside Academy: stage 2 (Drive for results), month 6/12" in text.splitlines()


def test_escalated_challenges_with_the_chairs_responses():
    answered = escalated(
        status=ChallengeStatus.CHAIR_ACTING,
        awaiting=WaitingOn.STAKEHOLDER,
        responses=[
            ChairResponse(
                at=AT,
                kind=ResponseKind.MEETING,
                on=date(2026, 11, 5),
                outcome="Met the head;\nagreed cover",
            ),
            ChairResponse(
                at=AT, kind=ResponseKind.REVISED_SCHEDULE, on=date(2026, 11, 9), outcome="+2w"
            ),
        ],
    )
    waiting = escalated(
        title="Trust programme", category=Category.NEW_INITIATIVES, team_id=RIVERSIDE.id
    )
    text = agenda([answered, waiting])
    assert "3. Escalated challenges and the chair's responses" in text
    assert (
        "   - Hillside Primary: Two teachers off (internal, high; waiting on stakeholder)\n"
        "     Expected impact: Stage 2 slips a month\n"
        "     5 Nov 2026: Attended a conversation or meeting to support and problem-solve: "
        "Met the head; agreed cover\n"
        "     9 Nov 2026: Negotiated a revised implementation schedule: +2w"
    ) in text
    # Escalated 19 days ago with no response: the agenda says so.
    assert (
        "   - Riverside Academy: Trust programme (external, high; waiting on chair, "
        "no response yet)"
    ) in text


def test_a_challenge_not_yet_overdue_is_not_flagged():
    text = agenda([escalated(escalated_on=date(2026, 11, 15))])  # 7 days ago
    assert "waiting on chair)" in text
    assert "no response yet" not in text
    assert "no response yet" in agenda(
        [escalated(escalated_on=date(2026, 11, 15))], response_days=6
    )


def test_revisions_with_the_date_of_the_last_briefing():
    text = agenda(
        revisions=[
            revision(shift_days=14, from_stage=2, reason="Head resigned;\nagreed with LMs"),
            revision(team_id=RIVERSIDE.id, milestone_key="mid-workshop", move_to=date(2027, 3, 22)),
        ],
        since=date(2026, 11, 3),
    )
    assert (
        "4. Schedule revisions since the last briefing (3 Nov 2026)\n"
        "   - Hillside Primary: stage 2 onward +2w: Head resigned; agreed with LMs\n"
        "   - Riverside Academy: mid-workshop moved to 22 Mar 2027: Inspection"
    ) in text
    assert "4. Schedule revisions since the last briefing (3 Nov 2026): none" in agenda(
        since=date(2026, 11, 3)
    )


def test_user_text_cannot_break_the_numbering():
    text = agenda([escalated(title="Line one", schedule_impact="x\n6. Fake section")])
    numbered = [line for line in text.splitlines() if line[:1].isdigit()]
    assert [line.split(".")[0] for line in numbered] == ["1", "2", "3", "4", "5"]


def test_no_checkin_notes_or_challenge_descriptions_reach_the_agenda():
    text = agenda([escalated()], [revision(shift_days=7, from_stage=3)], since=None)
    assert SECRET not in text
    assert PLAIN not in text
    assert "Head on leave" not in text
    assert "Private detail" not in text
