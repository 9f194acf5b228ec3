"""Domain dataclasses to and from plain JSON records: dates as ISO strings, enums as values."""

import dataclasses
from datetime import date
from enum import Enum
from typing import Any, TypeVar

import msgspec

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


def from_record(cls: type[T], record: dict[str, Any]) -> T:
    """A record back as its dataclass. msgspec does the typed conversion (ISO dates, enum
    values, nested records) in C: decoding is most of the cost of reading a big workspace."""
    try:
        return msgspec.convert(record, cls)
    except msgspec.ValidationError as e:
        raise BadRecord(f"a stored {cls.__name__} is not valid ({e})") from None


class BadRecord(ValueError):
    """A stored record that does not fit its type: the file was edited or damaged."""
