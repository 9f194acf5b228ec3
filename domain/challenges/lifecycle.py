"""The challenge lifecycle, every rule of it: which moves a challenge's status allows
(check_move, whose refusals the app shows as they are), and what each move does to it
(status, dates, whose move it is, the history entry). Pure functions: the facade validates
its input, hands them today's date, the moment and the user, and saves what they return."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from domain.briefings import Briefing
from domain.challenges.model import (
    ChairResponse,
    Challenge,
    ChallengeStatus,
    Level,
    ResponseKind,
    StatusChange,
    parse_category,
    parse_level,
    parse_outcome,
    parse_response,
    parse_waiting_on,
    severity_of,
)
from domain.errors import ValidationError
from domain.records import require_line, require_text
from domain.text import one_line, quoted
from domain.timeline import ScheduleRevision, describe_revision

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
    raise ValidationError(f"Cannot {move} {quoted(challenge.title)}: {why}.")


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
        title=require_line(title, "A challenge's title"),
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
        new["title"] = require_line(new["title"], "A challenge's title")
    if "description" in new:
        new["description"] = new["description"].strip()
    if "category" in new:
        new["category"] = category = parse_category(str(new["category"]))
        unfit = [r for r in challenge.responses if category.kind not in r.kind.kinds]
        if unfit:
            raise ValidationError(
                f"{quoted(challenge.title)} has chair responses for an {challenge.kind.value} "
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
    response_kind = parse_response(str(kind), challenge.kind)
    if response_kind is ResponseKind.REVISED_SCHEDULE and revision_id is None:
        # The revision records this response itself: recorded here too, it would be twice.
        raise ValidationError(
            "A revised schedule is recorded by making the revision, which answers the "
            "challenge: revise the team's schedule for it (`flourish schedule revise "
            "--challenge ID`, or v in the app).",
            field="kind",
        )
    response = ChairResponse(
        at=at,
        kind=response_kind,
        on=on,
        by=by,
        with_whom=[one_line(w.strip(), "Each name met with") for w in with_whom if w.strip()],
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
        raise ValidationError(f"{quoted(challenge.title)} is {challenge.status.label}.")
    if briefing.team_id not in (None, challenge.team_id):
        raise ValidationError(f"{quoted(briefing.title)} is another team's briefing.")
    if briefing.cancelled or briefing.end <= at:
        state = "cancelled" if briefing.cancelled else "over"
        raise ValidationError(f"{quoted(briefing.title)} is {state}; pick a briefing to come.")
    if briefing.id in challenge.briefing_ids:
        raise ValidationError(f"{quoted(challenge.title)} is already on {quoted(briefing.title)}.")
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
