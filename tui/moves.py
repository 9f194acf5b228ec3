"""The single-key moves on a challenge (escalate, respond, revise, resolve, withdraw, reopen,
brief) that the chair's queue, the challenge screen and a team's Challenges tab all offer.

The lifecycle's rules live in the domain: which move a challenge allows is asked of
`domain.challenges.check_move`, the same check the facade makes before any move.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

from textual.app import SystemCommand
from textual.binding import Binding
from textual.markup import escape

from domain.challenges import Challenge, check_move
from domain.errors import ValidationError

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from storage.facade import Flourish
    from tui.app import FlourishApp

    _Host = DOMNode  # the screen or pane this is mixed into
else:
    _Host = object


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


# How the palette names each move, before the challenge's title.
_PALETTE = {
    "escalate": "Escalate to the chair",
    "respond": "Respond to",
    "revise": "Revise the schedule for",
    "resolve": "Resolve",
    "withdraw": "Withdraw",
    "reopen": "Reopen",
    "link_briefing": "Link a briefing to",
}


class ChallengeActions(_Host):
    """The moves on a challenge, for a screen or pane that has one highlighted or open.

    Hosts put CHALLENGE_BINDINGS in their BINDINGS, give `current_challenge()`, and call
    `refresh_bindings()` when it changes. A move that does not apply is hidden from the
    footer; pressing its key says why (the domain's own words)."""

    def current_challenge(self) -> Challenge | None:
        raise NotImplementedError

    def challenge_commands(self) -> Iterator[SystemCommand]:
        """The palette's entries for the moves the challenge at hand allows, by name."""
        c = self.current_challenge()
        if c is None:
            return
        title = escape(c.title)  # palette titles are markup; a title is not
        for key, action, label, _, _ in _KEYS:
            if action in MOVES and not allowed(c, action):
                continue
            yield SystemCommand(
                f"{_PALETTE[action]}: {title}",
                f"{label} this challenge (key {key})",
                getattr(self, f"action_{action}"),
            )

    def _open_program(self) -> Flourish:
        program = cast("FlourishApp", self.app).program
        assert program is not None, "a challenge is shown only once the workspace is open"
        return program

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MOVES:
            c = self.current_challenge()
            return c is not None and allowed(c, action)
        if action == "refuse":
            c = self.current_challenge()
            return c is not None and not allowed(c, str(parameters[0]))
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

    def _push(self, form: Any, *args: str) -> None:
        """Open a form on the current challenge: form(program, challenge, *args)."""
        if (c := self.current_challenge()) is not None:
            self.app.push_screen(form(self._open_program(), c, *args))

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

        self.app.push_screen(RevisionForm(self._open_program(), c.team_id, challenge_id=c.id))

    def open_challenge(self, challenge_id: str) -> None:
        from tui.screens.challenge import ChallengeScreen

        self.app.push_screen(ChallengeScreen(challenge_id))
