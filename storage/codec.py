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
    return obj


def from_record(cls: type[T], record: dict) -> T:
    hints = _hints(cls)
    values = {name: _decode(hints[name], record[name]) for name in hints if name in record}
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):  # X | None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(inner, value)
    if origin in (list, tuple):
        inner = typing.get_args(hint)[0]
        items = [_decode(inner, item) for item in value]
        return items if origin is list else tuple(items)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return from_record(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value
