"""Check-ins: a coach's meetings with a team, logged with the actions agreed at them."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from domain.actions import ActionItem
from domain.checkins import CheckIn, CheckInKind, checkin_warnings, parse_kind
from domain.errors import ValidationError
from domain.records import optional_line
from domain.text import quoted
from storage.facade.actions import ActionVerbs
from storage.facade.core import ActionChange, NewAction
from storage.tables import ACTIONS, CHECKINS

CHECKIN_FIELDS = {"date", "kind", "notes", "attendees", "confidential", "next_checkin"}


class CheckinVerbs(ActionVerbs):
    def log_checkin(
        self,
        team_id: str,
        *,
        on: date,
        kind: str = "coaching",
        notes: str = "",
        coach: str | None = None,
        attendees: Sequence[str] = (),
        confidential: bool = False,
        next_checkin: date | None = None,
        new_actions: Sequence[NewAction] = (),
        action_changes: Sequence[ActionChange] = (),
    ) -> CheckIn:
        """Log a check-in and, in the same step, the actions agreed at it."""
        located = {c.action_id: self.action(c.action_id) for c in action_changes}
        with self._change("Logged a check-in") as step:
            team = self._team(team_id)
            step.label = f"Logged a check-in for {team.name}"
            kind = self.check_checkin(on=on, kind=kind, next_checkin=next_checkin)
            agreed = [
                self._new_action(team, a.title, a.owner, a.stage, a.due, a.success_criteria, on)
                for a in new_actions
            ]
            changed: dict[str, ActionItem] = {}  # two changes to one action both apply
            for change in action_changes:
                action = self._fresh(ACTIONS, located[change.action_id], "action")
                if action.team_id != team.id:
                    raise ValidationError(f"Action {quoted(action.title)} belongs to another team.")
                action = changed.get(action.id, action)
                changed[action.id] = self._changed_action(action, change.status, change.note)
            written = [*agreed, *changed.values()]
            now = self.now()
            checkin = CheckIn(
                created_at=now,
                updated_at=now,
                team_id=team.id,
                date=on,
                kind=kind,
                coach=optional_line(coach if coach is not None else team.coach.name, "The coach"),
                attendees=[optional_line(a, "Each attendee") for a in attendees if a.strip()],
                notes=notes.rstrip(),
                confidential=confidential,
                action_ids=list(dict.fromkeys(a.id for a in written)),
                next_checkin=next_checkin,
            )
            team_file = self._file(team.id)
            for action in written:
                team_file.put(ACTIONS, action)
            team_file.put(CHECKINS, checkin)
        return checkin

    def checkin_warnings(self, checkin: CheckIn) -> list[str]:
        """Anything unusual about a check-in just logged or corrected, to show the user."""
        team = self._team(checkin.team_id)
        return checkin_warnings(checkin, self.checkins(team.id), team.name, team.start)

    def check_checkin(
        self, *, on: date, kind: str | CheckInKind, next_checkin: date | None = None
    ) -> CheckInKind:
        """The check-in kind, if a check-in with these details may be logged; call it before
        asking for notes so that nobody writes notes for a check-in that will be refused."""
        today = self.today()
        if on > today:
            raise ValidationError(
                f"The check-in date {on} is in the future (today is {today}). Log a check-in "
                "once it has happened.",
                field="on",
            )
        if next_checkin is not None and next_checkin <= on:
            raise ValidationError(
                f"The next check-in ({next_checkin}) must come after this one ({on}).",
                field="next_checkin",
            )
        return parse_kind(str(kind))

    def update_checkin(self, checkin_id: str, **changes: Any) -> CheckIn:
        """Correct a logged check-in: its date, kind, notes, attendees, confidentiality."""
        found = self.checkin(checkin_id)
        with self._change("") as change:
            checkin = self._fresh(CHECKINS, found, "check-in")
            self._only(changes, CHECKIN_FIELDS, "A check-in has no field {}.")
            merged = {
                "on": changes.get("date", checkin.date),
                "kind": changes.get("kind", checkin.kind),
                "next_checkin": changes.get("next_checkin", checkin.next_checkin),
            }
            changes["kind"] = self.check_checkin(**merged)
            if "notes" in changes:
                changes["notes"] = changes["notes"].rstrip()
            if "attendees" in changes:
                changes["attendees"] = [
                    optional_line(a, "Each attendee") for a in changes["attendees"] if a.strip()
                ]
            updated = replace(checkin, **changes, updated_at=self.now())
            if (updated.date, updated.kind) != (checkin.date, checkin.kind):
                updated.sequence += 1
            team_file = self._file(checkin.team_id)
            change.label = f"Edited the check-in of {checkin.date}"
            team_file.put(CHECKINS, updated)
        return updated

    def delete_checkin(self, checkin_id: str) -> CheckIn:
        """Remove a check-in logged by mistake; the actions agreed at it stay in the plan."""
        found = self.checkin(checkin_id)
        with self._change("") as change:
            checkin = self._fresh(CHECKINS, found, "check-in")
            team_file = self._file(checkin.team_id)
            change.label = f"Deleted the check-in of {checkin.date}"
            team_file.remove(CHECKINS, checkin.id)
        return checkin
