"""Every JSON record the command line prints: what `--json` gives a script, built from domain
objects and the facade's results."""

import json
import sys
from datetime import date
from typing import Any

from domain.diagnostic import SCALE
from domain.pulse import PulsePoint
from domain.scales import band, share_words
from domain.status import TeamStatus
from domain.sustainability import PRIORITY_SHARE
from storage.codec import to_record

PRIORITY_RULE = (
    f"a cluster mean below 4, or {share_words(PRIORITY_SHARE)} the schools or more rating it 0-3"
)


def print_json(value) -> None:
    json.dump(to_record(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def status_record(s: TeamStatus) -> dict:
    return {
        "team_id": s.team.id,
        "team": s.team.name,
        "phase": s.phase.value,
        "stage": s.stage.number if s.stage else None,
        "stage_name": s.stage.name if s.stage else None,
        "program_month": s.program_month,
        "months_total": s.timeline.months_total,
        "percent": round(s.percent, 1),
        "last_checkin": s.last_checkin.isoformat() if s.last_checkin else None,
        "checkin_due": s.checkin_due.isoformat() if s.checkin_due else None,
        "checkin_overdue_days": s.checkin_overdue_days,
        "actions_done": s.actions_done,
        "actions_total": s.actions_total,
        "actions_overdue": s.actions_overdue,
        "challenges_open": s.challenges_open,
        "challenges_escalated": s.challenges_escalated,
        "challenges_overdue": s.challenges_overdue,
        "next_milestone": to_record(s.next_milestone) if s.next_milestone else None,
    }


def challenge_record(c, names: dict[str, str], *, age_days, overdue, overdue_days) -> dict:
    """A challenge's stored record plus what is worked out from it today."""
    return to_record(c) | {
        "kind": c.kind.value,
        "team": names.get(c.team_id),
        "severity": c.severity.value,
        "waiting_on": c.waiting_on.value if c.waiting_on else None,
        "age_days": age_days,
        "overdue": overdue,
        "overdue_days": overdue_days,
    }


def briefing_summary(b) -> dict:
    return {"id": b.id, "title": b.title, "start": b.start.isoformat(), "status": b.status.value}


def briefing_record(b, names: dict[str, str], challenges, invited=()) -> dict:
    """A briefing's stored record, with its team's name, its end, the challenges on it and who
    was sent which invitation."""
    return to_record(b) | {
        "team": names.get(b.team_id) if b.team_id else None,
        "end": b.end.isoformat(),
        "challenge_ids": [c.id for c in challenges],
        "invitations": [to_record(i) for i in invited],
    }


def schedule_record(team, timeline, revisions) -> dict:
    from domain.timeline import describe_revision

    return {
        "team_id": team.id,
        "team": team.name,
        "start": timeline.start.isoformat(),
        "end": timeline.end.isoformat(),
        "stages": [to_record(s) | {"revised": s.revised} for s in timeline.stages],
        "milestones": [to_record(m) | {"revised": m.revised} for m in timeline.milestones],
        "revisions": [
            to_record(r) | {"what": describe_revision(r), "active": r.active} for r in revisions
        ],
    }


# -- the pulse survey ------------------------------------------------------------------------


def pulse_trend_record(
    team: Any,
    dimensions: Any,
    trends: dict[str, list[PulsePoint]],
    latest: Any,
    least: int,
    window: set[date] | None,
    changes: dict[str, float | None],
) -> dict[str, Any]:
    """A team's trend per dimension: the points in `window` (every month when None), the
    change since the month before (`changes`, by dimension key), and the latest month's facts."""
    last = latest.month if latest else None
    records = []
    for d in dimensions:
        points = trends.get(d.key, [])
        now = points[-1] if points and points[-1].month == last else None
        records.append(
            {
                "key": d.key,
                "label": d.label,
                "points": [_pulse_point(p) for p in points if window is None or p.month in window],
                "change": changes.get(d.key),
                "band": band(now.score).value if now and now.score is not None else None,
            }
        )
    return {
        "team_id": team.id,
        "team": team.name,
        "min_responses": least,
        "dimensions": records,
        "latest": None
        if latest is None
        else {
            "month": _month(latest.month),
            "mean": latest.mean,
            "change": latest.change,
            "low": list(latest.low),
            "falling": list(latest.falling),
        },
    }


def _pulse_point(p: PulsePoint) -> dict:
    return {
        "month": _month(p.month),
        "score": None if p.hidden else p.score,
        "responses": p.responses,
        "hidden": p.hidden,
    }


def pulse_heatmap_record(found: Any, least: int) -> dict[str, Any]:
    return {
        "month": _month(found.month) if found.month else None,
        "min_responses": least,
        "dimensions": [{"key": d.key, "label": d.label} for d in found.dimensions],
        "teams": [
            {
                "team_id": team.id,
                "team": team.name,
                "month": _month(found.months[team.id]) if team.id in found.months else None,
                "cells": {key: _pulse_cell(p) for key, p in cells.items()},
            }
            for team, cells in found.rows
        ],
    }


def _pulse_cell(p: PulsePoint | None) -> dict | None:
    if p is None:
        return None
    shown = None if p.hidden else p.score
    return _pulse_point(p) | {"band": band(shown).value if shown is not None else None}


def _month(d: date) -> str:
    return f"{d:%Y-%m}"


# -- self-assessments ------------------------------------------------------------------------


def grid_record(g, findings) -> dict:
    found = {f.condition.key: f for f in findings.ranking}
    means = {team.id: mean for team, mean in findings.schools}
    return {
        "round": round_record(g.round),
        "previous": round_record(g.previous) if g.previous else None,
        "cluster": mean_record(findings.mean),
        "conditions": [
            keyed_record(c)
            | mean_record(found[c.key].mean if c.key in found else None)
            | {"change": found[c.key].change if c.key in found else None}
            for c in g.conditions
        ],
        "schools": [
            team_ref(team)
            | mean_record(means.get(team.id))
            | {"cells": {key: _grid_cell(cell) for key, cell in cells.items()}}
            for team, cells in g.rows
        ],
    }


def _grid_cell(cell) -> dict | None:
    if cell is None:
        return None
    return {
        "score": cell.score,
        "band": band(cell.score).value,
        "change": cell.change,
        "evidence": cell.evidence,
    }


def findings_record(g, found) -> dict:
    return {
        "round": round_record(g.round),
        "previous": round_record(g.previous) if g.previous else None,
        "priority_rule": PRIORITY_RULE,
        "cluster": mean_record(found.mean),
        "ranking": [_finding(f) for f in found.ranking],
        "strengths": [f.condition.key for f in found.strengths],
        "priorities": [f.condition.key for f in found.priorities],
        "lowest": found.lowest.condition.key if found.lowest else None,
        "unrated": [keyed_record(c) for c in found.unrated],
        "schools": [team_ref(team) | mean_record(mean) for team, mean in found.schools],
    }


def _finding(f) -> dict:
    return (
        keyed_record(f.condition)
        | mean_record(f.mean)
        | {
            "rated": f.rated,
            "change": f.change,
            "strength": f.strength,
            "priority": f.priority,
            "doing_well": [_placing(p) for p in f.doing_well],
            "less_well": [_placing(p) for p in f.less_well],
        }
    )


def _placing(p) -> dict:
    return team_ref(p.team) | {"score": p.score, "evidence": p.evidence}


def questionnaire_record(sections) -> dict:
    """The collaboration diagnostic's answer scale and its sections' questions."""
    return {
        "scale": [{"answer": n, "means": word} for n, word in enumerate(SCALE)],
        "sections": [
            {
                "key": s.key,
                "number": n,
                "title": s.title,
                "maximum": s.maximum,
                "questions": [{"key": q.key, "text": q.text} for q in s.questions],
            }
            for n, s in enumerate(sections, 1)
        ],
    }


def diagnostic_record(result) -> dict:
    return team_ref(result.team) | {
        "respondents": result.respondents,
        "sections": [
            {
                "key": s.section.key,
                "title": s.section.title,
                "total": s.total,
                "maximum": s.maximum,
                "gap": s.gap,
                "flagged": [q.question.key for q in s.flagged],
                "questions": [
                    {
                        "key": q.question.key,
                        "text": q.question.text,
                        "mean": q.mean,
                        "answered": q.answered,
                        "spread": q.spread,
                        "weak": q.weak,
                        "split": q.split,
                    }
                    for q in s.questions
                ],
            }
            for s in result.sections
        ],
    }


def goal_record(a, actions) -> dict:
    return {
        "id": a.id,
        "now": a.now,
        "want": a.want,
        "now_evidence": a.now_evidence,
        "want_evidence": a.want_evidence,
        "actions": [
            {
                "id": item.id,
                "title": item.title,
                "status": item.status.value,
                "due": item.due.isoformat() if item.due else None,
            }
            for item in actions
        ],
    }


def keyed_record(c) -> dict:
    return {"key": c.key, "label": c.label}


def round_record(r) -> dict:
    return {"id": r.id, "name": r.name, "opened_on": r.opened_on.isoformat()}


def team_ref(team) -> dict:
    return {"team_id": team.id, "team": team.name}


def mean_record(mean) -> dict:
    return {"mean": mean, "band": band(mean).value if mean is not None else None}
