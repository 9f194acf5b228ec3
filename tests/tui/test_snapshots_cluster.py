"""Layout snapshots of the Cluster view on the demo: the journey's six lanes at 80x24 and
160x45, and the plan tab at both sizes. Update them after an intended change with
`pytest tests/tui/test_snapshots_cluster.py --snapshot-update`.
"""

import pytest
from pilot_support import ready, wait_for, wait_for_screen

from tui.screens.cluster import ClusterScreen

SIZES = [(80, 24), (160, 45)]


def opened_on(tab: str):
    async def open_tab(pilot):
        await ready(pilot)
        await pilot.press("p")
        await wait_for_screen(pilot, ClusterScreen)
        screen = pilot.app.screen
        screen._show(tab)
        pane = screen.query_one(f"#{tab}-pane")
        await wait_for(pilot, lambda: pane.loaded)
        await pilot.pause()

    return open_tab


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_journey(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=opened_on("journey"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_cluster_plan(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=opened_on("cplan"))
