"""Parse the dates and times people type, and describe ages in words.

Pure functions: "today" is always passed in, so results never depend on the clock. Every
rejection is a ValidationError whose one-line message says how to fix the input.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from domain.errors import ValidationError

Prefer = Literal["past", "future"]

DATE_HINT = (
    "Use 2026-12-03, 3 Dec, 03/12/2026, today, tomorrow, yesterday, a weekday such as friday, "
    "next week, in 2 weeks, or +3d / -2w."
)
TIME_HINT = "Use HH:MM (24-hour, e.g. 15:30) or 3pm / 3:30pm."
DATETIME_HINT = "Use a date then a time, e.g. tomorrow 9am or 2026-12-03 15:30."
# Wide enough for any program date, narrow enough to catch typos such as +99999d.
MIN_YEAR, MAX_YEAR = 1900, 2200

_NAMED = {"today": 0, "tomorrow": 1, "yesterday": -1}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNITS = {
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("m", "mo", "mos", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}

# re.ASCII: \d must not match other scripts' digits, which int() would quietly accept.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_ISO_T = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})t", re.ASCII)
_OFFSET = re.compile(r"([+-]?) ?(\d+) ?([a-z]*)", re.ASCII)
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_DAY_MONTH = re.compile(r"(\d{1,2}) ([a-z]{3,})(?: (\d{4}))?", re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]{3,}) (\d{1,2})(?: (\d{4}))?", re.ASCII)
_WEEKDAY = re.compile(r"(?:(next|last) )?([a-z]+)", re.ASCII)
# 03/12/2026 or 3.12.26: the day first unless the cluster writes dates the US way.
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})", re.ASCII)
_IN = re.compile(r"in (\d+) ?([a-z]+)", re.ASCII)
_TERMS = re.compile(r"(?:the )?(?:end|start|beginning) of (?:the )?(?:term|half[- ]term|year)")
_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))? ?(am|pm)?", re.ASCII)
# The time is the trailing run of digits / colon / am-pm; everything before it is the date.
_DATETIME = re.compile(r"(.+?) (?:at )?(\d{1,2}(?::\d{2})? ?(?:am|pm)?)", re.ASCII)


# Where 03/12 is March 12: the United States' zones. Everywhere else the day comes first.
_MONTH_FIRST_PREFIXES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Phoenix", "America/Anchorage", "America/Adak", "America/Detroit", "America/Boise",
    "America/Indiana/", "America/Kentucky/", "America/North_Dakota/", "America/Menominee",
    "America/Juneau", "America/Sitka", "America/Metlakatla", "America/Nome", "America/Yakutat",
    "Pacific/Honolulu", "US/",
)  # fmt: skip


def day_first_for(timezone: str) -> bool:
    """Whether a cluster in `timezone` writes the day before the month (03/12 = 3 Dec)."""
    return not timezone.startswith(_MONTH_FIRST_PREFIXES)


def working_day(day: date, holidays: Collection[date] = (), forward: bool = True) -> date:
    """`day`, or the nearest working day after it (before it, `forward` False): never a
    Saturday, a Sunday or one of `holidays`."""
    step = timedelta(days=1 if forward else -1)
    while day.weekday() >= 5 or day in holidays:
        day += step
    return day


def clock_change(moment: datetime) -> str | None:
    """Why a local time names no single moment, or None: it is skipped when the clocks go
    forward, or comes twice when they go back."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return "does not exist (the clocks go forward that night)"
    if moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset():
        return "comes twice (the clocks go back that night)"
    return None


def day_month(d: date) -> str:
    """`3 Dec`. Written out, not with "%-d", which is glibc's and fails on Windows."""
    return f"{d.day} {d:%b}"


def day_month_year(d: date) -> str:
    """`3 Dec 2026`."""
    return f"{d.day} {d:%b %Y}"


