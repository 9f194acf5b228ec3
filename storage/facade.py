"""The one facade: every user verb, validated, in one place. The TUI and the CLI only call this.

Each write holds the workspace lock and saves each file it touches once, so a verb within one
file, such as "log a check-in with the actions agreed", lands whole or not at all.
"""

import contextlib
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path

from domain.actions import ActionItem, ActionStatus, ProgressNote, parse_status
from domain.agenda import draft_agenda
from domain.briefings import (
    DEFAULT_MINUTES,
    DEFAULT_TIME,
    Briefing,
    BriefingStatus,
    check_minutes,
    check_start,
    default_plan,
)
from domain.challenges import (
    ChairResponse,
    Challenge,
    ChallengeKind,
    ChallengeStatus,
    Level,
    ResponseKind,
    StatusChange,
    check_move,
    parse_category,
    parse_level,
    parse_outcome,
    parse_response,
    parse_waiting_on,
    queue_order,
    severity_of,
)
from domain.checkins import CheckIn, parse_kind
from domain.cluster import Cluster, Team, check_response_days, check_timezone
from domain.errors import Ambiguous, NotFound, ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.pulse import PulseResult
from domain.records import Person, parse_choice, require_text
from domain.status import TeamFacts, TeamStatus, status_on, team_facts
from domain.timeline import (
    ScheduleRevision,
    Timeline,
    build_timeline,
    check_effect,
    describe_revision,
)
from storage import status_cache
from storage.atomic import file_stamp
from storage.clock import Clock, utc_now
from storage.facade_assess import AssessVerbs
from storage.facade_exports import ExportVerbs
from storage.facade_findings import FindingActions
from storage.facade_pulse import PulseVerbs
from storage.tables import (
    ACTIONS,
    BRIEFINGS,
    CHALLENGES,
    CHECKINS,
    CLUSTER,
    PULSE,
    REVISIONS,
    TEAM_TABLES,
    TEAMS,
)
from storage.workspace import RecordFile, Workspace


@dataclass(kw_only=True)
class NewAction:
    """An action agreed at a check-in."""

    title: str
    owner: str = ""
    due: date | None = None
    stage: int | None = None  # defaults to the team's stage on the check-in date
    success_criteria: str = ""


@dataclass(kw_only=True)
class ActionChange:
    """A change to an existing action agreed at a check-in."""

    action_id: str
    status: str | ActionStatus | None = None
    note: str = ""


@dataclass
class Change:
    """One verb's writes, kept so that it can be undone: what it did and the documents it
    replaced, as (file, table, id, before, after)."""

    label: str
    entries: list = field(default_factory=list)


UNDO_DEPTH = 50


