"""People as typed on the command line: "Name, Role, email" in any order after the name."""

from domain.errors import ValidationError
from domain.records import Person


def parse_person(spec: str) -> Person:
    """`Jane Doe, Deputy head, jane@school.org`: the part with an @ is the email, the first
    other part the name, and the rest the role."""
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    emails = [p for p in parts if "@" in p]
    if len(emails) > 1:
        raise ValidationError(f"{spec!r} has more than one email address.")
    others = [p for p in parts if "@" not in p]
    if not others:
        raise ValidationError(f'{spec!r} has no name. Write a person as "Name, Role, email".')
    return Person(name=others[0], role=", ".join(others[1:]), email=emails[0] if emails else "")