def weekday_day(d: date) -> str:
    """`Thu 3 Dec 2026`."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def parse_date(text: str, today: date, prefer: Prefer = "future", day_first: bool = True) -> date:
    """Turn what a user typed into a date; `prefer` decides which way a bare weekday goes,
    and `day_first` how 03/12/2026 reads (3 December, or March 12 in the US)."""
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")  # caller's bug
    s = _normalise(text)
    if not s:
        raise ValidationError(f"A date is required. {DATE_HINT}")
    try:
        result = _resolve(s, text, today, prefer, day_first)
    except (OverflowError, ValueError):  # huge offsets overflow int() or date arithmetic
        raise _out_of_range(text) from None
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _out_of_range(text)
    return result


def parse_time(text: str) -> time:
    """Turn `15:30`, `9:30`, `3pm`, `3:30pm`, `12am` (midnight) or `12pm` (noon) into a time."""
    s = _normalise(text)
    if not s:
        raise ValidationError(f"A time is required. {TIME_HINT}")
    m = _TIME.fullmatch(s)
    if not m:
        raise _invalid(text, "a time", None, TIME_HINT)
    hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    if half:
        if not 1 <= hour <= 12:
            raise _invalid(text, "a time", "with am/pm the hour must be 1 to 12", TIME_HINT)
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif m[2] is None:  # a bare "9" could be 9:00 or 21:00; make the user say which
        raise _invalid(text, "a time", "add minutes or am/pm, e.g. 9:00 or 9am", TIME_HINT)
    elif hour > 23:
        raise _invalid(text, "a time", "the hour must be 0 to 23", TIME_HINT)
    if minute > 59:
        raise _invalid(text, "a time", "the minutes must be 0 to 59", TIME_HINT)
    return time(hour, minute)


def parse_datetime(
    text: str, today: date, tz: ZoneInfo, prefer: Prefer = "future", day_first: bool = True
) -> datetime:
    """Turn `<date> <time>` (or ISO `YYYY-MM-DDTHH:MM`) into an aware datetime in `tz`."""
    s = _ISO_T.sub(r"\1 ", _normalise(text), count=1)
    if not s:
        raise ValidationError(f"A date and time are required. {DATETIME_HINT}")
    m = _DATETIME.fullmatch(s)
    if not m:
        parse_date(text, today, prefer, day_first)  # a bad date gets the precise message
        raise ValidationError(f'"{_shown(text)}" has no time. {DATETIME_HINT}')
    d, t = parse_date(m[1], today, prefer, day_first), parse_time(m[2])
    dt = datetime.combine(d, t, tzinfo=tz)
    # zoneinfo quietly accepts wall times skipped by a DST change; a round trip exposes them.
    if dt.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != dt.replace(tzinfo=None):
        raise ValidationError(
            f"{d.isoformat()} {t:%H:%M} does not exist in {tz}: the clocks go forward then. "
            "Pick a later time."
        )
    return dt


SHIFT_HINT = "Use a span such as +4w, -1w or +10d (weeks or days)."
_SHIFT = re.compile(r"([+-]?) ?(\d{1,4}) ?([a-z]+)", re.ASCII)
MAX_SHIFT_DAYS = 366


def parse_shift(text: str) -> int:
    """A schedule shift in days: `+4w` is 28, `-10d` is -10. Months are refused: "+1m" would
    mean 28 to 31 days depending on where it lands, and a revision must mean one thing."""
    s = _normalise(text)
    m = _SHIFT.fullmatch(s)
    unit = _UNITS.get(m[3]) if m else None
    if m is None or unit not in ("days", "weeks"):
        raise _invalid(text, "a shift", None, SHIFT_HINT)
    days = int(m[2]) * (7 if unit == "weeks" else 1) * (-1 if m[1] == "-" else 1)
    if days == 0:
        raise ValidationError(f"A shift of {text.strip()} moves nothing. {SHIFT_HINT}")
    if abs(days) > MAX_SHIFT_DAYS:
        raise ValidationError(f"A shift of {text.strip()} is more than a year. {SHIFT_HINT}")
    return days


def format_shift(days: int) -> str:
    """+4w, -10d: a shift as the user would type it."""
    sign = "+" if days >= 0 else "-"
    n = abs(days)
    return f"{sign}{n // 7}w" if n % 7 == 0 else f"{sign}{n}d"


def format_relative_age(days: int) -> str:
    """Say how long ago something was: today, yesterday, 3 days ago, 2 weeks ago, 4 months ago."""
    if days < 0:
        return "tomorrow" if days == -1 else f"in {-days} days"
    if days <= 1:
        return ("today", "yesterday")[days]
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    return f"{days // 30} months ago"


def _resolve(s: str, text: str, today: date, prefer: Prefer, day_first: bool) -> date:
    """Match the normalised input against each accepted form in turn."""
    if s in _NAMED:
        return today + timedelta(days=_NAMED[s])
    if s in ("next week", "this week", "last week"):  # the Monday of that week
        monday = today - timedelta(days=today.weekday())
        return monday + timedelta(weeks={"next": 1, "this": 0, "last": -1}[s.split()[0]])
    if m := _IN.fullmatch(s):  # "in 2 weeks": as +2w
        s = f"+{m[1]}{m[2]}"
    if _TERMS.fullmatch(s):
        raise _invalid(
            text, "a date", "Flourish does not know your school's term dates; give the day"
        )
    if m := _NUMERIC.fullmatch(s):
        return _numeric(int(m[1]), int(m[2]), int(m[3]), text, day_first)
    if m := _ISO.fullmatch(s):
        try:
            return date(*map(int, m.groups()))
        except ValueError as e:  # e.g. "day is out of range for month"
            raise _invalid(text, "a date", str(e)) from None
    if (m := _DAY_MONTH.fullmatch(s)) and (month := _month_number(m[2])):
        return _day_month(int(m[1]), month, m[3], text, today, prefer)
    if (m := _MONTH_DAY.fullmatch(s)) and (month := _month_number(m[1])):
        return _day_month(int(m[2]), month, m[3], text, today, prefer)
    if m := _OFFSET.fullmatch(s):
        sign, number, unit = m.groups()
        if unit not in _UNITS:
            reason = (
                f'unknown unit "{unit}", use d, w, m or y' if unit else "add a unit: d, w, m or y"
            )
            raise _invalid(text, "a date", reason)
        # relativedelta clamps month ends: Jan 31 + 1m is the last day of February.
        amount = int(number) * (-1 if sign == "-" else 1)
        return today + _shift(_UNITS[unit], amount)
    if m := _WEEKDAY.fullmatch(s):
        modifier, word = m.groups()
        weekday = _weekday_number(word)
        if weekday is not None:
            return _nearest_weekday(today, weekday, modifier or prefer)
        if modifier:
            raise _invalid(text, "a date", f"{modifier} needs a weekday, e.g. {modifier} monday")
    raise _invalid(text, "a date")


def _numeric(first: int, second: int, year: int, text: str, day_first: bool) -> date:
    """03/12/2026 (or 3.12.26) as the cluster writes dates: day first, or month first."""
    day, month = (first, second) if day_first else (second, first)
    try:
        return date(year + (2000 if year < 100 else 0), month, day)
    except ValueError as e:
        order = "day/month/year" if day_first else "month/day/year"
        raise _invalid(text, "a date", f"{e}, reading it as {order}") from None


def _shift(unit: str, amount: int) -> relativedelta:
    """`amount` of a unit ("days", "weeks", "months" or "years") as a relativedelta."""
    if unit == "days":
        return relativedelta(days=amount)
    if unit == "weeks":
        return relativedelta(weeks=amount)
    if unit == "months":
        return relativedelta(months=amount)
    return relativedelta(years=amount)


def _month_number(word: str) -> int | None:
    """January=1; "dec", "Dec" and "December" all count, as dates are shown that way."""
    for number, name in enumerate(_MONTH_NAMES, start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _day_month(
    day: int, month: int, year: str | None, text: str, today: date, prefer: Prefer
) -> date:
    """A day and month; without a year, the nearest such date to today, either side ("3 Dec"
    on 4 Dec is yesterday, not next year); `prefer` breaks a tie."""
    years = [int(year)] if year else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for y in years:
        try:
            candidates.append(date(y, month, day))
        except ValueError as e:  # 31 Feb, or 29 Feb outside a leap year
            reason = str(e)
    if not candidates:
        raise _invalid(text, "a date", reason)
    if year:
        return candidates[0]
    later = prefer == "future"
    return min(candidates, key=lambda c: (abs((c - today).days), (c < today) == later))


def _weekday_number(word: str) -> int | None:
    """Monday=0; any prefix of 3+ letters counts, so mon, tues, thur, thurs all work."""
    if len(word) >= 3:
        for number, name in enumerate(_WEEKDAYS):
            if name.startswith(word):
                return number
    return None


def _nearest_weekday(today: date, weekday: int, mode: str) -> date:
    """future/past include today; next/last never do."""
    ahead = (weekday - today.weekday()) % 7
    behind = -ahead % 7
    offset = {"future": ahead, "next": ahead or 7, "past": -behind, "last": -(behind or 7)}[mode]
    return today + timedelta(days=offset)


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _shown(text: str) -> str:
    """The user's input as it can appear in a one-line message."""
    flat = "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))
    return flat if len(flat) <= 40 else flat[:39] + "…"


def _invalid(
    text: str, what: str, reason: str | None = None, hint: str = DATE_HINT
) -> ValidationError:
    because = f": {reason}" if reason else ""
    return ValidationError(f'"{_shown(text)}" is not {what}{because}. {hint}')


def _out_of_range(text: str) -> ValidationError:
    return ValidationError(
        f'"{_shown(text)}" is out of range: dates must fall between '
        f"{MIN_YEAR}-01-01 and {MAX_YEAR}-12-31."
    )
