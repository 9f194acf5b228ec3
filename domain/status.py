"""Where a team stands today: the figures the coach and the chair read at a glance."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.actions import ActionItem, ActionStatus
from domain.challenges import Challenge
from domain.checkins import CheckIn, days_overdue, last_contact, next_checkin_due
from domain.cluster import Team
from domain.program import ProgramTemplate
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
    next_milestone: Milestone | None

    @property
    def checkin_overdue(self) -> bool:
        return self.checkin_overdue_days > 0


def team_status(
    team: Team,
    template: ProgramTemplate,
    today: date,
    *,
    checkins: list[CheckIn] = (),
    actions: list[ActionItem] = (),
    challenges: list[Challenge] = (),
    revisions: list[ScheduleRevision] = (),
) -> TeamStatus:
    timeline = build_timeline(team.start, template, list(revisions))
    phase = _phase(timeline, today)
    last = last_contact(list(checkins))
    due = None
    if phase is not Phase.FINISHED:
        # From the timeline's start: a revision may have postponed the whole program.
        due = next_checkin_due(list(checkins), timeline.start, template.checkin_cadence_weeks)
    planned = [a for a in actions if a.status is not ActionStatus.DROPPED]
    return TeamStatus(
        team=team,
        timeline=timeline,
        phase=phase,
        stage=timeline.stage_on(today),
        program_month=timeline.program_month(today),
        percent=timeline.percent_through(today),
        last_checkin=last.date if last else None,
        checkin_due=due,
        checkin_overdue_days=days_overdue(due, today) if due else 0,
        actions_done=sum(a.status is ActionStatus.DONE for a in planned),
        actions_total=len(planned),
        actions_overdue=sum(a.is_overdue(today) for a in actions),
        challenges_open=sum(c.is_open for c in challenges),
        challenges_escalated=sum(c.is_escalated for c in challenges),
        next_milestone=timeline.next_milestone(today),
    )


def _phase(timeline: Timeline, today: date) -> Phase:
    if today < timeline.start:
        return Phase.NOT_STARTED
    if today > timeline.end:
        return Phase.FINISHED
    return Phase.RUNNING