class Flourish(ExportVerbs, PulseVerbs, AssessVerbs, FindingActions):
    def __init__(self, workspace: Workspace, user: str = ""):
        self.ws = workspace
        self.user = user
        self._undo: list[Change] = []
        self._facts: dict[str, tuple[tuple, TeamFacts]] = {}  # by team id, with their key

    @classmethod
    def open(cls, root: Path, clock: Clock = utc_now, user: str = "") -> "Flourish":
        return cls(Workspace.open(root, clock), user)

    @classmethod
    def create(
        cls,
        root: Path,
        *,
        name: str,
        timezone: str,
        chair: Person,
        stage_months: tuple[int, ...] | None = None,
        cadence_weeks: int | None = None,
        clock: Clock = utc_now,
        user: str = "",
        demo: bool = False,
    ) -> "Flourish":
        template = DEFAULT_TEMPLATE
        if stage_months:
            template = template.with_stage_months(stage_months)
        if cadence_weeks:
            template = template.with_cadence(cadence_weeks)
        now = clock()
        cluster = Cluster(
            created_at=now,
            updated_at=now,
            name=require_text(name, "The cluster's name"),
            timezone=check_timezone(timezone),
            chair=_person(chair, "The cluster chair's name"),
            template=template,
        )
        ws = Workspace.create(
            root,
            clock,
            fill=lambda f: f.put(CLUSTER, cluster),
            demo=demo,
            created_at=now.isoformat(),
        )
        return cls(ws, user)

    # -- time ------------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.ws.clock()

    def today(self) -> date:
        """Today in the cluster's timezone: a coach in Sydney logs on Sydney's date."""
        return self.now().astimezone(self.cluster().tz).date()

    # -- reading ---------------------------------------------------------------------------

    @property
    def is_demo(self) -> bool:
        return bool(self.ws.meta.get("demo"))

    def cluster(self) -> Cluster:
        (cluster,) = self.ws.read(self.ws.cluster_file.all, CLUSTER, Cluster)
        return cluster

    def teams(self) -> list[Team]:
        teams = self.ws.read(self.ws.cluster_file.all, TEAMS, Team)
        return sorted(teams, key=lambda t: t.name.casefold())

    def team(self, ref: str) -> Team:
        """A team by id, or by an unambiguous case-insensitive prefix of its name or id."""
        teams = self.teams()
        key = ref.strip().casefold()
        if not key:
            raise ValidationError("Name a team (its name or id).")
        for team in teams:
            if key in (team.id, team.name.casefold()):
                return team
        matches = [t for t in teams if t.name.casefold().startswith(key)]
        matches = matches or [t for t in teams if len(key) >= 4 and t.id.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = [t.name for t in matches]
            raise Ambiguous(
                f"{ref!r} matches {len(names)} teams: {', '.join(names)}. Type more of the name.",
                names,
            )
        known = ", ".join(t.name for t in teams) or "none yet (add one with `flourish team add`)"
        raise NotFound(f"No team matches {ref!r}. Teams: {known}.")

    def timeline(self, team_id: str) -> Timeline:
        team = self._team(team_id)
        return build_timeline(team.start, self.cluster().template, self.revisions(team.id))

    def checkins(self, team_id: str | None = None) -> list[CheckIn]:
        """Newest first."""
        found = self._gather(CHECKINS, CheckIn, team_id)
        return sorted(found, key=lambda c: (c.date, c.created_at), reverse=True)

    def actions(self, team_id: str | None = None) -> list[ActionItem]:
        found = self._gather(ACTIONS, ActionItem, team_id)
        return sorted(found, key=lambda a: (a.stage, a.due or date.max, a.title.casefold()))

    def challenges(self, team_id: str | None = None) -> list[Challenge]:
        found = self._gather(CHALLENGES, Challenge, team_id)
        return sorted(found, key=lambda c: (c.raised_on, c.created_at))

    def revisions(self, team_id: str) -> list[ScheduleRevision]:
        found = self._gather(REVISIONS, ScheduleRevision, team_id)
        return sorted(found, key=lambda r: r.created_at)

    def briefings(self, team_id: str | None = None) -> list[Briefing]:
        tz = self.cluster().tz
        found = [
            replace(b, start=b.start.astimezone(tz))  # stored with an offset; shown in the zone
            for b in self.ws.read(self.ws.cluster_file.all, BRIEFINGS, Briefing)
        ]
        if team_id is not None:
            found = [b for b in found if b.team_id in (None, team_id)]
        return sorted(found, key=lambda b: b.start)

    def action(self, ref: str) -> ActionItem:
        """An action by id or unambiguous id prefix (as list commands show it)."""
        return self._by_id_prefix(ref, self.actions(), "action")

    def checkin(self, ref: str) -> CheckIn:
        return self._by_id_prefix(ref, self.checkins(), "check-in")

    def challenge(self, ref: str) -> Challenge:
        return self._by_id_prefix(ref, self.challenges(), "challenge")

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

    def _team_facts(self, team: Team, template) -> TeamFacts:
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

    # -- writing: teams --------------------------------------------------------------------

    def add_team(
        self,
        name: str,
        *,
        start: date,
        coach: Person,
        members: list[Person] = (),
        line_managers: list[Person] = (),
        school_type: str = "",
    ) -> Team:
        name = require_text(name, "The school's name")
        if any(t.name.casefold() == name.casefold() for t in self.teams()):
            raise ValidationError(f"A team named {name!r} already exists.")
        now = self.now()
        team = Team(
            created_at=now,
            updated_at=now,
            name=name,
            start=start,
            coach=_person(coach, "The coach's name"),
            members=[_person(p, "Each member's name") for p in members],
            line_managers=[_person(p, "Each line manager's name") for p in line_managers],
            school_type=school_type.strip(),
        )
        team_file = self.ws.team_file(team.id)
        # Files save in reverse order: the team's file first, so a crash between the two
        # leaves at worst an unused file, never a team without one.
        with self._change(f"Added the team {team.name}", self.ws.cluster_file, team_file):
            self.ws.stamp(team_file)
            self.ws.cluster_file.put(TEAMS, team)
        return team

    def update_team(self, team_id: str, **changes) -> Team:
        team = self._team(team_id)
        allowed = {"name", "start", "coach", "members", "line_managers", "school_type"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"A team has no field {', '.join(sorted(unknown))}.")
        if "coach" in changes:
            changes["coach"] = _person(changes["coach"], "The coach's name")
        for group, what in (
            ("members", "Each member's name"),
            ("line_managers", "Each line manager's name"),
        ):
            if group in changes:
                changes[group] = [_person(p, what) for p in changes[group]]
        if "name" in changes:
            changes["name"] = name = require_text(changes["name"], "The school's name")
            others = (t for t in self.teams() if t.id != team.id)
            if any(t.name.casefold() == name.casefold() for t in others):
                raise ValidationError(f"A team named {name!r} already exists.")
        updated = replace(team, **changes, updated_at=self.now())
        with self._change(f"Edited the team {updated.name}", self.ws.cluster_file):
            self.ws.cluster_file.put(TEAMS, updated)
        return updated

    # -- writing: action plan --------------------------------------------------------------

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
        team = self._team(team_id)
        action = self._new_action(team, title, owner, stage, due, success_criteria)
        action.status = parse_status(str(status))
        action.evidence = evidence
        with self._change(f"Added the action {action.title!r}", self._file(team.id)):
            self._file(team.id).put(ACTIONS, action)
        return action

    def update_action(
        self,
        action_id: str,
        *,
        status: str | ActionStatus | None = None,
        note: str = "",
        **changes,
    ) -> ActionItem:
        action = self.action(action_id)
        updated = self._changed_action(action, status, note, **changes)
        with self._change(f"Changed the action {updated.title!r}", self._file(action.team_id)):
            self._file(action.team_id).put(ACTIONS, updated)
        return updated

    def delete_action(self, action_id: str) -> ActionItem:
        action = self.action(action_id)
        with self._change(f"Deleted the action {action.title!r}", self._file(action.team_id)):
            self._file(action.team_id).remove(ACTIONS, action.id)
        return action

    def _new_action(self, team, title, owner, stage, due, criteria, on: date | None = None):
        now = self.now()
        if stage is None:
            current = self.timeline(team.id).stage_on(on or self.today())
            stage = current.number if current else 1
        self.cluster().template.stage(stage)  # refuses a stage that does not exist
        return ActionItem(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            title=require_text(title, "An action's title"),
            owner=owner.strip(),
            stage=stage,
            due=due,
            success_criteria=criteria.strip(),
        )

    def _changed_action(self, action: ActionItem, status, note: str, **changes) -> ActionItem:
        allowed = {"title", "owner", "stage", "due", "success_criteria", "evidence"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"An action has no field {', '.join(sorted(unknown))}.")
        if "title" in changes:
            changes["title"] = require_text(changes["title"], "An action's title")
        if "stage" in changes:
            self.cluster().template.stage(changes["stage"])
        notes = list(action.notes)
        if note.strip():
            notes.append(ProgressNote(date=self.today(), text=note.strip(), by=self.user))
        new_status = parse_status(str(status)) if status is not None else action.status
        return replace(action, **changes, status=new_status, notes=notes, updated_at=self.now())

    # -- writing: check-ins ----------------------------------------------------------------

    def log_checkin(
        self,
        team_id: str,
        *,
        on: date,
        kind: str = "coaching",
        notes: str = "",
        coach: str | None = None,
        attendees: list[str] = (),
        confidential: bool = False,
        next_checkin: date | None = None,
        new_actions: list[NewAction] = (),
        action_changes: list[ActionChange] = (),
    ) -> CheckIn:
        """Log a check-in and, in the same step, the actions agreed at it."""
        team = self._team(team_id)
        kind = self.check_checkin(on=on, kind=kind, next_checkin=next_checkin)
        agreed = [
            self._new_action(team, a.title, a.owner, a.stage, a.due, a.success_criteria, on)
            for a in new_actions
        ]
        changed: dict[str, ActionItem] = {}  # two changes to one action both apply
        for change in action_changes:
            action = self.action(change.action_id)
            if action.team_id != team.id:
                raise ValidationError(f"Action {action.title!r} belongs to another team.")
            action = changed.get(action.id, action)
            changed[action.id] = self._changed_action(action, change.status, change.note)
        changed = list(changed.values())
        now = self.now()
        checkin = CheckIn(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            date=on,
            kind=kind,
            coach=(coach if coach is not None else team.coach.name).strip(),
            attendees=[a.strip() for a in attendees if a.strip()],
            notes=notes.rstrip(),
            confidential=confidential,
            action_ids=list(dict.fromkeys(a.id for a in agreed + changed)),
            next_checkin=next_checkin,
        )
        team_file = self._file(team.id)
        with self._change(f"Logged a check-in for {team.name}", team_file):
            for action in agreed + changed:
                team_file.put(ACTIONS, action)
            team_file.put(CHECKINS, checkin)
        return checkin

    def check_checkin(self, *, on: date, kind: str, next_checkin: date | None = None):
        """The check-in kind, if a check-in with these details may be logged; call it before
        asking for notes so that nobody writes notes for a check-in that will be refused."""
        today = self.today()
        if on > today:
            raise ValidationError(
                f"The check-in date {on} is in the future (today is {today}). Log a check-in "
                "once it has happened."
            )
        if next_checkin is not None and next_checkin <= on:
            raise ValidationError(
                f"The next check-in ({next_checkin}) must come after this one ({on})."
            )
        return parse_kind(str(kind))

    def update_checkin(self, checkin_id: str, **changes) -> CheckIn:
        """Correct a logged check-in: its date, kind, notes, attendees, confidentiality."""
        checkin = self.checkin(checkin_id)
        allowed = {"date", "kind", "notes", "attendees", "confidential", "next_checkin"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"A check-in has no field {', '.join(sorted(unknown))}.")
        merged = {
            "on": changes.get("date", checkin.date),
            "kind": changes.get("kind", checkin.kind),
            "next_checkin": changes.get("next_checkin", checkin.next_checkin),
        }
        changes["kind"] = self.check_checkin(**merged)
        if "notes" in changes:
            changes["notes"] = changes["notes"].rstrip()
        if "attendees" in changes:
            changes["attendees"] = [a.strip() for a in changes["attendees"] if a.strip()]
        updated = replace(checkin, **changes, updated_at=self.now())
        if (updated.date, updated.kind) != (checkin.date, checkin.kind):
            updated.sequence += 1
        team_file = self._file(checkin.team_id)
        with self._change(f"Edited the check-in of {checkin.date}", team_file):
            team_file.put(CHECKINS, updated)
        return updated

    def delete_checkin(self, checkin_id: str) -> CheckIn:
        """Remove a check-in logged by mistake; the actions agreed at it stay in the plan."""
        checkin = self.checkin(checkin_id)
        team_file = self._file(checkin.team_id)
        with self._change(f"Deleted the check-in of {checkin.date}", team_file):
            team_file.remove(CHECKINS, checkin.id)
        return checkin

    # -- writing: the cluster --------------------------------------------------------------

    def update_cluster(self, **changes) -> Cluster:
        """Change the cluster's name, chair, executive stakeholders, the chair's response
        time (days before an escalated challenge with no response is overdue), the pulse
        survey's dimensions and anonymity threshold, or the self-assessment's conditions."""
        cluster = self.cluster()
        allowed = {"name", "chair", "stakeholders", "response_days"}
        allowed |= {"pulse_dimensions", "pulse_min_responses", "conditions"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"A cluster has no field {', '.join(sorted(unknown))}.")
        if "name" in changes:
            changes["name"] = require_text(changes["name"], "The cluster's name")
        if "chair" in changes:
            changes["chair"] = _person(changes["chair"], "The cluster chair's name")
        if "stakeholders" in changes:
            changes["stakeholders"] = _people(changes["stakeholders"], "Each stakeholder's name")
        if "response_days" in changes:
            changes["response_days"] = check_response_days(changes["response_days"])
        template = self._pulse_settings(changes, cluster.template)
        template = self._assess_settings(changes, template)
        if template != cluster.template:
            changes["template"] = template
        updated = replace(cluster, **changes, updated_at=self.now())
        with self._change("Changed the cluster's settings", self.ws.cluster_file):
            self.ws.cluster_file.put(CLUSTER, updated)
        return updated

    def invitees(self, team_id: str | None = None) -> list[tuple[str, Person]]:
        """Who can be invited to a briefing, as (group, person): the executive stakeholders,
        then the line managers and the members of the team (or of every team)."""
        teams = [self._team(team_id)] if team_id else self.teams()
        found = [("Executive stakeholder", p) for p in self.cluster().stakeholders]
        found += [(f"Line manager, {t.name}", p) for t in teams for p in t.line_managers]
        found += [(t.name, p) for t in teams for p in t.members]
        seen, unique = set(), []
        for group, person in found:  # a line manager of two schools is invited once
            key = (person.email or person.name).casefold()
            if key not in seen:
                seen.add(key)
                unique.append((group, person))
        return unique

    # -- writing: challenges ---------------------------------------------------------------

    def raise_challenge(
        self,
        team_id: str,
        *,
        category: str,
        title: str,
        kind: str | None = None,
        description: str = "",
        impact: str = "medium",
        urgency: str = "medium",
        raised_on: date | None = None,
        raised_by: str | None = None,
    ) -> Challenge:
        team = self._team(team_id)
        today = self.today()
        raised_on = raised_on or today
        if raised_on > today:
            raise ValidationError(f"A challenge cannot be raised in the future ({raised_on}).")
        now = self.now()
        by = (raised_by if raised_by is not None else self.user).strip()
        impact_level = parse_level(impact, "impact")
        urgency_level = parse_level(urgency, "urgency")
        challenge = Challenge(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            category=parse_category(category, kind),
            title=require_text(title, "A challenge's title"),
            description=description.strip(),
            impact=impact_level,
            urgency=urgency_level,
            severity=severity_of(impact_level, urgency_level),
            raised_on=raised_on,
            raised_by=by,
        )
        challenge.history.append(
            StatusChange(at=now, status=challenge.status, by=by, what="Raised")
        )
        with self._change(f"Raised the challenge {challenge.title!r}", self._file(team.id)):
            self._file(team.id).put(CHALLENGES, challenge)
        return challenge

    def challenge_overdue(self, challenge: Challenge) -> bool:
        """Escalated with no chair response within the cluster's response time."""
        return challenge.is_overdue(self.today(), self.cluster().response_days)

    def escalated(self, kind: str | None = None) -> list[Challenge]:
        """The chair's queue: every escalated challenge, most severe and longest waiting first."""
        found = [c for c in self.challenges() if c.is_escalated]
        if kind:
            wanted = parse_choice(ChallengeKind, kind, "challenge kind")
            found = [c for c in found if c.kind is wanted]
        return queue_order(found, self.today())

    def update_challenge(self, ref: str, **changes) -> Challenge:
        """Correct a challenge's title, description, category, impact or urgency."""
        challenge = self.challenge(ref)
        allowed = {"title", "description", "category", "impact", "urgency"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"A challenge has no field {', '.join(sorted(unknown))}.")
        new = dict(changes)
        if "title" in new:
            new["title"] = require_text(new["title"], "A challenge's title")
        if "description" in new:
            new["description"] = new["description"].strip()
        if "category" in new:
            new["category"] = category = parse_category(str(new["category"]))
            unfit = [r for r in challenge.responses if category.kind not in r.kind.kinds]
            if unfit:
                raise ValidationError(
                    f"{challenge.title!r} has chair responses for an {challenge.kind.value} "
                    f"challenge ({unfit[0].kind.value}); it cannot become {category.kind.value}."
                )
        for what in ("impact", "urgency"):
            if what in new:
                new[what] = parse_level(str(new[what]), what)
        said = [
            _said(name, getattr(challenge, name), value)
            for name, value in new.items()
            if getattr(challenge, name) != value
        ]
        if not said:
            return challenge
        impact = new.get("impact", challenge.impact) or Level.MEDIUM
        urgency = new.get("urgency", challenge.urgency) or Level.MEDIUM
        if "impact" in new or "urgency" in new:
            new["severity"] = severity_of(impact, urgency)
        return self._move(challenge, "Edited", "; ".join(said), **new)

    def escalate_challenge(self, ref: str, *, reason: str, schedule_impact: str) -> Challenge:
        """Hand a challenge to the chair, saying why and what it will do to the schedule."""
        challenge = self.challenge(ref)
        check_move(challenge, "escalate")
        reason = require_text(reason, "The reason for escalating")
        schedule_impact = require_text(schedule_impact, "The expected impact on the schedule")
        return self._move(
            challenge,
            "Escalated to the chair",
            reason,
            status=ChallengeStatus.ESCALATED,
            escalated_on=self.today(),
            escalation_reason=reason,
            schedule_impact=schedule_impact,
        )

    def respond_to_challenge(
        self,
        ref: str,
        *,
        kind: str,
        outcome: str,
        on: date | None = None,
        with_whom: list[str] = (),
        awaiting: str | None = None,
        revision_id: str | None = None,
    ) -> Challenge:
        """Record what the chair did: a meeting held, stakeholders contacted, a schedule
        renegotiated, other initiatives re-prioritised. The chair is then acting on it."""
        challenge = self.challenge(ref)
        check_move(challenge, "respond")
        response = self._response(challenge, kind, outcome, on, with_whom, revision_id)
        waits = parse_waiting_on(awaiting) if awaiting else response.kind.waits_on
        return self._move(
            challenge,
            response.kind.label,
            response.outcome,
            status=ChallengeStatus.CHAIR_ACTING,
            responses=[*challenge.responses, response],
            awaiting=waits,
        )

    def _response(self, challenge, kind, outcome, on, with_whom, revision_id) -> ChairResponse:
        today = self.today()
        on = on or today
        if on > today:
            raise ValidationError(f"Record a response once it has happened ({on} is to come).")
        if challenge.escalated_on and on < challenge.escalated_on:
            raise ValidationError(
                f"The response ({on}) cannot come before the escalation ({challenge.escalated_on})."
            )
        return ChairResponse(
            at=self.now(),
            kind=parse_response(str(kind), challenge.kind),
            on=on,
            by=self.user,
            with_whom=[w.strip() for w in with_whom if w.strip()],
            outcome=require_text(outcome, "The outcome of the response"),
            revision_id=revision_id,
        )

    def resolve_challenge(self, ref: str, *, resolution: str, outcome: str) -> Challenge:
        challenge = self.challenge(ref)
        check_move(challenge, "resolve")
        resolution = require_text(resolution, "The resolution")
        result = parse_outcome(outcome)
        return self._move(
            challenge,
            f"Resolved: {result.label}",
            resolution,
            status=ChallengeStatus.RESOLVED,
            resolution=resolution,
            outcome=result,
            closed_on=self.today(),
            awaiting=None,
        )

    def withdraw_challenge(self, ref: str, *, reason: str) -> Challenge:
        challenge = self.challenge(ref)
        check_move(challenge, "withdraw")
        reason = require_text(reason, "The reason for withdrawing")
        return self._move(
            challenge,
            "Withdrawn",
            reason,
            status=ChallengeStatus.WITHDRAWN,
            closed_on=self.today(),
            awaiting=None,
        )

    def reopen_challenge(self, ref: str, *, reason: str) -> Challenge:
        """Reopen a resolved challenge: back to the chair if it had been escalated (the response
        clock starts again), else back to the team."""
        challenge = self.challenge(ref)
        check_move(challenge, "reopen")
        reason = require_text(reason, "The reason for reopening")
        was_escalated = challenge.escalated_on is not None
        return self._move(
            challenge,
            "Reopened",
            reason,
            status=ChallengeStatus.ESCALATED if was_escalated else ChallengeStatus.RAISED,
            escalated_on=self.today() if was_escalated else None,
            resolution="",
            outcome=None,
            closed_on=None,
            awaiting=None,
        )

    def link_briefing(self, ref: str, briefing_id: str) -> Challenge:
        """Put a challenge on a briefing's agenda."""
        challenge = self.challenge(ref)
        briefing = self.briefing(briefing_id)
        if not challenge.is_open:
            raise ValidationError(f"{challenge.title!r} is {challenge.status.label}.")
        if briefing.team_id not in (None, challenge.team_id):
            raise ValidationError(f"{briefing.title!r} is another team's briefing.")
        if briefing.cancelled or briefing.end <= self.now():
            state = "cancelled" if briefing.cancelled else "over"
            raise ValidationError(f"{briefing.title!r} is {state}; pick a briefing to come.")
        if briefing.id in challenge.briefing_ids:
            raise ValidationError(f"{challenge.title!r} is already on {briefing.title!r}.")
        when = f"{briefing.start:%a %d %b %Y %H:%M}"
        return self._move(
            challenge,
            "Linked to a briefing",
            f"{briefing.title} ({when})",
            briefing_ids=[*challenge.briefing_ids, briefing.id],
        )

    def _move(self, challenge: Challenge, what: str, note: str = "", **changes) -> Challenge:
        """Save a change to a challenge with its history entry (the history only grows)."""
        now = self.now()
        entry = StatusChange(
            at=now,
            status=changes.get("status", challenge.status),
            by=self.user,
            note=note,
            what=what,
        )
        updated = replace(challenge, **changes, history=[*challenge.history, entry], updated_at=now)
        team_file = self._file(challenge.team_id)
        with self._change(f"{what}: {challenge.title!r}", team_file):
            team_file.put(CHALLENGES, updated)
        return updated

    # -- writing: schedule revisions -------------------------------------------------------

    def preview_revision(
        self,
        team_id: str,
        *,
        reason: str = "",
        shift_days: int = 0,
        from_stage: int | None = None,
        from_date: date | None = None,
        milestone_key: str | None = None,
        move_to: date | None = None,
        challenge_id: str | None = None,
    ) -> tuple[Timeline, Timeline, ScheduleRevision]:
        """The team's timeline before and after a proposed revision, nothing stored.
        Refuses a revision the timeline cannot take. The reason is checked on saving."""
        team = self._team(team_id)
        before = self.timeline(team.id)
        if milestone_key:
            before.milestone(milestone_key)
            if move_to is None:
                raise ValidationError("Give the date to move the milestone to.")
            if shift_days:
                raise ValidationError("Either shift the schedule or move one milestone, not both.")
        elif not shift_days:
            raise ValidationError("Give a shift such as +4w, or a milestone to move.")
        elif from_stage is None and from_date is None:
            raise ValidationError("Say where the shift starts: a stage or a date.")
        elif from_stage is not None and from_date is not None:
            raise ValidationError("Shift from a stage or from a date, not both.")
        if from_stage is not None:
            self.cluster().template.stage(from_stage)
        if challenge_id is not None:
            challenge = self.challenge(challenge_id)
            if challenge.team_id != team.id:
                raise ValidationError(f"The challenge {challenge.title!r} is another team's.")
            challenge_id = challenge.id
        now = self.now()
        revision = ScheduleRevision(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            reason=reason.strip(),
            shift_days=shift_days,
            from_stage=from_stage,
            from_date=from_date,
            milestone_key=milestone_key,
            move_to=move_to,
            challenge_id=challenge_id,
            made_by=self.user,
        )
        revisions = [*self.revisions(team.id), revision]
        after = build_timeline(team.start, self.cluster().template, revisions)
        check_effect(before, after, self.today())
        return before, after, revision

    def revise_schedule(self, team_id: str, **proposal) -> ScheduleRevision:
        """Apply a revision (see preview_revision). When it answers a challenge the chair is
        acting on, the challenge records it as the chair's response."""
        _before, _after, revision = self.preview_revision(team_id, **proposal)
        require_text(revision.reason, "The reason for the revision")
        team = self._team(team_id)
        team_file = self._file(team.id)
        challenge = self.challenge(revision.challenge_id) if revision.challenge_id else None
        with self._change(f"Revised {team.name}'s schedule", team_file):
            team_file.put(REVISIONS, revision)
            if challenge is not None:
                team_file.put(CHALLENGES, self._answered(challenge, revision))
        return revision

    def _answered(self, challenge: Challenge, revision: ScheduleRevision) -> Challenge:
        what = f"Schedule revised: {describe_revision(revision)}"
        entry = StatusChange(at=self.now(), status=challenge.status, by=self.user, what=what)
        changes = {"history": [*challenge.history, entry], "updated_at": self.now()}
        if challenge.is_escalated:
            response = ChairResponse(
                at=self.now(),
                kind=ResponseKind.REVISED_SCHEDULE,
                on=self.today(),
                by=self.user,
                outcome=revision.reason,
                revision_id=revision.id,
            )
            entry.status = ChallengeStatus.CHAIR_ACTING
            changes |= {
                "status": ChallengeStatus.CHAIR_ACTING,
                "responses": [*challenge.responses, response],
                "awaiting": ResponseKind.REVISED_SCHEDULE.waits_on,
            }
        return replace(challenge, **changes)

    def revision(self, ref: str, team_id: str | None = None) -> ScheduleRevision:
        revisions = (
            self.revisions(team_id) if team_id else self._gather(REVISIONS, ScheduleRevision, None)
        )
        return self._by_id_prefix(ref, revisions, "revision")

    def revert_revision(self, team_id: str | None, revision_id: str) -> ScheduleRevision:
        revision = self.revision(revision_id, team_id)
        team = self._team(revision.team_id)
        if not revision.active:
            raise ValidationError("That revision has already been reverted.")
        now = self.now()
        reverted = replace(revision, reverted_at=now, updated_at=now)
        team_file = self._file(team.id)
        challenge = None
        if revision.challenge_id:
            with contextlib.suppress(NotFound):
                challenge = self.challenge(revision.challenge_id)
        with self._change(f"Reverted a revision of {team.name}'s schedule", team_file):
            team_file.put(REVISIONS, reverted)
            if challenge is not None:
                what = f"Schedule revision reverted: {describe_revision(revision)}"
                entry = StatusChange(at=now, status=challenge.status, by=self.user, what=what)
                history = [*challenge.history, entry]
                team_file.put(CHALLENGES, replace(challenge, history=history, updated_at=now))
        return reverted

    # -- writing: briefings ----------------------------------------------------------------

    def briefing(self, ref: str) -> Briefing:
        return self._by_id_prefix(ref, self.briefings(), "briefing")

    def add_briefing(
        self,
        title: str,
        *,
        start: datetime,
        minutes: int = 45,
        team_id: str | None = None,
        attendees: list[Person] = (),
        location: str = "",
        agenda: str | None = None,
        plan_key: str = "",
    ) -> Briefing:
        """Schedule a briefing. With no agenda given, one is drafted from what is current."""
        briefing = self._new_briefing(
            title, start, minutes, team_id, attendees, location, agenda, plan_key
        )
        with self._change(f"Scheduled the briefing {briefing.title!r}", self.ws.cluster_file):
            self.ws.cluster_file.put(BRIEFINGS, briefing)
        return briefing

    def _new_briefing(self, title, start, minutes, team_id, attendees, location, agenda, key):
        if team_id is not None:
            team_id = self._team(team_id).id
        now = self.now()
        briefing = Briefing(  # checked in full before the agenda is drafted
            created_at=now,
            updated_at=now,
            title=require_text(title, "A briefing's title"),
            start=self._future(check_start(start)),
            minutes=check_minutes(minutes),
            team_id=team_id,
            attendees=_people(attendees, "Each attendee's name"),
            location=location.strip(),
            plan_key=key,
        )
        if agenda is None:
            agenda = self.draft_agenda(team_id, briefing.start)
        briefing.agenda = agenda.strip()
        return briefing

    def _future(self, start: datetime) -> datetime:
        if start <= self.now():
            when = start.astimezone(self.cluster().tz)
            raise ValidationError(
                f"{when:%a %d %b %Y %H:%M} has passed; schedule briefings for a time to come."
            )
        return start

    def move_briefing(
        self,
        ref: str,
        *,
        start: datetime | None = None,
        minutes: int | None = None,
        location: str | None = None,
    ) -> Briefing:
        """Reschedule a briefing: it keeps its record (and calendar identity) and its sequence
        rises so calendars update the event. Moving a cancelled briefing reinstates it."""
        briefing = self.briefing(ref)
        if briefing.end <= self.now() and start is None and not briefing.cancelled:
            raise ValidationError(
                f"{briefing.title!r} has already taken place; give it a new start to hold it again."
            )
        changes: dict = {}
        if start is not None and start != briefing.start:
            changes["start"] = self._future(check_start(start))
        if minutes is not None and minutes != briefing.minutes:
            changes["minutes"] = check_minutes(minutes)
        if location is not None and location.strip() != briefing.location:
            changes["location"] = location.strip()
        if briefing.cancelled:
            if "start" not in changes:
                self._future(briefing.start)
            changes |= {"status": BriefingStatus.SCHEDULED, "cancel_reason": ""}
        if not changes:
            raise ValidationError("That is when and where the briefing already is.")
        return self._put_briefing(
            briefing,
            f"Moved the briefing {briefing.title!r}",
            sequence=briefing.sequence + 1,
            **changes,
        )

    def cancel_briefing(self, ref: str, *, reason: str = "") -> Briefing:
        """Cancel a briefing; the record stays so calendars can mark the event cancelled."""
        briefing = self.briefing(ref)
        if briefing.cancelled:
            raise ValidationError(f"{briefing.title!r} is already cancelled.")
        if briefing.end <= self.now():
            raise ValidationError(f"{briefing.title!r} has already taken place.")
        return self._put_briefing(
            briefing,
            f"Cancelled the briefing {briefing.title!r}",
            status=BriefingStatus.CANCELLED,
            cancel_reason=reason.strip(),
            sequence=briefing.sequence + 1,
        )

    def update_briefing(self, ref: str, **changes) -> Briefing:
        """Change a briefing's title, agenda or attendees (see move_briefing for time and place)."""
        briefing = self.briefing(ref)
        allowed = {"title", "agenda", "attendees"}
        if unknown := set(changes) - allowed:
            raise ValidationError(f"Change a briefing's {', '.join(sorted(unknown))} with move.")
        if "title" in changes:
            changes["title"] = require_text(changes["title"], "A briefing's title")
        if "agenda" in changes:
            changes["agenda"] = changes["agenda"].strip()
        if "attendees" in changes:
            changes["attendees"] = _people(changes["attendees"], "Each attendee's name")
        changes = {k: v for k, v in changes.items() if getattr(briefing, k) != v}
        if not changes:
            return briefing
        # Calendars take an update only when the sequence rises; title, agenda and attendees
        # show in them too.
        return self._put_briefing(
            briefing,
            f"Edited the briefing {briefing.title!r}",
            sequence=briefing.sequence + 1,
            **changes,
        )

    def _put_briefing(self, briefing: Briefing, label: str, **changes) -> Briefing:
        updated = replace(briefing, **changes, updated_at=self.now())
        with self._change(label, self.ws.cluster_file):
            self.ws.cluster_file.put(BRIEFINGS, updated)
        return updated

    def plan_briefings(
        self,
        team_id: str | None = None,
        *,
        at: time = DEFAULT_TIME,
        minutes: int = DEFAULT_MINUTES,
    ) -> list[Briefing]:
        """The default plan, not yet stored: a briefing at each stage end and one mid-program,
        for the cluster (on the earliest team's timeline) or one team. Slots already filled,
        or already past, are left out. Accept them with accept_plan, moved or dropped."""
        teams = [self._team(team_id)] if team_id else self.teams()
        if not teams:
            raise ValidationError("Add a team first: the plan follows the teams' timelines.")
        team_id = teams[0].id if team_id else None  # a name or id prefix: the team's id
        lead = min(teams, key=lambda t: (t.start, t.name.casefold()))
        tz = self.cluster().tz
        taken = {b.plan_key for b in self.briefings() if b.team_id == team_id and b.plan_key}
        invited = [p for _group, p in self.invitees(team_id)]
        whose = f" ({teams[0].name})" if team_id else ""
        plan = []
        for slot in default_plan(self.timeline(lead.id)):
            start = datetime.combine(slot.day, at, tzinfo=tz)
            if slot.key in taken or start <= self.now():
                continue
            now = self.now()
            plan.append(
                Briefing(
                    created_at=now,
                    updated_at=now,
                    title=slot.title + whose,
                    start=start,
                    minutes=check_minutes(minutes),
                    team_id=teams[0].id if team_id else None,
                    attendees=invited,
                    plan_key=slot.key,
                )
            )
        return plan

    def accept_plan(self, plan: list[Briefing]) -> list[Briefing]:
        """Schedule the proposed briefings the chair kept, as one step, each with a drafted
        agenda."""
        if not plan:
            raise ValidationError("No briefings to schedule: the plan is empty.")
        # A plan proposed earlier (in another window, or accepted twice) must not fill a slot
        # again: every attendee's calendar would get the briefing twice.
        taken = {(b.team_id, b.plan_key) for b in self.briefings() if b.plan_key}
        for b in plan:
            if b.plan_key and (b.team_id, b.plan_key) in taken:
                raise ValidationError(
                    f"{b.title!r} is already scheduled; plan again to see what is left."
                )
            taken.add((b.team_id, b.plan_key))
        made = [
            self._new_briefing(
                b.title, b.start, b.minutes, b.team_id, b.attendees, b.location, None, b.plan_key
            )
            for b in plan
        ]
        label = f"Scheduled {len(made)} briefing{'s' if len(made) != 1 else ''} from the plan"
        with self._change(label, self.ws.cluster_file):
            for briefing in made:
                self.ws.cluster_file.put(BRIEFINGS, briefing)
        return made

    def draft_agenda(self, team_id: str | None = None, start: datetime | None = None) -> str:
        """An agenda drawn from what is current: each team's progress, escalated challenges and
        the chair's responses, and schedule revisions since the last briefing. Check-in notes
        are never quoted, so nothing confidential can reach it."""
        teams = [self._team(team_id)] if team_id else self.teams()
        team_id = teams[0].id if team_id else None  # a name or id prefix: the team's id
        start = start or self.now()
        earlier = [
            b.start
            for b in self.briefings(team_id)
            if not b.cancelled and b.start < start and b.team_id in (None, team_id)
        ]
        since = max(earlier, default=None)
        ids = {t.id for t in teams}
        return draft_agenda(
            statuses=self.status(teams),
            challenges=[c for c in self.escalated() if c.team_id in ids],
            revisions=[
                r
                for t in teams
                for r in self.revisions(t.id)
                if r.active and (since is None or r.created_at >= since)
            ],
            names={t.id: t.name for t in teams},
            today=self.today(),
            since=since.date() if since else None,
            response_days=self.cluster().response_days,
        )

    # -- undo ------------------------------------------------------------------------------

    @property
    def can_undo(self) -> str | None:
        """What the last change in this session did, if it can still be undone."""
        return self._undo[-1].label if self._undo else None

    def undo(self) -> str:
        """Undo this session's last change and say what it was. Refused, with nothing changed,
        if any record it touched has been changed since (from another window, say)."""
        if not self._undo:
            raise ValidationError("Nothing to undo: no changes have been made in this session.")
        change = self._undo[-1]
        # A record written twice in one change goes back to its first `before`.
        net: dict[tuple, list] = {}
        for f, table, record_id, before, after in change.entries:
            key = (f, table, record_id)
            net[key] = [net[key][0] if key in net else before, after]
        files = list(dict.fromkeys(f for f, _, _ in net))
        with self.ws.writing(*files):
            for (f, table, record_id), (before, after) in net.items():
                if f.raw(table, record_id) != after or self._in_use(table, record_id, before):
                    self._undo.clear()
                    raise ValidationError(
                        f"Cannot undo ({change.label.lower()}): it has been changed since, "
                        "perhaps from another window. Nothing was undone."
                    )
            for (f, table, record_id), (before, _after) in net.items():
                f.put_raw(table, record_id, before)
        self._undo.pop()
        return change.label

    def _in_use(self, table: str, record_id: str, before: dict | None) -> bool:
        """Whether undoing a new team would orphan records logged for it since."""
        if table != TEAMS or before is not None:
            return False
        team_file = self._file(record_id)
        return any(team_file.table(t).all() for t in TEAM_TABLES)

    @contextlib.contextmanager
    def _change(self, label: str, *files: RecordFile) -> Iterator[None]:
        """Write `files` as one step and remember how to undo it."""
        change = Change(label)
        with self.ws.writing(*files):  # the journal is set under the lock: one writer at a time
            for f in files:
                f.journal = change.entries
            try:
                yield
            finally:
                for f in files:
                    f.journal = None
        self._undo = [*self._undo[-UNDO_DEPTH + 1 :], change]

    # -- helpers ---------------------------------------------------------------------------

    def _team(self, team_id: str) -> Team:
        team = self.ws.read(self.ws.cluster_file.get, TEAMS, Team, team_id)
        return team or self.team(team_id)

    def _file(self, team_id: str) -> RecordFile:
        return self.ws.team_file(team_id)

    def _records(self, team_id: str, table: str, cls):
        return self.ws.read(self._file(team_id).all, table, cls)

    def _gather(self, table: str, cls, team_id: str | None):
        ids = [self._team(team_id).id] if team_id else [t.id for t in self.teams()]
        return [r for tid in ids for r in self._records(tid, table, cls)]

    @staticmethod
    def _by_id_prefix(ref: str, records: list, what: str):
        key = ref.strip().lower()
        if len(key) < 4:
            raise ValidationError(f"Give at least 4 characters of the {what}'s id.")
        matches = [r for r in records if r.id.startswith(key)]
        if len(matches) > 1:
            raise Ambiguous(
                f"{ref!r} matches {len(matches)} {what}s; give more of the id.",
                [r.id for r in matches],
            )
        if not matches:
            raise NotFound(f"No {what} has an id starting {ref!r}.")
        return matches[0]


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


def _people(people: Iterable[Person], what: str) -> list[Person]:
    return [_person(p, what) for p in people]


def _said(field_name: str, old, new) -> str:
    """A history line for one edited field: short values are shown, long text is not."""
    label = field_name.replace("_", " ").capitalize()
    if field_name in ("title", "description"):
        return f"{label} changed"
    return f"{label} {getattr(old, 'value', old) or 'not set'} → {getattr(new, 'value', new)}"


def _person(person: Person, what: str) -> Person:
    return replace(
        person,
        name=require_text(person.name, what),
        email=person.email.strip(),
        role=person.role.strip(),
    )
