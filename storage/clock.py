"""The one default clock. Every verb takes "now" from a clock passed in, so tests and demos pin
it; FLOURISH_NOW pins it for a whole process (the command line, the app, the benchmarks)."""

import os
from collections.abc import Callable
from datetime import UTC, datetime

from domain.errors import ValidationError
from domain.text import quoted

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def clock_from_env() -> Clock:
    """The real clock, unless FLOURISH_NOW names an ISO date-time to stand still at."""
    pinned = os.environ.get("FLOURISH_NOW")
    if not pinned:
        return utc_now
    try:
        when = datetime.fromisoformat(pinned)
    except ValueError:
        raise ValidationError(
            f"FLOURISH_NOW={quoted(pinned)} is not an ISO date-time such as "
            "2026-11-22T09:00:00+00:00."
        ) from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return lambda: when
