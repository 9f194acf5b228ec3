"""The briefing pack: what a cluster chair takes into a stakeholder briefing, per team.

Markdown first (readable as it is, and pasteable), then HTML rendered from it with
markdown-it-py in CommonMark mode with raw HTML off.

Two rules hold throughout:
- No check-in notes, confidential or not: check-ins are read only for their dates and kinds.
- User text is data: every title, name, reason and outcome goes through `md`, so it renders
  literally whatever punctuation it holds.
"""

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import cmarkgfm  # type: ignore[import-untyped]  # the binding ships no type hints

from domain.actions import ActionItem, ActionStatus
from domain.briefings import Briefing
from domain.challenges import ChairResponse, Challenge, ChallengeStatus, queue_order
from domain.checkins import CONTACT_KINDS, CheckIn, CheckInDay
from domain.cluster import Cluster
from domain.cluster_plan import Cascade, ClusterAction
from domain.goals import Goal
from domain.pulse import PulseDimension, PulsePoint, change
from domain.scales import band, share_words
from domain.status import Phase, TeamStatus
from domain.sustainability import PRIORITY_SHARE, Grid, KeyFindings, key_findings
from domain.text import closed
from domain.timeline import ScheduleRevision, describe_revision

_ANYWHERE = frozenset("\\`*_[]<>&!~|")  # emphasis, code, links, HTML, entities, tables
_ESCAPED = str.maketrans({ch: "\\" + ch for ch in _ANYWHERE})
_LINE_START = frozenset("#+-=")  # headings, list items, setext underlines
_ORDERED = re.compile(r"^(\d+)([.)])")  # "1." or "1)" would start an ordered list
_LINE_END = re.compile(r"\r\n|\r|\n")  # CommonMark's line endings
_SHOWN_ACTIONS = (ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED)

# overflow-wrap: a 2,000-character link or token breaks rather than running off the page.
_CSS = """
body { font: 11pt/1.45 system-ui, sans-serif; color: #111; max-width: 46em; margin: 2em auto;
       padding: 0 1em; overflow-wrap: anywhere; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
ul { padding-left: 1.4em; } li { margin: 0.15em 0; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: auto; }
               h2, h3 { break-after: avoid; } li { break-inside: avoid; } }
"""


@dataclass(frozen=True, kw_only=True)
class TeamSection:
    status: TeamStatus  # stage, program month, percent, check-in dates, counts
    revisions: list[ScheduleRevision]  # active and reverted
    actions: list[ActionItem]
    challenges: list[Challenge]  # all of them; the pack shows the escalated ones
    checkins: Sequence[CheckIn | CheckInDay]  # dates and kinds: notes never reach the pack
    # The pulse survey by dimension (hidden results have no score); empty: no results yet.
    pulse: dict[PulseDimension, list[PulsePoint]] = field(default_factory=dict)
    # Where we are now / where we want to be, each pair with its linked actions.
    goals: list[tuple[Goal, list[ActionItem]]] = field(default_factory=list)


def md(text: str, indent: int | None = 0) -> str:
    """User text as Markdown that renders literally.

    What could become markup is backslash-escaped (see `_escape`), so `*`, `[`, `<`, `&`, a
    leading `#` or `1.` and the like render as typed. Each
    line is trimmed (HTML would collapse that whitespace anyway, and leading spaces could make
    a code block). Line breaks become hard breaks, with continuation lines indented by
    `indent` spaces to stay inside their list item; `indent=None` joins the lines with a space,
    for a heading, which must be one line.
    """
    lines = [closed(_escape(line.strip(" \t"))) for line in _LINE_END.split(text.strip(" \t\r\n"))]
    if indent is None:
        heading = " ".join(line for line in lines if line)
        # A heading's trailing " #" would be read as its closing sequence and dropped.
        closing = heading.endswith("#") and not heading.endswith("\\#")
        return heading[:-1] + "\\#" if closing else heading
    return ("\\\n" + " " * indent).join(lines)


