"""The week across a person's teams (domain/week.py has the rules): for the command line's
`agenda` and the app's week view alike."""

from dataclasses import dataclass
from datetime import date

from domain.cluster_plan import ClusterAction
from domain.errors import ValidationError
from domain.week import WeekItem, cluster_items, my_teams, week
from domain.workshops import Workshop
from storage.facade.briefings import BriefingVerbs
from storage.facade.cluster_work import ClusterWork
from storage.tables import CLUSTER_ACTIONS, WORKSHOPS

MAX_DAYS = 366


@dataclass(frozen=True, kw_only=True)
class Week:
    items: list[WeekItem]
    whose: str  # "Helen Okafor's teams", "the whole cluster"
    first: date
    days: int


class WeekVerbs(BriefingVerbs, ClusterWork):
    def week(self, person: str = "", days: int = 7, *, coach: bool = False) -> Week:
        """What is due across `person`'s teams from today for `days` days (late things
        first): the whole cluster for the chair or for no one named. `coach`: `person` was
        typed as a coach's name (the start of one will do)."""
        if not 1 <= days <= MAX_DAYS:
            raise ValidationError(f"--days is a number of days from 1 to {MAX_DAYS}, not {days}.")
        cluster = self.cluster()
        teams, whose = my_teams(self.teams(), person, cluster.chair.name, coach=coach)
        ids = {t.id for t in teams}
        key = person.strip().casefold()
        chair = not key or (cluster.chair.name.strip().casefold() == key and not coach)
        items = week(
            statuses=self.status(teams),
            desks=self.ws.read(self.desks, teams),
            briefings=self.briefings(),
            today=self.today(),
            days=days,
            chair=chair,
            response_days=cluster.response_days,
        )
        items = [i for i in items if i.team_id is None or i.team_id in ids]
        # The cluster's own actions the person owns, and the review workshops they attend:
        # every one for the whole cluster's week (the chair's, or no one named).
        items += cluster_items(
            self._cluster_records(CLUSTER_ACTIONS, ClusterAction),
            self._cluster_records(WORKSHOPS, Workshop),
            person=person or cluster.chair.name,
            everyone=chair and not person.strip(),
            today=self.today(),
            days=days,
        )
        items.sort(key=lambda i: (not i.late, i.day, i.team.casefold(), i.text))
        return Week(items=items, whose=whose, first=self.today(), days=days)
