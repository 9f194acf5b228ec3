"""Small helpers the demo's story shares: who is invited or named, and which day it is."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from demo.data import FRI, ROLE_KEYS
from domain.records import Person


def member_with_role(members: list[Person], role: str) -> Person:
    """The first member with `role` (or whose role mentions it), else the team's first member."""
    wanted = role.lower()
    exact = (m for m in members if m.role.lower() == wanted)
    loose = (m for m in members if wanted in m.role.lower())
    return next(exact, None) or next(loose, None) or members[0]


def placeholders(members: list[Person]) -> dict[str, str]:
    """First names for the {head}, {deputy}... placeholders in the notes. A role the team
    lacks goes to someone other than the head, so no note sets the head against themselves."""
    head = member_with_role(members, "Headteacher")
    others = [m for m in members if m is not head] or [head]
    names = {}
    for key, role in ROLE_KEYS.items():
        person = member_with_role(members, role)
        if person is head and key != "head":
            person = member_with_role(others, role)
        names[key] = person.name.split()[0]
    return names


def cycle(pool: tuple[str, ...], rng: random.Random) -> Iterator[str]:
    """The pool in a shuffled order, repeated: no note twice in a row."""
    order = list(pool)
    rng.shuffle(order)
    while True:
        yield from order


def attendees_for(kind: str, members: list[Person], rng: random.Random) -> list[str]:
    names = [m.name for m in members]
    if kind in ("workshop", "observation"):
        return names
    if kind == "webinar":
        return sorted(rng.sample(names, 2), key=names.index)
    if rng.random() < 0.2:
        return []  # not recorded
    return sorted(rng.sample(names, rng.randint(2, len(names))), key=names.index)


def next_checkin(on: date) -> date:
    return on + timedelta(weeks=4)  # the same weekday, a cadence later


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekday_back(day: date) -> date:
    """`day`, or the Friday before it when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - FRI))


def weekday_forward(day: date, weekday: int) -> date:
    """The first `weekday` on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)
