"""The cluster development plan: cluster actions, their cascade into the schools' plans, and
the cluster's goals (for the plan and for governance), linked to its actions."""

from dataclasses import replace
from datetime import date
from typing import Any

from domain.actions import ActionItem, ActionStatus, ProgressNote, parse_status
from domain.cluster import Team
from domain.cluster_plan import (
    Cascade,
    ClusterAction,
    ClusterGoal,
    GoalArea,
    Linked,
    cascade_origin,
    cascade_progress,
    check_origin,
    to_cascade,
)
from domain.errors import FlourishError, ValidationError
from domain.goals import check_fields
from domain.program import ProgramTemplate
from domain.records import optional_line, parse_choice, require_line
from domain.sustainability import find_condition
from domain.text import quoted
from domain.timeline import ScheduleRevision, build_timeline
from domain.workshops import Workshop
from storage.facade.actions import ActionVerbs
from storage.facade.cluster_work import ClusterWork
from storage.tables import ACTIONS, CLUSTER_ACTIONS, CLUSTER_GOALS, REVISIONS, WORKSHOPS

PLAN_FIELDS = {"title", "owner", "due", "success_criteria", "evidence", "schools", "origin"}


class ClusterPlanVerbs(ActionVerbs, ClusterWork):
    # -- cluster actions -------------------------------------------------------------------

    def cluster_actions(self) -> list[ClusterAction]:
        """Open ones first, by due date, then closed ones."""
        found = self._cluster_records(CLUSTER_ACTIONS, ClusterAction)
        closed = {ActionStatus.DONE, ActionStatus.DROPPED}
        return sorted(
            found,
            key=lambda a: (a.status in closed, a.due or date.max, a.title.casefold()),
        )

    def cluster_action(self, ref: str) -> ClusterAction:
        return self._cluster_record(ref, CLUSTER_ACTIONS, ClusterAction, "cluster action")

    def add_cluster_action(
        self,
        title: str,
        *,
        owner: str = "",
        due: date | None = None,
        status: str | ActionStatus = ActionStatus.NOT_STARTED,
        success_criteria: str = "",
        evidence: str = "",
        schools: list[str] = (),  # type: ignore[assignment]
        origin: str = "",
    ) -> ClusterAction:
        now = self.now()
        made = ClusterAction(
            created_at=now,
            updated_at=now,
            title=require_line(title, "A cluster action's title"),
            owner=optional_line(owner, "A cluster action's owner"),
            due=due,
            status=parse_status(str(status)),
            success_criteria=success_criteria.strip(),
            evidence=evidence.strip(),
            team_ids=self._team_ids(list(schools)),
            origin=self._origin(check_origin(origin)),
        )
        with self._change(f"Added the cluster action {quoted(made.title)}"):
            self.ws.cluster_file.put(CLUSTER_ACTIONS, made)
        return made

    def update_cluster_action(
        self,
        ref: str,
        *,
        status: str | ActionStatus | None = None,
        note: str = "",
        **changes: Any,
    ) -> ClusterAction:
        """Change the fields given (`schools` as team names or ids), set its status, or add a
        progress note; only what is given changes."""
        self._only(changes, PLAN_FIELDS, "A cluster action has no field {}.")
        if "title" in changes:
            changes["title"] = require_line(changes["title"], "A cluster action's title")
        if "owner" in changes:
            changes["owner"] = optional_line(changes["owner"], "A cluster action's owner")
        if "schools" in changes:
            changes["team_ids"] = self._team_ids(list(changes.pop("schools")))
        if "origin" in changes:
            changes["origin"] = self._origin(check_origin(changes["origin"]))
        for text in ("success_criteria", "evidence"):
            if text in changes:
                changes[text] = str(changes[text]).strip()
        new_status = parse_status(str(status)) if status is not None else None

        def edit(old: ClusterAction) -> tuple[dict[str, Any], str]:
            edits = dict(changes)
            if new_status is not None and new_status != old.status:
                edits["status"] = new_status
            if note.strip():
                added = ProgressNote(date=self.today(), text=note.strip(), by=self.user)
                edits["notes"] = [*old.notes, added]
            return edits, f"Changed the cluster action {quoted(edits.get('title', old.title))}"

        return self._edit_cluster(ref, CLUSTER_ACTIONS, ClusterAction, "cluster action", edit)

    def delete_cluster_action(self, ref: str) -> ClusterAction:
        """The schools' linked actions stay in their plans."""
        found = self.cluster_action(ref)
        with self._change(f"Deleted the cluster action {quoted(found.title)}"):
            old = self._cluster_fresh(CLUSTER_ACTIONS, found, "cluster action")
            self.ws.cluster_file.remove(CLUSTER_ACTIONS, old.id)
        return old

    def cascade_cluster_action(self, ref: str, owner: str = "") -> list[ActionItem]:
        """A linked action in each involved school's plan that has none yet, in one undoable
        step across the cluster file and those schools' files."""
        found = self.cluster_action(ref)
        with self._change("") as change:
            old = self._cluster_fresh(CLUSTER_ACTIONS, found, "cluster action")
            if not old.team_ids:
                raise ValidationError(
                    f"{quoted(old.title)} involves no school yet: name the schools first "
                    "(--schools, or Schools in its form)."
                )
            linked = self.linked_actions(old.cascaded)
            # Read once for every school, not once per school: at 500 schools that is seconds.
            teams, template, today = self._every_team(), self.cluster().template, self.today()
            made = []
            for team_id in to_cascade(old, linked):
                team = teams[team_id]
                stage = self._stage_on(team, template, today)
                action = self._new_action(
                    team, old.title, owner, stage, old.due, old.success_criteria
                )
                action.origin = cascade_origin(old)
                self._file(team_id).put(ACTIONS, action)
                made.append(action)
            if not made:
                raise ValidationError(
                    f"Every school involved in {quoted(old.title)} has its linked action already."
                )
            cascaded = {**old.cascaded, **{a.team_id: a.id for a in made}}
            updated = replace(old, cascaded=cascaded, updated_at=self.now())
            self.ws.cluster_file.put(CLUSTER_ACTIONS, updated)
            change.label = f"Cascaded {quoted(old.title)} to {len(made)} schools"
        return made

    def _stage_on(self, team: Team, template: ProgramTemplate, day: date) -> int:
        """The team's stage on `day` by its own (revised) timeline; 1 before it starts."""
        revisions = sorted(
            self._records(team.id, REVISIONS, ScheduleRevision), key=lambda r: r.created_at
        )
        current = build_timeline(team.start, template, revisions).stage_on(day)
        return current.number if current else 1

    def cascade(self, action: ClusterAction) -> Cascade:
        return cascade_progress(action, self.linked_actions(action.cascaded), self.today())

    def cascaded_actions(self, action: ClusterAction) -> dict[str, Linked]:
        """Each school's linked action that still exists, by team id."""
        linked = self.linked_actions(action.cascaded)
        return {t: linked[i] for t, i in action.cascaded.items() if i in linked}

    def _origin(self, origin: str) -> str:
        """An origin whose record exists: a goal or workshop by id prefix, a finding by its
        condition; stored with the whole id."""
        kind, _, ref = origin.partition(":")
        if kind == "goal":
            return f"goal:{self.cluster_goal(ref).id}"
        if kind == "workshop":
            return f"workshop:{self._cluster_record(ref, WORKSHOPS, Workshop, 'workshop').id}"
        if kind == "finding":
            return f"finding:{find_condition(self.cluster().template.conditions, ref).key}"
        return origin

    def origin_label(self, action: ClusterAction) -> str:
        """Where the action came from, in words; "" when not said or gone."""
        kind, _, ref = action.origin.partition(":")
        try:
            if kind == "goal":
                return f"the cluster goal {quoted(self.cluster_goal(ref).want)}"
            if kind == "workshop":
                found = self._cluster_record(ref, WORKSHOPS, Workshop, "workshop")
                return f"the workshop {quoted(found.title)}"
            if kind == "finding":
                condition = find_condition(self.cluster().template.conditions, ref)
                return f"the key finding on {condition.label}"
        except FlourishError:  # gone, or a condition since removed
            return ""
        return ""

    # -- cluster goals ---------------------------------------------------------------------

    def cluster_goals(self, area: str | GoalArea | None = None) -> list[ClusterGoal]:
        found = self._cluster_records(CLUSTER_GOALS, ClusterGoal)
        if area is not None:
            wanted = parse_choice(GoalArea, str(area), "goal area")
            found = [g for g in found if g.area is wanted]
        return sorted(found, key=lambda g: g.created_at)

    def cluster_goal(self, ref: str) -> ClusterGoal:
        return self._cluster_record(ref, CLUSTER_GOALS, ClusterGoal, "cluster goal")

    def add_cluster_goal(
        self,
        *,
        now: str,
        want: str,
        now_evidence: str = "",
        want_evidence: str = "",
        area: str | GoalArea = GoalArea.PLAN,
    ) -> ClusterGoal:
        fields = check_fields(
            {"now": now, "want": want, "now_evidence": now_evidence, "want_evidence": want_evidence}
        )
        stamp = self.now()
        made = ClusterGoal(
            created_at=stamp,
            updated_at=stamp,
            area=parse_choice(GoalArea, str(area), "goal area"),
            **fields,
        )
        with self._change("Added where the cluster wants to be"):
            self.ws.cluster_file.put(CLUSTER_GOALS, made)
        return made

    def update_cluster_goal(self, ref: str, **changes: str) -> ClusterGoal:
        checked = check_fields(changes)
        return self._edit_cluster(
            ref,
            CLUSTER_GOALS,
            ClusterGoal,
            "cluster goal",
            lambda old: (checked, "Changed a cluster goal"),
        )

    def delete_cluster_goal(self, ref: str) -> ClusterGoal:
        found = self.cluster_goal(ref)
        with self._change("Deleted a cluster goal"):
            old = self._cluster_fresh(CLUSTER_GOALS, found, "cluster goal")
            self.ws.cluster_file.remove(CLUSTER_GOALS, old.id)
        return old

    def link_cluster_action(self, ref: str, action_ref: str, unlink: bool = False) -> ClusterGoal:
        action = self.cluster_action(action_ref)

        def link(old: ClusterGoal) -> tuple[dict[str, Any], str]:
            if unlink:
                if action.id not in old.action_ids:
                    raise ValidationError(f"{quoted(action.title)} is not linked to this goal.")
                kept = [i for i in old.action_ids if i != action.id]
                return {"action_ids": kept}, f"Unlinked {quoted(action.title)}"
            if action.id in old.action_ids:
                return {}, ""
            return {"action_ids": [*old.action_ids, action.id]}, f"Linked {quoted(action.title)}"

        return self._edit_cluster(ref, CLUSTER_GOALS, ClusterGoal, "cluster goal", link)

    def cluster_goal_actions(self, goal: ClusterGoal) -> list[ClusterAction]:
        actions = {a.id: a for a in self.cluster_actions()}
        return [actions[i] for i in goal.action_ids if i in actions]
