"""CSV exports: a BOM for Excel, text that survives, and no formula injection."""

import codecs
import csv
import io
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.actions import ActionItem, ActionStatus, ProgressNote
from domain.challenges import (
    Category,
    ChairResponse,
    Challenge,
    ChallengeStatus,
    Level,
    Outcome,
    ResponseKind,
    Severity,
)
from domain.checkins import CheckIn, CheckInKind
from exports.tables import (
    ACTION_COLUMNS,
    CHALLENGE_COLUMNS,
    CHECKIN_COLUMNS,
    WITHHELD,
    actions_csv,
    challenges_csv,
    checkins_csv,
    neutralise,
)

TODAY = date(2026, 11, 22)
AT = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
NAMES = {"t-zoe": "Zoë Ōtaki School", "t-arab": "مدرسة النور", "t-heb": "בית ספר אלון"}
INJECTIONS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"]


def action(team="t-zoe", **fields):
    fields.setdefault("title", "Weekly staff huddle")
    return ActionItem(created_at=AT, updated_at=AT, team_id=team, **fields)


def checkin(team="t-zoe", **fields):
    fields.setdefault("date", date(2026, 11, 3))
    return CheckIn(created_at=AT, updated_at=AT, team_id=team, **fields)


def challenge(team="t-zoe", **fields):
    fields.setdefault("title", "Two staff on leave")
    fields.setdefault("category", Category.STAFF_SHORTAGE)
    fields.setdefault("raised_on", date(2026, 11, 1))
    return Challenge(created_at=AT, updated_at=AT, team_id=team, **fields)


