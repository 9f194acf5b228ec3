"""The cluster (a network of schools under one chair) and its school leadership teams."""

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE, ProgramTemplate
from domain.records import Person, Record
from domain.text import quoted

DEFAULT_RESPONSE_DAYS = 7


@dataclass(kw_only=True)
class Cluster(Record):
    name: str
    timezone: str
    chair: Person  # the cluster chair / executive program sponsor
    template: ProgramTemplate = DEFAULT_TEMPLATE
    # An escalated challenge with no chair response after this many days is overdue.
    response_days: int = DEFAULT_RESPONSE_DAYS
    stakeholders: list[Person] = field(default_factory=list)  # executive stakeholders

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(kw_only=True)
class Team(Record):
    """A school's leadership team working through the program from `start`."""

    name: str  # the school
    start: date
    coach: Person
    members: list[Person] = field(default_factory=list)
    line_managers: list[Person] = field(default_factory=list)
    school_type: str = ""  # primary, secondary, special...
    # Set when the school left the program (or was added by mistake): its records stay, but it
    # leaves the dashboard, status, queues and exports until it is restored.
    archived_on: date | None = None

    @property
    def archived(self) -> bool:
        return self.archived_on is not None


def check_timezone(name: str) -> str:
    """`name` if it is an IANA timezone such as Europe/London, else a ValidationError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{quoted(name)} is not a timezone. Use an IANA name such as Europe/London or "
            "Australia/Sydney."
        ) from None
    return name


def check_response_days(days: int) -> int:
    if not 1 <= days <= 90:
        raise ValidationError(
            f"The chair's response time is 1 to 90 days, not {days}; the default is "
            f"{DEFAULT_RESPONSE_DAYS}."
        )
    return days
