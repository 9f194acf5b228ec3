"""Hybrid logical clock stamps: what orders two edits of one field made on different machines.

A stamp is close to the wall-clock time of the edit, but never behind any stamp its replica has
already seen, so an edit made after seeing a value always outranks that value, even on a laptop
whose clock is slow. Stamps are strings that sort in time order:
`<milliseconds, 13 digits>.<counter, 4 digits>.<replica id>`.
"""

from dataclasses import dataclass
from datetime import datetime

NONE = ""  # the stamp of a field nobody has written yet: below every real one


@dataclass
class Hlc:
    replica: str
    ms: int = 0
    counter: int = 0

    def tick(self, wall: datetime) -> str:
        """The stamp of an edit made at `wall`, after everything seen so far."""
        wall_ms = int(wall.timestamp() * 1000)
        if wall_ms > self.ms:
            self.ms, self.counter = wall_ms, 0
        else:
            self.counter += 1
        return self.stamp()

    def observe(self, stamp: str) -> None:
        """Remember a stamp seen in someone else's change: later ticks come after it."""
        if not stamp:
            return
        ms, counter = stamp_time(stamp)
        if (ms, counter) > (self.ms, self.counter):
            self.ms, self.counter = ms, counter

    def stamp(self) -> str:
        return f"{self.ms:013d}.{self.counter:04d}.{self.replica}"

    @classmethod
    def from_stamp(cls, replica: str, stamp: str) -> "Hlc":
        clock = cls(replica)
        clock.observe(stamp)
        return clock


def stamp_time(stamp: str) -> tuple[int, int]:
    ms, counter, _ = stamp.split(".", 2)
    return int(ms), int(counter)


def stamp_replica(stamp: str) -> str:
    return stamp.split(".", 2)[2] if stamp.count(".") >= 2 else ""


def stamp_datetime(stamp: str) -> datetime:
    from datetime import UTC

    return datetime.fromtimestamp(stamp_time(stamp)[0] / 1000, UTC)
