"""A second check-in on one day is logged, with a warning in the confirmation."""

from datetime import date

from pilot_support import notes, open_screen, wait_for
from textual.widgets import Input, TextArea

from tui.dialogs.checkin import CheckInForm


async def test_a_second_checkin_on_one_day_is_saved_with_a_warning(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Hollins")
        program.log_checkin(team.id, on=date(2026, 11, 20), notes="Morning meeting")
        form = await open_screen(pilot, CheckInForm(program, team.id))
        form.query_one("#date", Input).value = "2026-11-20"
        form.query_one("#notes", TextArea).text = "Afternoon follow-up"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)

        same_day = [c.notes for c in program.checkins(team.id) if c.date == date(2026, 11, 20)]
        assert sorted(same_day) == ["Afternoon follow-up", "Morning meeting"]
        (said,) = [n for n in notes(app) if "logged" in n]
        assert "already had a check-in on Fri 20 Nov 2026" in said
        (toast,) = [n for n in app._notifications if n.message == said]
        assert toast.severity == "warning"
