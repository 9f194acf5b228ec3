"""Layout snapshots of the pulse survey: the cluster heatmap, small and medium (each team's
latest month: Riverside's hidden results, Ashworth with none yet), and a team's Pulse tab at
80x24 (Riverside: a hidden result and gaps in its sparklines). Update them after an intended
change with `pytest tests/tui/test_snapshots_pulse.py --snapshot-update`, and look at the SVGs."""

import pytest
from pilot_support import ready, wait_for, wait_for_screen

from tui.screens.pulse_heatmap import PulseHeatmapScreen
from tui.screens.team import TeamScreen


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_pulse_heatmap(snap_compare, make_app, size):
    async def open_heatmap(pilot):
        await ready(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, PulseHeatmapScreen)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_heatmap)


def test_pulse_tab(snap_compare, make_app):
    async def open_tab(pilot):
        await ready(pilot)
        app = pilot.app
        app.action_open_team(app.program.team("Riverside").id, tab="pulse")
        await wait_for_screen(pilot, TeamScreen)
        pane = app.screen.query_one("#pulse-pane")
        await wait_for(pilot, lambda: pane.program is not None)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_tab)
