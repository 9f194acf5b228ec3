"""The clock the command line runs on. FLOURISH_NOW pins it, for tests and demonstrations."""

import os
from collections.abc import Callable
from datetime import UTC, datetime

from domain.errors import ValidationError


def clock_from_env() -> Callable[[], datetime]:
    pinned = os.environ.get("FLOURISH_NOW")
    if not pinned:
        return lambda: datetime.now(UTC)
    try:
        when = datetime.fromisoformat(pinned)
    except ValueError:
        raise ValidationError(
            f"FLOURISH_NOW={pinned!r} is not an ISO date-time such as 2026-11-22T09:00:00+00:00."
        ) from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    return lambda: when
