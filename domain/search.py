"""Finding words across the cluster's records: check-in notes, actions, challenges, goals and
briefing agendas, and the cluster's own work (its plan, goals, workshops, journey and
aspiring leaders). Every word typed must appear (in any order, any case, accents matched as
typed); the newest records come first.

A confidential check-in note is searched where it is held, but its words never reach a list
of results: the hit says only that a confidential note matched, and opening it is the place
to read it."""

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import chain

from domain.actions import ActionItem
from domain.briefings import Briefing
from domain.challenges.model import Challenge
from domain.checkins import CheckIn
from domain.cluster_plan import ClusterAction, ClusterGoal
from domain.goals import Goal
from domain.journey import JourneyStep
from domain.leaders import AspiringLeader, LeaderActivity
from domain.visibility import NOT_SHARED
from domain.workshops import Workshop

SNIPPET = 80  # characters of context shown around the first word found
LOCKED = "🔒 confidential note"


class HitKind(StrEnum):
    CHECKIN = "check-in"
    ACTION = "action"
    CHALLENGE = "challenge"
    GOAL = "goal"
    BRIEFING = "briefing"
    CLUSTER_ACTION = "cluster action"
    CLUSTER_GOAL = "cluster goal"
    WORKSHOP = "workshop"
    JOURNEY = "journey step"
    LEADER = "aspiring leader"


@dataclass(frozen=True, kw_only=True)
class ClusterWork:
    """The cluster's own records, searched when the whole cluster is."""

    actions: Iterable[ClusterAction] = ()
    goals: Iterable[ClusterGoal] = ()
    workshops: Iterable[Workshop] = ()
    journey: Iterable[JourneyStep] = ()
    leaders: Iterable[AspiringLeader] = ()
    activities: Iterable[LeaderActivity] = ()


@dataclass(frozen=True, kw_only=True)
class Hit:
    kind: HitKind
    ref: str  # the record's id
    team_id: str | None
    day: date
    title: str  # what the record is called
    snippet: str  # where the words were found, or LOCKED


def words(query: str) -> list[str]:
    return [_fold(w) for w in query.split()]


def search(
    query: str,
    *,
    checkins: Iterable[CheckIn] = (),
    actions: Iterable[ActionItem] = (),
    challenges: Iterable[Challenge] = (),
    goals: Iterable[Goal] = (),
    briefings: Iterable[Briefing] = (),
    cluster: ClusterWork = ClusterWork(),
) -> list[Hit]:
    """Every record holding all the words of `query`, newest first."""
    wanted = words(query)
    if not wanted:
        return []
    found = [
        Hit(
            kind=kind,
            ref=ref,
            team_id=team_id,
            day=day,
            title=title,
            snippet=LOCKED if secret else _snippet(text, wanted),
        )
        for kind, ref, team_id, day, title, text, secret in chain(
            _texts(checkins, actions, challenges, goals, briefings), _cluster_texts(cluster)
        )
        if _all(wanted, text)
    ]
    return sorted(found, key=lambda h: (h.day, h.ref), reverse=True)


Searchable = tuple[HitKind, str, str | None, date, str, str, bool]


def _texts(
    checkins: Iterable[CheckIn],
    actions: Iterable[ActionItem],
    challenges: Iterable[Challenge],
    goals: Iterable[Goal],
    briefings: Iterable[Briefing],
) -> Iterator[Searchable]:
    """Each record's searchable text: (kind, id, team, day, title, text, confidential)."""
    for c in checkins:
        title = f"{c.kind.value} check-in" + (f" with {c.coach}" if c.coach else "")
        yield HitKind.CHECKIN, c.id, c.team_id, c.date, title, _join(c.notes), c.confidential
    for a in actions:
        notes = (n.text for n in a.notes)
        text = _join(a.title, a.owner, a.success_criteria, a.evidence, *notes)
        day = a.due or a.created_at.date()
        yield HitKind.ACTION, a.id, a.team_id, day, a.title, text, False
    for ch in challenges:
        said = (r.outcome for r in ch.responses)
        text = _join(ch.title, ch.description, ch.escalation_reason, ch.schedule_impact)
        text = _join(text, ch.resolution, *said)
        yield HitKind.CHALLENGE, ch.id, ch.team_id, ch.raised_on, ch.title, text, False
    for g in goals:
        text = _join(g.now, g.want, g.now_evidence, g.want_evidence)
        yield HitKind.GOAL, g.id, g.team_id, g.updated_at.date(), g.want, text, False
    for b in briefings:
        text = _join(b.title, b.agenda, b.location)
        yield HitKind.BRIEFING, b.id, b.team_id, b.start.date(), b.title, text, False


def _cluster_texts(work: ClusterWork) -> Iterator[Searchable]:
    for a in work.actions:
        text = _join(a.title, a.owner, a.success_criteria, a.evidence, *(n.text for n in a.notes))
        day = a.due or a.created_at.date()
        yield HitKind.CLUSTER_ACTION, a.id, None, day, a.title, text, False
    for g in work.goals:
        text = _join(g.now, g.want, g.now_evidence, g.want_evidence)
        yield HitKind.CLUSTER_GOAL, g.id, None, g.updated_at.date(), g.want, text, False
    for w in work.workshops:
        said = [i.issue + " " + i.approach for i in w.issues]
        said += [r.worked + " " + r.hard for r in w.reflections]
        said += [i.title + " " + i.notes for i in w.agenda]
        text = _join(w.title, w.place, *said, *w.priorities, w.authority_response)
        text = _join(text, w.next_steps, w.evaluation)
        yield HitKind.WORKSHOP, w.id, None, w.start.date(), w.title, text, False
    for s in work.journey:
        text = _join(s.what, s.partners, s.evidence)
        yield HitKind.JOURNEY, s.id, None, s.on, s.question.asks, text, False
    leaders = {p.id: p for p in work.leaders}
    for act in work.activities:
        who = leaders.get(act.leader_id)
        name = who.name if who else ""
        text = _join(name, act.title, act.where, act.success_criteria, *act.behaviours)
        text = _join(text, act.outcome_to, *(f.text for f in act.feedback))
        day = act.feedback[-1].on if act.feedback else act.created_at.date()
        yield HitKind.LEADER, act.leader_id, None, day, f"{name}: {act.title}", text, False


def _join(*parts: str) -> str:
    """The words of a record, without the placeholder of text not shared with this person."""
    return "\n".join(p for p in parts if p and p != NOT_SHARED)


def _all(wanted: list[str], text: str) -> bool:
    folded = _fold(text)
    return all(w in folded for w in wanted)


def _fold(text: str) -> str:
    """Case folded, in one Unicode form, so that "café" typed matches "café" stored either
    way; accents still count ("cafe" does not match "café")."""
    return unicodedata.normalize("NFC", text).casefold()


def _snippet(text: str, wanted: list[str]) -> str:
    """The line around the first word found, on one line, cut at word edges."""
    flat = " ".join(text.split())
    at = _fold(flat).find(wanted[0])
    start = max(0, at - SNIPPET // 3)
    if start:
        start = flat.find(" ", start) + 1 or start
    piece = flat[start : start + SNIPPET]
    if start + SNIPPET < len(flat):
        piece = piece.rsplit(" ", 1)[0] + " …"
    return ("… " if start else "") + piece
