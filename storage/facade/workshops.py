"""Cluster review workshops: planned with an agenda drafted from the latest self-assessment
round, then what they raised and agreed recorded on them; the actions agreed go straight into
the cluster plan."""

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from domain.cluster_plan import ClusterAction, Glance, glance
from domain.errors import NotFound, ValidationError
from domain.governance import check_theme
from domain.records import Person, optional_line, require_line
from domain.text import quoted
from domain.workshops import (
    Agreed,
    RaisedIssue,
    Reflection,
    Workshop,
    draft_agenda,
    parse_agenda,
)
from storage.facade.cluster_plan import ClusterPlanVerbs
from storage.facade.core import checked_people
from storage.facade.grid import GridVerbs
from storage.tables import CLUSTER_ACTIONS, WORKSHOPS

TEXT_FIELDS = ("authority_response", "next_steps", "evaluation")
WORKSHOP_FIELDS = {
    "title",
    "start",
    "place",
    "attendees",
    "agenda",
    "themes",
    "priorities",
    "issues",
    "reflections",
    *TEXT_FIELDS,
}


class WorkshopVerbs(ClusterPlanVerbs, GridVerbs):
    def workshops(self) -> list[Workshop]:
        """By date, the soonest first."""
        return sorted(self._cluster_records(WORKSHOPS, Workshop), key=lambda w: w.start)

    def workshop(self, ref: str) -> Workshop:
        return self._cluster_record(ref, WORKSHOPS, Workshop, "workshop")

    def add_workshop(
        self,
        title: str,
        start: datetime,
        *,
        place: str = "",
        attendees: list[Person] = (),  # type: ignore[assignment]
        themes: list[str] = (),  # type: ignore[assignment]
        round: str | None = None,
    ) -> Workshop:
        """A workshop whose agenda is drafted from a self-assessment round's key findings
        (the latest by default), with a slot for each discussion theme chosen."""
        chosen = [check_theme(t) for t in themes]
        found = self.assessment_rounds()
        this = self.assessment_round(round) if round or found else None
        findings = self.key_findings(this.id) if this else None
        now = self.now()
        made = Workshop(
            created_at=now,
            updated_at=now,
            title=require_line(title, "A workshop's title"),
            start=start,
            place=optional_line(place, "A workshop's place"),
            attendees=checked_people(attendees, "An attendee's name"),
            round_id=this.id if this else "",
            themes=chosen,
            agenda=draft_agenda(findings, chosen),
        )
        with self._change(f"Planned the workshop {quoted(made.title)}"):
            self.ws.cluster_file.put(WORKSHOPS, made)
        return made

    def update_workshop(self, ref: str, **changes: Any) -> Workshop:
        """Change the fields given: `agenda` as text (see domain.workshops.parse_agenda) or
        items, `priorities` as a ranked list (replacing the last), the rest as text."""
        checked = self._checked(changes)
        return self._edit_workshop(ref, lambda old: (checked, "Changed the workshop"))

    def record_workshop(
        self,
        ref: str,
        *,
        reflections: list[Reflection] = (),  # type: ignore[assignment]
        issues: list[RaisedIssue] = (),  # type: ignore[assignment]
        actions: list[Agreed] = (),  # type: ignore[assignment]
        **changes: Any,
    ) -> tuple[Workshop, list[ClusterAction]]:
        """What a workshop raised and agreed, in one step: every value is checked before
        anything is written. Reflections replace a school's last; issues are added; actions
        go into the cluster plan, from this workshop; `changes` as update_workshop takes."""
        found = self.workshop(ref)
        checked = self._checked(changes)
        given = self._reflections(reflections)
        raised = [_checked_issue(i) for i in issues]
        made = [self._agreed(found, a) for a in actions]
        with self._change(f"Recorded what {quoted(found.title)} raised and agreed"):
            old = self._cluster_fresh(WORKSHOPS, found, "workshop")
            schools = {r.team_id for r in given}
            kept = [r for r in old.reflections if r.team_id not in schools]
            edits = {
                **checked,
                "reflections": [*kept, *given],
                "issues": [*old.issues, *raised],
                "action_ids": [*old.action_ids, *(a.id for a in made)],
            }
            updated = replace(old, **edits, updated_at=self.now())
            for action in made:
                self.ws.cluster_file.put(CLUSTER_ACTIONS, action)
            self.ws.cluster_file.put(WORKSHOPS, updated)
        return updated, made

    def _checked(self, changes: dict[str, Any]) -> dict[str, Any]:
        """A workshop's changed fields, each checked as its kind of value is."""
        changes = dict(changes)
        self._only(changes, WORKSHOP_FIELDS, "A workshop has no field {}.")
        if "title" in changes:
            changes["title"] = require_line(changes["title"], "A workshop's title")
        if "place" in changes:
            changes["place"] = optional_line(changes["place"], "A workshop's place")
        if "attendees" in changes:
            changes["attendees"] = checked_people(changes["attendees"], "An attendee's name")
        if isinstance(changes.get("agenda"), str):
            changes["agenda"] = parse_agenda(changes["agenda"])
        if "priorities" in changes:
            ranked = [require_line(p, "A priority") for p in changes["priorities"] if p.strip()]
            changes["priorities"] = list(dict.fromkeys(ranked))
        for name in TEXT_FIELDS:
            if name in changes:
                changes[name] = str(changes[name]).strip()
        if "themes" in changes:
            changes["themes"] = [check_theme(t) for t in changes["themes"]]
        if "issues" in changes:
            changes["issues"] = [_checked_issue(i) for i in changes["issues"]]
        if "reflections" in changes:
            changes["reflections"] = self._reflections(changes["reflections"])
        return changes

    def _reflections(self, given: list[Reflection]) -> list[Reflection]:
        """Each school's reflection (the last given for it), its school checked."""
        by_team: dict[str, Reflection] = {}
        for r in given:
            if not r.worked.strip() and not r.hard.strip():
                raise ValidationError("Say what worked well, what was hard, or both.")
            team_id = self.team(r.team_id).id
            by_team[team_id] = Reflection(
                team_id=team_id, worked=r.worked.strip(), hard=r.hard.strip()
            )
        return list(by_team.values())

    def redraft_agenda(self, ref: str, themes: list[str] | None = None) -> Workshop:
        """The agenda drafted again from its round's findings (now), and the themes given."""
        found = self.workshop(ref)
        chosen = [check_theme(t) for t in (found.themes if themes is None else themes)]
        this = self._round_of(found)
        agenda = draft_agenda(self.key_findings(this.id) if this else None, chosen)
        return self._edit_workshop(
            ref, lambda old: ({"agenda": agenda, "themes": chosen}, "Drafted the agenda again")
        )

    def _round_of(self, w: Workshop):  # type: ignore[no-untyped-def]
        rounds = {r.id: r for r in self.assessment_rounds()}
        if w.round_id in rounds:
            return rounds[w.round_id]
        return self.assessment_rounds()[-1] if rounds else None

    def workshop_findings(self, w: Workshop):  # type: ignore[no-untyped-def]
        """The key findings the workshop reviews (its round's), or None without a round."""
        this = self._round_of(w)
        return (self.sustainability_grid(this.id), self.key_findings(this.id)) if this else None

    def add_reflection(self, ref: str, team: str, *, worked: str = "", hard: str = "") -> Workshop:
        """What worked well and what was hard, from the 1-to-1 with a school's leaders; a
        school's second reflection replaces its first."""
        given = Reflection(team_id=team, worked=worked, hard=hard)
        return self.record_workshop(ref, reflections=[given])[0]

    def add_issue(self, ref: str, issue: RaisedIssue) -> Workshop:
        return self.record_workshop(ref, issues=[issue])[0]

    def remove_issue(self, ref: str, number: int) -> Workshop:
        """The issue numbered `number` (1 first), as listed."""

        def edit(old: Workshop) -> tuple[dict[str, Any], str]:
            if not 1 <= number <= len(old.issues):
                raise ValidationError(f"The workshop has issues 1 to {len(old.issues)}.")
            kept = [i for n, i in enumerate(old.issues, start=1) if n != number]
            return {"issues": kept}, "Removed an issue"

        return self._edit_workshop(ref, edit)

    def agree_action(
        self,
        ref: str,
        title: str,
        *,
        owner: str = "",
        due: date | None = None,
        schools: list[str] = (),  # type: ignore[assignment]
        success_criteria: str = "",
    ) -> ClusterAction:
        """An action the workshop agreed: into the cluster plan, from this workshop, and on
        the workshop's list, in one step."""
        agreed = Agreed(
            title=title,
            owner=owner,
            due=due,
            schools=tuple(schools),
            success_criteria=success_criteria,
        )
        _, (action,) = self.record_workshop(ref, actions=[agreed])
        return action

    def _agreed(self, found: Workshop, a: Agreed) -> ClusterAction:
        """An action the workshop agreed, checked, as the cluster plan will hold it."""
        now = self.now()
        return ClusterAction(
            created_at=now,
            updated_at=now,
            title=require_line(a.title, "An action's title"),
            owner=optional_line(a.owner, "An action's owner"),
            due=a.due,
            success_criteria=a.success_criteria.strip(),
            team_ids=self._team_ids(list(a.schools)),
            origin=f"workshop:{found.id}",
        )

    def workshop_actions(self, w: Workshop) -> list[ClusterAction]:
        actions = {a.id: a for a in self.cluster_actions()}
        return [actions[i] for i in w.action_ids if i in actions]

    def delete_workshop(self, ref: str) -> Workshop:
        """The actions it agreed stay in the cluster plan."""
        found = self.workshop(ref)
        with self._change(f"Deleted the workshop {quoted(found.title)}"):
            old = self._cluster_fresh(WORKSHOPS, found, "workshop")
            self.ws.cluster_file.remove(WORKSHOPS, old.id)
        return old

    def _edit_workshop(self, ref: str, edit: Any) -> Workshop:
        return self._edit_cluster(ref, WORKSHOPS, Workshop, "workshop", edit)

    def cluster_glance(self) -> Glance:
        """The cluster's plan and next workshop, in a line for the dashboard."""
        tz = self.cluster().tz
        days = [(w.title, w.start.astimezone(tz).date()) for w in self.workshops()]
        return glance(self.cluster_actions(), days, self.today())

    def next_workshop(self) -> Workshop:
        """The next one from today, else the latest."""
        found = self.workshops()
        if not found:
            raise NotFound("No workshop yet: plan one with `flourish workshop add`.")
        today = self.today()
        coming = [w for w in found if w.start.date() >= today]
        return coming[0] if coming else found[-1]


def _checked_issue(issue: RaisedIssue) -> RaisedIssue:
    issue = replace(issue, issue=issue.issue.strip(), approach=issue.approach.strip())
    if not issue.issue:
        raise ValidationError("Say what the issue is.")
    return issue
