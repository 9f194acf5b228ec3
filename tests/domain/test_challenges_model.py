"""Implementation challenges: internal or external per the chair factsheet."""

from datetime import UTC, date, datetime

import pytest

from domain.challenges import (
    Category,
    Challenge,
    ChallengeKind,
    ChallengeStatus,
    Severity,
    parse_category,
    parse_severity,
)
from domain.errors import ValidationError

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
INTERNAL = {Category.LEADERSHIP_CHANGE, Category.STAFF_SHORTAGE, Category.CRITICAL_INCIDENT}
EXTERNAL = {Category.COMPETING_PRIORITIES, Category.NEW_INITIATIVES, Category.EXTRA_REPORTING}


@pytest.mark.parametrize("category", list(Category))
def test_each_category_has_the_factsheet_kind(category):
    expected = ChallengeKind.INTERNAL if category in INTERNAL else ChallengeKind.EXTERNAL
    assert category.kind is expected
    assert category.label


def test_the_categories_are_exactly_the_factsheet_six():
    assert set(Category) == INTERNAL | EXTERNAL


def test_a_challenge_takes_its_kind_from_its_category():
    challenge = Challenge(
        created_at=AT,
        updated_at=AT,
        team_id="team-1",
        category=Category.EXTRA_REPORTING,
        title="New compliance reporting",
        raised_on=date(2026, 10, 1),
    )
    assert challenge.kind is ChallengeKind.EXTERNAL
    assert challenge.is_open and not challenge.is_escalated
    assert challenge.age_days(date(2026, 10, 11)) == 10


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("staff-shortage", Category.STAFF_SHORTAGE),
        ("Staff Shortage", Category.STAFF_SHORTAGE),
        ("extra_reporting", Category.EXTRA_REPORTING),
    ],
)
def test_parse_category_forms(text, category):
    assert parse_category(text) is category


def test_parse_category_with_a_matching_kind():
    assert parse_category("staff shortage", "internal") is Category.STAFF_SHORTAGE
    assert parse_category("new-initiatives", "External") is Category.NEW_INITIATIVES


def test_parse_category_with_the_wrong_kind_names_the_valid_ones():
    with pytest.raises(ValidationError) as error:
        parse_category("staff-shortage", "external")
    message = str(error.value)
    assert "internal" in message
    for category in EXTERNAL:
        assert category.value in message
    for category in INTERNAL:
        assert category.value not in message.split("categories are:")[1]


def test_parse_category_rejects_unknown_category_and_kind():
    with pytest.raises(ValidationError, match="leadership-change"):
        parse_category("budget cuts")
    with pytest.raises(ValidationError, match="internal, external"):
        parse_category("staff-shortage", "sideways")


@pytest.mark.parametrize(
    ("status", "is_open", "escalated"),
    [
        (ChallengeStatus.RAISED, True, False),
        (ChallengeStatus.ESCALATED, True, True),
        (ChallengeStatus.CHAIR_ACTING, True, True),
        (ChallengeStatus.RESOLVED, False, False),
        (ChallengeStatus.WITHDRAWN, False, False),
    ],
)
def test_open_and_escalated_statuses(status, is_open, escalated):
    challenge = Challenge(
        created_at=AT,
        updated_at=AT,
        team_id="team-1",
        category=Category.CRITICAL_INCIDENT,
        title="Flood",
        raised_on=date(2026, 10, 1),
        status=status,
    )
    assert (challenge.is_open, challenge.is_escalated) == (is_open, escalated)


def test_severity_ranks_and_parses():
    assert [s.rank for s in Severity] == [0, 1, 2, 3]
    assert Severity.CRITICAL.rank > Severity.HIGH.rank > Severity.LOW.rank
    assert parse_severity(" High ") is Severity.HIGH
    with pytest.raises(ValidationError, match="low, medium, high, critical"):
        parse_severity("urgent")
