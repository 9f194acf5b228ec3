"""Helpers for Pilot tests, written once: running the app until it is ready, waiting for
workers and screens, opening a team or a screen, and reading what a form or the app says."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

# How often `wait_for` looks again: short, since most waits are for a worker that has
# already finished or a message the next turn of the loop handles.
POLL = 0.005


async def wait_for(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app run until `condition()` holds (workers and timers need real time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(POLL)


async def ready(pilot) -> None:
    """Wait until the workspace is open and the dashboard filled."""
    app = pilot.app
    await wait_for(pilot, lambda: app.program is not None)
    await wait_for(pilot, lambda: bool(getattr(app.screen, "statuses", None)))
    await pilot.pause()


@asynccontextmanager
async def running(app: App, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot]:
    """Run `app` headless at `size`, and hand over its Pilot once the dashboard is filled."""
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        yield pilot


async def wait_for_screen(pilot, screen_type) -> None:
    """Wait until a screen of this type is on top and mounted (pushing comes before composing)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type) and app.screen.is_mounted)
    await pilot.pause()


async def open_screen(pilot, screen: Screen) -> Screen:
    """Push `screen` and wait until it is on top and mounted."""
    pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.is_mounted)
    await pilot.pause()
    return screen


async def open_team(pilot, team_prefix: str, tab: str | None = None):
    """The team view of the team named `team_prefix`, on `tab` with its table focused if given."""
    from tui.screens.team import TeamScreen

    app = pilot.app
    app.action_open_team(app.program.team(team_prefix).id)
    await wait_for_screen(pilot, TeamScreen)
    screen = app.screen
    if tab:
        screen._show_tab(tab)
        await pilot.pause()
        screen.query_one(f"#{tab}-pane").focus_table()
        await pilot.pause()
    return screen


# -- what the app shows ----------------------------------------------------------------------


def painted(widget: Widget) -> str:
    """The text a widget paints, line by line, as the user sees it."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return "\n".join(strip.text for strip in widget.render_lines(region))


def error(form, field_id: str) -> str:
    """The error shown under a field; empty when none is shown."""
    place = form.query_one(f"#{field_id}-error", Static)
    return str(place.render()) if place.display else ""


def painted_error(form, field_id: str) -> str:
    """The error painted under a field, its wrapped lines joined again; empty when none."""
    place = form.query_one(f"#{field_id}-error", Static)
    return " ".join(painted(place).split()) if place.display else ""


def notes(app) -> list[str]:
    """The messages of the notifications the app has shown."""
    return [n.message for n in app._notifications]


async def make_finding_action(pilot, owner: str = "Sam Patel"):
    """Fill in the form a finding opens (its title and due date proposed) with an owner, and
    save it; the form it was."""
    from textual.widgets import Input

    from tui.dialogs.finding_action import FindingActionForm

    await wait_for_screen(pilot, FindingActionForm)
    form = pilot.app.screen
    form.query_one("#owner", Input).value = owner
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, FindingActionForm))
    return form


async def palette(pilot, text: str) -> None:
    """Type `text` into the command palette and run its first match."""
    from textual.command import CommandPalette
    from textual.widgets import Input

    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    pilot.app.screen.query_one(Input).value = text
    await pilot.pause(0.5)
    await pilot.press("enter")
