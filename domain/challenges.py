"""Implementation challenges, internal to a school or external pressures, per the factsheet."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from domain.errors import ValidationError
from domain.records import Record, parse_choice


class ChallengeKind(StrEnum):
    INTERNAL = "internal"  # within the school: the chair supports the team directly
    EXTERNAL = "external"  # wider stakeholder pressures: the chair negotiates with stakeholders


class Category(StrEnum):
    LEADERSHIP_CHANGE = "leadership-change"
    STAFF_SHORTAGE = "staff-shortage"
    CRITICAL_INCIDENT = "critical-incident"
    COMPETING_PRIORITIES = "competing-priorities"
    NEW_INITIATIVES = "new-initiatives"
    EXTRA_REPORTING = "extra-reporting"

    @property
    def kind(self) -> ChallengeKind:
        return _KIND_OF[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_KIND_OF = {
    Category.LEADERSHIP_CHANGE: ChallengeKind.INTERNAL,
    Category.STAFF_SHORTAGE: ChallengeKind.INTERNAL,
    Category.CRITICAL_INCIDENT: ChallengeKind.INTERNAL,
    Category.COMPETING_PRIORITIES: ChallengeKind.EXTERNAL,
    Category.NEW_INITIATIVES: ChallengeKind.EXTERNAL,
    Category.EXTRA_REPORTING: ChallengeKind.EXTERNAL,
}
_LABELS = {
    Category.LEADERSHIP_CHANGE: "Unexpected change within the leadership team",
    Category.STAFF_SHORTAGE: "Staff shortage reducing leadership-team time",
    Category.CRITICAL_INCIDENT: "Critical incident or crisis disrupting the school",
    Category.COMPETING_PRIORITIES: "Unplanned competing priorities",
    Category.NEW_INITIATIVES: "New school-improvement initiatives from executive stakeholders",
    Category.EXTRA_REPORTING: "Extra reporting or mandatory training without resources",
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class ChallengeStatus(StrEnum):
    RAISED = "raised"
    ESCALATED = "escalated"
    CHAIR_ACTING = "chair-acting"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"


OPEN_STATUSES = frozenset(
    {ChallengeStatus.RAISED, ChallengeStatus.ESCALATED, ChallengeStatus.CHAIR_ACTING}
)
ESCALATED_STATUSES = frozenset({ChallengeStatus.ESCALATED, ChallengeStatus.CHAIR_ACTING})


@dataclass(kw_only=True)
class StatusChange:
    at: datetime
    status: ChallengeStatus
    by: str = ""
    note: str = ""


@dataclass(kw_only=True)
class Challenge(Record):
    team_id: str
    category: Category
    title: str
    description: str = ""
    severity: Severity = Severity.MEDIUM
    raised_on: date
    raised_by: str = ""
    status: ChallengeStatus = ChallengeStatus.RAISED
    history: list[StatusChange] = field(default_factory=list)

    @property
    def kind(self) -> ChallengeKind:
        return self.category.kind

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_escalated(self) -> bool:
        return self.status in ESCALATED_STATUSES

    def age_days(self, today: date) -> int:
        return (today - self.raised_on).days


def parse_category(text: str, kind: str | None = None) -> Category:
    """A category, checked against the kind when one is given (staff-shortage is internal)."""
    category = parse_choice(Category, text, "challenge category")
    if kind is not None:
        wanted = parse_choice(ChallengeKind, kind, "challenge kind")
        if category.kind != wanted:
            valid = ", ".join(c.value for c in Category if c.kind == wanted)
            raise ValidationError(
                f"{category.value} is an {category.kind.value} challenge, not {wanted.value}; "
                f"{wanted.value} categories are: {valid}."
            )
    return category


def parse_severity(text: str) -> Severity:
    return parse_choice(Severity, text, "severity")
