"""The facade's export verbs: which records go into a calendar, a spreadsheet or a briefing
pack, gathered here once for the TUI and the command line alike. The formats are exports/."""

import errno
import hashlib
import os
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from domain.actions import ActionItem, ActionStatus
from domain.calendar_ledger import settle
from domain.checkins import CheckInDay
from domain.cluster import Team
from domain.cluster_plan import Cascade, ClusterAction, cascade_progress
from domain.errors import FlourishError, NotFound, ValidationError
from domain.goals import Goal
from domain.pulse import PulseDimension, PulsePoint
from domain.records import Person
from domain.schedule import (
    CalendarEvent,
    briefing_event,
    event_order,
    in_range,
    is_invited,
    team_events,
    uid,
    workshop_event,
)
from domain.status import TeamStatus
from domain.text import quoted
from domain.workshops import Workshop
from storage.atomic import atomic_write
from storage.calendar_ledger import LEDGER_FILE, CalendarLedger
from storage.facade.briefings import BriefingVerbs
from storage.facade.goals import GoalVerbs
from storage.facade.grid import GridVerbs
from storage.facade.pulse import PulseVerbs
from storage.tables import CHECKINS, CLUSTER_ACTIONS, WORKSHOPS

if TYPE_CHECKING:  # the pack's module loads only when a pack is made
    from exports.briefing_pack import TeamSection

CSV_KINDS = ("actions", "checkins", "challenges")


class ExportError(FlourishError):
    """An export that could not be written; nothing was left behind."""


@dataclass(frozen=True, kw_only=True)
class CalendarScope:
    """What a calendar holds: the cluster's briefings (no team, no person), one team's whole
    program, or one person's events (by email)."""

    team: str | None = None
    person: str | None = None
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True, kw_only=True)
class CalendarExport:
    key: str  # which calendar this is, in the ledger of what was exported
    name: str  # X-WR-CALNAME: what the calendar is called in the client
    events: list[CalendarEvent]
    timezone: str
    organizer: Person
    year: int  # the timezone is described for this year if no event has a time
    refresh: timedelta | None = None  # published for subscribers: how often to fetch it

    def to_ical(self) -> bytes:
        from exports.ical import to_ical

        return to_ical(
            self.events,
            name=self.name,
            timezone=self.timezone,
            organizer=self.organizer,
            year=self.year,
            refresh=self.refresh,
        )


@dataclass(frozen=True, kw_only=True)
class Published:
    file: str  # its name in the folder, which never changes
    name: str  # whose calendar it is
    export: CalendarExport


INDEX_FILE = "index.txt"
REFRESH = timedelta(hours=1)  # what published calendars ask subscribers to keep to


