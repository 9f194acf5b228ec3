"""Implementation challenges, internal to a school or external pressures, per the factsheet."""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from domain.briefings import Briefing
from domain.errors import ValidationError
from domain.records import Record, parse_choice, require_text
from domain.timeline import ScheduleRevision, describe_revision


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


# -- the lifecycle ---------------------------------------------------------------------------

_S = ChallengeStatus
_MOVES = {
    "escalate": {_S.RAISED},
    "respond": {_S.ESCALATED, _S.CHAIR_ACTING},
    "resolve": {_S.RAISED, _S.ESCALATED, _S.CHAIR_ACTING},
    "withdraw": {_S.RAISED, _S.ESCALATED, _S.CHAIR_ACTING},
    "reopen": {_S.RESOLVED},
}
_REFUSALS = {
    ("escalate", _S.ESCALATED): "it is already escalated to the chair",
    ("escalate", _S.CHAIR_ACTING): "the chair is already acting on it",
    ("respond", _S.RAISED): "it has not been escalated to the chair; escalate it first",
    ("reopen", _S.WITHDRAWN): "a withdrawn challenge stays closed; raise a new one",
}


def check_move(challenge: Challenge, move: str) -> None:
    """Refuse a lifecycle move the challenge's status does not allow, saying why."""
    if challenge.status in _MOVES[move]:
        return
    why = _REFUSALS.get((move, challenge.status))
    if why is None:
        why = f"it is {challenge.status.label}"
        if move == "reopen":
            why += "; only a resolved challenge can be reopened"
    raise ValidationError(f"Cannot {move} {challenge.title!r}: {why}.")


# -- what each move does: the facade validates its input, then saves what these return -------


def new_challenge(
    team_id: str,
    *,
    category: str,
    kind: str | None,
    title: str,
    description: str,
    impact: str,
    urgency: str,
    raised_on: date | None,
    today: date,
    at: datetime,
    by: str,
) -> Challenge:
    """A challenge as raised, with its first history entry; never raised in the future."""
    raised_on = raised_on or today
    if raised_on > today:
        raise ValidationError(
            f"A challenge cannot be raised in the future ({raised_on}).", field="raised_on"
        )
    impact_level, urgency_level = parse_level(impact, "impact"), parse_level(urgency, "urgency")
    challenge = Challenge(
        created_at=at,
        updated_at=at,
        team_id=team_id,
        category=parse_category(category, kind),
        title=require_text(title, "A challenge's title"),
        description=description.strip(),
        impact=impact_level,
        urgency=urgency_level,
        severity=severity_of(impact_level, urgency_level),
        raised_on=raised_on,
        raised_by=by,
    )
    challenge.history.append(StatusChange(at=at, status=challenge.status, by=by, what="Raised"))
    return challenge


def moved(
    challenge: Challenge, what: str, note: str = "", *, at: datetime, by: str, **changes: Any
) -> Challenge:
    """The challenge with `changes` and a history entry saying what happened (the history
    only grows)."""
    status = changes.get("status", challenge.status)
    entry = StatusChange(at=at, status=status, by=by, note=note, what=what)
    return replace(challenge, **changes, history=[*challenge.history, entry], updated_at=at)


def edit(challenge: Challenge, changes: dict[str, Any], *, at: datetime, by: str) -> Challenge:
    """The challenge with a corrected title, description, category, impact or urgency (the
    same challenge if nothing differs); a category must fit the chair's responses so far."""
    new = dict(changes)
    if "title" in new:
        new["title"] = require_text(new["title"], "A challenge's title")
    if "description" in new:
        new["description"] = new["description"].strip()
    if "category" in new:
        new["category"] = category = parse_category(str(new["category"]))
        unfit = [r for r in challenge.responses if category.kind not in r.kind.kinds]
        if unfit:
            raise ValidationError(
                f"{challenge.title!r} has chair responses for an {challenge.kind.value} "
                f"challenge ({unfit[0].kind.value}); it cannot become {category.kind.value}."
            )
    for what in ("impact", "urgency"):
        if what in new:
            new[what] = parse_level(str(new[what]), what)
    said = [
        _said(name, getattr(challenge, name), value)
        for name, value in new.items()
        if getattr(challenge, name) != value
    ]
    if not said:
        return challenge
    if "impact" in new or "urgency" in new:
        impact = new.get("impact", challenge.impact) or Level.MEDIUM
        urgency = new.get("urgency", challenge.urgency) or Level.MEDIUM
        new["severity"] = severity_of(impact, urgency)
    return moved(challenge, "Edited", "; ".join(said), at=at, by=by, **new)


def _said(field_name: str, old: object, new: object) -> str:
    """A history line for one edited field: short values are shown, long text is not."""
    label = field_name.replace("_", " ").capitalize()
    if field_name in ("title", "description"):
        return f"{label} changed"
    return f"{label} {getattr(old, 'value', old) or 'not set'} → {getattr(new, 'value', new)}"


