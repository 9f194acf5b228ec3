"""Searching the cluster's records (domain/search.py has the rules)."""

from domain.errors import ValidationError
from domain.search import Hit, search, words
from storage.facade.briefings import BriefingVerbs
from storage.facade.goals import GoalVerbs


class SearchVerbs(BriefingVerbs, GoalVerbs):
    def search(self, query: str, team: str | None = None) -> list[Hit]:
        """Check-in notes, actions, challenges, goals and briefing agendas holding every word
        of `query`, newest first: one team's, or the whole cluster's."""
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
        )
