"""Every text field of every record has a level in domain/visibility.py, so no free text can
be shared in plain because someone forgot it."""

import dataclasses
import enum
import types
import typing
from datetime import date, datetime

import pytest

from domain.visibility import PLAIN, SEALED, Level, level_of, sealed_fields
from storage.schema import RECORD_TYPES

BOOKKEEPING = {"created_at", "updated_at"}


def text_fields(cls: type, prefix: str = "") -> list[str]:
    """Every field under `cls` that can hold words: str, lists of str, dicts with str."""
    found = []
    for f in dataclasses.fields(cls):
        name = f"{prefix}{f.name}"
        hint = typing.get_type_hints(cls)[f.name]
        found += _texts(hint, name)
    return found


def _texts(hint: object, name: str) -> list[str]:
    origin = typing.get_origin(hint)
    if hint is str:
        return [name]
    if origin in (list, tuple, set, frozenset, dict, typing.Union, types.UnionType):
        return [t for arg in typing.get_args(hint) for t in _texts(arg, name)]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return text_fields(hint, f"{name}.")
    if isinstance(hint, type) and issubclass(hint, (enum.Enum, int, float, bool, date, datetime)):
        return []
    return [] if hint is type(None) else [name]


@pytest.mark.parametrize("table", sorted(RECORD_TYPES))
def test_every_text_field_has_a_level(table):
    missing = sorted(
        {n for n in text_fields(RECORD_TYPES[table]) if level_of(table, n) is None} - BOOKKEEPING
    )
    assert not missing, f"{table}: give these a level in domain/visibility.py: {missing}"


def test_the_walk_finds_text_inside_lists_of_entries():
    assert "notes.text" in text_fields(RECORD_TYPES["actions"])
    assert level_of("actions", "notes.text") is Level.TEAM
    assert level_of("cluster", "chair.email") is Level.CLUSTER


@pytest.mark.parametrize("table", sorted(SEALED))
def test_a_field_is_never_both_sealed_and_plain(table):
    assert not set(SEALED[table]) & PLAIN.get(table, frozenset())


def test_the_words_the_issue_names_are_sealed():
    for table, name in [
        ("checkins", "notes"),
        ("challenges", "title"),
        ("challenges", "description"),
        ("challenges", "escalation_reason"),
        ("challenges", "schedule_impact"),
        ("challenges", "resolution"),
        ("challenges", "responses.outcome"),
        ("actions", "notes.text"),
        ("actions", "evidence"),
        ("aspirations", "want"),
        ("briefings", "agenda"),
    ]:
        assert level_of(table, name) is Level.TEAM, (table, name)


def test_a_confidential_note_is_private_and_a_cluster_briefing_is_the_members():
    assert sealed_fields("checkins", {"confidential": True})["notes"] is Level.PRIVATE
    assert sealed_fields("checkins", {"confidential": False})["notes"] is Level.TEAM
    assert sealed_fields("briefings", {"team_id": None})["agenda"] is Level.MEMBERS
    assert sealed_fields("briefings", {"team_id": "t1"})["agenda"] is Level.TEAM