_ITEM = re.compile(r"^\s*(?:(\d{1,3})[.)]|[-*•])\s+(.*)$")


def agenda_md(text: str) -> str:
    """An agenda as Markdown that keeps its list: lines typed as "1. Progress" or "- Progress"
    become list items (numbered as typed), the rest paragraphs; every word still renders
    literally."""
    out: list[str] = []
    for line in _LINE_END.split(text.strip()):
        if not line.strip():
            continue
        if m := _ITEM.match(line):
            number, body = m.groups()
            out.append(f"{number}. {md(body, 4)}" if number else f"- {md(body, 2)}")
        else:
            if out and _is_item(out[-1]):
                out.append("")  # a paragraph after a list item would continue the item
            out.append(md(line))
            out.append("")
    return "\n".join(out).strip()


def _is_item(line: str) -> bool:
    return line.startswith("- ") or bool(re.match(r"^\d{1,3}\. ", line))


def _escape(line: str) -> str:
    """One line of user text with everything that could start markup escaped: the characters
    that act anywhere, and those that only do at the start of a line (a heading, a list item,
    "1." or "1)"). Apostrophes, hyphens and the like inside words stay readable."""
    out = line.translate(_ESCAPED)
    if out[:1] in _LINE_START:
        out = "\\" + out
    return _ORDERED.sub(r"\1\\\2", out)


def pack_markdown(
    *,
    cluster: Cluster,
    sections: Iterable[TeamSection],
    today: date,
    statuses: list[TeamStatus] | None = None,
    title: str = "",
    briefing: Briefing | None = None,
    grid: Grid | None = None,
    findings: bool = False,
    cluster_plan: Sequence[tuple[ClusterAction, Cascade]] = (),
) -> str:
    """The pack as Markdown: a heading block, the key findings of the self-assessment `grid`
    (its latest round) if asked for, then one section per team, by school name, each with
    its row of the grid. `sections` may be made one at a time, in school order, as they are
    written (500 teams' records need not be held at once); then `statuses` gives the first
    page's table."""
    default = f"Stakeholder briefing pack: {cluster.name}"
    heading = title or (briefing.title if briefing else "") or default
    parts = [
        f"# {md(heading, None)}",
        *_front(cluster, today, briefing, named=bool(title or briefing)),
    ]
    if isinstance(sections, list):
        sections = sorted(sections, key=lambda s: s.status.team.name.casefold())
        statuses = statuses or [s.status for s in sections]
    glance = sorted(statuses or [], key=lambda s: s.team.name.casefold())
    if len(glance) > 1:
        parts += _glance(glance, today)
    if cluster_plan:
        parts += _cluster_plan(cluster_plan, today)
    if grid and findings and (found := key_findings(grid)).ranking:
        parts += _findings(found, grid)
    for section in sections:
        parts += _team(section, cluster, today, grid)
    return "\n\n".join(parts) + "\n"


def pack_html(markdown: str, *, title: str) -> str:
    """A small self-contained HTML5 page, rendered by cmark (CommonMark's reference parser,
    with GitHub's tables), in its safe mode: raw HTML never reaches the page. User text in a
    pack is escaped to render literally (see `md`), so none can be raw HTML anyway."""
    body = cmarkgfm.markdown_to_html_with_extensions(markdown, extensions=["table"])
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


# -- the heading block -----------------------------------------------------------------------


def _front(
    cluster: Cluster, today: date, briefing: Briefing | None, *, named: bool
) -> Iterator[str]:
    lines = [f"Cluster: {md(cluster.name, None)}"] if named else []  # else the title says
    lines += _briefing_lines(briefing, cluster) if briefing else []
    lines += [f"Prepared {_day(today)}", f"Cluster chair: {md(cluster.chair.label())}"]
    yield "\\\n".join(lines)
    if briefing and briefing.agenda.strip():
        yield "## Agenda"
        yield agenda_md(briefing.agenda)