class ExportVerbs(BriefingVerbs, PulseVerbs, GridVerbs, GoalVerbs):
    """An export gathers from every area: briefings, the teams' status, pulse, the grid."""

    def calendar(self, scope: CalendarScope = CalendarScope()) -> CalendarExport:
        """What exporting `scope` would give now, for a preview: nothing is recorded."""
        return self._calendar(scope, CalendarLedger.load(self.ws.root))

    def export_calendar(
        self, scope: CalendarScope = CalendarScope(), path: Path | None = None
    ) -> CalendarExport:
        """The calendar to give out now, recorded, so that no later export of an event has a
        lower sequence or drops it without cancelling it. With `path`, it is written there
        first, and recorded only once written."""
        with self.ws.lock():
            ledger = CalendarLedger.load(self.ws.root)
            export = self._calendar(scope, ledger)
            if path is not None:
                self.save_export(path, export.to_ical())
            ledger.record(export.key, export.events)
            self._save_ledger(ledger)
        return export

    def publish_calendars(self, folder: Path) -> list[Published]:
        """Write every audience's calendar into `folder`, each under a name that never
        changes, for calendar apps to subscribe to: the cluster's briefings, each team's
        program, each person's events, and index.txt saying whose each file is. A calendar
        whose audience has gone (a team archived, a person no longer in the cluster) is
        written once more with its events cancelled, so subscribers see them go."""
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise ExportError(f"{folder} is not a folder: make it first, or give another one.")
        if folder.resolve().is_relative_to(self.ws.root.resolve()):
            raise ExportError(f"{folder} is inside the workspace; publish calendars elsewhere.")
        with self.ws.lock():
            ledger = CalendarLedger.load(self.ws.root)
            done: list[Published] = []
            for file, scope in self._audiences():
                export = replace(self._calendar(scope, ledger), refresh=REFRESH)
                done.append(Published(file=file, name=export.name, export=export))
            current = {p.file for p in done}
            for file, (key, name) in sorted(ledger.published.items()):
                if file not in current:
                    done.append(self._withdrawn_calendar(file, key, name, ledger))
            for p in done:
                save_export(folder / p.file, p.export.to_ical())
                ledger.record(p.export.key, p.export.events)
                ledger.published[p.file] = [p.export.key, p.export.name]
            index = "".join(f"{p.file}\t{p.name}\n" for p in done)
            save_export(folder / INDEX_FILE, index.encode("utf-8"))
            self._save_ledger(ledger)
        return done

    def _audiences(self) -> list[tuple[str, CalendarScope]]:
        """Each calendar to publish, by file name: stable across renames (ids, not names),
        and a person's by a digest of their email, which a public folder need not show."""
        audiences = [("briefings.ics", CalendarScope())]
        audiences += [(f"team-{t.id[:8]}.ics", CalendarScope(team=t.id)) for t in self.teams()]
        for email in self._emails():
            digest = hashlib.sha256(email.encode("utf-8")).hexdigest()[:12]
            audiences.append((f"person-{digest}.ics", CalendarScope(person=email)))
        return audiences

    def _emails(self) -> list[str]:
        """Everyone in the cluster with an email, once each."""
        cluster = self.cluster()
        people = [cluster.chair, *cluster.stakeholders]
        for team in self.teams():
            people += [team.coach, *team.members, *team.line_managers]
        people += [p for b in self.briefings() for p in b.attendees]
        people += [p for w in self._workshops() for p in w.attendees]
        return sorted({p.email.strip().casefold() for p in people if "@" in p.email})

    def _withdrawn_calendar(
        self, file: str, key: str, name: str, ledger: CalendarLedger
    ) -> Published:
        cluster = self.cluster()
        events = settle([], ledger.sent, ledger.calendars.get(key, ()), self.now())
        export = CalendarExport(
            key=key,
            name=name,
            events=events,
            timezone=cluster.timezone,
            organizer=cluster.chair,
            year=self.today().year,
        )
        export = replace(export, refresh=REFRESH)
        return Published(file=file, name=f"{name} (no longer published)", export=export)

    def _save_ledger(self, ledger: CalendarLedger) -> None:
        try:
            ledger.save(self.ws.root)
        except OSError as e:
            raise ExportError(
                f"Cannot record what was exported in {self.ws.root / LEDGER_FILE}: {_why(e)}. "
                "Nothing was written."
            ) from None

    def _calendar(self, scope: CalendarScope, ledger: CalendarLedger) -> CalendarExport:
        cluster = self.cluster()
        if scope.team and scope.person:
            raise ValidationError("Export a team's calendar or a person's, not both at once.")
        if scope.person:
            name, events = self._person_calendar(scope.person)
            key = f"person:{scope.person.strip().casefold()}"
        elif scope.team:
            team = self.team(scope.team)
            name, events = f"{team.name}: program schedule", self._team_events(team)
            key = f"team:{team.id}"
        else:
            name, key = f"{cluster.name}: stakeholder briefings", "cluster"
            names = {t.id: t.name for t in self.teams()}
            events = [briefing_event(b, names.get(b.team_id or "")) for b in self.briefings()]
            events += [workshop_event(w) for w in self._workshops()]
        # Settled before the range is applied: an event outside the range has not vanished.
        events = settle(events, ledger.sent, ledger.calendars.get(key, ()), self.now())
        return CalendarExport(
            key=key,
            name=name,
            events=in_range(events, scope.first, scope.last),
            timezone=cluster.timezone,
            organizer=cluster.chair,
            year=self.today().year,
        )

    def _workshops(self) -> list[Workshop]:
        """The cluster's review workshops: in its calendar beside its briefings."""
        found: list[Workshop] = self.ws.read(self.ws.cluster_file.all, WORKSHOPS, Workshop)
        return found

    def _team_events(self, team: Team) -> list[CalendarEvent]:
        return team_events(
            team,
            self.cluster().template,
            revisions=self.revisions(team.id),
            checkins=self.checkins(team.id),
            briefings=self.briefings(team.id),
        )

    def _person_calendar(self, email: str) -> tuple[str, list[CalendarEvent]]:
        """A team member's or coach's program events and the briefings they are invited to;
        a line manager's or stakeholder's briefings; every briefing for the chair."""
        key = email.strip().casefold()
        if "@" not in key:
            raise ValidationError(f"{quoted(email)} is not an email address (e.g. jo@school.org).")
        cluster = self.cluster()
        teams = self.teams()
        names = {t.id: t.name for t in teams}
        chair = cluster.chair.has_email(key)
        everyone = [cluster.chair, *cluster.stakeholders]
        events: dict[str, CalendarEvent] = {}
        briefings = {uid(b.id) for b in self.briefings()}
        for team in teams:
            people = [team.coach, *team.members]
            everyone += [*people, *team.line_managers]
            if any(p.has_email(key) for p in people):
                # The program's events; briefings only where invited (below).
                events |= {e.uid: e for e in self._team_events(team) if e.uid not in briefings}
        for b in self.briefings():
            event = briefing_event(b, names.get(b.team_id or ""))
            everyone += b.attendees
            if chair or is_invited(key, event):
                events[event.uid] = event
        for w in self._workshops():
            event = workshop_event(w)
            everyone += w.attendees
            if chair or is_invited(key, event):
                events[event.uid] = event
        person = next((p for p in everyone if p.has_email(key)), None)
        if person is None:
            raise NotFound(
                f"No one in {cluster.name} has the email {quoted(email.strip())}. "
                "`flourish team show TEAM` lists each team's people."
            )
        ordered = sorted(events.values(), key=event_order)
        return f"{person.name}: {cluster.name} program", ordered

    # -- spreadsheets and the briefing pack ----------------------------------------------

    def table(
        self, kind: str, team: str | None = None, include_confidential: bool = False
    ) -> bytes:
        """Actions, check-ins or challenges as CSV for a spreadsheet: one team or all."""
        from exports import tables

        team_id = self.team(team).id if team else None
        names = {t.id: t.name for t in self.teams()}
        if kind == "actions":
            return tables.actions_csv(self.actions(team_id), names)
        if kind == "checkins":
            return tables.checkins_csv(
                self.checkins(team_id), names, include_confidential=include_confidential
            )
        if kind == "challenges":
            return tables.challenges_csv(
                self.challenges(team_id),
                names,
                today=self.today(),
                response_days=self.cluster().response_days,
            )
        raise ValidationError(f"Unknown table {quoted(kind)}: use one of {', '.join(CSV_KINDS)}.")

    def briefing_pack(
        self, team: str | None = None, briefing: str | None = None, html: bool = False
    ) -> str:
        """The summary a chair takes into a stakeholder briefing: for one team, for the teams
        a briefing is about, or for the whole cluster. Never holds a check-in note."""
        from exports.briefing_pack import pack_html, pack_markdown

        chosen = self.briefing(briefing) if briefing else None
        team_id = self.team(team).id if team else (chosen.team_id if chosen else None)
        teams = [self._team(team_id)] if team_id else self.teams()
        statuses = sorted(self.status(teams), key=lambda s: s.team.name.casefold())
        markdown = pack_markdown(
            cluster=self.cluster(),
            # One team's records at a time, each written before the next is read.
            sections=(self._pack_section(status) for status in statuses),
            statuses=statuses,
            today=self.today(),
            briefing=chosen,
            grid=self.sustainability_grid() if self.assessment_rounds() else None,
            findings=len(teams) > 1,
            cluster_plan=self._plan_for_pack() if team_id is None else (),
        )
        if not html:
            return markdown
        title = chosen.title if chosen else f"Briefing pack: {self.cluster().name}"
        return pack_html(markdown, title=title)

    def _plan_for_pack(self) -> list[tuple[ClusterAction, Cascade]]:
        """The cluster plan's actions not dropped, with their progress in the schools."""
        found: list[ClusterAction] = self.ws.read(
            self.ws.cluster_file.all, CLUSTER_ACTIONS, ClusterAction
        )
        kept = [a for a in found if a.status is not ActionStatus.DROPPED]
        kept.sort(key=lambda a: (a.status is ActionStatus.DONE, a.due or date.max, a.title))
        today = self.today()
        return [(a, cascade_progress(a, self.linked_actions(a.cascaded), today)) for a in kept]

    def save_export(self, path: Path, data: bytes) -> Path:
        """Write an export to `path`, which must not be inside the workspace: an export
        written over one of its files would break it."""
        target = Path(path).expanduser().resolve()
        if target.is_relative_to(self.ws.root.resolve()):
            raise ExportError(
                f"{path} is inside the workspace ({self.ws.root}); exports go elsewhere, such "
                "as your Documents folder. Nothing was written."
            )
        return save_export(target, data)

    def _pack_section(self, status: TeamStatus) -> "TeamSection":
        from exports.briefing_pack import TeamSection

        team_id = status.team.id
        section = TeamSection(
            status=status,
            revisions=self.revisions(team_id),
            actions=self.actions(team_id),
            challenges=self.challenges(team_id),
            checkins=self.ws.read(self._file(team_id).all, CHECKINS, CheckInDay),
            pulse=self._pulse_by_dimension(team_id),
            goals=self._linked_goals(team_id),
        )
        # Its records are in the section now: 500 parsed team files held at once would take
        # hundreds of MB.
        self.ws.read(self._file(team_id).storage.release)
        return section

    def _linked_goals(self, team_id: str) -> list[tuple[Goal, list[ActionItem]]]:
        return [(a, self.goal_actions(a)) for a in self.goals(team_id)]

    def _pulse_by_dimension(self, team_id: str) -> dict[PulseDimension, list[PulsePoint]]:
        trends = self.pulse_trends(team_id)
        return {d: trends[d.key] for d in self.pulse_dimensions()}


# -- writing an export -----------------------------------------------------------------------


def save_export(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole or not at all (a temp file renamed into place), saying in
    one line what is wrong when it cannot be written."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name inside it.")
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        atomic_write(path, data)
    except OSError as e:
        raise ExportError(f"Cannot write {path}: {_why(e)}. Nothing was written.") from None
    return path.resolve()


def _why(e: OSError) -> str:
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there (choose another folder)"
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    return os.strerror(e.errno) if e.errno else str(e)
