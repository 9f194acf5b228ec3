"""What every stored record carries: a stable string id and when it was made and last changed."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime


def new_id() -> str:
    """A stable record id. References between records use these, never storage row numbers."""
    return str(uuid.uuid4())


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


def require_text(value: str, what: str) -> str:
    """Strip `value` and refuse it if nothing is left."""
    from domain.errors import ValidationError

    text = (value or "").strip()
    if not text:
        raise ValidationError(f"{what} is required.")
    return text
