"""What is due across a person's teams, in date order: "which of my teams is overdue a check-in,
which actions are late, what is next this week", in one list instead of a view per team.

A coach sees the teams they coach; the chair, or a person on no team's record, the whole
cluster. The window runs from today for `days` days; anything already late comes first,
however long ago it fell due."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.actions import CLOSED_STATUSES, ActionItem
from domain.briefings import Briefing
from domain.challenges.model import Challenge, WaitingOn
from domain.cluster import Team
from domain.cluster_plan import ClusterAction
from domain.errors import ValidationError
from domain.program import EventKind
from domain.status import TeamStatus
from domain.text import quoted
from domain.workshops import Workshop


class ItemKind(StrEnum):
    CHECKIN = "check-in"
    ACTION = "action"
    MILESTONE = "milestone"
    WORKSHOP = "workshop"
    BRIEFING = "briefing"
    CHALLENGE = "challenge"
    CLUSTER_ACTION = "cluster action"


@dataclass(frozen=True, kw_only=True)
class WeekItem:
    """One line of the week: what, when, for which team, and the record it opens."""

    day: date
    kind: ItemKind
    text: str
    team_id: str | None  # None: the whole cluster
    team: str  # its name, or "cluster"
    late_days: int = 0  # how long overdue (check-ins, actions, challenges awaiting a move)
    who: str = ""  # the owner of an action, whose move a challenge awaits
    ref: str = ""  # the record's id (an action, a briefing, a challenge); a team's for others

    @property
    def late(self) -> bool:
        return self.late_days > 0


@dataclass(frozen=True, kw_only=True)
class OpenAction:
    """An action still open with a due date: what the week lists of it."""

    id: str
    team_id: str
    title: str
    owner: str
    due: date


@dataclass(frozen=True, kw_only=True)
class Desk:
    """What a team has open, whatever the day: what the week and the chair's queue list. Worked
    out once per change of the team's file (storage keeps it), then read on any day."""

    actions: tuple[OpenAction, ...] = ()
    challenges: tuple[Challenge, ...] = ()  # open: waiting on the team, the chair or others


def desk(actions: Iterable[ActionItem], challenges: Iterable[Challenge]) -> Desk:
    return Desk(
        actions=tuple(
            OpenAction(id=a.id, team_id=a.team_id, title=a.title, owner=a.owner, due=a.due)
            for a in actions
            if a.due is not None and a.status not in CLOSED_STATUSES
        ),
        challenges=tuple(c for c in challenges if c.is_open),
    )


def my_teams(
    teams: Sequence[Team], person: str, chair: str, *, coach: bool = False
) -> tuple[list[Team], str]:
    """The teams `person` coaches, and who the list is for; the whole cluster for the chair,
    for nobody named, or for a name on no team's record. `coach`: `person` was typed as a
    coach's name, which may be the start of one ("jo"), and must name one."""
    key = person.strip().casefold()
    if not key or (key == chair.strip().casefold() and not coach):
        return list(teams), "the whole cluster"
    coaches = sorted({t.coach.name for t in teams}, key=str.casefold)
    named = [c for c in coaches if c.strip().casefold() == key]
    if coach and not named:
        named = [c for c in coaches if starts(c, key)]
        if len(named) != 1:
            known = ", ".join(named or coaches) or "none yet"
            what = "is more than one coach" if named else "is not a coach's name"
            raise ValidationError(f"{quoted(person.strip())} {what}: the coaches are {known}.")
    if not named:
        return list(teams), f"the whole cluster (no team's coach is called {person.strip()})"
    mine = [t for t in teams if t.coach.name == named[0]]
    return mine, f"{named[0]}'s teams"


def starts(name: str, typed: str) -> bool:
    """Whether a person's name, or one of its words, starts with what was typed ("jo",
    "lind" and "Jo L" all name Jo Lindqvist)."""
    folded, key = name.casefold(), typed.strip().casefold()
    return folded.startswith(key) or any(w.startswith(key) for w in folded.split())


