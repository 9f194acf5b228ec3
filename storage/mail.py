"""Sending email through the user's SMTP server, set in config.toml:

    [mail]
    host = "smtp.office365.com"
    port = 587                  # default: 587 for starttls, 465 for ssl, 25 for none
    security = "starttls"       # starttls (default), ssl or none
    username = "chair@school.org"
    from = "chair@school.org"   # default: the username

The password is never in the file: it comes from the FLOURISH_SMTP_PASSWORD environment
variable, or else from the system keyring (service "flourish", the username), where
`keyring set flourish chair@school.org` puts it.

Each message goes in its own transaction, so one refused recipient does not stop the others,
and the result says who got theirs and who did not, and why, in one line each.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from domain.errors import ValidationError
from storage.settings import config_path, read_config

if TYPE_CHECKING:  # the mail libraries are imported only when mail is sent
    import smtplib
    from email.message import EmailMessage

PASSWORD_ENV = "FLOURISH_SMTP_PASSWORD"
KEYRING_SERVICE = "flourish"
SECURITY = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT = 20  # seconds for connecting and each reply: a dead server must not hang the app


@dataclass(frozen=True, kw_only=True)
class MailSettings:
    host: str
    port: int
    security: str
    username: str
    sender: str

    @classmethod
    def load(cls) -> "MailSettings | None":
        """The [mail] settings, None if there are none, refused in one line if wrong."""
        path = config_path()
        mail = read_config(path).get("mail")
        if mail is None:
            return None
        if not isinstance(mail, dict):
            raise ValidationError(f"In {path}, [mail] must be a table of settings.")
        return cls.from_table(mail, str(path))

    @classmethod
    def from_table(cls, mail: dict[str, Any], where: str) -> "MailSettings":
        host = str(mail.get("host", "")).strip()
        security = str(mail.get("security", "starttls")).strip().lower()
        if not host:
            raise ValidationError(f'In {where}, [mail] needs host = "smtp.example.org".')
        if security not in SECURITY:
            raise ValidationError(
                f"In {where}, [mail] security must be starttls, ssl or none, not {security}."
            )
        try:
            port = int(mail.get("port", SECURITY[security]))
        except (TypeError, ValueError):
            raise ValidationError(f"In {where}, [mail] port must be a number.") from None
        username = str(mail.get("username", "")).strip()
        sender = str(mail.get("from", "") or username).strip()
        if "@" not in sender:
            raise ValidationError(
                f'In {where}, [mail] needs from = "you@school.org": the address invitations '
                "come from."
            )
        return cls(host=host, port=port, security=security, username=username, sender=sender)

    def password(self) -> str:
        """From the environment, else the keyring; empty when the server needs none."""
        if (env := os.environ.get(PASSWORD_ENV)) is not None:
            return env
        if not self.username:
            return ""
        try:
            import keyring

            return keyring.get_password(KEYRING_SERVICE, self.username) or ""
        except Exception:  # no keyring on this system (a server, a container): no password
            return ""


@dataclass
class Outcome:
    """Who got their email and who did not, with the reason, by recipient address."""

    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def send(settings: MailSettings, messages: "Sequence[EmailMessage]") -> Outcome:
    """Send each message; an error with the server fails all that were not yet sent."""
    import smtplib

    outcome = Outcome()
    recipients = [str(m["To"]) for m in messages]
    try:
        with _connect(settings) as server:
            for message, to in zip(messages, recipients, strict=True):
                try:
                    server.send_message(message)
                    outcome.sent.append(to)
                except smtplib.SMTPRecipientsRefused as e:
                    code, reply = next(iter(e.recipients.values()))
                    outcome.failed[to] = f"refused by the server ({code} {_text(reply)})"
                except smtplib.SMTPResponseException as e:
                    outcome.failed[to] = f"refused by the server ({e.smtp_code} {_text(e)})"
    except smtplib.SMTPAuthenticationError as e:
        why = f"the server refused the username or password ({e.smtp_code} {_text(e)})"
        _fail_rest(outcome, recipients, why)
    except (OSError, smtplib.SMTPException) as e:
        _fail_rest(outcome, recipients, _unreachable(settings, e))
    return outcome


def _connect(settings: MailSettings) -> "smtplib.SMTP":
    import smtplib
    import ssl

    context = ssl.create_default_context()
    server: smtplib.SMTP
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    try:
        server.ehlo()
        if settings.security == "starttls":
            server.starttls(context=context)
            server.ehlo()
        if settings.username and (password := settings.password()):
            server.login(settings.username, password)
    except BaseException:
        server.close()
        raise
    return server


def _fail_rest(outcome: Outcome, recipients: list[str], why: str) -> None:
    for to in recipients:
        if to not in outcome.sent and to not in outcome.failed:
            outcome.failed[to] = why


def _unreachable(settings: MailSettings, e: BaseException) -> str:
    import smtplib
    import socket
    import ssl

    where = f"{settings.host}:{settings.port}"
    if isinstance(e, ConnectionRefusedError):
        return f"{where} refused the connection"
    if isinstance(e, socket.gaierror):
        return f"{settings.host} is not a known server name"
    if isinstance(e, TimeoutError | socket.timeout):
        return f"{where} did not answer in {TIMEOUT} s"
    if isinstance(e, ssl.SSLError):
        return f"a secure connection to {where} failed ({e.reason or e}); check security"
    if isinstance(e, smtplib.SMTPNotSupportedError):
        return f"{where} does not offer {settings.security}; check security in [mail]"
    return f"{where}: {_text(e)}"


def _text(e: Any) -> str:
    """A server's reply or an error on one line."""
    raw = getattr(e, "smtp_error", e)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())
