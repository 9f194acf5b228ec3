"""Stakeholder briefings: scheduled, moved, cancelled, planned from the timeline, each with
an agenda drafted from what is current."""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, time
from typing import Any

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
from domain.errors import ValidationError
from domain.records import Person, new_id, optional_line, require_line, slot_id
from domain.text import quoted
from storage.facade.challenges import ChallengeVerbs
from storage.facade.core import checked_people
from storage.facade.status import StatusVerbs
from storage.facade.teams import TeamVerbs
from storage.tables import BRIEFINGS

BRIEFING_FIELDS = {"title", "agenda", "attendees"}


class BriefingVerbs(StatusVerbs, ChallengeVerbs, TeamVerbs):
    """Drafting an agenda reads the teams' status and the chair's queue; a plan invites the
    teams' people."""

    def add_briefing(
        self,
        title: str,
        *,
        start: datetime,
        minutes: int = 45,
        team_id: str | None = None,
        attendees: Sequence[Person] = (),
        location: str = "",
        agenda: str | None = None,
        plan_key: str = "",
    ) -> Briefing:
        """Schedule a briefing. With no agenda given, one is drafted from what is current."""
        briefing = self._new_briefing(
            title, start, minutes, team_id, attendees, location, agenda, plan_key
        )
        with self._change(f"Scheduled the briefing {quoted(briefing.title)}"):
            self.ws.cluster_file.put(BRIEFINGS, briefing)
        return briefing

    def _new_briefing(
        self,
        title: str,
        start: datetime,
        minutes: int,
        team_id: str | None,
        attendees: Sequence[Person],
        location: str,
        agenda: str | None,
        key: str,
    ) -> Briefing:
        if team_id is not None:
            team_id = self._team(team_id).id
        now = self.now()
        briefing = Briefing(  # checked in full before the agenda is drafted
            id=slot_id("briefing", team_id or "cluster", key) if key else new_id(),
            created_at=now,
            updated_at=now,
            title=require_line(title, "A briefing's title"),
            start=self._future(check_start(start)),
            minutes=check_minutes(minutes),
            team_id=team_id,
            attendees=checked_people(attendees, "Each attendee's name"),
            location=optional_line(location, "A briefing's place"),
            plan_key=key,
        )
        briefing.agenda_edited = agenda is not None  # typed by a person, not drafted
        if agenda is None:
            agenda = self.draft_agenda(team_id, briefing.start)
        briefing.agenda = agenda.strip()
        briefing.agenda_for = briefing.start
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

        def move(briefing: Briefing) -> dict[str, Any]:
            return self._moved(briefing, start, minutes, location)

        return self._edit_briefing(ref, "Moved", move)

    def _moved(
        self,
        briefing: Briefing,
        start: datetime | None,
        minutes: int | None,
        location: str | None,
    ) -> dict[str, Any]:
        if briefing.end <= self.now() and start is None and not briefing.cancelled:
            raise ValidationError(
                f"{quoted(briefing.title)} has already taken place; give it a new start to "
                "hold it again."
            )
        changes: dict[str, Any] = {}
        if start is not None and start != briefing.start:
            changes["start"] = self._future(check_start(start))
        if minutes is not None and minutes != briefing.minutes:
            changes["minutes"] = check_minutes(minutes)
        if location is not None and location.strip() != briefing.location:
            changes["location"] = optional_line(location, "A briefing's place")
        if briefing.cancelled:
            if "start" not in changes:
                self._future(briefing.start)
            changes |= {"status": BriefingStatus.SCHEDULED, "cancel_reason": ""}
        if not changes:
            raise ValidationError("That is when and where the briefing already is.")
        if "start" in changes and briefing.agenda_for and not briefing.agenda_edited:
            # A drafted agenda is drafted again for the new date: its "since the last
            # briefing" and its dates must be the new day's. An edited one is kept (and shown
            # as written for the old date).
            changes["agenda"] = self.draft_agenda(briefing.team_id, changes["start"]).strip()
            changes["agenda_for"] = changes["start"]
        return changes | {"sequence": briefing.sequence + 1}

    def cancel_briefing(self, ref: str, *, reason: str = "") -> Briefing:
        """Cancel a briefing; the record stays so calendars can mark the event cancelled."""

        def cancel(briefing: Briefing) -> dict[str, Any]:
            if briefing.cancelled:
                raise ValidationError(f"{quoted(briefing.title)} is already cancelled.")
            if briefing.end <= self.now():
                raise ValidationError(f"{quoted(briefing.title)} has already taken place.")
            return {
                "status": BriefingStatus.CANCELLED,
                "cancel_reason": reason.strip(),
                "sequence": briefing.sequence + 1,
            }

        return self._edit_briefing(ref, "Cancelled", cancel)

    def update_briefing(self, ref: str, **changes: Any) -> Briefing:
        """Change a briefing's title, agenda or attendees (see move_briefing for time and place).
        Only the fields given change: another window's change to the others is kept."""
        self._only(changes, BRIEFING_FIELDS, "Change a briefing's {} with move.")
        if "title" in changes:
            changes["title"] = require_line(changes["title"], "A briefing's title")
        if "agenda" in changes:
            changes["agenda"] = changes["agenda"].strip()
        if "attendees" in changes:
            changes["attendees"] = checked_people(changes["attendees"], "Each attendee's name")

        def edit(briefing: Briefing) -> dict[str, Any]:
            changed = {k: v for k, v in changes.items() if getattr(briefing, k) != v}
            if "agenda" in changed:  # a person's agenda now, for the briefing's date
                changed |= {"agenda_edited": True, "agenda_for": briefing.start}
            # Calendars take an update only when the sequence rises; title, agenda and
            # attendees show in them too.
            return changed | {"sequence": briefing.sequence + 1} if changed else {}

        return self._edit_briefing(ref, "Edited", edit)

    def _edit_briefing(
        self, ref: str, verb: str, edit: Callable[[Briefing], dict[str, Any]]
    ) -> Briefing:
        """Apply `edit`'s changes to the briefing as it is on disk now, as one step labelled
        "<verb> the briefing 'title'". No changes, nothing saved."""
        with self._change("") as change:
            briefing = self.briefing(ref)
            changes = edit(briefing)
            if not changes:
                return briefing
            updated = replace(briefing, **changes, updated_at=self.now())
            self.ws.cluster_file.put(BRIEFINGS, updated)
            change.label = f"{verb} the briefing {quoted(briefing.title)}"
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
        for slot in default_plan(self.timeline(lead.id), self.cluster().template.holidays):
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
        made = [
            self._new_briefing(
                b.title, b.start, b.minutes, b.team_id, b.attendees, b.location, None, b.plan_key
            )
            for b in plan
        ]
        label = f"Scheduled {len(made)} briefing{'s' if len(made) != 1 else ''} from the plan"
        with self._change(label):
            # A plan proposed earlier (in another window, or accepted twice) must not fill a
            # slot again: every attendee's calendar would get the briefing twice.
            taken = {(b.team_id, b.plan_key) for b in self.briefings() if b.plan_key}
            for b in made:
                if b.plan_key and (b.team_id, b.plan_key) in taken:
                    raise ValidationError(
                        f"{quoted(b.title)} is already scheduled; plan again to see what is left."
                    )
                taken.add((b.team_id, b.plan_key))
                self.ws.cluster_file.put(BRIEFINGS, b)
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
