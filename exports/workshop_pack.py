"""The workshop pack: what a cluster review workshop is for, its timed agenda, the key
findings it reviews, what the 1-to-1s said, and what it raised and agreed. Markdown first,
then HTML through the briefing pack's renderer. It never reads a check-in: no coaching note,
confidential or not, can reach it."""

from collections.abc import Iterator

from domain.cluster import Cluster
from domain.cluster_plan import ClusterAction
from domain.dates import day_month_year, weekday_day
from domain.sustainability import Grid, KeyFindings
from domain.workshops import Workshop, timed
from exports.briefing_pack import md, pack_html


def workshop_markdown(
    w: Workshop,
    *,
    cluster: Cluster,
    names: dict[str, str],
    findings: tuple[Grid, KeyFindings] | None,
    actions: list[ClusterAction],
) -> str:
    parts = [f"# {md(w.title, None)}", _when(w, cluster)]
    parts += _attendees(w)
    parts += _agenda(w)
    if findings:
        parts += _findings(*findings)
    parts += _reflections(w, names)
    parts += _issues(w)
    if w.priorities:
        parts.append("## Priorities agreed")
        parts.append("\n".join(f"{n}. {md(p, 4)}" for n, p in enumerate(w.priorities, 1)))
    parts += _actions(actions, names)
    for title, text in (
        ("The authority's response to the key findings", w.authority_response),
        ("Next steps", w.next_steps),
        ("Evaluation", w.evaluation),
    ):
        if text.strip():
            parts += [f"## {title}", md(text)]
    return "\n\n".join(parts) + "\n"


def workshop_html(markdown: str, *, title: str) -> str:
    return pack_html(markdown, title=title)


def _when(w: Workshop, cluster: Cluster) -> str:
    start = w.start.astimezone(cluster.tz)
    end = w.end.astimezone(cluster.tz)
    line = f"{md(cluster.name)} · {weekday_day(start.date())}, {start:%H:%M} to {end:%H:%M}"
    return line + (f" · {md(w.place)}" if w.place else "")


def _attendees(w: Workshop) -> Iterator[str]:
    if w.attendees:
        yield "## Attendees"
        yield "\n".join(f"- {md(p.label(), 2)}" for p in w.attendees)


def _agenda(w: Workshop) -> Iterator[str]:
    yield "## Agenda"
    lines = []
    for at, item in timed(w.start, w.agenda):
        lines.append(f"- **{at:%H:%M}** {md(item.title, 2)} ({item.minutes} min)")
        lines += [f"  - {md(note, 4)}" for note in item.notes.splitlines() if note.strip()]
    yield "\n".join(lines)


def _findings(g: Grid, found: KeyFindings) -> Iterator[str]:
    yield f"## Key findings: {md(g.round.name, None)}"
    lines = []
    for label, items in (("Doing well", found.strengths), ("To prioritise", found.priorities)):
        for f in items:
            lines.append(f"- {label}: {md(f.condition.label, 2)} (mean {f.mean})")
    if not found.priorities and found.lowest:
        lines.append(f"- Rated lowest: {md(found.lowest.condition.label, 2)} ({found.lowest.mean})")
    yield "\n".join(lines) or "No condition has been rated in this round yet."


def _reflections(w: Workshop, names: dict[str, str]) -> Iterator[str]:
    if not w.reflections:
        return
    yield "## From the 1-to-1s with school leaders"
    for r in sorted(w.reflections, key=lambda r: names.get(r.team_id, "").casefold()):
        yield f"### {md(names.get(r.team_id, 'A school no longer in the cluster'), None)}"
        lines = []
        if r.worked:
            lines.append(f"- What worked well: {md(r.worked, 2)}")
        if r.hard:
            lines.append(f"- What was hard: {md(r.hard, 2)}")
        yield "\n".join(lines)


def _issues(w: Workshop) -> Iterator[str]:
    if not w.issues:
        return
    yield "## Issues raised"
    lines = []
    for i in w.issues:
        line = f"- {i.kind.value.capitalize()}: {md(i.issue, 2)}"
        if i.approach:
            line += f"\\\n  Approach: {md(i.approach, 2)}"
        lines.append(line)
    yield "\n".join(lines)


def _actions(actions: list[ClusterAction], names: dict[str, str]) -> Iterator[str]:
    if not actions:
        return
    yield "## Actions agreed"
    lines = []
    for a in actions:
        who = f", {md(a.owner, 2)}" if a.owner else ", owner to agree"
        due = f", due {day_month_year(a.due)}" if a.due else ""
        schools = ", ".join(names.get(t, "?") for t in a.team_ids)
        lines.append(f"- {md(a.title, 2)}{who}{due}" + (f" ({md(schools, 2)})" if schools else ""))
    yield "\n".join(lines)
