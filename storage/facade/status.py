"""Where each team stands today, from facts kept between calls and between sessions."""

import contextlib
import gc
from collections.abc import Iterable, Iterator

from domain.actions import ActionItem
from domain.challenges import Challenge
from domain.checkins import CheckIn
from domain.cluster import Team
from domain.program import ProgramTemplate
from domain.pulse import PulseResult
from domain.status import TeamFacts, TeamStatus, status_on, team_facts
from domain.timeline import ScheduleRevision
from storage import status_cache
from storage.atomic import file_stamp
from storage.facade.core import FacadeCore
from storage.tables import ACTIONS, CHALLENGES, CHECKINS, PULSE, REVISIONS


class StatusVerbs(FacadeCore):
    def status(self, teams: Iterable[Team] | None = None) -> list[TeamStatus]:
        """Where each team stands today.

        What each status rests on (its team's facts: domain.status.TeamFacts) is kept until the
        team's file, its profile or the template changes, so refreshing a dashboard of 500
        teams after one write reparses one team file. The facts do not depend on the day: each
        call reads them on today's date, which parses nothing. They are also saved for the
        next session (storage/status_cache.py): opening the dashboard then reads one small
        file instead of parsing every team's, on the first open of a day too."""
        cluster, today = self.cluster(), self.today()
        template, response_days = cluster.template, cluster.response_days
        with _gc_paused():
            if not self._facts:  # a new session: start from what the last one saved
                self._facts = status_cache.load(self.ws.root, template)
            known = dict(self._facts)
            statuses = [
                status_on(self._team_facts(team, template), today, response_days)
                for team in (self.teams() if teams is None else teams)
            ]
            if self._facts != known:  # some were worked out again: keep them for next time
                # A copy: another screen's worker may be adding to it meanwhile.
                status_cache.save(self.ws.root, template, dict(self._facts))
        return statuses

    def _team_facts(self, team: Team, template: ProgramTemplate) -> TeamFacts:
        team_file = self._file(team.id)
        key = (file_stamp(team_file.path), team, template)
        cached = self._facts.get(team.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        facts = team_facts(
            team,
            template,
            checkins=self._records(team.id, CHECKINS, CheckIn),
            actions=self._records(team.id, ACTIONS, ActionItem),
            challenges=self._records(team.id, CHALLENGES, Challenge),
            revisions=self._records(team.id, REVISIONS, ScheduleRevision),
            pulse=self._records(team.id, PULSE, PulseResult),
        )
        if key[0] is not None and key[0] == file_stamp(team_file.path):  # unchanged meanwhile
            self._facts[team.id] = (key, facts)
        # Keeping every team's parsed file would make each later garbage collection walk
        # millions of objects (a visible stall at 500 teams); one file re-reads in a blink.
        self.ws.read(team_file.storage.release)
        return facts


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Reading every team allocates hundreds of thousands of objects and no reference cycles;
    the cycle collector would otherwise walk them all, again and again, for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