def parse(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def header(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_headers_and_crlf_line_ends():
    data = actions_csv([action()], NAMES)
    assert header(data) == list(ACTION_COLUMNS)
    assert header(checkins_csv([], NAMES)) == list(CHECKIN_COLUMNS)
    assert header(challenges_csv([], NAMES, today=TODAY, response_days=7)) == list(
        CHALLENGE_COLUMNS
    )
    assert data.decode("utf-8-sig").count("\r\n") == 2
    assert header(data)[0] == "Team"


def test_non_ascii_names_and_text_survive():
    actions = [
        action(team="t-arab", title="خطة العمل 📈", owner="Zoë Ōtaki"),
        action(team="t-heb", title='תוכנית, "עבודה"\nשורה שנייה', owner="דנה"),
    ]
    rows = parse(actions_csv(actions, NAMES))
    by_team = {r["Team"]: r for r in rows}
    assert by_team["مدرسة النور"]["Title"] == "خطة العمل 📈"
    assert by_team["مدرسة النور"]["Owner"] == "Zoë Ōtaki"
    assert by_team["בית ספר אלון"]["Title"] == 'תוכנית, "עבודה"\nשורה שנייה'


def test_rows_sorted_by_team_name_then_stage_and_due():
    actions = [
        action(team="t-zoe", title="late", stage=2, due=date(2026, 12, 1)),
        action(team="t-zoe", title="undated", stage=1),
        action(team="t-zoe", title="early", stage=1, due=date(2026, 10, 1)),
        action(team="t-heb", title="hebrew"),
    ]
    rows = parse(actions_csv(actions, {**NAMES, "t-heb": "Alon School"}))
    assert [r["Title"] for r in rows] == ["hebrew", "early", "undated", "late"]


def test_action_cells():
    a = action(
        title="Plan",
        owner="Ana",
        stage=2,
        due=date(2026, 12, 4),
        status=ActionStatus.IN_PROGRESS,
        success_criteria="Every meeting, minutes",
        evidence="Minutes folder",
        notes=[
            ProgressNote(date=date(2026, 11, 2), text="Started", by="Ana"),
            ProgressNote(date=date(2026, 11, 9), text="Half done"),
        ],
    )
    (row,) = parse(actions_csv([a], NAMES))
    assert row == {
        "Team": "Zoë Ōtaki School",
        "Title": "Plan",
        "Owner": "Ana",
        "Stage": "2",
        "Due": "2026-12-04",
        "Status": "in progress",
        "Success criteria": "Every meeting, minutes",
        "Evidence": "Minutes folder",
        "Progress notes": "2026-11-02 by Ana: Started\n2026-11-09: Half done",
        "Last updated": "2026-11-01",
        "Id": a.id,
    }


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_injection_is_neutralised_in_every_export(text):
    actions = parse(actions_csv([action(title=text, owner=text)], NAMES))
    checkins = parse(checkins_csv([checkin(coach=text, notes=text)], NAMES))
    challenges = parse(challenges_csv([challenge(title=text)], NAMES, today=TODAY, response_days=7))
    assert actions[0]["Title"] == actions[0]["Owner"] == "'" + text
    assert checkins[0]["Coach"] == checkins[0]["Notes"] == "'" + text
    assert challenges[0]["Title"] == "'" + text


def test_unknown_team_name_is_neutralised_too():
    (row,) = parse(actions_csv([action(team="=cmd|' /C calc'!A0")], {}))
    assert row["Team"] == "'=cmd|' /C calc'!A0"


def test_plain_text_and_numbers_are_unchanged():
    assert neutralise("Plain, text") == "Plain, text"
    assert neutralise("a=b") == "a=b"
    assert neutralise(3) == 3
    assert neutralise(0) == 0
    c = challenge(
        status=ChallengeStatus.ESCALATED, escalated_on=date(2026, 11, 5), title="Plain text"
    )
    (row,) = parse(challenges_csv([c], NAMES, today=TODAY, response_days=7))
    assert row["Title"] == "Plain text"
    assert row["Days overdue for the chair"] == "10"  # 17 days waiting, 7 allowed


def test_confidential_notes_withheld_unless_asked():
    checkins = [
        checkin(notes="SECRET-about-staff", confidential=True),
        checkin(notes="Open notes", date=date(2026, 11, 10)),
    ]
    withheld, shared = parse(checkins_csv(checkins, NAMES))
    assert withheld["Notes"] == WITHHELD
    assert withheld["Confidential"] == "yes"
    assert shared["Notes"] == "Open notes"
    assert shared["Confidential"] == "no"
    assert b"SECRET" not in checkins_csv(checkins, NAMES)
    full = parse(checkins_csv(checkins, NAMES, include_confidential=True))
    assert full[0]["Notes"] == "SECRET-about-staff"


def test_checkin_cells():
    c = checkin(
        kind=CheckInKind.OBSERVATION,
        coach="Ana",
        attendees=["Zoë", "Ōtaki"],
        next_checkin=date(2026, 12, 1),
    )
    (row,) = parse(checkins_csv([c], NAMES))
    assert row["Kind"] == "observation"
    assert row["Attendees"] == "Zoë; Ōtaki"
    assert row["Next check-in"] == "2026-12-01"
    assert row["Date"] == "2026-11-03"


def test_challenge_cells():
    c = challenge(
        category=Category.COMPETING_PRIORITIES,
        status=ChallengeStatus.RESOLVED,
        severity=Severity.HIGH,
        impact=Level.HIGH,
        urgency=Level.MEDIUM,
        escalated_on=date(2026, 11, 2),
        responses=[
            ChairResponse(
                at=AT,
                kind=ResponseKind.LIAISE,
                on=date(2026, 11, 4),
                with_whom=["Director", "Principal"],
                outcome="Agreed to pause the audit",
            )
        ],
        outcome=Outcome.REPRIORITISED,
        closed_on=date(2026, 11, 20),
    )
    (row,) = parse(challenges_csv([c], NAMES, today=TODAY, response_days=7))
    assert row["Kind"] == "external"
    assert row["Category"] == "Unplanned competing priorities"
    assert row["Status"] == "resolved"
    assert (row["Severity"], row["Impact"], row["Urgency"]) == ("high", "high", "medium")
    assert row["Waiting on"] == ""
    assert row["Days overdue for the chair"] == "0"
    assert row["Chair responses"] == (
        "2026-11-04 Liaised with line managers and stakeholders: Agreed to pause the audit "
        "(with Director, Principal)"
    )
    assert row["Outcome"] == "Other initiatives re-prioritised"
    assert row["Closed on"] == "2026-11-20"


@given(st.text())
def test_any_title_round_trips(title):
    (row,) = parse(actions_csv([action(title=title)], NAMES))
    expected = "'" + title if title[:1] in ("=", "+", "-", "@", "\t", "\r") else title
    assert row["Title"] == expected
