"""Helpers for Pilot tests: let workers and timers run until something holds."""

import time


async def wait_for(pilot, condition, timeout: float = 5.0) -> None:
    """Let the app run until `condition()` holds (workers and timers need real time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)


async def ready(pilot) -> None:
    """Wait until the workspace is open and the dashboard filled."""
    app = pilot.app
    await wait_for(pilot, lambda: app.program is not None)
    await wait_for(pilot, lambda: bool(getattr(app.screen, "statuses", None)))
    await pilot.pause()


async def wait_for_screen(pilot, screen_type) -> None:
    """Wait until a screen of this type is on top and mounted (pushing comes before composing)."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type) and app.screen.is_mounted)
    await pilot.pause()