def _briefing_lines(briefing: Briefing, cluster: Cluster) -> list[str]:
    start, end = (t.astimezone(cluster.tz) for t in (briefing.start, briefing.end))
    when = f"{start:%a} {_day(start.date())}, {start:%H:%M}–{end:%H:%M} ({md(cluster.timezone)})"
    lines = [f"When: {when}"]
    if briefing.location.strip():
        lines.append(f"Where: {md(briefing.location, None)}")
    if briefing.cancelled:
        reason = f": {md(briefing.cancel_reason, None)}" if briefing.cancel_reason else ""
        lines.append(f"Cancelled{reason}")
    return lines


# -- every team on one page ------------------------------------------------------------------


def _glance(statuses: list[TeamStatus], today: date) -> Iterator[str]:
    """One row per team: where it stands, for the first page of a cluster pack."""
    yield "## At a glance"
    heads: tuple[str, ...] = (
        "School",
        "Stage",
        "Month",
        "Check-ins",
        "Actions done",
        "Late",
        "Challenges",
    )
    heads += ("Escalated", "Pulse")
    rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for st in statuses:
        stage = f"{st.stage.number} {md(st.stage.name, None)}" if st.stage else st.phase.value
        due = st.checkin_due
        checkins = (
            f"⚠ {st.checkin_overdue_days}d overdue"
            if st.checkin_overdue
            else f"next {_short(due)}"
            if due
            else "done"
        )
        pulse = f"{st.pulse.mean:.1f}" if st.pulse and st.pulse.mean is not None else "–"
        cells = [
            md(st.team.name, None),
            stage,
            f"{st.program_month}",
            checkins,
            f"{st.actions_done}/{st.actions_total}",
            f"{st.actions_overdue}",
            f"{st.challenges_open}",
            f"{st.challenges_escalated}",
            pulse,
        ]
        rows.append("| " + " | ".join(cells) + " |")
    yield "\n".join(rows)


def _cluster_plan(plan: Sequence[tuple[ClusterAction, Cascade]], today: date) -> Iterator[str]:
    """The cluster development plan's actions: owner, due, status and how far each has got
    in the schools' plans."""
    yield "## The cluster development plan"
    lines = []
    for a, cascade in plan:
        owner = md(a.owner, 2) if a.owner else "owner not set"
        due = f", due {_day(a.due)}" if a.due else ""
        late = " ⚠ late" if a.is_overdue(today) else ""
        spread = f"; in the schools' plans: {cascade.label}" if cascade.schools else ""
        lines.append(f"- {md(a.title, 2)} ({owner}{due}, {a.status.label}{late}){spread}")
    yield "\n".join(lines)


def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


# -- one team --------------------------------------------------------------------------------


def _team(section: TeamSection, cluster: Cluster, today: date, grid: Grid | None) -> Iterator[str]:
    status = section.status
    yield f"## {md(status.team.name, None)}"
    yield _progress(status)
    yield "### Schedule revisions"
    yield _revisions(section.revisions)
    yield "### Action plan"
    yield _actions(status, section.actions, today)
    yield "### Escalated challenges"
    yield _challenges(section.challenges, today, cluster.response_days)
    yield "### Check-ins"
    yield _checkins(status, section.checkins, today, cluster.template.checkin_cadence_weeks)
    if any(section.pulse.values()):
        yield "### Pulse survey"
        yield _pulse(section, cluster.template.pulse_min_responses)
    if grid and (rated := _ratings(grid, section.status.team.id)):
        yield f"### Self-assessment: {md(grid.round.name, None)}"
        yield rated
    if section.goals:
        yield "### Where we are now, where we want to be"
        yield _goals(section.goals)


