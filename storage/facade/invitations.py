"""Inviting a briefing's attendees by email, so that their calendars follow it: an invitation,
an update after a move or an edit, a cancellation. What each person was sent is kept in the
calendar ledger, so a retry sends only to those a failed send missed."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from domain.briefings import Briefing
from domain.calendar_ledger import settled
from domain.errors import ValidationError
from domain.invitations import Delivery, Invitation, InvitePlan, plan
from domain.schedule import CalendarEvent, briefing_event
from storage.atomic import atomic_write
from storage.calendar_ledger import CalendarLedger
from storage.facade.exports import ExportError, ExportVerbs, _why
from storage.mail import MailSettings, send

if TYPE_CHECKING:  # mail is built only when it is sent
    from email.message import EmailMessage

NO_MAIL = (
    "No mail server is set: add a [mail] table to {config} (see README, Invitations), or write "
    "the invitations as files to send from your mail client with --eml FOLDER."
)


@dataclass(frozen=True, kw_only=True)
class InviteReport:
    briefing: Briefing
    plan: InvitePlan
    sent: list[Delivery] = field(default_factory=list)
    failed: list[tuple[Delivery, str]] = field(default_factory=list)  # with why
    files: list[Path] = field(default_factory=list)  # .eml files written


class InvitationVerbs(ExportVerbs):
    def invitations(self, ref: str) -> list[Invitation]:
        """Who was sent what for a briefing (by this workspace), by name."""
        briefing = self.briefing(ref)
        sent = CalendarLedger.load(self.ws.root).invitations.get(briefing.id, {})
        return sorted(sent.values(), key=lambda i: (i.name.casefold(), i.email))

    def plan_invitations(self, ref: str) -> InviteReport:
        """Who would be sent what now; nothing is sent or recorded."""
        briefing = self.briefing(ref)
        return InviteReport(briefing=briefing, plan=self._plan(briefing, self._ledger()))

    def send_invitations(
        self, ref: str, *, eml_dir: Path | None = None, mail: MailSettings | None = None
    ) -> InviteReport:
        """Send what the plan says through `mail` (or write it as .eml files into `eml_dir`),
        and record who got theirs. The server is not spoken to under the workspace lock."""
        with self.ws.writing():  # the briefing and the ledger as they are on disk now
            briefing = self.briefing(ref)
            invite = self._plan(briefing, self._ledger())
        if not invite.deliveries:
            return InviteReport(briefing=briefing, plan=invite)
        if eml_dir is None and mail is None:
            raise ValidationError(NO_MAIL.format(config=_config()))
        sender = mail.sender if mail else (self.cluster().chair.email or "flourish@localhost")
        messages = [(d, self._email(invite.event, d, sender)) for d in invite.deliveries]
        if eml_dir is not None:
            files = self._write_eml(eml_dir, briefing, messages)
            report = InviteReport(
                briefing=briefing, plan=invite, sent=invite.deliveries, files=files
            )
        else:
            assert mail is not None
            outcome = send(mail, [m for _d, m in messages])
            failed = [(d, outcome.failed.get(str(m["To"]), "")) for d, m in messages]
            report = InviteReport(
                briefing=briefing,
                plan=invite,
                sent=[d for d, m in messages if str(m["To"]) in outcome.sent],
                failed=[(d, why) for d, why in failed if why],
            )
        if report.sent:
            self._record(briefing, invite.event, report.sent)
        return report

    # -- inside ------------------------------------------------------------------------------

    def _ledger(self) -> CalendarLedger:
        return CalendarLedger.load(self.ws.root)

    def _plan(self, briefing: Briefing, ledger: CalendarLedger) -> InvitePlan:
        names = {t.id: t.name for t in self.teams()}
        event = briefing_event(briefing, names.get(briefing.team_id or ""))
        event = settled(event, ledger.sent.get(event.uid), self.now())
        sent = ledger.invitations.get(briefing.id, {})
        return plan(event, organizer=self.cluster().chair, sent=sent)

    def _email(self, event: CalendarEvent, delivery: Delivery, sender: str) -> "EmailMessage":
        from exports.itip import invitation_email

        cluster = self.cluster()
        return invitation_email(
            event,
            delivery,
            organizer=cluster.chair,
            sender=sender,
            timezone=cluster.timezone,
            now=self.now(),
        )

    def _write_eml(
        self, folder: Path, briefing: Briefing, messages: "list[tuple[Delivery, EmailMessage]]"
    ) -> list[Path]:
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise ExportError(f"{folder} is not a folder: make it first, or give another one.")
        if folder.resolve().is_relative_to(self.ws.root.resolve()):
            raise ExportError(f"{folder} is inside the workspace; write invitations elsewhere.")
        paths = [folder / _eml_name(briefing, d) for d, _m in messages]
        try:
            for path, (_d, message) in zip(paths, messages, strict=True):
                atomic_write(path, bytes(message))
        except OSError as e:
            raise ExportError(f"Cannot write {folder}: {_why(e)}.") from None
        return paths

    def _record(self, briefing: Briefing, event: CalendarEvent, sent: list[Delivery]) -> None:
        """Remember what each person now holds, reading the ledger again under the lock: an
        export or another send may have recorded since."""
        with self.ws.lock():
            ledger = self._ledger()
            people = ledger.invitations.setdefault(briefing.id, {})
            for d in sent:
                people[d.key] = Invitation(
                    email=d.person.email.strip(),
                    name=d.person.name,
                    sequence=event.sequence,
                    method=d.method,
                    sent_at=self.now(),
                )
            last = ledger.sent.get(event.uid)
            if last is None or last.event.sequence <= event.sequence:
                ledger.record(None, [event])
            self._save_ledger(ledger)


def _eml_name(briefing: Briefing, d: Delivery) -> str:
    who = re.sub(r"[^A-Za-z0-9@._-]", "_", d.person.email.strip())
    return f"{briefing.id[:8]}-{d.describe()}-{who}.eml"


def _config() -> Path:
    from storage.settings import config_path

    return config_path()
