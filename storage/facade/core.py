"""The facade's core: opening a workspace, the clock, reading records, and the one write path
with its undo journal. Each area's verbs (teams.py, actions.py, ...) build on it, and
flourish.py puts them together as the one facade the app and the command line call.

Each write holds the workspace lock and saves each file it touches once, so a verb within one
file, such as "log a check-in with the actions agreed", lands whole or not at all.
"""

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

from domain.actions import ActionItem, ActionStatus
from domain.briefings import Briefing
from domain.challenges import Challenge
from domain.checkins import CheckIn
from domain.cluster import Cluster, Team, check_timezone
from domain.cluster_plan import Cascaded, Linked, cascaded_of
from domain.dates import Prefer, day_first_for, parse_date, parse_datetime
from domain.errors import Ambiguous, NotFound, ValidationError
from domain.expected import with_expected_checkins
from domain.program import DEFAULT_TEMPLATE, ProgramTemplate
from domain.records import (
    Person,
    Record,
    check_email,
    optional_line,
    require_line,
)
from domain.status import TeamFacts
from domain.text import quoted
from domain.timeline import ScheduleRevision, Timeline, build_timeline
from domain.week import Desk, desk
from storage.atomic import file_stamp
from storage.clock import Clock, utc_now
from storage.facade.history import Change, History, Step
from storage.holidays import country_for, holidays_of
from storage.id_index import IdIndex
from storage.synced import synced_note
from storage.tables import (
    ACTIONS,
    BRIEFINGS,
    CHALLENGES,
    CHECKINS,
    CLUSTER,
    REVISIONS,
    TEAMS,
)
from storage.team_cache import TeamCache
from storage.workspace import RecordFile, Workspace

R = TypeVar("R", bound=Record)
DESK_FILE = ".desk-cache"
DESK_VERSION = 1  # raise when Desk or domain.week.desk changes
CASCADE_FILE = ".cascade-cache"
CASCADE_VERSION = 1  # raise when Cascaded or domain.cluster_plan.cascaded_of changes
T = TypeVar("T")


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


@dataclass(frozen=True)
class SettingsHook:
    """Cluster settings an area keeps in the program template (the pulse survey's dimensions,
    the grid's conditions): update_cluster accepts `fields` and hands them to `apply`, which
    takes them out of the changes and returns the template with them."""

    fields: frozenset[str]
    apply: Callable[[dict[str, Any], ProgramTemplate], ProgramTemplate]