def week(
    *,
    statuses: Iterable[TeamStatus],
    desks: Iterable[Desk],
    briefings: Iterable[Briefing],
    today: date,
    days: int,
    chair: bool,
    response_days: int,
) -> list[WeekItem]:
    """Everything due from today for `days` days across the teams in `statuses`, late things
    first, then by day. `chair`: escalated challenges waiting on the chair are theirs; for a
    coach, challenges waiting on the team."""
    last = today + timedelta(days=days - 1)
    teams = {s.team.id: s.team for s in statuses}
    items: list[WeekItem] = []
    for s in statuses:
        items += _checkin(s, today, last)
        items += _milestones(s, today, last)
    desks = list(desks)
    actions = [a for d in desks for a in d.actions if a.team_id in teams]
    items += [_action(a, teams, today) for a in actions if a.due <= last]
    items += [
        _briefing(b, teams)
        for b in briefings
        if not b.cancelled
        and (b.team_id is None or b.team_id in teams)
        and today <= b.start.date() <= last
    ]
    waiting = WaitingOn.CHAIR if chair else WaitingOn.TEAM
    items += [
        _challenge(c, teams, today, response_days if chair else None)
        for d in desks
        for c in d.challenges
        if c.team_id in teams and c.waiting_on is waiting
    ]
    return sorted(items, key=lambda i: (not i.late, i.day, i.team.casefold(), i.text))


def _checkin(s: TeamStatus, today: date, last: date) -> list[WeekItem]:
    due = s.checkin_due
    if due is None or due > last:
        return []
    late = max(0, (today - due).days)
    return [
        WeekItem(
            day=due,
            kind=ItemKind.CHECKIN,
            text=f"Coaching check-in ({s.team.coach.name})",
            team_id=s.team.id,
            team=s.team.name,
            late_days=late,
            who=s.team.coach.name,
            ref=s.team.id,
        )
    ]


def _milestones(s: TeamStatus, today: date, last: date) -> list[WeekItem]:
    wanted = {EventKind.WORKSHOP: ItemKind.WORKSHOP}
    return [
        WeekItem(
            day=m.start,
            kind=wanted.get(m.kind, ItemKind.MILESTONE),
            text=m.title,
            team_id=s.team.id,
            team=s.team.name,
            ref=s.team.id,
        )
        for m in s.timeline.milestones
        if today <= m.start <= last
        and m.kind is not EventKind.COACHING
        and m.kind is not EventKind.BRIEFING  # the real briefings are listed themselves
    ]


def _action(a: OpenAction, teams: dict[str, Team], today: date) -> WeekItem:
    return WeekItem(
        day=a.due,
        kind=ItemKind.ACTION,
        text=a.title,
        team_id=a.team_id,
        team=teams[a.team_id].name,
        late_days=max(0, (today - a.due).days),
        who=a.owner,
        ref=a.id,
    )


def _briefing(b: Briefing, teams: dict[str, Team]) -> WeekItem:
    team = teams[b.team_id].name if b.team_id else "cluster"
    return WeekItem(
        day=b.start.date(),
        kind=ItemKind.BRIEFING,
        text=f"{b.title} at {b.start:%H:%M}",
        team_id=b.team_id,
        team=team,
        ref=b.id,
    )


def _challenge(
    c: Challenge, teams: dict[str, Team], today: date, response_days: int | None
) -> WeekItem:
    """The chair owes a response within the cluster's response days of the escalation; a
    challenge waiting on its team has no such date: it is on their desk today."""
    since = c.escalated_on or c.created_at.date()
    due = since + timedelta(days=response_days) if response_days is not None else today
    return WeekItem(
        day=due,
        kind=ItemKind.CHALLENGE,
        text=c.title,
        team_id=c.team_id,
        team=teams[c.team_id].name,
        late_days=max(0, (today - due).days),
        who=c.waiting_on.value if c.waiting_on else "",
        ref=c.id,
    )


def cluster_items(
    actions: Iterable[ClusterAction],
    workshops: Iterable[Workshop],
    *,
    person: str,
    everyone: bool,
    today: date,
    days: int,
) -> list[WeekItem]:
    """The cluster's own work due from today for `days` days: its open actions owned by
    `person` (all of them when the week is the whole cluster's, `everyone`), and its review
    workshops that person attends (all when `everyone`)."""
    last = today + timedelta(days=days - 1)
    key = person.strip().casefold()
    items = [
        WeekItem(
            day=a.due,
            kind=ItemKind.CLUSTER_ACTION,
            text=a.title,
            team_id=None,
            team="cluster",
            late_days=max(0, (today - a.due).days),
            who=a.owner,
            ref=a.id,
        )
        for a in actions
        if a.due is not None
        and a.due <= last
        and a.status not in CLOSED_STATUSES
        and (everyone or (key and a.owner.strip().casefold() == key))
    ]
    items += [
        WeekItem(
            day=w.start.date(),
            kind=ItemKind.WORKSHOP,
            text=f"{w.title} at {w.start:%H:%M}",
            team_id=None,
            team="cluster",
            ref=w.id,
        )
        for w in workshops
        if today <= w.start.date() <= last
        and (everyone or any(p.name.strip().casefold() == key for p in w.attendees))
    ]
    return items
