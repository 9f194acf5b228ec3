"""Layout snapshots of the sustainability grid: small and medium, the cursor on Millbrook's
impact measurement (its evidence in the detail; the findings on the priority and who rates it
0-3), and the rating form at 80x24 on Castlefield's workforce (rated, so filled in). Update them
after an intended change with `pytest tests/tui/test_snapshots_assess.py --snapshot-update`, and
look at the SVGs."""

import pytest
from pilot_support import ready, wait_for_screen
from textual.widgets import DataTable

from tui.dialogs.rating import RatingForm
from tui.screens.assess_grid import AssessGridScreen


async def open_grid_at(pilot, team: str, condition: str) -> None:
    await ready(pilot)
    await pilot.press("g")
    await wait_for_screen(pilot, AssessGridScreen)
    table = pilot.app.screen.query_one("#grid", DataTable)
    row = table.get_row_index(pilot.app.program.team(team).id)
    table.move_cursor(row=row, column=table.get_column_index(condition))
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_assess_grid(snap_compare, make_app, size):
    async def open_grid(pilot):
        await open_grid_at(pilot, "Millbrook", "impact")

    assert snap_compare(make_app(), terminal_size=size, run_before=open_grid)


def test_rating_form(snap_compare, make_app):
    async def open_form(pilot):
        await open_grid_at(pilot, "Castlefield", "workforce")
        await pilot.press("enter")
        await wait_for_screen(pilot, RatingForm)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_form)
