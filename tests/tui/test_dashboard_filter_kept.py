"""The dashboard's filter is remembered: a coach who filters to "Helen" finds only Helen's
teams the next time the app opens, until they clear the filter."""

import tomllib

from pilot_support import running
from textual.widgets import DataTable, Input

from storage.settings import Settings


async def test_the_filter_comes_back_next_time_until_cleared(make_app, _settings_file):
    async with running(make_app(), (120, 36)) as pilot:
        await pilot.press("slash")
        pilot.app.screen.query_one("#filter", Input).value = "Helen"
        await pilot.press("enter")
        await pilot.pause()
    assert tomllib.loads(_settings_file.read_text())["filter"] == "Helen"

    settings = Settings.load(_settings_file)
    async with running(make_app(settings=settings), (120, 36)) as pilot:
        screen = pilot.app.screen
        box = screen.query_one("#filter", Input)
        assert box.display and box.value == "Helen"
        table = screen.query_one("#teams", DataTable)
        coaches = {
            s.team.coach.name for s in screen.statuses if s.team.id in {k.value for k in table.rows}
        }
        assert coaches == {"Helen Okafor"}
        screen.query_one("#teams").focus()
        await pilot.press("escape")
        await pilot.pause()
    assert tomllib.loads(_settings_file.read_text())["filter"] == ""
    assert tomllib.loads(_settings_file.read_text())["user"] == "Pat Tester"  # the rest kept
