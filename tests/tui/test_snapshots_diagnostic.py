"""Layout snapshots of the collaboration diagnostic and the "Where we are" tab: the cluster
overview small and medium (Millbrook highlighted: its gaps and the vision questions flagged),
the questionnaire at 80x24 with two answers given, and Millbrook's statement pairs at 80x24
(stacked). Update them after an intended change with
`pytest tests/tui/test_snapshots_diagnostic.py --snapshot-update`, and look at the SVGs."""

import pytest
from pilot_support import ready, wait_for, wait_for_screen
from textual.widgets import DataTable

from tui.dialogs.diagnostic import DiagnosticForm
from tui.screens.diagnostic import FIRST, DiagnosticScreen
from tui.screens.team import TeamScreen
from tui.widgets.answer_table import AnswerTable


async def open_on_millbrook(pilot) -> DiagnosticScreen:
    await ready(pilot)
    app = pilot.app
    app.push_screen(DiagnosticScreen())
    await wait_for_screen(pilot, DiagnosticScreen)
    table = app.screen.query_one("#diagnostic", DataTable)
    table.move_cursor(row=table.get_row_index(app.program.team("Millbrook").id), column=FIRST)
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_diagnostic_overview(snap_compare, make_app, size):
    async def run_before(pilot):
        await open_on_millbrook(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_questionnaire(snap_compare, make_app):
    async def run_before(pilot):
        await open_on_millbrook(pilot)
        await pilot.press("a")
        await wait_for_screen(pilot, DiagnosticForm)
        table = pilot.app.screen.query_one(AnswerTable)
        await wait_for(pilot, lambda: bool(table.keys))
        table.focus()
        await pilot.press("3", "1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_where_we_are_tab(snap_compare, make_app):
    async def run_before(pilot):
        await ready(pilot)
        app = pilot.app
        app.action_open_team(app.program.team("Millbrook").id, tab="where")
        await wait_for_screen(pilot, TeamScreen)
        pane = app.screen.query_one("#where-pane")
        await wait_for(pilot, lambda: pane.program is not None)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