class FacadeCore:
    """What every area's verbs build on: the workspace, the clock, reading, and `_change`."""

    # The areas whose settings live in the template; the composed facade lists them.
    SETTINGS_HOOKS: ClassVar[tuple[SettingsHook, ...]] = ()

    def __init__(self, workspace: Workspace, user: str = "", keep_history: bool = False):
        self.ws = workspace
        self.user = user
        # The command line keeps its history in the workspace: each command is a new process.
        self.history = History(workspace, kept=keep_history)
        # By team id, with the key they were worked out for (see status.py).
        self._facts: dict[str, tuple[tuple[Any, ...], TeamFacts]] = {}
        self._ids = IdIndex(workspace.root)
        self._team_memo: tuple[tuple[int, int, int] | None, dict[str, Team]] | None = None
        # What each team has open (the week, the chair's queue), kept while its file is
        # unchanged: those views then read one small file, not 500 teams' records.
        self._desks = TeamCache(workspace.root / DESK_FILE, Desk, DESK_VERSION, _desk_of)
        # Each school's actions cascaded from the cluster plan, for the plan's progress.
        self._cascades = TeamCache(
            workspace.root / CASCADE_FILE, Cascaded, CASCADE_VERSION, _cascaded_in
        )

    @classmethod
    def open(
        cls, root: Path, clock: Clock = utc_now, user: str = "", keep_history: bool = False
    ) -> Self:
        return cls(Workspace.open(root, clock), user, keep_history)

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
    ) -> Self:
        template = DEFAULT_TEMPLATE
        if stage_months:
            template = template.with_stage_months(stage_months)
        if cadence_weeks:
            template = template.with_cadence(cadence_weeks)
        now = clock()
        country = country_for(check_timezone(timezone))
        template = template.with_holidays(country, holidays_of(country, now.date()))
        cluster = Cluster(
            created_at=now,
            updated_at=now,
            name=require_line(name, "The cluster's name"),
            timezone=check_timezone(timezone),
            chair=checked_person(chair, "The cluster chair's name"),
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

    def read_date(self, text: str, prefer: Prefer = "future") -> date:
        """A date as the user typed it, read in the cluster's day/month order."""
        return parse_date(text, self.today(), prefer, day_first_for(self.cluster().timezone))

    def read_datetime(self, text: str, prefer: Prefer = "future") -> datetime:
        """A date and time as typed, in the cluster's timezone and day/month order."""
        cluster = self.cluster()
        return parse_datetime(
            text, self.today(), cluster.tz, prefer, day_first_for(cluster.timezone)
        )

    # -- reading ---------------------------------------------------------------------------

    @property
    def is_demo(self) -> bool:
        return bool(self.ws.meta.get("demo"))

    def cluster(self) -> Cluster:
        found: list[Cluster] = self.ws.read(self.ws.cluster_file.all, CLUSTER, Cluster)
        (cluster,) = found
        return cluster

    def teams(self, archived: bool = False) -> list[Team]:
        """The teams in the program (or, `archived`, those archived), by name."""
        teams = self._every_team().values()
        return sorted((t for t in teams if t.archived == archived), key=lambda t: t.name.casefold())

    def _every_team(self) -> dict[str, Team]:
        """Every team's profile by id, archived too, decoded once per version of the cluster
        file: a view of 500 teams asks for them thousands of times."""
        storage = self.ws.cluster_file.storage
        if storage.slot.current is not None:  # a change under way: what it holds, unsaved too
            return self._decode_teams()
        stamp = file_stamp(storage.path)
        if stamp is None or self._team_memo is None or self._team_memo[0] != stamp:
            self._team_memo = (stamp, self._decode_teams())
        return self._team_memo[1]

    def _decode_teams(self) -> dict[str, Team]:
        return {t.id: t for t in self.ws.read(self.ws.cluster_file.all, TEAMS, Team)}

    def team(self, ref: str, archived: bool = False) -> Team:
        """A team by id, or by an unambiguous case-insensitive prefix of its name or id."""
        pool = self.teams(archived)
        try:
            return self._find_team(ref, pool)
        except NotFound:
            if archived:
                names = ", ".join(t.name for t in pool) or "none"
                raise NotFound(
                    f"No archived team matches {quoted(ref)}. Archived: {names}."
                ) from None
            gone = [t for t in self.teams(archived=True) if self._matches(ref, t)]
            if not gone:
                raise
            raise NotFound(
                f"{gone[0].name} is archived: restore it (`flourish team restore`, or Restore a "
                "team in the app) to work with it again."
            ) from None

    @staticmethod
    def _matches(ref: str, team: Team) -> bool:
        key = ref.strip().casefold()
        return bool(key) and (
            team.name.casefold().startswith(key) or (len(key) >= 4 and team.id.startswith(key))
        )

    @staticmethod
    def _find_team(ref: str, teams: list[Team]) -> Team:
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
                f"{quoted(ref)} matches {len(names)} teams: {', '.join(names)}. "
                "Type more of the name.",
                names,
            )
        known = ", ".join(t.name for t in teams) or "none yet (add one with `flourish team add`)"
        raise NotFound(f"No team matches {quoted(ref)}. Teams: {known}.")

    def synced_note(self) -> str | None:
        """One line when the workspace sits in a folder a sync tool keeps in step."""
        return synced_note(self.ws.root)

    def stray_note(self) -> str | None:
        """One line about files in the teams folder that are never read, if there are any."""
        stray = self.ws.stray_files()
        if not stray:
            return None
        names = ", ".join(quoted(p.name) for p in stray[:3])
        names += f" and {len(stray) - 3} more" if len(stray) > 3 else ""
        return (
            f"{stray[0].parent} holds {len(stray)} file{'s' * (len(stray) != 1)} Flourish does "
            f"not read: {names}. A sync tool may have made it from a team's file changed in "
            "two places: compare it with that team's file, then move it out of the folder."
        )

    def timeline(self, team_id: str) -> Timeline:
        team = self._team(team_id)
        return build_timeline(team.start, self.cluster().template, self.revisions(team.id))

    def schedule(self, team_id: str) -> Timeline:
        """The team's timeline as views show it: its coaching check-ins where the one rule
        puts them (domain/expected.py), as status, calendars and the app do."""
        team = self._team(team_id)
        template = self.cluster().template
        return with_expected_checkins(self.timeline(team.id), self.checkins(team.id), template)

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
        elif archived := {t.id for t in self.teams(archived=True)}:
            found = [b for b in found if b.team_id not in archived]  # gone with their team
        return sorted(found, key=lambda b: b.start)

    def action(self, ref: str) -> ActionItem:
        """An action by id or unambiguous id prefix (as list commands show it)."""
        return self._by_id(ref, ACTIONS, ActionItem, "action")

    def checkin(self, ref: str) -> CheckIn:
        return self._by_id(ref, CHECKINS, CheckIn, "check-in")

    def challenge(self, ref: str) -> Challenge:
        return self._by_id(ref, CHALLENGES, Challenge, "challenge")

    def briefing(self, ref: str) -> Briefing:
        return self._by_id_prefix(ref, self.briefings(), "briefing")

    # -- undo and redo ----------------------------------------------------------------------

    @property
    def can_undo(self) -> str | None:
        """What the last change in this session did, if it can still be undone."""
        step = self.history.next(backwards=True)
        return step.label if step else None

    def next_undo(self) -> Step | None:
        return self.history.next(backwards=True)

    def next_redo(self) -> Step | None:
        return self.history.next(backwards=False)

    def undo(self) -> str:
        """Undo this session's last change and say what it was. Refused, with nothing changed,
        if any record it touched has been changed since (from another window, say)."""
        return self.history.apply(backwards=True)

    def redo(self) -> str:
        """Make again the change last undone, on the same terms."""
        return self.history.apply(backwards=False)

    @contextlib.contextmanager
    def _change(self, label: str) -> Iterator[Change]:
        """One change, written as one step and remembered so that it can be undone.

        Everything the change reads inside this block comes from disk under the lock, so a
        verb reads the records it changes here, never before: two writers changing one record
        each keep the other's change. Set the yielded Change's label once the record is known.
        """
        change = Change(label)
        with self.ws.writing(change.entries):
            yield change
            if change.entries and self.history.kept:
                self.history.record(change)  # saved in the same step as the change
        if change.entries and not self.history.kept:  # once saved; an empty change is no step
            self.history.record(change)

    # -- helpers ---------------------------------------------------------------------------

    def _team(self, team_id: str) -> Team:
        return self._every_team().get(team_id) or self.team(team_id)

    def _file(self, team_id: str) -> RecordFile:
        return self.ws.team_file(team_id)

    def _records(self, team_id: str, table: str, cls: type[R]) -> list[R]:
        return self.ws.read(self._file(team_id).all, table, cls)

    def _gather(self, table: str, cls: type[R], team_id: str | None) -> list[R]:
        if team_id:
            return self._records(self._team(team_id).id, table, cls)
        found: list[R] = []
        for team in self.teams():
            # One table from each file, decoded straight from its bytes: every team's parsed
            # file kept at once would be hundreds of MB at 500 teams.
            found += self.ws.read(self._file(team.id).each, table, cls)
            self.ws.read(self._file(team.id).storage.release)
        return found

    def desks(self, teams: Iterable[Team] | None = None) -> list[Desk]:
        """What each team (by default every team in the program) has open today."""
        chosen = self.teams() if teams is None else teams
        return [d for _, d in self._desks.values((t.id, self._file(t.id)) for t in chosen)]

    def linked_actions(self, cascaded: dict[str, str]) -> dict[str, Linked]:
        """The schools' actions a cluster action was cascaded into (`cascaded`: action id by
        team id) that still exist, by id; from the cascade cache, not 500 team files."""
        live = self._every_team()
        teams = [(t, self._file(t)) for t in cascaded if t in live and not live[t].archived]
        found: dict[str, Linked] = {}
        for _, value in self.ws.read(self._cascades.values, teams):
            found |= {a.id: a for a in value.actions}
        return found

    def _fresh(self, table: str, found: T, what: str) -> T:
        """A record found by its id before the lock (from any team: ids never change, and
        finding one reads every team), read again from its team's file under the lock, which
        is the only file a change to it reads afresh."""
        record_id, team_id = getattr(found, "id"), getattr(found, "team_id")  # noqa: B009
        record: T | None = self.ws.read(self._file(team_id).get, table, type(found), record_id)
        if record is None:
            raise NotFound(f"That {what} has been deleted meanwhile, perhaps from another window.")
        return record

    def _by_id(self, ref: str, table: str, cls: type[R], what: str) -> R:
        """A team's record by id or unambiguous id prefix, read from the one team file that
        holds it (storage/id_index.py says which) rather than from every team's."""
        key = self._id_key(ref, what)
        files = [(t.id, self._file(t.id)) for t in self.teams()]
        hits = self.ws.read(self._ids.matching, files, table, key)
        record_id = self._one(ref, [record_id for _, record_id in hits], what)
        team_id = next(team_id for team_id, i in hits if i == record_id)
        record: R | None = self.ws.read(self._file(team_id).get, table, cls, record_id)
        if record is None:  # deleted between the two reads
            raise NotFound(f"No {what} has an id starting {quoted(ref)}.")
        return record

    @classmethod
    def _by_id_prefix(cls, ref: str, records: list[R], what: str) -> R:
        key = cls._id_key(ref, what)
        record_id = cls._one(ref, [r.id for r in records if r.id.startswith(key)], what)
        return next(r for r in records if r.id == record_id)

    @staticmethod
    def _id_key(ref: str, what: str) -> str:
        key = ref.strip().lower()
        if len(key) < 4:
            raise ValidationError(f"Give at least 4 characters of the {what}'s id.")
        return key

    @staticmethod
    def _one(ref: str, matches: list[str], what: str) -> str:
        """The one id among those matching `ref`, or why there is not one."""
        if len(matches) > 1:
            raise Ambiguous(
                f"{quoted(ref)} matches {len(matches)} {what}s; give more of the id.", matches
            )
        if not matches:
            raise NotFound(f"No {what} has an id starting {quoted(ref)}.")
        return matches[0]

    @staticmethod
    def _only(changes: dict[str, Any], allowed: Iterable[str], message: str) -> None:
        """Refuse a change to a field the record does not have (or that another verb makes),
        with `message` naming the fields in its {}: "A team has no field {}."."""
        if unknown := set(changes) - set(allowed):
            raise ValidationError(message.format(", ".join(sorted(unknown))))

    def _team_in_file(self, ref: str) -> str:
        """A team named in a file, with a reason short enough for a list of rejected rows."""
        try:
            return self.team(ref).id
        except Ambiguous as e:
            raise ValidationError(f"{quoted(ref)} matches {len(e.candidates)} teams") from None
        except NotFound:
            raise ValidationError(f"no team matches {quoted(ref)}") from None


def checked_people(people: Iterable[Person], what: str) -> list[Person]:
    return [checked_person(p, what) for p in people]


def checked_person(person: Person, what: str) -> Person:
    name = require_line(person.name, what)
    return replace(
        person,
        name=name,
        email=check_email(person.email, name),
        role=optional_line(person.role, f"{name}'s role"),
    )


def _cascaded_in(team_file: RecordFile) -> Cascaded:
    return cascaded_of(team_file.all(ACTIONS, ActionItem))


def _desk_of(team_file: RecordFile) -> Desk:
    return desk(team_file.all(ACTIONS, ActionItem), team_file.all(CHALLENGES, Challenge))
