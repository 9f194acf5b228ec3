"""What every stored record carries: a stable string id and when it was made and last changed."""

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from domain.errors import ValidationError
from domain.text import one_line, quoted

E = TypeVar("E", bound=StrEnum)


def new_id() -> str:
    """A stable record id. References between records use these, never storage row numbers."""
    return str(uuid.uuid4())


# Records that stand for one slot (a team's pulse result for a month and dimension, a rating of
# one condition in a round, a briefing of the program's plan) take their id from that slot, so
# the same slot filled on two laptops of a shared cluster is one record, not two.
_SLOT_IDS = uuid.UUID("6f1c2a4e-3b7d-4c8e-9a15-2d0f8e7b6c31")


def slot_id(*parts: str) -> str:
    """The id of the record for one slot, the same wherever it is made."""
    return str(uuid.uuid5(_SLOT_IDS, "\x1f".join(parts)))


@dataclass(kw_only=True)
class Record:
    id: str = field(default_factory=new_id)
    created_at: datetime
    updated_at: datetime


@dataclass(kw_only=True)
class Person:
    name: str
    email: str = ""
    role: str = ""

    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def has_email(self, email: str) -> bool:
        """Whether `email` is this person's, ignoring case and spaces around it."""
        key = email.strip().casefold()
        return bool(key) and self.email.strip().casefold() == key


def parse_person(spec: str) -> Person:
    """A person as typed: `Jane Doe, Deputy head, jane@school.org`. The part with an @ is the
    email, the first other part the name, and the rest the role (in any order after the name)."""
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    emails = [p for p in parts if "@" in p]
    if len(emails) > 1:
        raise ValidationError(f"{quoted(spec)} has more than one email address.")
    others = [p for p in parts if "@" not in p]
    if not others:
        raise ValidationError(f'{quoted(spec)} has no name. Write a person as "Name, Role, email".')
    return Person(name=others[0], role=", ".join(others[1:]), email=emails[0] if emails else "")


def require_text(value: str, what: str, field: str | None = None) -> str:
    """Strip `value` and refuse it if nothing is left (naming `field` in the error)."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} is required.", field=field)
    return text


def require_line(value: str, what: str, field: str | None = None) -> str:
    """A required one-line value (a name, a title): stripped, and refused if blank or if it
    holds a line break or a control character."""
    return one_line(require_text(value, what, field), what, field)


def optional_line(value: str, what: str, field: str | None = None) -> str:
    """An optional one-line value (an owner, a role, a place), stripped and checked."""
    return one_line((value or "").strip(), what, field)


# Plausible, not RFC 5322: something before the @, a domain with a dot after it, and nothing
# that would break a calendar line or a mail header (spaces, commas, angle brackets, quotes).
_EMAIL = re.compile(r"[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]+[^@\s,;<>\"]*")


def check_email(email: str, whose: str) -> str:
    """An email address as typed, stripped; "" for none. Refuses what is not one."""
    email = optional_line(email, f"{whose}'s email")
    if email and not _EMAIL.fullmatch(email):
        raise ValidationError(
            f"{quoted(email)} is not an email address ({whose}): write it as name@school.org."
        )
    return email


def parse_choice(enum: type[E], text: str, what: str) -> E:
    """A choice as people type it: `In progress`, `in-progress` and `in_progress` are one."""
    key = "-".join(str(text).strip().lower().replace("_", " ").split())
    try:
        return enum(key)
    except ValueError:
        names = ", ".join(e.value for e in enum)
        raise ValidationError(f"Unknown {what} {quoted(text)}: use one of {names}.") from None
