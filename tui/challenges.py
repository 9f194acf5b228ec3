"""Challenges as the chair's queue, the challenge screen and a team's Challenges tab show them,
and the single-key moves (escalate, respond, revise, resolve, withdraw, reopen, brief) that
all three offer.

The lifecycle's rules live in the domain: which move a challenge allows is asked of
`domain.challenges.check_move`, the same check the facade makes before any move.
"""

from datetime import date

from rich.text import Text
from textual.binding import Binding

from domain.challenges import Challenge, ChallengeKind, Severity, WaitingOn, check_move
from domain.errors import ValidationError
from tui.cells import WARN

# A mark beside the word, so colour is never the only signal of severity.
SEVERITY_MARKS = {
    Severity.LOW: "○",
    Severity.MEDIUM: "◐",
    Severity.HIGH: "●",
    Severity.CRITICAL: "◆",
}
SEVERITY_SHORT = {
    Severity.LOW: "low",
    Severity.MEDIUM: "med",
    Severity.HIGH: "high",
    Severity.CRITICAL: "crit",
}
SEVERITY_STYLES = {
    Severity.LOW: "",
    Severity.MEDIUM: "#d7af5f",
    Severity.HIGH: "bold #ff875f",
    Severity.CRITICAL: WARN,
}
KIND_SHORT = {ChallengeKind.INTERNAL: "int", ChallengeKind.EXTERNAL: "ext"}


def severity(s: Severity, wide: bool = True) -> Text:
    """`◆ critical` (or `◆ crit` in a narrow column)."""
    word = s.value if wide else SEVERITY_SHORT[s]
    return Text.styled(f"{SEVERITY_MARKS[s]} {word}", SEVERITY_STYLES[s])


def severity_in_full(c: Challenge) -> Text:
    """`● high (impact medium × urgency high)`; older records have no impact and urgency."""
    text = severity(c.severity)
    if c.impact is not None and c.urgency is not None:
        text.append(f"  (impact {c.impact.value} × urgency {c.urgency.value})")
    return text


def kind(k: ChallengeKind, wide: bool = True) -> Text:
    return Text(k.value if wide else KIND_SHORT[k])


def status(c: Challenge) -> Text:
    return Text(c.status.label, style="" if c.is_open else "dim")


def waiting(c: Challenge, today: date) -> Text:
    """Whose move it is, with the days the chair has had it: `chair 11d`, `stakeholder`."""
    who = c.waiting_on
    if who is None:
        return Text("—", style="dim")
    text = Text.styled(who.value, "bold" if who is WaitingOn.CHAIR else "")
    if days := c.waiting_days(today):
        text.append(f" {days}d")
    return text


def overdue_days(program, c: Challenge, today: date) -> int:
    """Days past the cluster's response time; 0 when not overdue."""
    return c.overdue_days(today, program.cluster().response_days)


def overdue(days: int) -> Text:
    return Text(f"⚠ {days}d overdue", style=WARN) if days else Text("")


def days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def allowed(c: Challenge, move: str) -> bool:
    try:
        check_move(c, move)
    except ValidationError:
        return False
    return True


# -- the single-key moves ----------------------------------------------------------------------

MOVES = ("escalate", "respond", "resolve", "withdraw", "reopen")
_KEYS = (
    # key, action, footer label, binding id, shown in the footer
    ("e", "escalate", "Escalate", "challenge.escalate", True),
    ("r", "respond", "Response", "challenge.respond", True),
    ("v", "revise", "Revise", "challenge.revise", True),
    ("d", "resolve", "Resolve", "challenge.resolve", True),
    ("w", "withdraw", "Withdraw", "challenge.withdraw", False),
    ("o", "reopen", "Reopen", "challenge.reopen", True),
    ("b", "link_briefing", "Briefing", "challenge.briefing", True),
)
CHALLENGE_BINDINGS = [
    *(Binding(key, action, label, id=id_, show=show) for key, action, label, id_, show in _KEYS),
    # The same keys (and ids, so a remapped key moves both) when the move does not apply to
    # the challenge: its binding above is hidden, and this one says why instead of letting the
    # key fall through to the app.
    *(
        Binding(key, f"refuse('{action}')", f"{label} (not now)", id=id_, show=False)
        for key, action, label, id_, _ in _KEYS
        if action in MOVES
    ),
]


class ChallengeActions:
    """The moves on a challenge, for a screen or pane that has one highlighted or open.

    Hosts put CHALLENGE_BINDINGS in their BINDINGS, give `current_challenge()`, and call
    `refresh_bindings()` when it changes. A move that does not apply is hidden from the
    footer; pressing its key says why (the domain's own words)."""

    def current_challenge(self) -> Challenge | None:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in MOVES:
            c = self.current_challenge()
            return c is not None and allowed(c, action)
        if action == "refuse":
            c = self.current_challenge()
            return c is not None and not allowed(c, parameters[0])
        if action in ("revise", "link_briefing"):
            return self.current_challenge() is not None
        return super().check_action(action, parameters)

    def action_refuse(self, move: str) -> None:
        c = self.current_challenge()
        if c is None:
            return
        try:
            check_move(c, move)
        except ValidationError as e:
            self.app.notify(str(e), title="Not possible", severity="warning", markup=False)

    def _push(self, form, *args) -> None:
        """Open a form on the current challenge: form(program, challenge, *args)."""
        if (c := self.current_challenge()) is not None:
            self.app.push_screen(form(self.app.program, c, *args))

    def action_escalate(self) -> None:
        from tui.dialogs.challenge import EscalateForm

        self._push(EscalateForm)

    def action_respond(self) -> None:
        from tui.dialogs.challenge import RespondForm

        self._push(RespondForm)

    def action_resolve(self) -> None:
        from tui.dialogs.challenge import ResolveForm

        self._push(ResolveForm)

    def action_withdraw(self) -> None:
        from tui.dialogs.challenge import ReasonForm

        self._push(ReasonForm, "withdraw")

    def action_reopen(self) -> None:
        from tui.dialogs.challenge import ReasonForm

        self._push(ReasonForm, "reopen")

    def action_link_briefing(self) -> None:
        from tui.dialogs.challenge import BriefingPicker

        self._push(BriefingPicker)

    def action_revise(self) -> None:
        c = self.current_challenge()
        if c is None:
            return
        from tui.dialogs.revision import RevisionForm

        self.app.push_screen(RevisionForm(self.app.program, c.team_id, challenge_id=c.id))

    def open_challenge(self, challenge_id: str) -> None:
        from tui.screens.challenge import ChallengeScreen

        self.app.push_screen(ChallengeScreen(challenge_id))
