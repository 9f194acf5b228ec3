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


class Level(StrEnum):
    """Impact on the program, or urgency: the two inputs of a challenge's severity."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# Severity from (impact, urgency): a common impact/urgency matrix.
_SEVERITY = {
    (Level.LOW, Level.LOW): Severity.LOW,
    (Level.LOW, Level.MEDIUM): Severity.LOW,
    (Level.MEDIUM, Level.LOW): Severity.LOW,
    (Level.MEDIUM, Level.MEDIUM): Severity.MEDIUM,
    (Level.LOW, Level.HIGH): Severity.MEDIUM,
    (Level.HIGH, Level.LOW): Severity.MEDIUM,
    (Level.MEDIUM, Level.HIGH): Severity.HIGH,
    (Level.HIGH, Level.MEDIUM): Severity.HIGH,
    (Level.HIGH, Level.HIGH): Severity.CRITICAL,
}


def severity_of(impact: Level, urgency: Level) -> Severity:
    return _SEVERITY[(impact, urgency)]


class ChallengeStatus(StrEnum):
    RAISED = "raised"
    ESCALATED = "escalated"
    CHAIR_ACTING = "chair-acting"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return "chair acting" if self is ChallengeStatus.CHAIR_ACTING else self.value


OPEN_STATUSES = frozenset(
    {ChallengeStatus.RAISED, ChallengeStatus.ESCALATED, ChallengeStatus.CHAIR_ACTING}
)
ESCALATED_STATUSES = frozenset({ChallengeStatus.ESCALATED, ChallengeStatus.CHAIR_ACTING})


class WaitingOn(StrEnum):
    """Whose move it is."""

    TEAM = "team"
    CHAIR = "chair"
    STAKEHOLDER = "stakeholder"


class ResponseKind(StrEnum):
    """What the chair did, per the factsheet: support inside the school for internal
    challenges; liaison, renegotiated schedules and re-prioritising for external ones."""

    MEETING = "meeting"
    LIAISE = "liaise"
    REVISED_SCHEDULE = "revised-schedule"
    REPRIORITISE = "reprioritise"

    @property
    def label(self) -> str:
        return _RESPONSE_LABELS[self]

    @property
    def kinds(self) -> frozenset[ChallengeKind]:
        """The kinds of challenge this response answers."""
        return _RESPONSE_KINDS[self]

    @property
    def waits_on(self) -> WaitingOn:
        """Whose move it usually is after this response."""
        return _RESPONSE_WAITS[self]


_I, _E = ChallengeKind.INTERNAL, ChallengeKind.EXTERNAL
_RESPONSE_LABELS = {
    ResponseKind.MEETING: "Attended a conversation or meeting to support and problem-solve",
    ResponseKind.LIAISE: "Liaised with line managers and stakeholders",
    ResponseKind.REVISED_SCHEDULE: "Negotiated a revised implementation schedule",
    ResponseKind.REPRIORITISE: "Re-prioritised other school-improvement initiatives",
}
# A crisis inside a school can still need a later schedule, so revisions answer both kinds.
_RESPONSE_KINDS = {
    ResponseKind.MEETING: frozenset({_I}),
    ResponseKind.LIAISE: frozenset({_E}),
    ResponseKind.REVISED_SCHEDULE: frozenset({_I, _E}),
    ResponseKind.REPRIORITISE: frozenset({_E}),
}
_RESPONSE_WAITS = {
    ResponseKind.MEETING: WaitingOn.TEAM,
    ResponseKind.LIAISE: WaitingOn.STAKEHOLDER,
    ResponseKind.REVISED_SCHEDULE: WaitingOn.TEAM,
    ResponseKind.REPRIORITISE: WaitingOn.STAKEHOLDER,
}


def responses_for(kind: ChallengeKind) -> list[ResponseKind]:
    return [r for r in ResponseKind if kind in r.kinds]


class Outcome(StrEnum):
    """How a resolved challenge ended, for the briefing pack and the chair's record."""

    BACK_ON_TRACK = "back-on-track"
    SCHEDULE_REVISED = "schedule-revised"
    REPRIORITISED = "reprioritised"
    ACCEPTED = "accepted"  # the team carries on with the pressure acknowledged

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.BACK_ON_TRACK: "Back on track with the original schedule",
    Outcome.SCHEDULE_REVISED: "Continuing on a revised schedule",
    Outcome.REPRIORITISED: "Other initiatives re-prioritised",
    Outcome.ACCEPTED: "Pressure accepted; the team carries on",
}


