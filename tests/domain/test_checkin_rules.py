"""When the next coaching check-in is due, and what counts as contact with the team."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.checkins import (
    CONTACT_KINDS,
    CheckIn,
    CheckInKind,
    days_overdue,
    last_contact,
    next_checkin_due,
    parse_kind,
)
from domain.errors import ValidationError

START = date(2026, 9, 1)
AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def checkin(day: date, kind: CheckInKind = CheckInKind.COACHING, **fields) -> CheckIn:
    made = fields.pop("created_at", AT)
    return CheckIn(
        created_at=made, updated_at=made, team_id="team-1", date=day, kind=kind, **fields
    )


def test_no_checkins_due_one_cadence_after_the_start():
    assert next_checkin_due([], START, 4) == date(2026, 9, 29)
    assert next_checkin_due([], START, 2) == date(2026, 9, 15)


def test_due_one_cadence_after_the_last_contact():
    assert next_checkin_due([checkin(date(2026, 10, 5))], START, 4) == date(2026, 11, 2)


def test_an_agreed_next_date_overrides_the_cadence():
    done = checkin(date(2026, 10, 5), next_checkin=date(2026, 10, 12))
    assert next_checkin_due([done], START, 4) == date(2026, 10, 12)


def test_an_agreed_date_at_an_older_contact_does_not_outlive_a_newer_one():
    older = checkin(date(2026, 10, 5), next_checkin=date(2026, 12, 25))
    newer = checkin(date(2026, 10, 19))
    assert next_checkin_due([older, newer], START, 4) == date(2026, 11, 16)


@pytest.mark.parametrize("kind", [CheckInKind.WEBINAR, CheckInKind.BRIEFING])
def test_webinars_and_briefings_are_not_contact(kind):
    other = checkin(date(2026, 9, 20), kind, next_checkin=date(2026, 9, 22))
    assert last_contact([other]) is None
    assert next_checkin_due([other], START, 4) == date(2026, 9, 29)


@pytest.mark.parametrize(
    "kind", [CheckInKind.COACHING, CheckInKind.WORKSHOP, CheckInKind.OBSERVATION]
)
def test_coaching_workshops_and_observations_are_contact(kind):
    assert kind in CONTACT_KINDS
    # 18 Oct is a Sunday: the check-in is expected on the Monday.
    assert next_checkin_due([checkin(date(2026, 9, 20), kind)], START, 4) == date(2026, 10, 19)


def test_latest_by_date_not_by_insertion_order():
    late = checkin(date(2026, 11, 1))
    early = checkin(date(2026, 10, 1), created_at=AT + timedelta(days=60))  # recorded afterwards
    assert last_contact([late, early]) is late
    assert next_checkin_due([late, early], START, 4) == date(2026, 11, 30)  # not Sunday the 29th


def test_same_day_contacts_prefer_the_one_recorded_last():
    first = checkin(date(2026, 10, 1), next_checkin=date(2026, 10, 8))
    second = checkin(date(2026, 10, 1), created_at=AT + timedelta(hours=1))
    assert last_contact([second, first]) is second


def test_days_overdue_zero_on_the_due_date_and_one_the_day_after():
    due = date(2026, 9, 29)
    assert days_overdue(due, date(2026, 9, 28)) == 0
    assert days_overdue(due, due) == 0
    assert days_overdue(due, date(2026, 9, 30)) == 1
    assert days_overdue(due, date(2026, 10, 29)) == 30


@given(
    due=st.dates(date(2000, 1, 1), date(2100, 12, 31)),
    delta=st.integers(-1000, 1000),
)
def test_days_overdue_is_never_negative(due, delta):
    today = due + timedelta(days=delta)
    assert days_overdue(due, today) == max(0, delta)


@pytest.mark.parametrize(
    ("text", "kind"), [("coaching", CheckInKind.COACHING), (" Webinar ", CheckInKind.WEBINAR)]
)
def test_parse_kind(text, kind):
    assert parse_kind(text) is kind


def test_parse_kind_rejects_unknown_and_lists_the_kinds():
    with pytest.raises(ValidationError, match="coaching, webinar, workshop, observation, briefing"):
        parse_kind("phone call")
