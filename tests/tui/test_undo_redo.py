"""Undo stays where the user is and can be redone: a change the screen shows is undone at
once; one it does not show, or one that takes a team away, is asked about first; ctrl+y
makes again what was undone."""

from datetime import date

from pilot_support import open_team, wait_for, wait_for_screen

from domain.records import Person
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.team import TeamScreen

DAY = date(2026, 11, 20)


def question(app) -> str:
    return str(app.screen.query_one("#question").render())


async def test_undo_on_a_teams_screen_undoes_its_change_and_asks_before_removing_a_team(
    open_app,
):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        new = program.add_team("Riverside Primary", start=DAY, coach=Person(name="Jo Coach"))
        hollins = program.team("Hollins")
        screen = await open_team(pilot, "Hollins")
        checkin = program.log_checkin(hollins.id, on=DAY, notes="Met the SLT")

        await pilot.press("ctrl+z")  # the check-in is on this screen: undone at once
        await wait_for(pilot, lambda: checkin.id not in {c.id for c in program.checkins()})
        assert app.screen is screen

        await pilot.press("ctrl+z")  # next: adding Riverside, which would take a team away
        await wait_for_screen(pilot, ConfirmScreen)
        assert "Added the team Riverside Primary" in question(app)
        assert "takes a team away" in question(app)
        await pilot.press("n")
        await wait_for_screen(pilot, TeamScreen)
        assert new.id in {t.id for t in program.teams()}

        await pilot.press("ctrl+y")  # redo the check-in, which this screen shows
        await wait_for(pilot, lambda: checkin.id in {c.id for c in program.checkins()})


async def test_undo_of_another_teams_change_asks_first(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        other = program.team("Castlefield")
        action = program.add_action(other.id, "Share the timetable")
        await open_team(pilot, "Hollins")

        await pilot.press("ctrl+z")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "Added the action 'Share the timetable'" in question(app)
        assert "not on this screen" in question(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: action.id not in {a.id for a in program.actions()})
