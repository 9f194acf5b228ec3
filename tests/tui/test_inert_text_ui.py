"""User text never drives the terminal from the app: escape sequences show as escapes, and
markup in an owner's name opens the owner filter like any other name."""

from datetime import date

from pilot_support import open_screen, open_team, painted, wait_for
from rich.segment import ControlType, Segment
from textual.color import Color
from textual.widgets import DataTable, Select

from tui.dialogs.checkin_view import CheckInDetail
from tui.inert import DropControls

CLEAR = "\x1b[2J"


async def test_notes_with_an_escape_sequence_show_it_as_text(open_app):
    async with open_app(size=(100, 40)) as pilot:
        program = pilot.app.program
        team = program.team("Hollins")
        checkin = program.log_checkin(team.id, on=date(2026, 11, 20), notes=f"Before{CLEAR}after")
        detail = await open_screen(pilot, CheckInDetail(program, checkin))
        shown = painted(detail.query_one("#checkin-notes"))
        assert "Before\\u001b[2Jafter" in shown and "\x1b" not in shown


async def test_an_owner_named_with_markup_opens_the_owner_filter(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Hollins")
        program.add_action(team.id, "Share the timetable", owner="A [/] B")
        screen = await open_team(pilot, "Hollins")
        owners = screen.query_one("#f-owner", Select)
        await wait_for(pilot, lambda: "A [/] B" in [v for _, v in owners._options])
        owners.focus()
        await pilot.press("enter")  # opens the list of owners, which once closed the app
        await pilot.pause()
        await pilot.press("escape")
        assert app.is_running and app.screen is screen


def test_no_line_the_app_draws_keeps_a_control_character():
    up = Segment("\x1b[1A", None, [(ControlType.CURSOR_UP, 1)])
    line = [Segment("Hollins "), Segment(f"x{CLEAR}\u202ey\x9b"), up]
    out = DropControls().apply(line, Color(0, 0, 0))
    assert [s.text for s in out[:2]] == ["Hollins ", "x[2Jy"]  # nothing left to act
    assert out[2].text == "\x1b[1A"  # Textual's own control segments pass


async def test_a_checkin_list_shows_an_escape_sequence_as_text(open_app):
    async with open_app(size=(120, 40)) as pilot:
        program = pilot.app.program
        team = program.team("Hollins")
        checkin = program.log_checkin(team.id, on=date(2026, 11, 21), notes=f"Plan{CLEAR}")
        screen = await open_team(pilot, "Hollins", tab="checkins")
        table = screen.query_one("#checkins-pane DataTable", DataTable)
        await wait_for(pilot, lambda: checkin.id in [r.key.value for r in table.ordered_rows])
        row = " ".join(str(cell) for cell in table.get_row(checkin.id))
        assert "Plan\\u001b[2J" in row and "\x1b" not in row
