"""Layout snapshots of the export modal over the team view, small and large, on one person's
calendar (the choice with the most fields: person, from, to, path). The home folder and the
working directory are fixed so the suggested path reads the same on every machine. Update
them after an intended change with `pytest tests/tui/test_snapshots_export.py --snapshot-update`,
and look at the SVGs."""

import pytest
from pilot_support import ready, wait_for_screen
from textual.widgets import Select

from tui.dialogs.export import ExportScreen
from tui.screens.team import TeamScreen

SIZES = [(80, 24), (120, 36)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_modal(snap_compare, make_app, size, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)

    async def open_modal(pilot):
        await ready(pilot)
        app = pilot.app
        app.action_open_team(app.program.team("Hollins").id)
        await wait_for_screen(pilot, TeamScreen)
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, ExportScreen)
        app.screen.query_one("#choice", Select).value = "person"
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_modal)
