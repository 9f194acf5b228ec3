"""Searching the cluster's records (domain/search.py has the rules)."""

from domain.cluster_plan import ClusterAction, ClusterGoal
from domain.errors import ValidationError
from domain.journey import JourneyStep
from domain.leaders import AspiringLeader, LeaderActivity
from domain.search import ClusterWork, Hit, search, words
from domain.workshops import Workshop
from storage.facade.briefings import BriefingVerbs
from storage.facade.cluster_work import ClusterWork as ClusterRecords
from storage.facade.goals import GoalVerbs
from storage.tables import (
    CLUSTER_ACTIONS,
    CLUSTER_GOALS,
    JOURNEY,
    LEADER_ACTIVITIES,
    LEADERS,
    WORKSHOPS,
)


class SearchVerbs(BriefingVerbs, GoalVerbs, ClusterRecords):
    def search(self, query: str, team: str | None = None) -> list[Hit]:
        """Check-in notes, actions, challenges, goals and briefing agendas holding every word
        of `query`, newest first: one team's, or the whole cluster's with its own work."""
        if not words(query):
            raise ValidationError("Give a word or two to search for, e.g. reading programme.")
        team_id = self.team(team).id if team else None
        teams = [team_id] if team_id else [t.id for t in self.teams()]
        return search(
            query,
            checkins=[c for t in teams for c in self.checkins(t)],
            actions=[a for t in teams for a in self.actions(t)],
            challenges=[c for t in teams for c in self.challenges(t)],
            goals=[g for t in teams for g in self.goals(t)],
            briefings=[b for b in self.briefings() if team_id is None or b.team_id == team_id],
            cluster=self._cluster_work() if team_id is None else ClusterWork(),
        )

    def _cluster_work(self) -> ClusterWork:
        read = self._cluster_records
        return ClusterWork(
            actions=read(CLUSTER_ACTIONS, ClusterAction),
            goals=read(CLUSTER_GOALS, ClusterGoal),
            workshops=read(WORKSHOPS, Workshop),
            journey=read(JOURNEY, JourneyStep),
            leaders=read(LEADERS, AspiringLeader),
            activities=read(LEADER_ACTIVITIES, LeaderActivity),
        )
