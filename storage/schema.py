"""What each table holds, so that a file can be checked record by record before it is written
or offered as a backup: valid JSON can still hold a record no Flourish could have written (an
impossible date typed into a check-in)."""

from typing import Any

from domain.actions import ActionItem
from domain.briefings import Briefing
from domain.challenges import Challenge
from domain.checkins import CheckIn
from domain.cluster import Cluster, Team
from domain.cluster_plan import ClusterAction, ClusterGoal
from domain.diagnostic import DiagnosticResponse
from domain.goals import Goal
from domain.governance import GovernanceAnswer, GovernanceChoice
from domain.journey import JourneyStep
from domain.leaders import AspiringLeader, LeaderActivity
from domain.pulse import PulseResult
from domain.sustainability import AssessmentRound, Rating
from domain.timeline import ScheduleRevision
from domain.workshops import Workshop
from storage.codec import BadRecord, from_record
from storage.tables import (
    ACTIONS,
    BRIEFINGS,
    CHALLENGES,
    CHECKINS,
    CLUSTER,
    CLUSTER_ACTIONS,
    CLUSTER_GOALS,
    DIAGNOSTIC,
    GOALS,
    GOVERNANCE,
    GOVERNANCE_ANSWERS,
    JOURNEY,
    LEADER_ACTIVITIES,
    LEADERS,
    PULSE,
    RATINGS,
    REVISIONS,
    ROUNDS,
    TEAMS,
    WORKSHOPS,
)

RECORD_TYPES: dict[str, type[Any]] = {
    CLUSTER: Cluster,
    TEAMS: Team,
    BRIEFINGS: Briefing,
    ROUNDS: AssessmentRound,
    ACTIONS: ActionItem,
    CHECKINS: CheckIn,
    CHALLENGES: Challenge,
    REVISIONS: ScheduleRevision,
    PULSE: PulseResult,
    RATINGS: Rating,
    DIAGNOSTIC: DiagnosticResponse,
    GOALS: Goal,
    CLUSTER_ACTIONS: ClusterAction,
    CLUSTER_GOALS: ClusterGoal,
    WORKSHOPS: Workshop,
    JOURNEY: JourneyStep,
    GOVERNANCE: GovernanceChoice,
    GOVERNANCE_ANSWERS: GovernanceAnswer,
    LEADERS: AspiringLeader,
    LEADER_ACTIVITIES: LeaderActivity,
}


def damaged_record(data: dict[str, Any]) -> str | None:
    """Why a file's records could not all be read back, or None when they can."""
    for table, cls in RECORD_TYPES.items():
        docs = data.get(table, {})
        if not isinstance(docs, dict):
            return f"its {table} table is not a table"
        for doc in docs.values():
            try:
                from_record(cls, doc)
            except BadRecord as e:
                record_id = doc.get("id", "?") if isinstance(doc, dict) else "?"
                return f"{e} (record {record_id} in {table})"
    return None
