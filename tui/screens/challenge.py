"""One challenge in full, for the chair and the team: where it stands, why it was escalated,
what the chair has done, how it ended, the briefings it is on and its whole history, beside
the team's context (stage, check-ins, action plan). Single keys move it along."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from domain.challenges import Challenge, ChallengeStatus
from domain.errors import FlourishError
from domain.timeline import describe_revision
from storage.tables import CHALLENGES, REVISIONS
from tui import cells
from tui.base import WorkspaceScreen
from tui.cells import challenge as show
from tui.moves import CHALLENGE_BINDINGS, ChallengeActions
from tui.sharing import AppFooter

NARROW = 110  # below this many columns the team's context goes under the challenge
RECENT_CHECKINS = 4
LABEL = 11


class ChallengeScreen(ChallengeActions, WorkspaceScreen):
    SHOWS = frozenset({CHALLENGES, REVISIONS})  # undo of a change to these goes ahead here
    AUTO_FOCUS = "#challenge-body"
    DEFAULT_CSS = """
    ChallengeScreen #challenge-heading {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    ChallengeScreen #challenge-body {
        height: 1fr;
        padding: 0 1;
    }
    ChallengeScreen #challenge-columns {
        height: auto;
    }
    ChallengeScreen #challenge-main {
        width: 3fr;
        height: auto;
    }
    ChallengeScreen #challenge-side {
        width: 2fr;
        height: auto;
        margin-left: 3;
    }
    ChallengeScreen.-narrow #challenge-columns {
        layout: vertical;
    }
    ChallengeScreen.-narrow #challenge-main, ChallengeScreen.-narrow #challenge-side {
        width: 100%;
        margin-left: 0;
    }
    ChallengeScreen .c-section {
        margin-top: 1;
        text-style: bold;
        color: $text-accent;
    }
    ChallengeScreen #challenge-body Static {
        height: auto;
    }
    ChallengeScreen #c-team-title {
        margin-top: 0;
    }
    ChallengeScreen #c-checkins {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ChallengeScreen.-narrow #c-team-title {
        margin-top: 1;
    }
    ChallengeScreen #challenge-hint {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="challenge.back"),
        *CHALLENGE_BINDINGS,
    ]

    def __init__(self, challenge_id: str):
        super().__init__()
        self.challenge_id = challenge_id
        self.challenge: Challenge | None = None
        self.gone = False  # removed (an undone raise, say) while shown

    @property
    def team_id(self) -> str | None:
        """The challenge's team: what `c` logs a check-in for."""
        return self.challenge.team_id if self.challenge else None

    def current_challenge(self) -> Challenge | None:
        return None if self.gone else self.challenge

    def commands(self):
        return self.challenge_commands()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="challenge-heading")
        with VerticalScroll(id="challenge-body"), Horizontal(id="challenge-columns"):
            with Vertical(id="challenge-main"):
                yield Static(id="c-facts")
                yield Static("Description", classes="c-section")
                yield Static(id="c-description")
                yield Static("Escalation", classes="c-section")
                yield Static(id="c-escalation")
                yield Static(id="c-responses-title", classes="c-section")
                yield Static(id="c-responses")
                yield Static("Resolution", classes="c-section")
                yield Static(id="c-resolution")
                yield Static(id="c-briefings-title", classes="c-section")
                yield Static(id="c-briefings")
                yield Static(id="c-history-title", classes="c-section")
                yield Static(id="c-history")
            with Vertical(id="challenge-side"):
                yield Static("The team", classes="c-section", id="c-team-title")
                yield Static(id="c-team")
                yield Static("Recent check-ins", classes="c-section")
                yield Static(id="c-checkins")
        yield Static("↑↓ pgup pgdn scroll · esc back · ? lists every key", id="challenge-hint")
        yield AppFooter()

    def on_mount(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- filling -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Called on mount and by the app whenever the workspace changes."""
        program = self.app.program
        if program is None:
            return
        try:
            self.challenge = program.challenge(self.challenge_id)
            self.gone = False
        except FlourishError:
            self.gone = True
        if self.challenge is not None:
            self._fill(program, self.challenge)
        self.refresh_bindings()

    def _fill(self, program, c: Challenge) -> None:
        today = program.today()
        tz = program.cluster().tz
        try:
            team = program.team(c.team_id)
            status = program.status([team])[0]
        except FlourishError:
            team = status = None
        overdue = 0 if self.gone else show.overdue_days(program, c, today)

        def put(widget_id: str, content) -> None:
            self.query_one(f"#{widget_id}", Static).update(content)

        put("challenge-heading", self._heading(c, overdue))
        put("c-facts", _facts(program, c, status, today, overdue))
        put("c-description", _para(c.description, "No description."))
        put("c-escalation", _escalation(c, today))
        put("c-responses-title", f"The chair's responses ({len(c.responses)})")
        put("c-responses", _responses(program, c, today))
        put("c-resolution", _resolution(c, today))
        briefings = _linked_briefings(program, c)
        put("c-briefings-title", f"Briefings ({len(briefings)})")
        put("c-briefings", _briefings(briefings, program.now(), today))
        put("c-history-title", f"History ({len(c.history)})")
        put("c-history", _history(c, today, tz))
        put("c-team", _team(program, status, today) if status else Text("—", style="dim"))
        put("c-checkins", _checkins(program, c.team_id, today) if team else Text("—"))

    def _heading(self, c: Challenge, overdue: int) -> Text:
        text = show.severity(c.severity)
        text.append("  ")
        text.append(c.title, style="bold")
        text.append(f"  {c.status.label}", style="italic")
        if overdue:
            text.append("  ")
            text.append_text(show.overdue(overdue))
        if self.gone:
            text.append("  (no longer in the workspace)", style=cells.WARN)
        return text


# -- the parts, as rich Text (user text always literal) ----------------------------------------


def _label(text: Text, label: str, first: bool = False) -> None:
    if not first:
        text.append("\n")
    text.append(f"{label:<{LABEL}}", style="bold")


def _para(value: str, empty: str = "—", indent: int = 0) -> Text:
    """User text, literally, each line indented."""
    if not value.strip():
        return Text(" " * indent + empty, style="dim")
    pad = " " * indent
    return Text("\n".join(pad + line for line in value.strip().splitlines()))


def _ago(d: date, today: date) -> str:
    n = (today - d).days
    return "today" if n == 0 else f"{show.days(n)} ago"


def _facts(program, c: Challenge, status, today: date, overdue: int) -> Text:
    text = Text()
    _label(text, "Status", first=True)
    text.append_text(show.status(c))
    if c.waiting_on is not None:
        text.append(" · waiting on ")
        text.append(c.waiting_on.value, style="bold")
    _label(text, "Severity")
    text.append_text(show.severity_in_full(c))
    _label(text, "School")
    text.append("—" if status is None else status.team.name)
    if status is not None:
        text.append(" · ")
        text.append_text(cells.stage_badge(status.stage, status.phase.value))
        text.append(f" · month {status.program_month} of {status.timeline.months_total}")
    _label(text, "Kind")
    text.append(f"{c.kind.value} · {c.category.label}")
    _label(text, "Raised")
    text.append(f"{cells.day(c.raised_on, today)} ")
    if c.raised_by:
        text.append("by ")
        text.append(c.raised_by)
        text.append(" ")
    text.append(f"· {show.days(c.age_days(today))} old", style="dim")
    if c.escalated_on is not None:
        _label(text, "Escalated")
        text.append(f"{cells.day(c.escalated_on, today)} · {_ago(c.escalated_on, today)}")
    if overdue:
        _label(text, "Overdue")
        response_days = program.cluster().response_days
        text.append(f"⚠ {show.days(overdue)} overdue", style=cells.WARN)
        text.append(
            f": no response in {show.days(c.waiting_days(today))}; "
            f"the chair's response time is {show.days(response_days)}"
        )
    if c.closed_on is not None:
        _label(text, "Closed")
        text.append(f"{cells.day(c.closed_on, today)} ({c.status.label})")
    return text


def _escalation(c: Challenge, today: date) -> Text:
    if not c.escalation_reason and c.escalated_on is None:
        return Text("Not escalated: the team is handling it.", style="dim")
    text = Text.styled("Why the chair is needed\n", "bold")
    text.append_text(_para(c.escalation_reason, indent=2))
    text.append("\nExpected impact on the schedule\n", style="bold")
    text.append_text(_para(c.schedule_impact, indent=2))
    return text


def _responses(program, c: Challenge, today: date) -> Text:
    if not c.responses:
        if c.status is ChallengeStatus.ESCALATED:
            return Text("None yet: r records what the chair did.", style="dim")
        return Text("None.", style="dim")
    revisions = {}
    if any(r.revision_id for r in c.responses):
        revisions = {r.id: r for r in program.revisions(c.team_id)}
    text = Text()
    for n, r in enumerate(c.responses):
        if n:
            text.append("\n")
        text.append(f"{cells.day(r.on, today)}  ", style="bold")
        text.append(r.kind.label, style="bold")
        details = []
        if r.with_whom:
            details.append("with " + ", ".join(r.with_whom))
        if r.by:
            details.append(f"recorded by {r.by}")
        if details:
            text.append("\n  ")
            text.append(" · ".join(details))
        text.append("\n")
        text.append_text(_para(r.outcome, indent=2))
        if r.revision_id:
            revision = revisions.get(r.revision_id)
            text.append("\n  Schedule revision: ", style="dim")
            if revision is None:
                text.append("no longer in the workspace", style="dim")
            else:
                text.append(describe_revision(revision))
                if not revision.active:
                    text.append(" (reverted)", style="dim")
    return text


def _resolution(c: Challenge, today: date) -> Text:
    if c.status is ChallengeStatus.RESOLVED:
        text = Text.styled(c.outcome.label if c.outcome else "Resolved", "bold")
        if c.closed_on:
            text.append(f" · {cells.day(c.closed_on, today)}")
        text.append("\n")
        text.append_text(_para(c.resolution, indent=2))
        return text
    if c.status is ChallengeStatus.WITHDRAWN:
        when = f" {cells.day(c.closed_on, today)}" if c.closed_on else ""
        return Text(f"Withdrawn{when}; the reason is in the history.", style="dim")
    return Text("Open.", style="dim")


def _linked_briefings(program, c: Challenge) -> list:
    by_id = {b.id: b for b in program.briefings(c.team_id)}
    return sorted((by_id[i] for i in c.briefing_ids if i in by_id), key=lambda b: b.start)


def _briefings(briefings: list, now, today: date) -> Text:
    if not briefings:
        return Text("On no briefing: b puts it on an upcoming one.", style="dim")
    text = Text()
    for n, b in enumerate(briefings):
        if n:
            text.append("\n")
        text.append(f"{b.start:%a} {cells.day(b.start.date(), today)} {b.start:%H:%M}  ")
        text.append(b.title)
        text.append(" · this team" if b.team_id else " · whole cluster", style="dim")
        if b.cancelled:
            text.append(" · cancelled", style=cells.WARN)
        elif b.start < now:
            text.append(" · held", style="dim")
    return text


def _history(c: Challenge, today: date, tz) -> Text:
    if not c.history:
        return Text("No changes recorded.", style="dim")
    text = Text()
    previous = None
    for n, change in enumerate(c.history):
        if n:
            text.append("\n")
        at = change.at.astimezone(tz)
        text.append(f"{cells.day(at.date(), today)} {at:%H:%M}  ", style="dim")
        text.append(change.what or change.status.label, style="bold")
        if previous is not None and change.status is not previous:
            text.append(f" → {change.status.label}")
        previous = change.status
        if change.by:
            text.append(" · by ")
            text.append(change.by)
        if change.note.strip():
            text.append("\n")
            text.append_text(_para(change.note, indent=2))
    return text


def _team(program, status, today: date) -> Text:
    team = status.team
    text = Text.styled(team.name, "bold")
    if team.school_type:
        text.append(f" ({team.school_type})", style="dim")
    text.append("\n")
    text.append_text(cells.stage_badge(status.stage, status.phase.value, wide=True))
    text.append(f" · month {status.program_month} of {status.timeline.months_total}")
    text.append(f"\nCoach {team.coach.name}")
    if status.checkin_due is not None:
        text.append(f" · check-in due {cells.day(status.checkin_due, today)}")
        if status.checkin_overdue:
            text.append(f" ⚠ {status.checkin_overdue_days}d late", style=cells.WARN)
    text.append(f"\nAction plan {status.actions_done} of {status.actions_total} done")
    if status.actions_overdue:
        text.append(f" · ⚠ {status.actions_overdue} late", style=cells.WARN)
    text.append(f"\nChallenges {status.challenges_open} open")
    if status.challenges_escalated:
        text.append(f", {status.challenges_escalated} with the chair")
    revisions = [r for r in program.revisions(team.id) if r.active]
    for r in revisions:
        text.append("\nSchedule revised: ")
        text.append(describe_revision(r))
    return text


def _checkins(program, team_id: str, today: date) -> Text:
    recent = program.checkins(team_id)[:RECENT_CHECKINS]
    if not recent:
        return Text("None logged yet.", style="dim")
    text = Text()
    for n, checkin in enumerate(recent):
        if n:
            text.append("\n")
        text.append(f"{cells.day(checkin.date, today):<7} {checkin.kind.value:<11} ")
        if checkin.confidential:
            # Notes marked confidential are about staff: never shown outside the check-in.
            text.append("🔒 confidential", style="dim")
        else:
            text.append(cells.first_line(checkin.notes, 60) or "—")
    return text
