"""Domain dataclasses to and from plain JSON records: dates as ISO strings, enums as values."""

import dataclasses
import functools
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def to_record(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: to_record(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):  # datetime too: both have isoformat
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_record(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_record(value) for key, value in obj.items()}
    return obj


def from_record(cls: type[T], record: dict) -> T:
    return cls(**{name: fn(record[name]) for name, fn in _fields(cls) if name in record})


# Decoding is the main cost of reading a large workspace, so each type's decoder is worked out
# once from its hints and cached; plain values (str, int, bool) pass through untouched.


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    names = {f.name for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    return tuple((name, _decoder(hint)) for name, hint in hints.items() if name in names)


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _decoder(hint: Any):
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):  # X | None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        decode = _decoder(inner)
        return decode if decode is _identity else lambda v: None if v is None else decode(v)
    if origin in (list, tuple):
        item = _decoder(typing.get_args(hint)[0])
        if origin is tuple:
            return lambda v: None if v is None else tuple(item(x) for x in v)
        return lambda v: None if v is None else [item(x) for x in v]
    if hint is datetime:
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if hint is date:
        return lambda v: None if v is None else date.fromisoformat(v)
    if dataclasses.is_dataclass(hint):
        return lambda v: None if v is None else from_record(hint, v)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda v: None if v is None else hint(v)
    return _identity
