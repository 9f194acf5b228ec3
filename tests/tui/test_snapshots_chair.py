"""Layout snapshots of the chair's queue, small and large (the demo's four escalated
challenges, one overdue). Update them after an intended change with
`pytest tests/tui/test_snapshots_chair.py --snapshot-update`, and look at the SVGs."""

import pytest
from pilot_support import ready, wait_for_screen

from tui.screens.chair_queue import ChairQueueScreen

SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_chair_queue(snap_compare, make_app, size):
    async def open_queue(pilot):
        await ready(pilot)
        pilot.app.push_screen(ChairQueueScreen())
        await wait_for_screen(pilot, ChairQueueScreen)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_queue)
