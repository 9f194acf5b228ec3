"""The story clock: the demo's facade runs on it, set to when each event of the story
happened, so records carry believable created and updated times."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo


class StoryClock:
    """A clock the builder sets to when each event happened; never later than the real now."""

    def __init__(self, now: datetime, tz: ZoneInfo):
        self.real_now, self.tz, self.moment = now, tz, now

    def __call__(self) -> datetime:
        return self.moment

    def at(self, day: date, hour: int = 16, minute: int = 30) -> None:
        moment = datetime.combine(day, time(hour, minute), tzinfo=self.tz)
        self.moment = min(moment, self.real_now)