def _findings(findings: KeyFindings, g: Grid) -> Iterator[str]:
    """The cluster's key findings from its latest self-assessment round."""
    yield f"## Self-assessment key findings: {md(g.round.name, None)}"
    lines = []
    for what, found in (("Doing well on", findings.strengths), ("Priorities", findings.priorities)):
        named = ", ".join(f"{md(f.condition.label, None)} ({f.mean:g})" for f in found)
        lines.append(f"- {what}: {named or 'none'}")
    if findings.lowest:
        lowest = findings.lowest
        lines.append(f"- Weakest: {md(lowest.condition.label, None)} ({lowest.mean:g})")
    yield _block(
        [
            "Conditions for success rated 0-10 by each school; a priority averages under 4 "
            f"or {share_words(PRIORITY_SHARE)} the schools rate it 0-3.",
            *lines,
        ]
    )


def _ratings(grid: Grid, team_id: str) -> str:
    """A team's row of the self-assessment grid, weakest first ("" when it is not rated)."""
    labels = {c.key: c.label for c in grid.conditions}
    cells = next((cells for team, cells in grid.rows if team.id == team_id), {})
    rated = sorted(((k, c) for k, c in cells.items() if c), key=lambda kc: kc[1].score)
    lines = []
    for key, cell in rated:
        moved = "" if cell.change is None else f", {_delta(cell.change)} on the round before"
        lines.append(f"- {md(labels[key], 2)}: {cell.score} ({band(cell.score).value}){moved}")
    return _block(lines)


def _goals(pairs: list[tuple[Goal, list[ActionItem]]]) -> str:
    lines = []
    for pair, actions in pairs:
        lines.append(f"- Now: {md(pair.now, 2)}\\\n  Want: {md(pair.want, 2)}")
        for a in actions:
            lines.append(f"  - {a.status.label.capitalize()}: {md(a.title, 4)}")
    return "\n".join(lines)


def _pulse(section: TeamSection, least: int) -> str:
    """The latest month per dimension with its change and the last few months, oldest first;
    a result from fewer than `least` people is never shown as a score."""
    latest = section.status.pulse
    lines = []
    if latest and latest.mean is not None:
        moved = "" if latest.change is None else f", {_delta(latest.change)} on the month before"
        lines.append(
            f"{latest.month:%B %Y}: mean {latest.mean:g} across the dimensions shown{moved}."
        )
    for dimension, points in section.pulse.items():
        if points:
            recent = ", ".join(_point(p) for p in points[-4:])
            delta = change(points)
            trend = f" ({_delta(delta)})" if delta is not None else ""
            lines.append(f"- {md(dimension.label, 2)}: {recent}{trend}")
    lines.append(f"Hidden: results from fewer than {least} people are never shown.")
    return _block(lines)


def _point(p: PulsePoint) -> str:
    return f"{p.month:%b} {p.score:g}" if p.score is not None else f"{p.month:%b} hidden"


def _delta(change: float) -> str:
    return f"up {change:g}" if change > 0 else f"down {-change:g}" if change < 0 else "no change"


def _progress(status: TeamStatus) -> str:
    timeline = status.timeline
    if status.phase is Phase.NOT_STARTED:
        return f"Not started: the program starts {_day(timeline.start)}."
    if status.phase is Phase.FINISHED:
        return f"Finished: the program ended {_day(timeline.end)}."
    stage = status.stage
    assert stage is not None  # in progress: the team is in a stage
    revised = " (revised dates)" if stage.revised else ""
    return (
        f"Stage {stage.number}: {md(stage.name, None)}, {_day(stage.start)} to "
        f"{_day(stage.end)}{revised}\\\n"
        f"Program month {status.program_month} of {timeline.months_total}, "
        f"{status.percent:.0f}% through (ends {_day(timeline.end)})"
    )


def _revisions(revisions: list[ScheduleRevision]) -> str:
    active = sorted((r for r in revisions if r.active), key=lambda r: r.created_at)
    reverted = len(revisions) - len(active)
    lines = [f"- {md(describe_revision(r))}: {md(r.reason, 2)}" for r in active]
    if not active:
        lines.append("No schedule revisions in force.")
    if reverted:  # "0 revisions reverted" says nothing
        lines.append(f"{_count(reverted, 'revision')} reverted.")
    return _block(lines)