@dataclass(kw_only=True)
class StatusChange:
    """One entry of a challenge's append-only history."""

    at: datetime
    status: ChallengeStatus
    by: str = ""
    note: str = ""
    what: str = ""  # what changed, in words: "Escalated to the chair", "Impact low → high"


@dataclass(kw_only=True)
class ChairResponse:
    """Something the chair did about a challenge: a meeting held, stakeholders contacted..."""

    at: datetime  # when it was recorded
    kind: ResponseKind
    on: date  # when it happened
    by: str = ""
    with_whom: list[str] = field(default_factory=list)
    outcome: str = ""
    revision_id: str | None = None


@dataclass(kw_only=True)
class Challenge(Record):
    team_id: str
    category: Category
    title: str
    description: str = ""
    severity: Severity = Severity.MEDIUM
    impact: Level | None = None  # None on challenges recorded before impact and urgency
    urgency: Level | None = None
    raised_on: date
    raised_by: str = ""
    status: ChallengeStatus = ChallengeStatus.RAISED
    awaiting: WaitingOn | None = None  # whose move it is while the chair is acting
    escalated_on: date | None = None
    escalation_reason: str = ""
    schedule_impact: str = ""  # the expected effect on the schedule, in the team's words
    responses: list[ChairResponse] = field(default_factory=list)
    resolution: str = ""
    outcome: Outcome | None = None
    closed_on: date | None = None
    briefing_ids: list[str] = field(default_factory=list)
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

    @property
    def waiting_on(self) -> WaitingOn | None:
        """Whose move it is: the team's until escalated, then the chair's until a response
        says otherwise; nobody's once closed."""
        if self.status is ChallengeStatus.RAISED:
            return WaitingOn.TEAM
        if self.status is ChallengeStatus.ESCALATED:
            return WaitingOn.CHAIR
        if self.status is ChallengeStatus.CHAIR_ACTING:
            return self.awaiting or WaitingOn.CHAIR
        return None

    def waiting_days(self, today: date) -> int:
        """Days since escalation without a chair response; 0 unless awaiting the chair."""
        if self.status is not ChallengeStatus.ESCALATED or self.escalated_on is None:
            return 0
        return (today - self.escalated_on).days

    def is_overdue(self, today: date, response_days: int) -> bool:
        """Escalated, and the chair has not responded within `response_days`."""
        return self.waiting_days(today) > response_days

    def overdue_days(self, today: date, response_days: int) -> int:
        """Days past the chair's response time; 0 when not overdue."""
        return max(0, self.waiting_days(today) - response_days)

    def last_response(self) -> ChairResponse | None:
        return self.responses[-1] if self.responses else None


def queue_order(challenges: list[Challenge], today: date) -> list[Challenge]:
    """The chair's queue: most severe first, then the longest waiting, then the oldest."""
    return sorted(
        challenges,
        key=lambda c: (-c.severity.rank, -c.waiting_days(today), c.raised_on, c.title.casefold()),
    )


def parse_level(text: str, what: str) -> Level:
    return parse_choice(Level, text, what)


def parse_response(text: str, kind: ChallengeKind) -> ResponseKind:
    response = parse_choice(ResponseKind, text, "chair response")
    if kind not in response.kinds:
        valid = ", ".join(r.value for r in responses_for(kind))
        raise ValidationError(
            f"{response.value} does not answer an {kind.value} challenge; use one of {valid}."
        )
    return response


def parse_outcome(text: str) -> Outcome:
    return parse_choice(Outcome, text, "outcome")


def parse_waiting_on(text: str) -> WaitingOn:
    return parse_choice(WaitingOn, text, "waiting on")


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
