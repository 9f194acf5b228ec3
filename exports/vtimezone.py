"""Rule-based VTIMEZONE components built from Python's zoneinfo.

Calendar clients need a VTIMEZONE for every TZID they meet. icalendar can build one
(Timezone.from_tzinfo), but it lists each transition as an RDATE, and Outlook reads only the
RRULE-based parts of a VTIMEZONE. So we find the transitions ourselves and fold every run of
yearly transitions that follows one rule ("last Sunday of March at 01:00") into an RRULE.

Only public zoneinfo behaviour is used: we sample utcoffset()/dst()/tzname() once a day and
bisect to the second where they change. Two changes less than a day apart would be missed;
no zone has had such a pair in modern times.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_SAMPLE_SECONDS = 24 * 60 * 60
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# DTSTART of the single component describing a period with no transitions: "since long ago".
_LONG_AGO = datetime(1970, 1, 1)


@dataclass(frozen=True)
class _State:
    """What zoneinfo says about one instant."""

    offset: timedelta
    dst: timedelta
    name: str


@dataclass(frozen=True)
class _Transition:
    """A change of state at a UTC instant."""

    at: datetime
    before: _State
    after: _State

    @property
    def local_start(self) -> datetime:
        """The naive wall-clock time just before the change: RFC 5545's DTSTART."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    @property
    def is_daylight(self) -> bool:
        """Whether the change starts "summer time".

        Some zones (Europe/Dublin, Africa/Casablanca) have negative DST in tzdata: their
        winter (or Ramadan) time has dst() < 0. Clients, like Windows, expect DAYLIGHT to be
        the larger offset, so the return from a negative-DST period counts as daylight.
        """
        if self.after.dst:
            return self.after.dst > timedelta(0)
        return self.before.dst < timedelta(0) and self.after.offset > self.before.offset

    def rule_key(self) -> tuple[object, ...]:
        """Everything two yearly transitions must share to be one RRULE, apart from the year
        and the week of the month."""
        start = self.local_start
        return (
            self.is_daylight,
            self.before.offset,
            self.after.offset,
            self.after.name,
            start.month,
            start.weekday(),
            start.time(),
        )

    def ordinals(self) -> frozenset[int]:
        """Which BYDAY ordinals name this day: its week of the month (1-5) and, within the
        last seven days of the month, -1 ("last")."""
        start = self.local_start
        found = {(start.day - 1) // 7 + 1}
        if start.day > calendar.monthrange(start.year, start.month)[1] - 7:
            found.add(-1)
        return frozenset(found)


@dataclass
class _Group:
    """Transitions in consecutive years that one yearly rule describes."""

    members: list[_Transition]
    ordinals: frozenset[int]


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for `tzid`, correct for every instant from first_year to last_year.

    It describes the transitions from the start of first_year - 1 to the end of
    last_year + 2: the spare years let us see a rule repeat and tell which week it picks.
    """
    zone = ZoneInfo(tzid)
    start = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 3, 1, 1, tzinfo=UTC)
    transitions = _transitions(zone, int(start.timestamp()), int(end.timestamp()))

    components = [_component(group, last_year + 2) for group in _group(transitions)]
    if not transitions or transitions[0].at > datetime(first_year, 1, 1, tzinfo=UTC):
        # Nothing yet covers the start of the requested years: say what held then.
        components.append(_steady_component(_state(zone, int(start.timestamp()))))
    components.sort(key=lambda c: (c.DTSTART, isinstance(c, TimezoneDaylight)))

    result = Timezone()
    result.add("TZID", tzid)
    for component in components:
        result.add_component(component)
    return result


def _state(zone: ZoneInfo, timestamp: int) -> _State:
    local = datetime.fromtimestamp(timestamp, zone)
    offset, dst, name = local.utcoffset(), local.dst(), local.tzname()
    assert offset is not None and dst is not None and name is not None  # a time in a zone
    return _State(offset, dst, name)


def _transitions(zone: ZoneInfo, start: int, end: int) -> list[_Transition]:
    """Every change of state between two POSIX timestamps, in order."""
    found = []
    before = _state(zone, start)
    for sample in range(start + _SAMPLE_SECONDS, end + 1, _SAMPLE_SECONDS):
        after = _state(zone, sample)
        if after != before:
            at = _first_second_of(zone, before, sample - _SAMPLE_SECONDS, sample)
            found.append(_Transition(datetime.fromtimestamp(at, UTC), before, after))
            before = after
    return found


def _first_second_of(zone: ZoneInfo, before: _State, low: int, high: int) -> int:
    """Bisect to the first second after `low` whose state is not `before` (`high`'s isn't)."""
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _group(transitions: list[_Transition]) -> list[_Group]:
    """Fold transitions into yearly-rule groups, each extending the latest group of its kind
    when it falls one year later on a week of the month the group can still name."""
    groups: list[_Group] = []
    latest: dict[tuple[object, ...], _Group] = {}
    for transition in transitions:
        key = transition.rule_key()
        group = latest.get(key)
        if (
            group is not None
            and group.members[-1].local_start.year + 1 == transition.local_start.year
            and group.ordinals & transition.ordinals()
        ):
            group.members.append(transition)
            group.ordinals &= transition.ordinals()
        else:
            group = _Group([transition], transition.ordinals())
            groups.append(group)
            latest[key] = group
    return groups


def _component(group: _Group, last_scanned_year: int) -> TimezoneStandard | TimezoneDaylight:
    """One STANDARD or DAYLIGHT for a group: a yearly RRULE when it has several members,
    bounded by UNTIL when the rule stopped before the scanned years did."""
    first, last = group.members[0], group.members[-1]
    component = TimezoneDaylight() if first.is_daylight else TimezoneStandard()
    component.add("DTSTART", first.local_start)
    component.add("TZOFFSETFROM", first.before.offset)
    component.add("TZOFFSETTO", first.after.offset)
    component.add("TZNAME", first.after.name)
    if len(group.members) > 1:
        ordinal = min(group.ordinals)  # -1 ("last") when it fits, as most rules say
        rule = {
            "FREQ": "YEARLY",
            "BYMONTH": first.local_start.month,
            "BYDAY": f"{ordinal}{_WEEKDAYS[first.local_start.weekday()]}",
        }
        if last.local_start.year < last_scanned_year:
            rule["UNTIL"] = _until(last)
        component.add("RRULE", rule)
    return component


def _until(last: _Transition) -> datetime:
    """UNTIL for a rule whose last occurrence is `last`: a UTC time, as RFC 5545 requires.

    It is the occurrence's UTC instant, or its wall time read as UTC when that is later. Some
    readers (dateutil, hence icalendar's to_tz) compare UNTIL with the wall time, and would
    drop the last occurrence east of Greenwich; UNTIL need only fall before the next one.
    """
    return max(last.at, last.local_start.replace(tzinfo=UTC))


def _steady_component(state: _State) -> TimezoneStandard | TimezoneDaylight:
    """A component saying `state` has held "since 1970": the only one for a zone that never
    changes in the scanned years, and the start for one whose first change comes late."""
    component = TimezoneDaylight() if state.dst > timedelta(0) else TimezoneStandard()
    component.add("DTSTART", _LONG_AGO)
    component.add("TZOFFSETFROM", state.offset)
    component.add("TZOFFSETTO", state.offset)
    component.add("TZNAME", state.name)
    return component
