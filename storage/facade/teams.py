"""The teams (schools) in the cluster and the cluster's own settings."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from domain.cluster import Cluster, Team, check_response_days
from domain.errors import ValidationError
from domain.program import ProgramTemplate
from domain.records import Person, optional_line, require_line
from domain.text import quoted
from storage.facade.core import FacadeCore, checked_people, checked_person
from storage.holidays import country_for, holidays_of
from storage.tables import CLUSTER, TEAMS

TEAM_FIELDS = {"name", "start", "coach", "members", "line_managers", "school_type"}
# cadence_weeks and holiday_country are kept in the program template.
CLUSTER_FIELDS = {
    "name",
    "chair",
    "stakeholders",
    "response_days",
    "holiday_country",
    "cadence_weeks",
}


class TeamVerbs(FacadeCore):
    def add_team(
        self,
        name: str,
        *,
        start: date,
        coach: Person,
        members: Sequence[Person] = (),
        line_managers: Sequence[Person] = (),
        school_type: str = "",
    ) -> Team:
        with self._change("") as change:
            name = self._team_name(name)
            now = self.now()
            team = Team(
                created_at=now,
                updated_at=now,
                name=name,
                start=start,
                coach=checked_person(coach, "The coach's name"),
                members=checked_people(members, "Each member's name"),
                line_managers=checked_people(line_managers, "Each line manager's name"),
                school_type=optional_line(school_type, "The school type"),
            )
            team_file = self.ws.team_file(team.id)
            # The team's own file is made with its profile, in one step: never a team without
            # its file.
            change.label = f"Added the team {team.name}"
            self.ws.stamp(team_file)
            self.ws.cluster_file.put(TEAMS, team)
        return team

    def update_team(self, team_id: str, **changes: Any) -> Team:
        with self._change("") as change:
            team = self._team(team_id)
            self._only(changes, TEAM_FIELDS, "A team has no field {}.")
            if "coach" in changes:
                changes["coach"] = checked_person(changes["coach"], "The coach's name")
            for group, what in (
                ("members", "Each member's name"),
                ("line_managers", "Each line manager's name"),
            ):
                if group in changes:
                    changes[group] = checked_people(changes[group], what)
            if "name" in changes:
                changes["name"] = self._team_name(changes["name"], team)
            updated = replace(team, **changes, updated_at=self.now())
            change.label = f"Edited the team {updated.name}"
            self.ws.cluster_file.put(TEAMS, updated)
        return updated

    def archive_team(self, ref: str) -> Team:
        """Take a team out of the program (a school left, or it was added by mistake): its
        records stay, and restore_team brings it back."""
        with self._change("") as change:
            team = self.team(ref)
            archived = replace(team, archived_on=self.today(), updated_at=self.now())
            self.ws.cluster_file.put(TEAMS, archived)
            change.label = f"Archived the team {team.name}"
        return archived

    def restore_team(self, ref: str) -> Team:
        with self._change("") as change:
            team = self.team(ref, archived=True)
            self._team_name(team.name, team)  # a team of that name may have been added since
            restored = replace(team, archived_on=None, updated_at=self.now())
            self.ws.cluster_file.put(TEAMS, restored)
            change.label = f"Restored the team {team.name}"
        return restored

    def remove_team(self, ref: str) -> tuple[Team, Path | None]:
        """Remove an archived team for good, after a backup that keeps its file (rotation
        never drops the last copy of a file that is gone). Not undoable: the caller asks."""
        with self.ws.writing():
            team = self.team(ref, archived=True)
            backup = self.ws.backup(f"before-removing-{team.id[:8]}")
            if backup is None:
                raise ValidationError(
                    f"{team.name} was not removed: a backup could not be taken first, because "
                    "a file of the workspace cannot be read."
                )
            self.ws.cluster_file.remove(TEAMS, team.id)
            self.history.clear()  # earlier steps may name the team's file, which goes now
        self.ws.remove_team_file(team.id)
        return team, backup

    def _team_name(self, name: str, renaming: Team | None = None) -> str:
        """A school's name, refused if blank or another team's."""
        name = require_line(name, "The school's name", field="name")
        others = (t for t in self.teams() if renaming is None or t.id != renaming.id)
        if any(t.name.casefold() == name.casefold() for t in others):
            raise ValidationError(f"A team named {quoted(name)} already exists.", field="name")
        return name

    # -- the cluster -----------------------------------------------------------------------

    def update_cluster(self, **changes: Any) -> Cluster:
        """Change the cluster's name, chair, executive stakeholders, the chair's response
        time (days before an escalated challenge with no response is overdue), the weeks
        between check-ins, the country whose holidays they avoid, or the settings
        an area keeps in the template (SETTINGS_HOOKS: the pulse survey's dimensions and
        anonymity threshold, the self-assessment's conditions)."""
        with self._change("Changed the cluster's settings"):
            cluster = self.cluster()
            allowed = set(CLUSTER_FIELDS).union(*(hook.fields for hook in self.SETTINGS_HOOKS))
            self._only(changes, allowed, "A cluster has no field {}.")
            if "name" in changes:
                changes["name"] = require_line(changes["name"], "The cluster's name")
            if "chair" in changes:
                changes["chair"] = checked_person(changes["chair"], "The cluster chair's name")
            if "stakeholders" in changes:
                changes["stakeholders"] = checked_people(
                    changes["stakeholders"], "Each stakeholder's name"
                )
            if "response_days" in changes:
                changes["response_days"] = check_response_days(changes["response_days"])
            template = cluster.template
            if "holiday_country" in changes:  # "auto": the timezone's country; "none": none
                template = self._holidays(str(changes.pop("holiday_country")), cluster, template)
            if "cadence_weeks" in changes:
                template = template.with_cadence(changes.pop("cadence_weeks"))
            for hook in self.SETTINGS_HOOKS:
                template = hook.apply(changes, template)
            if template != cluster.template:
                changes["template"] = template
            updated = replace(cluster, **changes, updated_at=self.now())
            self.ws.cluster_file.put(CLUSTER, updated)
        return updated

    def _holidays(self, country: str, cluster: Cluster, template: ProgramTemplate) -> Any:
        code = country.strip().upper()
        if code in ("", "AUTO"):
            code = country_for(cluster.timezone)
        elif code == "NONE":
            code = ""
        return template.with_holidays(code, holidays_of(code, self.today()))

    def invitees(self, team_id: str | None = None) -> list[tuple[str, Person]]:
        """Who can be invited to a briefing, as (group, person): the executive stakeholders,
        then the line managers and the members of the team (or of every team)."""
        teams = [self._team(team_id)] if team_id else self.teams()
        found = [("Executive stakeholder", p) for p in self.cluster().stakeholders]
        found += [(f"Line manager, {t.name}", p) for t in teams for p in t.line_managers]
        found += [(t.name, p) for t in teams for p in t.members]
        seen: set[str] = set()
        unique: list[tuple[str, Person]] = []
        for group, person in found:  # a line manager of two schools is invited once
            key = (person.email or person.name).casefold()
            if key not in seen:
                seen.add(key)
                unique.append((group, person))
        return unique