def _actions(status: TeamStatus, actions: list[ActionItem], today: date) -> str:
    late = f"; {status.actions_overdue} overdue" if status.actions_overdue else ""
    summary = (
        f"{status.actions_done} of {status.actions_total} actions done "
        f"(dropped ones left out){late}."
    )
    shown = sorted(
        (a for a in actions if a.status in _SHOWN_ACTIONS),
        key=lambda a: (a.due is None, a.due or date.min, a.title.casefold()),
    )
    return _block([summary, *(_action(a, today) for a in shown)])


def _action(a: ActionItem, today: date) -> str:
    owner = f"owner {md(a.owner, None)}" if a.owner.strip() else "no owner"
    due = f"due {_day(a.due)}" if a.due else "no due date"
    late = ", overdue" if a.is_overdue(today) else ""
    return f"- {a.status.label.capitalize()}: {md(a.title, 2)} ({owner}, {due}{late})"


def _challenges(challenges: list[Challenge], today: date, response_days: int) -> str:
    escalated = queue_order([c for c in challenges if c.is_escalated], today)
    resolved = sum(c.status is ChallengeStatus.RESOLVED for c in challenges)
    lines = [_challenge(c, today, response_days) for c in escalated] or ["None escalated."]
    if resolved:
        lines.append(f"{_count(resolved, 'challenge')} resolved so far.")
    return _block(lines)


def _challenge(c: Challenge, today: date, response_days: int) -> str:
    facts = [c.kind.value, f"severity {c.severity.value}"]
    if c.escalated_on:
        facts.append(f"escalated {_day(c.escalated_on)}")
    if c.waiting_on:
        facts.append(f"waiting on the {c.waiting_on.value}")
    if late := c.overdue_days(today, response_days):
        facts.append(f"{_count(late, 'day')} overdue for the chair's response")
    head = f"- {md(c.title, 2)} ({', '.join(facts)})"
    responses = [_response(r) for r in c.responses] or ["  - No chair response yet."]
    return "\n".join([head, *responses])


def _response(r: ChairResponse) -> str:
    with_whom = f" (with {md(', '.join(r.with_whom), 4)})" if r.with_whom else ""
    outcome = f": {md(r.outcome, 4)}" if r.outcome.strip() else ""
    return f"  - {_day(r.on)}, {md(r.kind.label, 4)}{outcome}{with_whom}"


def _checkins(
    status: TeamStatus, checkins: Sequence[CheckIn | CheckInDay], today: date, weeks: int
) -> str:
    # Dates and kinds only: a check-in's notes are never read here.
    contacts = sum(c.kind in CONTACT_KINDS and c.date <= today for c in checkins)
    last = _day(status.last_checkin) if status.last_checkin else "none yet"
    lines = [f"Every {_count(weeks, 'week')}; last contact {last}"]
    if status.checkin_due:
        late = status.checkin_overdue_days
        lines.append(f"next due {_day(status.checkin_due)}")
        if late:
            lines.append(f"{_count(late, 'day')} overdue")
    lines.append(f"{_count(contacts, 'contact check-in')} so far.")
    return "; ".join(lines)


# -- small helpers ---------------------------------------------------------------------------


def _day(day: date | None) -> str:
    # Not "%-d": that is glibc-only and fails on Windows.
    return f"{day.day} {day:%b %Y}" if day else "unknown"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _block(lines: list[str]) -> str:
    """Paragraphs and list items, with a blank line wherever one turns into the other (a
    paragraph straight after a list item would continue that item)."""
    out: list[str] = []
    for line in lines:
        if out and line.startswith("- ") != out[-1].startswith("- "):
            out.append("")
        out.append(line)
    return "\n".join(out)
