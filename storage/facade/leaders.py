"""Aspiring leaders across the cluster, and their development activities beyond their own
school with a dated feedback log."""

from datetime import date
from typing import Any

from domain.leaders import (
    AspiringLeader,
    Feedback,
    LeaderActivity,
    Outcome,
    behaviour_list,
    parse_outcome,
)
from domain.records import check_email, optional_line, require_line, require_text
from domain.text import quoted
from storage.facade.cluster_work import ClusterWork
from storage.tables import LEADER_ACTIVITIES, LEADERS

LEADER_FIELDS = {"name", "team", "role", "email", "mentor"}
ACTIVITY_FIELDS = {
    "title",
    "where",
    "success_criteria",
    "behaviours",
    "outcome",
    "outcome_to",
    "outcome_on",
}


class LeaderVerbs(ClusterWork):
    def leaders(self) -> list[AspiringLeader]:
        found = self._cluster_records(LEADERS, AspiringLeader)
        return sorted(found, key=lambda p: p.name.casefold())

    def leader(self, ref: str) -> AspiringLeader:
        """By id prefix, or by an unambiguous start of their name."""
        key = ref.strip().casefold()
        found = self.leaders()
        named = [p for p in found if p.name.casefold() == key] or [
            p for p in found if key and p.name.casefold().startswith(key)
        ]
        if len(named) == 1:
            return named[0]
        return self._by_id_prefix(ref, found, "aspiring leader")

    def add_leader(
        self, name: str, team: str, *, role: str = "", email: str = "", mentor: str = ""
    ) -> AspiringLeader:
        stamp = self.now()
        made = AspiringLeader(
            created_at=stamp,
            updated_at=stamp,
            name=require_line(name, "An aspiring leader's name"),
            team_id=self.team(team).id,
            role=optional_line(role, "Their role"),
            email=check_email(email, name.strip() or "their"),
            mentor=optional_line(mentor, "Their mentor"),
        )
        with self._change(f"Added {made.name} as an aspiring leader"):
            self.ws.cluster_file.put(LEADERS, made)
        return made

    def update_leader(self, ref: str, **changes: Any) -> AspiringLeader:
        self._only(changes, LEADER_FIELDS, "An aspiring leader has no field {}.")
        if "name" in changes:
            changes["name"] = require_line(changes["name"], "An aspiring leader's name")
        if "team" in changes:
            changes["team_id"] = self.team(changes.pop("team")).id
        for name in ("role", "mentor"):
            if name in changes:
                changes[name] = optional_line(changes[name], f"Their {name}")
        if "email" in changes:
            changes["email"] = check_email(changes["email"], "their")
        found = self.leader(ref)
        return self._edit_cluster(
            found.id,
            LEADERS,
            AspiringLeader,
            "aspiring leader",
            lambda old: (changes, "Changed an aspiring leader"),
        )

    def delete_leader(self, ref: str) -> AspiringLeader:
        """With their activities, in one step."""
        found = self.leader(ref)
        with self._change(f"Removed {found.name} from the aspiring leaders"):
            old = self._cluster_fresh(LEADERS, found, "aspiring leader")
            for a in self.leader_activities(old.id):
                self.ws.cluster_file.remove(LEADER_ACTIVITIES, a.id)
            self.ws.cluster_file.remove(LEADERS, old.id)
        return old

    def leader_activities(self, leader_id: str | None = None) -> list[LeaderActivity]:
        found = self._cluster_records(LEADER_ACTIVITIES, LeaderActivity)
        if leader_id is not None:
            found = [a for a in found if a.leader_id == leader_id]
        return sorted(found, key=lambda a: a.created_at)

    def leader_activity(self, ref: str) -> LeaderActivity:
        found = self.leader_activities()
        return self._by_id_prefix(ref, found, "activity")

    def add_leader_activity(
        self,
        leader: str,
        title: str,
        *,
        where: str = "",
        success_criteria: str = "",
        behaviours: str = "",
        outcome: str | Outcome = Outcome.NONE,
        outcome_to: str = "",
        outcome_on: date | None = None,
    ) -> LeaderActivity:
        person = self.leader(leader)
        stamp = self.now()
        made = LeaderActivity(
            created_at=stamp,
            updated_at=stamp,
            leader_id=person.id,
            title=require_line(title, "An activity's title"),
            where=optional_line(where, "Where it happens"),
            success_criteria=success_criteria.strip(),
            behaviours=behaviour_list(behaviours),
            outcome=parse_outcome(str(outcome)),
            outcome_to=optional_line(outcome_to, "Who the outcome goes to"),
            outcome_on=outcome_on,
        )
        with self._change(f"Added an activity for {person.name}"):
            self._cluster_fresh(LEADERS, person, "aspiring leader")
            self.ws.cluster_file.put(LEADER_ACTIVITIES, made)
        return made

    def update_leader_activity(self, ref: str, **changes: Any) -> LeaderActivity:
        self._only(changes, ACTIVITY_FIELDS, "An activity has no field {}.")
        if "title" in changes:
            changes["title"] = require_line(changes["title"], "An activity's title")
        for name in ("where", "outcome_to"):
            if name in changes:
                changes[name] = optional_line(changes[name], "That field")
        if "behaviours" in changes and isinstance(changes["behaviours"], str):
            changes["behaviours"] = behaviour_list(changes["behaviours"])
        if "outcome" in changes:
            changes["outcome"] = parse_outcome(str(changes["outcome"]))
        if "success_criteria" in changes:
            changes["success_criteria"] = str(changes["success_criteria"]).strip()
        found = self.leader_activity(ref)
        return self._edit_cluster(
            found.id,
            LEADER_ACTIVITIES,
            LeaderActivity,
            "activity",
            lambda old: (changes, "Changed an activity"),
        )

    def add_feedback(self, ref: str, text: str, *, on: date | None = None) -> LeaderActivity:
        note = Feedback(on=on or self.today(), text=require_text(text, "Feedback"), by=self.user)
        found = self.leader_activity(ref)

        def edit(old: LeaderActivity) -> tuple[dict[str, Any], str]:
            log = sorted([*old.feedback, note], key=lambda f: f.on)
            return {"feedback": log}, "Added feedback"

        return self._edit_cluster(found.id, LEADER_ACTIVITIES, LeaderActivity, "activity", edit)

    def delete_leader_activity(self, ref: str) -> LeaderActivity:
        found = self.leader_activity(ref)
        with self._change(f"Deleted the activity {quoted(found.title)}"):
            old = self._cluster_fresh(LEADER_ACTIVITIES, found, "activity")
            self.ws.cluster_file.remove(LEADER_ACTIVITIES, old.id)
        return old
