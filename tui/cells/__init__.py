"""Small pieces of display shared by screens: dates, ages, stage badges, progress bars.

Everything returns rich `Text`, never markup strings, so user text always shows literally.
"""

from datetime import date

from rich.text import Text

from domain.actions import ActionStatus
from domain.dates import format_relative_age
from domain.timeline import StageWindow

# One colour per stage, and always its number beside it: colour is never the only signal.
STAGE_STYLES = {1: "bold #5fafd7", 2: "bold #d7af5f", 3: "bold #87d787"}
STAGE_SHORT = {1: "Found.", 2: "Results", 3: "Sustain"}
STATUS_STYLES = {
    ActionStatus.NOT_STARTED: "",
    ActionStatus.IN_PROGRESS: "#5fafd7",
    ActionStatus.DONE: "#87d787",
    ActionStatus.BLOCKED: "bold #ff5f5f",
    ActionStatus.DROPPED: "dim",
}
STATUS_MARKS = {
    ActionStatus.NOT_STARTED: "○",
    ActionStatus.IN_PROGRESS: "◐",
    ActionStatus.DONE: "●",
    ActionStatus.BLOCKED: "✖",
    ActionStatus.DROPPED: "–",
}
WARN = "bold #ff5f5f"


def day(d: date | None, today: date | None = None) -> str:
    """`3 Dec`, with the year only when it is not this year's."""
    if d is None:
        return "—"
    if today is not None and d.year == today.year:
        return f"{d.day} {d:%b}"
    return f"{d.day} {d:%b %Y}"


def age(d: date | None, today: date) -> str:
    return "never" if d is None else format_relative_age((today - d).days)


def short_age(d: date | None, today: date) -> str:
    """`today`, `4d ago`, `5w ago`, `3mo ago`: for narrow columns."""
    if d is None:
        return "never"
    days = (today - d).days
    if days <= 0:
        return "today" if days == 0 else "future"
    if days < 14:
        return f"{days}d ago"
    return f"{days // 7}w ago" if days < 60 else f"{days // 30}mo ago"


def stage_badge(stage: StageWindow | None, phase: str = "", wide: bool = False) -> Text:
    if stage is None:
        return Text(phase or "—", style="dim")
    name = stage.name if wide else STAGE_SHORT.get(stage.number, stage.name)
    return Text(f"{stage.number} {name}", style=STAGE_STYLES.get(stage.number, "bold"))


def progress(month: int, total: int, width: int = 6) -> Text:
    """A month counter with a bar: `▰▰▰▱▱▱ 5/12`."""
    filled = round(width * min(max(month, 0), total) / total) if total else 0
    text = Text("▰" * filled, style="#5fafd7")
    text.append("▱" * (width - filled), style="dim")
    text.append(f" {month}/{total}")
    return text


def status(s: ActionStatus) -> Text:
    return Text(f"{STATUS_MARKS[s]} {s.label}", style=STATUS_STYLES[s])


def first_line(text: str, limit: int = 60) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
