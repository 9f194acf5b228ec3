"""The one facade: every user verb, validated, in one place. The TUI and the CLI only call this.

Each write holds the workspace lock and saves each file it touches once, so a verb within one
file, such as "log a check-in with the actions agreed", lands whole or not at all.
"""

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from domain.actions import ActionItem, ActionStatus, ProgressNote, parse_status
from domain.briefings import Briefing, check_minutes, check_start
from domain.challenges import Challenge, StatusChange, parse_category, parse_severity
from domain.checkins import CheckIn, parse_kind
from domain.cluster import Cluster, Team, check_timezone
from domain.errors import Ambiguous, NotFound, ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.records import Person, require_text
from domain.status import TeamStatus, team_status
from domain.timeline import ScheduleRevision, Timeline, build_timeline
from storage.atomic import file_stamp
from storage.workspace import RecordFile, Workspace

Clock = Callable[[], datetime]

CLUSTER, TEAMS, BRIEFINGS = "cluster", "teams", "briefings"
ACTIONS, CHECKINS, CHALLENGES, REVISIONS = "actions", "checkins", "challenges", "revisions"


def utc_now() -> datetime:
    return datetime.now(UTC)


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


class Flourish:
    def __init__(self, workspace: Workspace, user: str = ""):
        self.ws = workspace
        self.user = user
        self._undo: list[Change] = []
        self._statuses: dict[str, tuple[tuple, TeamStatus]] = {}

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

        Each team's status is kept until its file, its profile, the template or the date
        changes, so refreshing a dashboard of 500 teams after one write reworks one team."""
        template, today = self.cluster().template, self.today()
        with _gc_paused():
            return [
                self._team_status(team, template, today)
                for team in (self.teams() if teams is None else teams)
            ]

    def _team_status(self, team: Team, template, today: date) -> TeamStatus:
        team_file = self._file(team.id)
        key = (file_stamp(team_file.path), team, template, today)
        cached = self._statuses.get(team.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        status = team_status(
            team,
            template,
            today,
            checkins=self._records(team.id, CHECKINS, CheckIn),
            actions=self._records(team.id, ACTIONS, ActionItem),
            challenges=self._records(team.id, CHALLENGES, Challenge),
            revisions=self._records(team.id, REVISIONS, ScheduleRevision),
        )
        if key[0] is not None and key[0] == file_stamp(team_file.path):  # unchanged meanwhile
            self._statuses[team.id] = (key, status)
        # Keeping every team's parsed file would make each later garbage collection walk
        # millions of objects (a visible stall at 500 teams); one file re-reads in a blink.
        self.ws.read(team_file.storage.release)
        return status

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

    # -- writing: challenges ---------------------------------------------------------------

    def raise_challenge(
        self,
        team_id: str,
        *,
        category: str,
        title: str,
        kind: str | None = None,
        description: str = "",
        severity: str = "medium",
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
        challenge = Challenge(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            category=parse_category(category, kind),
            title=require_text(title, "A challenge's title"),
            description=description.strip(),
            severity=parse_severity(severity),
            raised_on=raised_on,
            raised_by=by,
        )
        challenge.history.append(StatusChange(at=now, status=challenge.status, by=by))
        with self._change(f"Raised the challenge {challenge.title!r}", self._file(team.id)):
            self._file(team.id).put(CHALLENGES, challenge)
        return challenge

    # -- writing: schedule revisions -------------------------------------------------------

    def revise_schedule(
        self,
        team_id: str,
        *,
        reason: str,
        shift_days: int = 0,
        from_stage: int | None = None,
        from_date: date | None = None,
        milestone_key: str | None = None,
        move_to: date | None = None,
        challenge_id: str | None = None,
    ) -> ScheduleRevision:
        team = self._team(team_id)
        if milestone_key:
            self.timeline(team.id).milestone(milestone_key)
            if move_to is None:
                raise ValidationError("Give the date to move the milestone to.")
        elif not shift_days:
            raise ValidationError("Give a shift such as +4w, or a milestone to move.")
        elif from_stage is None and from_date is None:
            raise ValidationError("Say where the shift starts: a stage or a date.")
        if from_stage is not None:
            self.cluster().template.stage(from_stage)
        if challenge_id is not None:
            challenge_id = self.challenge(challenge_id).id
        now = self.now()
        revision = ScheduleRevision(
            created_at=now,
            updated_at=now,
            team_id=team.id,
            reason=require_text(reason, "The reason for the revision"),
            shift_days=shift_days,
            from_stage=from_stage,
            from_date=from_date,
            milestone_key=milestone_key,
            move_to=move_to,
            challenge_id=challenge_id,
            made_by=self.user,
        )
        # Refuse a revision the timeline cannot take before it is stored.
        build_timeline(team.start, self.cluster().template, [*self.revisions(team.id), revision])
        with self._change(f"Revised {team.name}'s schedule", self._file(team.id)):
            self._file(team.id).put(REVISIONS, revision)
        return revision

    def revert_revision(self, team_id: str, revision_id: str) -> ScheduleRevision:
        team = self._team(team_id)
        revision = self._by_id_prefix(revision_id, self.revisions(team.id), "revision")
        if not revision.active:
            raise ValidationError("That revision has already been reverted.")
        now = self.now()
        reverted = replace(revision, reverted_at=now, updated_at=now)
        with self._change(f"Reverted a revision of {team.name}'s schedule", self._file(team.id)):
            self._file(team.id).put(REVISIONS, reverted)
        return reverted

    # -- writing: briefings ----------------------------------------------------------------

    def add_briefing(
        self,
        title: str,
        *,
        start: datetime,
        minutes: int = 45,
        team_id: str | None = None,
        attendees: list[Person] = (),
        location: str = "",
        agenda: str = "",
    ) -> Briefing:
        if team_id is not None:
            team_id = self._team(team_id).id
        now = self.now()
        briefing = Briefing(
            created_at=now,
            updated_at=now,
            title=require_text(title, "A briefing's title"),
            start=check_start(start),
            minutes=check_minutes(minutes),
            team_id=team_id,
            attendees=[_person(p, "Each attendee's name") for p in attendees],
            location=location.strip(),
            agenda=agenda.strip(),
        )
        with self._change(f"Scheduled the briefing {briefing.title!r}", self.ws.cluster_file):
            self.ws.cluster_file.put(BRIEFINGS, briefing)
        return briefing

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
        return any(team_file.table(t).all() for t in (ACTIONS, CHECKINS, CHALLENGES, REVISIONS))

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


def _person(person: Person, what: str) -> Person:
    return replace(
        person,
        name=require_text(person.name, what),
        email=person.email.strip(),
        role=person.role.strip(),
    )
