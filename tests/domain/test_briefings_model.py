"""Stakeholder briefings last 30 to 60 minutes and have a timezone."""

from datetime import UTC, datetime

import pytest

from domain.briefings import Briefing, check_minutes, check_start
from domain.errors import ValidationError

AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("minutes", [30, 45, 60])
def test_thirty_to_sixty_minutes_accepted(minutes):
    assert check_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [29, 61, 0, -30, 90])
def test_outside_thirty_to_sixty_minutes_rejected(minutes):
    with pytest.raises(ValidationError, match="30 to 60 minutes"):
        check_minutes(minutes)


def test_a_briefing_ends_its_length_after_it_starts():
    briefing = Briefing(created_at=AT, updated_at=AT, title="Line managers", start=AT, minutes=30)
    assert briefing.end == datetime(2026, 9, 1, 9, 30, tzinfo=UTC)


def test_a_start_without_a_timezone_is_refused():
    assert check_start(AT) == AT
    with pytest.raises(ValidationError, match="timezone"):
        check_start(datetime(2026, 9, 1, 9, 0))
