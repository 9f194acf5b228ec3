"""What the pulse survey and the self-assessments share: the shading bands of a 0-10 score and
lists of named things people configure and refer to by key (dimensions, conditions)."""

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from domain.errors import ValidationError
from domain.text import one_line, quoted


class Band(StrEnum):
    """Shading bands, as the self-assessment grid uses them: 0-3 low, 4-7 medium, 8-10 high."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def band(score: float) -> Band:
    """The band of a 0-10 score; a mean between whole numbers falls in the band below the
    next one (3.9 is low, 4 medium, 7.9 medium, 8 high)."""
    if score < 4:
        return Band.LOW
    if score < 8:
        return Band.MEDIUM
    return Band.HIGH


def share_words(share: float) -> str:
    """A rule's share of a whole as people say it: "half", "60% of"."""
    return "half" if share == 0.5 else f"{share:.0%} of"


@dataclass(frozen=True, kw_only=True)
class Keyed:
    """Something a cluster configures and people refer to: a pulse dimension, a condition."""

    key: str  # stable, used in files and on the command line: "voice"
    label: str  # as shown: "My voice is heard"


K = TypeVar("K", bound=Keyed)


def find_keyed(items: tuple[K, ...], text: str, what: str) -> K:
    """An item by its key or its label, in any case."""
    key = " ".join(str(text).strip().casefold().split())
    for item in items:
        if key in (item.key.casefold(), " ".join(item.label.casefold().split())):
            return item
    known = ", ".join(item.key for item in items)
    raise ValidationError(f"Unknown {what} {quoted(text)}: use one of {known}.")


def parse_keyed(spec: str, cls: type[K], example: str) -> K:
    """One configured item as people type it, `key=Label` (`example` shows one)."""
    key, sep, label = spec.partition("=")
    if not sep or not key.strip() or not label.strip():
        raise ValidationError(f"{quoted(spec)}: write it as key=Label, e.g. {example}.")
    return cls(key=key.strip(), label=one_line(" ".join(label.split()), "A label"))


def check_keyed(items: list[K], whole: str, noun: str) -> tuple[K, ...]:
    """A configured list: at least one item, keys that are safe in files, labels, no twins."""
    if not items:
        raise ValidationError(f"{whole} needs at least one {noun}.")
    keys = [item.key for item in items]
    for item in items:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", item.key):
            raise ValidationError(
                f"A {noun} key is lower-case letters, digits and hyphens, not {quoted(item.key)}."
            )
        if not item.label.strip():
            raise ValidationError(f"{noun.capitalize()} {quoted(item.key)} needs a label.")
    if len(set(keys)) != len(keys):
        raise ValidationError(f"Two {noun}s have the same key.")
    return tuple(items)
