"""A due date more than about six months away is questioned before it is saved (often a slip
of the year); a near one saves at once; the confirmation says the year."""

from pilot_support import notes, open_screen, wait_for, wait_for_screen
from textual.widgets import Input

from tui.dialogs.action import ActionForm
from tui.dialogs.confirm import ConfirmScreen


async def test_a_due_date_a_year_away_is_asked_about_first(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Hollins")
        before = len(program.actions(team.id))
        form = await open_screen(pilot, ActionForm(program, team.id))
        form.query_one("#title", Input).value = "Review the reading scheme"
        form.query_one("#due", Input).value = "2027-12-03"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "Fri 3 Dec 2027, about 12 months from now" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        assert len(program.actions(team.id)) == before

        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: len(program.actions(team.id)) == before + 1)
        assert any("due Fri 3 Dec 2027" in n for n in notes(app))


async def test_a_near_due_date_saves_at_once(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Hollins")
        form = await open_screen(pilot, ActionForm(program, team.id))
        form.query_one("#title", Input).value = "Review the reading scheme"
        form.query_one("#due", Input).value = "in 2 weeks"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        assert not isinstance(app.screen, ConfirmScreen)
        assert any("due Sun 6 Dec 2026" in n for n in notes(app))
