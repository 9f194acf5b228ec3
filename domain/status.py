"""Where a team stands today: the figures the coach and the chair read at a glance.

A status is worked out in two steps: `team_facts` reads a team's records into what does not
depend on the day (its timeline, the check-in due date, counts, the dates that decide what is
overdue), and `status_on` reads those facts on a given day. Only the first parses records, so
a new day costs no file reads. Facts are saved between sessions (storage/status_cache.py):
when TeamFacts or the rules here change, raise that module's VERSION so that facts worked out
the old way are dropped.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.actions import CLOSED_STATUSES, ActionItem, ActionStatus
from domain.challenges import Challenge, ChallengeStatus
from domain.checkins import CheckIn, days_overdue, last_contact, next_checkin_due
from domain.cluster import DEFAULT_RESPONSE_DAYS, Team
from domain.expected import with_expected_checkins
from domain.program import ProgramTemplate
from domain.pulse import LatestPulse, PulseResult, latest
from domain.timeline import Milestone, ScheduleRevision, StageWindow, Timeline, build_timeline


class Phase(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    FINISHED = "finished"


@dataclass(frozen=True, kw_only=True)
class TeamStatus:
    team: Team
    timeline: Timeline
    phase: Phase
    stage: StageWindow | None
    program_month: int
    percent: float
    last_checkin: date | None
    checkin_due: date | None  # None once the program has finished
    checkin_overdue_days: int
    actions_done: int
    actions_total: int  # dropped items are no longer part of the plan
    actions_overdue: int
    challenges_open: int
    challenges_escalated: int
    challenges_overdue: int  # awaiting the chair beyond the cluster's response time
    next_milestone: Milestone | None
    pulse: LatestPulse | None = None  # the latest month's pulse survey, if any

    @property
    def checkin_overdue(self) -> bool:
        return self.checkin_overdue_days > 0


@dataclass(frozen=True, kw_only=True)
class TeamFacts:
    """What a team's status depends on, apart from the day: worked out from its records once,
    then read on any day by `status_on`."""

    team: Team
    timeline: Timeline
    last_checkin: date | None
    checkin_due: date  # from the check-ins and the timeline; status_on drops it once finished
    actions_done: int
    actions_total: int
    open_action_dues: tuple[date, ...]  # due dates of actions still open, sorted
    challenges_open: int
    challenges_escalated: int
    awaiting_chair_since: tuple[date, ...]  # escalated_on of those awaiting the chair, sorted
    pulse: LatestPulse | None = None


def team_facts(
    team: Team,
    template: ProgramTemplate,
    *,
    checkins: Sequence[CheckIn] = (),
    actions: Sequence[ActionItem] = (),
    challenges: Sequence[Challenge] = (),
    revisions: Sequence[ScheduleRevision] = (),
    pulse: Sequence[PulseResult] = (),
) -> TeamFacts:
    timeline = with_expected_checkins(
        build_timeline(team.start, template, list(revisions)), list(checkins), template
    )
    last = last_contact(list(checkins))
    planned = [a for a in actions if a.status is not ActionStatus.DROPPED]
    return TeamFacts(
        team=team,
        timeline=timeline,
        last_checkin=last.date if last else None,
        # From the timeline's start: a revision may have postponed the whole program.
        checkin_due=next_checkin_due(
            list(checkins), timeline.start, template.checkin_cadence_weeks, template.holidays
        ),
        actions_done=sum(a.status is ActionStatus.DONE for a in planned),
        actions_total=len(planned),
        # ActionItem.is_overdue: a due date, before today, and not done or dropped.
        open_action_dues=tuple(
            sorted(a.due for a in actions if a.due is not None and a.status not in CLOSED_STATUSES)
        ),
        challenges_open=sum(c.is_open for c in challenges),
        challenges_escalated=sum(c.is_escalated for c in challenges),
        # Challenge.waiting_days: only while escalated (the chair has not responded yet).
        awaiting_chair_since=tuple(
            sorted(
                c.escalated_on
                for c in challenges
                if c.status is ChallengeStatus.ESCALATED and c.escalated_on is not None
            )
        ),
        pulse=latest(list(pulse), template.pulse_dimensions, template.pulse_min_responses),
    )


def status_on(
    facts: TeamFacts, today: date, response_days: int = DEFAULT_RESPONSE_DAYS
) -> TeamStatus:
    """The status on `today`, from facts worked out on any day: no records are read."""
    timeline = facts.timeline
    phase = _phase(timeline, today)
    due = None if phase is Phase.FINISHED else facts.checkin_due
    return TeamStatus(
        team=facts.team,
        timeline=timeline,
        phase=phase,
        stage=timeline.stage_on(today),
        program_month=timeline.program_month(today),
        percent=timeline.percent_through(today),
        last_checkin=facts.last_checkin,
        checkin_due=due,
        checkin_overdue_days=days_overdue(due, today) if due else 0,
        actions_done=facts.actions_done,
        actions_total=facts.actions_total,
        actions_overdue=bisect_left(facts.open_action_dues, today),  # due < today
        challenges_open=facts.challenges_open,
        challenges_escalated=facts.challenges_escalated,
        # Challenge.is_overdue: (today - escalated_on).days > response_days.
        challenges_overdue=bisect_left(
            facts.awaiting_chair_since, today - timedelta(days=response_days)
        ),
        next_milestone=timeline.next_milestone(today),
        pulse=facts.pulse,
    )


def team_status(
    team: Team,
    template: ProgramTemplate,
    today: date,
    *,
    checkins: Sequence[CheckIn] = (),
    actions: Sequence[ActionItem] = (),
    challenges: Sequence[Challenge] = (),
    revisions: Sequence[ScheduleRevision] = (),
    pulse: Sequence[PulseResult] = (),
    response_days: int = DEFAULT_RESPONSE_DAYS,
) -> TeamStatus:
    facts = team_facts(
        team,
        template,
        checkins=checkins,
        actions=actions,
        challenges=challenges,
        revisions=revisions,
        pulse=pulse,
    )
    return status_on(facts, today, response_days)


def _phase(timeline: Timeline, today: date) -> Phase:
    if today < timeline.start:
        return Phase.NOT_STARTED
    if today > timeline.end:
        return Phase.FINISHED
    return Phase.RUNNING
