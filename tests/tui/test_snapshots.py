"""Layout snapshots of the dashboard and the team view, small and large. Textual is pinned,
the clock fixed and the demo data built from it, so the screens are the same on every run.
Update them after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

import pytest
from pilot_support import ready, wait_for_screen

from tui.screens.team import TeamScreen

SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, make_app, size):
    async def settle(pilot):
        await ready(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_team_view(snap_compare, make_app, size):
    async def open_team(pilot):
        await ready(pilot)
        app = pilot.app
        app.action_open_team(app.program.team("Castlefield").id)
        await wait_for_screen(pilot, TeamScreen)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_team)
