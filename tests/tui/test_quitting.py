"""Quitting never loses typing: ctrl+q with something typed in a form asks first, as Escape
does; with nothing typed it quits at once."""

from pilot_support import open_screen, wait_for
from textual.widgets import TextArea

from tui.dialogs.checkin import CheckInForm
from tui.dialogs.confirm import ConfirmScreen

NOTES = "Agreed to trial the new timetable with Year 5 from January."


async def test_ctrl_q_with_notes_typed_asks_and_keeping_them_keeps_them(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        form = await open_screen(pilot, CheckInForm(app.program, app.program.team("Hollins").id))
        form.query_one("#notes", TextArea).text = NOTES

        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.is_running
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#notes", TextArea).text == NOTES

        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)


async def test_ctrl_q_with_nothing_typed_quits_at_once(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        await open_screen(pilot, CheckInForm(app.program, app.program.team("Hollins").id))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
