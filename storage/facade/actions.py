"""The action plan: what each team has agreed to do, and its progress."""

from dataclasses import replace
from datetime import date
from typing import Any

from domain.action_list import matching
from domain.actions import ActionItem, ActionStatus, ProgressNote, parse_status
from domain.cluster import Team
from domain.records import optional_line, require_line
from domain.text import quoted
from domain.week import my_teams
from storage.facade.core import FacadeCore
from storage.tables import ACTIONS

ACTION_FIELDS = {"title", "owner", "stage", "due", "success_criteria", "evidence"}


class ActionVerbs(FacadeCore):
    def find_actions(
        self,
        *,
        team: str | None = None,
        status: str | None = None,
        open_only: bool = False,
        late: bool = False,
        due_week: bool = False,
        owner: str = "",
        coach: str = "",
        words: str = "",
    ) -> list[ActionItem]:
        """Actions across the cluster (or one team), as domain/action_list.py chooses them;
        `coach`: the teams of the coach so named (the start of a name will do)."""
        teams = self.teams()
        team_ids = {self.team(team).id} if team else None
        if coach:
            coached = {t.id for t in my_teams(teams, coach, "", coach=True)[0]}
            team_ids = coached if team_ids is None else team_ids & coached
        return matching(
            self.actions(next(iter(team_ids)) if team_ids and len(team_ids) == 1 else None),
            today=self.today(),
            status=parse_status(status) if status else None,
            open_only=open_only,
            late=late,
            due_week=due_week,
            owner=owner,
            team_ids=team_ids,
            words=words,
            team_names={t.id: t.name for t in teams},
        )

    def add_action(
        self,
        team_id: str,
        title: str,
        *,
        owner: str = "",
        stage: int | None = None,
        due: date | None = None,
        status: str | ActionStatus = ActionStatus.NOT_STARTED,
        success_criteria: str = "",
        evidence: str = "",
    ) -> ActionItem:
        with self._change("Added an action") as change:
            team = self._team(team_id)
            action = self._new_action(team, title, owner, stage, due, success_criteria)
            action.status = parse_status(str(status))
            action.evidence = evidence
            self._file(team.id).put(ACTIONS, action)
            change.label = f"Added the action {quoted(action.title)}"
        return action

    def update_action(
        self,
        action_id: str,
        *,
        status: str | ActionStatus | None = None,
        note: str = "",
        **changes: Any,
    ) -> ActionItem:
        found = self.action(action_id)
        with self._change("Changed an action") as change:
            action = self._fresh(ACTIONS, found, "action")
            updated = self._changed_action(action, status, note, **changes)
            self._file(action.team_id).put(ACTIONS, updated)
            change.label = f"Changed the action {quoted(updated.title)}"
        return updated

    def delete_action(self, action_id: str) -> ActionItem:
        found = self.action(action_id)
        with self._change("Deleted an action") as change:
            action = self._fresh(ACTIONS, found, "action")
            self._file(action.team_id).remove(ACTIONS, action.id)
            change.label = f"Deleted the action {quoted(action.title)}"
        return action

    def _new_action(
        self,
        team: Team,
        title: str,
        owner: str,
        stage: int | None,
        due: date | None,
        criteria: str,
        on: date | None = None,
    ) -> ActionItem:
        now = self.now()
        if stage is None:
            current = self.timeline(team.id).stage_on(on or self.today())
            stage = current.number if current else 1
        self.cluster().template.stage(stage)  # refuses a stage that does not exist
        return ActionItem(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            title=require_line(title, "An action's title"),
            owner=optional_line(owner, "An action's owner"),
            stage=stage,
            due=due,
            success_criteria=criteria.strip(),
        )

    def _changed_action(
        self, action: ActionItem, status: str | ActionStatus | None, note: str, **changes: Any
    ) -> ActionItem:
        self._only(changes, ACTION_FIELDS, "An action has no field {}.")
        if "title" in changes:
            changes["title"] = require_line(changes["title"], "An action's title")
        if "owner" in changes:
            changes["owner"] = optional_line(changes["owner"], "An action's owner")
        if "stage" in changes:
            self.cluster().template.stage(changes["stage"])
        notes = list(action.notes)
        if note.strip():
            notes.append(ProgressNote(date=self.today(), text=note.strip(), by=self.user))
        new_status = parse_status(str(status)) if status is not None else action.status
        return replace(action, **changes, status=new_status, notes=notes, updated_at=self.now())
