"""Archiving a team from its view (asked first), restoring it from the palette: it leaves the
dashboard and comes back with its records."""

from pilot_support import open_team, palette, wait_for, wait_for_screen
from textual.widgets import DataTable

from tui.dialogs.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen


def dashboard_rows(app) -> set[str]:
    table = app.screen.query_one(DataTable)
    return {str(key.value) for key in table.rows}


async def test_archive_from_the_team_view_then_restore_from_the_palette(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        checkins = len(program.checkins(team.id))
        await open_team(pilot, "Castlefield")

        await palette(pilot, "archive this team")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, DashboardScreen)
        await wait_for(pilot, lambda: team.id not in dashboard_rows(app))
        assert [t.name for t in program.teams(archived=True)] == [team.name]

        await palette(pilot, f"restore {team.name}")
        await wait_for(pilot, lambda: team.id in dashboard_rows(app))
        assert len(program.checkins(team.id)) == checkins
