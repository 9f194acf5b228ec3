"""A stakeholder briefing's agenda, drafted from what is current for the chair to edit.

It quotes team progress, escalated challenges with the chair's responses, and schedule
revisions. It never quotes check-in notes, so confidential notes cannot reach it.
"""

from datetime import date

from domain.challenges import Challenge
from domain.dates import day_month_year
from domain.status import TeamStatus
from domain.timeline import ScheduleRevision, describe_revision


def draft_agenda(
    *,
    statuses: list[TeamStatus],
    challenges: list[Challenge],
    revisions: list[ScheduleRevision],
    names: dict[str, str],
    today: date,
    since: date | None,
    response_days: int,
) -> str:
    sections = [
        ["Welcome and purpose of the briefing"],
        ["Where each team stands", *(_progress(s, today) for s in statuses)],
        [
            "Escalated challenges and the chair's responses",
            *(_challenge(c, names, today, response_days) for c in challenges),
        ]
        if challenges
        else ["Escalated challenges: none open"],
        _revisions(revisions, names, since),
        ["Competing pressures, support needed and next steps"],
    ]
    lines = []
    for n, (heading, *items) in enumerate(sections, 1):
        lines.append(f"{n}. {heading}")
        lines += [f"   - {item}" for item in items]
    return "\n".join(lines)


def _progress(s: TeamStatus, today: date) -> str:
    stage = f"stage {s.stage.number} ({s.stage.name})" if s.stage else s.phase.value
    parts = [f"{s.team.name}: {stage}, month {s.program_month}/{s.timeline.months_total}"]
    if s.actions_total:
        late = f", {s.actions_overdue} late" if s.actions_overdue else ""
        parts.append(f"actions {s.actions_done}/{s.actions_total} done{late}")
    if s.last_checkin:
        # A date, not "4 days ago": the agenda is read later, and copied into calendars.
        parts.append(f"last check-in {day_month_year(s.last_checkin)}")
    return "; ".join(parts)


def _challenge(c: Challenge, names: dict[str, str], today: date, response_days: int) -> str:
    overdue = ", no response yet" if c.is_overdue(today, response_days) else ""
    text = (
        f"{names.get(c.team_id, 'A team')}: {c.title} ({c.kind.value}, {c.severity.value}; "
        f"waiting on {c.waiting_on.value if c.waiting_on else 'nobody'}{overdue})"
    )
    if c.schedule_impact:
        text += f"\n     Expected impact: {_one_line(c.schedule_impact)}"
    for r in c.responses:
        text += f"\n     {day_month_year(r.on)}: {r.kind.label}: {_one_line(r.outcome)}"
    return text


def _revisions(
    revisions: list[ScheduleRevision], names: dict[str, str], since: date | None
) -> list[str]:
    heading = "Schedule revisions" + (
        f" since the last briefing ({day_month_year(since)})" if since else ""
    )
    if not revisions:
        return [f"{heading}: none"]
    return [
        heading,
        *(
            f"{names.get(r.team_id, 'A team')}: {describe_revision(r)}: {_one_line(r.reason)}"
            for r in revisions
        ),
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())
