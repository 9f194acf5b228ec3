"""Action plans, check-ins and challenges as CSV files that Excel and LibreOffice open cleanly.

- UTF-8 with a byte-order mark: without it Excel reads the file as the local code page and
  mangles names such as "Zoë" or any Arabic, Hebrew or emoji text. LibreOffice skips the BOM.
- CRLF line ends (the csv module's default) and csv quoting, so commas, quotes and line
  breaks inside a cell stay inside that cell.
- Every text cell is neutralised against formula injection (see `neutralise`).
- The first column is always the team's school name; rows are sorted by it.
"""

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol, TypeVar

from domain.actions import ActionItem, ProgressNote
from domain.challenges import ChairResponse, Challenge
from domain.checkins import WITHHELD, CheckIn

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int


class _OfTeam(Protocol):
    @property
    def team_id(self) -> str: ...


T = TypeVar("T")
R = TypeVar("R", bound=_OfTeam)  # a record kept by team
Key = tuple[object, ...]  # a sort key


def neutralise(value: Cell) -> Cell:
    """`value`, made safe to open in a spreadsheet.

    Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` as a formula (and
    skip a leading tab or carriage return before deciding), so user text such as
    `=HYPERLINK(...)` or `@cmd` could run or leak data when a coach opens the file. Following
    OWASP's advice on CSV injection, such text gets a leading single quote, which makes the
    spreadsheet read it as text. Numbers we write ourselves are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


ACTION_COLUMNS = (
    "Team", "Title", "Owner", "Stage", "Due", "Status", "Success criteria", "Evidence",
    "Progress notes", "Last updated", "Id",
)  # fmt: skip
CHECKIN_COLUMNS = (
    "Team", "Date", "Kind", "Coach", "Attendees", "Notes", "Confidential", "Next check-in", "Id",
)  # fmt: skip
CHALLENGE_COLUMNS = (
    "Team", "Title", "Kind", "Category", "Status", "Severity", "Impact", "Urgency", "Waiting on",
    "Raised on", "Raised by", "Escalated on", "Escalation reason", "Expected schedule impact",
    "Days overdue for the chair", "Chair responses", "Resolution", "Outcome", "Closed on",
    "Description", "Id",
)  # fmt: skip


def actions_csv(actions: list[ActionItem], team_names: dict[str, str]) -> bytes:
    """The action plans: by team, then stage, due date (undated last) and title."""

    def order(a: ActionItem) -> Key:
        return (a.stage, a.due is None, a.due or date.min, a.title.casefold())

    def row(a: ActionItem) -> dict[str, Cell]:
        return {
            "Team": _team(a.team_id, team_names),
            "Title": a.title,
            "Owner": a.owner,
            "Stage": a.stage,
            "Due": _day(a.due),
            "Status": a.status.label,
            "Success criteria": a.success_criteria,
            "Evidence": a.evidence,
            "Progress notes": _lines(a.notes, _note),
            "Last updated": _day(a.updated_at.date()),
            "Id": a.id,
        }

    return _csv(ACTION_COLUMNS, map(row, _by_team(actions, team_names, order)))


def checkins_csv(
    checkins: list[CheckIn], team_names: dict[str, str], *, include_confidential: bool = False
) -> bytes:
    """The check-ins, by team then date. Notes marked confidential are withheld unless
    `include_confidential` is set (an export for the coach, not for stakeholders)."""

    def order(c: CheckIn) -> Key:
        return (c.date, c.created_at)

    def row(c: CheckIn) -> dict[str, Cell]:
        withheld = c.confidential and not include_confidential
        return {
            "Team": _team(c.team_id, team_names),
            "Date": _day(c.date),
            "Kind": c.kind.value,
            "Coach": c.coach,
            "Attendees": "; ".join(c.attendees),
            "Notes": WITHHELD if withheld else c.notes,
            "Confidential": "yes" if c.confidential else "no",
            "Next check-in": _day(c.next_checkin),
            "Id": c.id,
        }

    return _csv(CHECKIN_COLUMNS, map(row, _by_team(checkins, team_names, order)))


def challenges_csv(
    challenges: list[Challenge], team_names: dict[str, str], *, today: date, response_days: int
) -> bytes:
    """The challenges, by team then the day they were raised; "Days overdue for the chair"
    counts past the cluster's `response_days` on `today`."""

    def order(c: Challenge) -> Key:
        return (c.raised_on, c.title.casefold())

    def row(c: Challenge) -> dict[str, Cell]:
        return {
            "Team": _team(c.team_id, team_names),
            "Title": c.title,
            "Kind": c.kind.value,
            "Category": c.category.label,
            "Status": c.status.label,
            "Severity": c.severity.value,
            "Impact": _value(c.impact),
            "Urgency": _value(c.urgency),
            "Waiting on": _value(c.waiting_on),
            "Raised on": _day(c.raised_on),
            "Raised by": c.raised_by,
            "Escalated on": _day(c.escalated_on),
            "Escalation reason": c.escalation_reason,
            "Expected schedule impact": c.schedule_impact,
            "Days overdue for the chair": c.overdue_days(today, response_days),
            "Chair responses": _lines(c.responses, _response),
            "Resolution": c.resolution,
            "Outcome": c.outcome.label if c.outcome else "",
            "Closed on": _day(c.closed_on),
            "Description": c.description,
            "Id": c.id,
        }

    return _csv(CHALLENGE_COLUMNS, map(row, _by_team(challenges, team_names, order)))


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Cell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # excel dialect: CRLF, quotes only where needed
    writer.writerow(columns)
    starts = _FORMULA_STARTS
    # neutralise(), inline: half a million calls at 500 teams cost a tenth of the export.
    writer.writerows(
        [
            "'" + cell if isinstance(cell, str) and cell.startswith(starts) else cell
            for cell in map(row.__getitem__, columns)
        ]
        for row in rows
    )
    return out.getvalue().encode("utf-8-sig")


def _by_team(records: list[R], team_names: dict[str, str], order: Callable[[R], Key]) -> list[R]:
    folded = {team_id: name.casefold() for team_id, name in team_names.items()}
    return sorted(records, key=lambda r: (folded.get(r.team_id, r.team_id), *order(r)))


def _team(team_id: str, team_names: dict[str, str]) -> str:
    return team_names.get(team_id, team_id)  # an unknown team still shows which one it was


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _value(choice: object | None) -> str:
    return "" if choice is None else str(choice)


def _lines(items: list[T], line: Callable[[T], str]) -> str:
    return "\n".join(line(item) for item in items)


def _note(note: ProgressNote) -> str:
    by = f" by {note.by}" if note.by else ""
    return f"{note.date.isoformat()}{by}: {note.text}"


def _response(r: ChairResponse) -> str:
    with_whom = f" (with {', '.join(r.with_whom)})" if r.with_whom else ""
    outcome = f": {r.outcome}" if r.outcome else ""
    return f"{r.on.isoformat()} {r.kind.label}{outcome}{with_whom}"
