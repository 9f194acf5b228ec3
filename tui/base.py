"""The base of every screen that shows workspace data, so what the app asks of a screen is
declared once: `reload()` when the workspace changes (StaysCurrent, which dialogs showing a
record share), `team_id` for the team on screen, and `commands()` for the palette. It also
gives screens the app typed as FlourishApp."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import getters
from textual.app import SystemCommand
from textual.screen import Screen

from domain.errors import FlourishError
from tui.app import FlourishApp

if TYPE_CHECKING:
    from storage.facade import Flourish, Step


class StaysCurrent:
    """A screen the app reloads whenever the workspace changes, here or elsewhere: a screen of
    workspace data, or a dialog showing a record that may change under it."""

    def reload(self) -> None:
        raise NotImplementedError


class WorkspaceScreen(StaysCurrent, Screen[None]):
    """A screen over the open workspace. Subclasses read in `load` and draw in `fill`; the
    base calls them on mount and whenever the app sees the workspace change, and shows a
    damaged or vanished file on the problem screen instead of a traceback."""

    app = getters.app(FlourishApp)
    # The kinds of record this screen shows for every team (storage/tables.py): undo and redo
    # of a change to only these go ahead at once; anything else is asked about first.
    SHOWS: ClassVar[frozenset[str]] = frozenset()
    # What Enter does on the highlighted row, for `?` (Enter is the tables' own key, not one
    # of ours, so it has no binding to list).
    ENTER: ClassVar[str] = ""

    def shows(self, step: Step) -> bool:
        """Whether the user can see on this screen what undoing or redoing `step` changes."""
        return bool(step.tables) and step.tables <= self.SHOWS

    @property
    def team_id(self) -> str | None:
        """The team this screen is about (or has highlighted), for the app's team verbs."""
        return None

    @property
    def program(self) -> Flourish:
        """The open workspace. A screen's keys act only once it is open: the app disables its
        workspace verbs until then, and `reload` waits for it."""
        program = self.app.program
        assert program is not None, "the workspace is open before a screen's keys act"
        return program

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the workspace again and redraw; called by the app on every change."""
        program = self.app.program
        if program is None:
            self.waiting()
            return
        try:
            self.load(program)
        except FlourishError as e:
            self.app.show_problem(str(e))
            return
        self.fill()

    def waiting(self) -> None:
        """Shown while the workspace is still opening (nothing by default)."""

    def load(self, program: Flourish) -> None:
        """Read what the screen shows. A FlourishError goes to the problem screen."""

    def fill(self) -> None:
        """Draw what `load` read."""

    def commands(self) -> Iterable[SystemCommand]:
        """This screen's entries in the command palette."""
        return ()
