"""The dashboard leads the chair to the escalated challenges: `e` opens the chair's queue, the
escalated view's Enter opens the queue for that team, and a challenge the chair has not
answered in time is flagged in the team's row. Demo workspace, fixed clock."""

from pilot_support import wait_for_screen
from textual.widgets import DataTable, Static

from tui.screens.chair_queue import ChairQueueScreen
from tui.screens.dashboard import DashboardScreen

SIZE = (100, 30)


def row_text(screen, team_id: str) -> str:
    return " ".join(str(cell) for cell in screen.query_one("#teams", DataTable).get_row(team_id))


async def highlight(pilot, screen, team_id: str) -> None:
    table = screen.query_one("#teams", DataTable)
    table.move_cursor(row=table.get_row_index(team_id), animate=False)
    await pilot.pause()


async def test_e_opens_the_chairs_queue_with_every_escalated_challenge(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        await pilot.press("e")
        await wait_for_screen(pilot, ChairQueueScreen)
        queue = app.screen
        rows = queue.query_one("#queue", DataTable).row_count
        assert rows == len(app.program.escalated()) == 4


async def test_enter_in_the_escalated_view_opens_that_teams_challenges(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        millbrook = app.program.team("Millbrook")
        await pilot.press("4")
        dashboard = app.screen
        await highlight(pilot, dashboard, millbrook.id)
        await pilot.press("enter")
        await wait_for_screen(pilot, ChairQueueScreen)
        queue = app.screen
        table = queue.query_one("#queue", DataTable)
        mine = [c.id for c in app.program.escalated() if c.team_id == millbrook.id]
        assert [row.key.value for row in table.ordered_rows] == mine


async def test_a_challenge_overdue_for_the_chair_is_flagged_in_the_teams_row(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        overdue = {c.team_id for c in app.program.escalated() if app.program.challenge_overdue(c)}
        millbrook = app.program.team("Millbrook").id
        assert overdue == {millbrook}
        assert "▲1⚠" in row_text(dashboard, millbrook)
        hollins = app.program.team("Hollins").id
        assert "⚠" not in row_text(dashboard, hollins).split()[-1]
        await highlight(pilot, dashboard, millbrook)
        detail = str(dashboard.query_one("#detail", Static).render())
        assert "1 challenge overdue for the chair" in detail