def escalate(
    challenge: Challenge, reason: str, impact: str, *, today: date, at: datetime, by: str
) -> Challenge:
    """Handed to the chair, saying why and what it will do to the schedule."""
    check_move(challenge, "escalate")
    reason = require_text(reason, "The reason for escalating")
    impact = require_text(impact, "The expected impact on the schedule")
    return moved(
        challenge,
        "Escalated to the chair",
        reason,
        at=at,
        by=by,
        status=ChallengeStatus.ESCALATED,
        escalated_on=today,
        escalation_reason=reason,
        schedule_impact=impact,
    )


def respond(
    challenge: Challenge,
    *,
    kind: str,
    outcome: str,
    on: date | None,
    with_whom: Iterable[str] = (),
    awaiting: str | None = None,
    revision_id: str | None = None,
    today: date,
    at: datetime,
    by: str,
) -> Challenge:
    """What the chair did, recorded once it has happened and not before the escalation; the
    chair is then acting on it, waiting on whoever the response names."""
    check_move(challenge, "respond")
    on = on or today
    if on > today:
        raise ValidationError(
            f"Record a response once it has happened ({on} is to come).", field="on"
        )
    if challenge.escalated_on and on < challenge.escalated_on:
        raise ValidationError(
            f"The response ({on}) cannot come before the escalation ({challenge.escalated_on}).",
            field="on",
        )
    response = ChairResponse(
        at=at,
        kind=parse_response(str(kind), challenge.kind),
        on=on,
        by=by,
        with_whom=[w.strip() for w in with_whom if w.strip()],
        outcome=require_text(outcome, "The outcome of the response"),
        revision_id=revision_id,
    )
    return moved(
        challenge,
        response.kind.label,
        response.outcome,
        at=at,
        by=by,
        status=ChallengeStatus.CHAIR_ACTING,
        responses=[*challenge.responses, response],
        awaiting=parse_waiting_on(awaiting) if awaiting else response.kind.waits_on,
    )


def resolve(
    challenge: Challenge, resolution: str, outcome: str, *, today: date, at: datetime, by: str
) -> Challenge:
    check_move(challenge, "resolve")
    resolution = require_text(resolution, "The resolution")
    result = parse_outcome(outcome)
    return moved(
        challenge,
        f"Resolved: {result.label}",
        resolution,
        at=at,
        by=by,
        status=ChallengeStatus.RESOLVED,
        resolution=resolution,
        outcome=result,
        closed_on=today,
        awaiting=None,
    )


def withdraw(challenge: Challenge, reason: str, *, today: date, at: datetime, by: str) -> Challenge:
    check_move(challenge, "withdraw")
    reason = require_text(reason, "The reason for withdrawing")
    return moved(
        challenge,
        "Withdrawn",
        reason,
        at=at,
        by=by,
        status=ChallengeStatus.WITHDRAWN,
        closed_on=today,
        awaiting=None,
    )


def reopen(challenge: Challenge, reason: str, *, today: date, at: datetime, by: str) -> Challenge:
    """Back to the chair if it had been escalated (the response clock starts again), else back
    to the team."""
    check_move(challenge, "reopen")
    reason = require_text(reason, "The reason for reopening")
    was_escalated = challenge.escalated_on is not None
    return moved(
        challenge,
        "Reopened",
        reason,
        at=at,
        by=by,
        status=ChallengeStatus.ESCALATED if was_escalated else ChallengeStatus.RAISED,
        escalated_on=today if was_escalated else None,
        resolution="",
        outcome=None,
        closed_on=None,
        awaiting=None,
    )


def link_briefing(challenge: Challenge, briefing: Briefing, *, at: datetime, by: str) -> Challenge:
    """On a briefing's agenda: an open challenge, on its team's or the cluster's briefing to
    come, once."""
    if not challenge.is_open:
        raise ValidationError(f"{challenge.title!r} is {challenge.status.label}.")
    if briefing.team_id not in (None, challenge.team_id):
        raise ValidationError(f"{briefing.title!r} is another team's briefing.")
    if briefing.cancelled or briefing.end <= at:
        state = "cancelled" if briefing.cancelled else "over"
        raise ValidationError(f"{briefing.title!r} is {state}; pick a briefing to come.")
    if briefing.id in challenge.briefing_ids:
        raise ValidationError(f"{challenge.title!r} is already on {briefing.title!r}.")
    return moved(
        challenge,
        "Linked to a briefing",
        f"{briefing.title} ({briefing.start:%a %d %b %Y %H:%M})",
        at=at,
        by=by,
        briefing_ids=[*challenge.briefing_ids, briefing.id],
    )


def answered_by_revision(
    challenge: Challenge, revision: ScheduleRevision, *, today: date, at: datetime, by: str
) -> Challenge:
    """A schedule revision made for the challenge, in its history; while escalated it is also
    the chair's response, and the team is then expected to work to the new dates."""
    what = f"Schedule revised: {describe_revision(revision)}"
    if not challenge.is_escalated:
        return moved(challenge, what, at=at, by=by)
    response = ChairResponse(
        at=at,
        kind=ResponseKind.REVISED_SCHEDULE,
        on=today,
        by=by,
        outcome=revision.reason,
        revision_id=revision.id,
    )
    return moved(
        challenge,
        what,
        at=at,
        by=by,
        status=ChallengeStatus.CHAIR_ACTING,
        responses=[*challenge.responses, response],
        awaiting=ResponseKind.REVISED_SCHEDULE.waits_on,
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
