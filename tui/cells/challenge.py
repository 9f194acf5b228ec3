"""Challenges as the chair's queue, the challenge screen and a team's Challenges tab show them:
severity, kind, status, whose move it is and how overdue the chair is."""

from datetime import date

from rich.text import Text

from domain.challenges import Challenge, ChallengeKind, Severity, WaitingOn
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
