"""An edit form sends only the fields the user changed: a change made elsewhere (the command
line, another window) to a field the user never touched survives the form's save."""

from pilot_support import open_screen, wait_for
from textual.widgets import Checkbox, Input

from storage.facade import Flourish
from tui.dialogs.briefing import BriefingEditForm, BriefingMoveForm
from tui.dialogs.checkin_view import CheckInEditForm
from tui.dialogs.team import TeamForm


def elsewhere(app) -> Flourish:
    """Another session on the same workspace, as the command line would be."""
    return Flourish.open(app.root, clock=app.clock)


async def save(pilot, form) -> None:
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: pilot.app.screen is not form)


def next_briefing(program):
    return next(b for b in program.briefings() if b.start > program.now() and not b.cancelled)


async def test_editing_a_briefings_title_keeps_an_agenda_changed_elsewhere(open_app):
    async with open_app(size=(120, 45)) as pilot:
        program = pilot.app.program
        briefing = next_briefing(program)
        form = await open_screen(pilot, BriefingEditForm(program, briefing))
        elsewhere(pilot.app).update_briefing(briefing.id, agenda="1. Agreed on the phone")

        form.query_one("#title", Input).value = "Termly review"
        await save(pilot, form)
        kept = program.briefing(briefing.id)
        assert (kept.title, kept.agenda) == ("Termly review", "1. Agreed on the phone")


async def test_moving_a_briefing_keeps_a_place_changed_elsewhere(open_app):
    async with open_app(size=(120, 45)) as pilot:
        program = pilot.app.program
        briefing = next_briefing(program)
        form = await open_screen(pilot, BriefingMoveForm(program, briefing))
        elsewhere(pilot.app).move_briefing(briefing.id, location="Library")

        form.query_one("#minutes", Input).value = str(briefing.minutes + 15)
        await save(pilot, form)
        kept = program.briefing(briefing.id)
        assert (kept.minutes, kept.location) == (briefing.minutes + 15, "Library")
        assert kept.start == briefing.start


async def test_editing_a_teams_name_keeps_a_school_type_changed_elsewhere(open_app):
    async with open_app(size=(120, 45)) as pilot:
        program = pilot.app.program
        team = program.team("Hollins")
        form = await open_screen(pilot, TeamForm(program, team))
        elsewhere(pilot.app).update_team(team.id, school_type="all-through")

        form.query_one("#name", Input).value = "Hollins Park Academy"
        await save(pilot, form)
        kept = program.team(team.id)
        assert (kept.name, kept.school_type) == ("Hollins Park Academy", "all-through")


async def test_marking_a_checkin_confidential_keeps_notes_corrected_elsewhere(open_app):
    async with open_app(size=(120, 45)) as pilot:
        program = pilot.app.program
        checkin = program.checkins(program.team("Hollins").id)[0]
        form = await open_screen(pilot, CheckInEditForm(program, checkin))
        elsewhere(pilot.app).update_checkin(checkin.id, notes="Corrected from the notebook")

        form.query_one("#confidential", Checkbox).value = not checkin.confidential
        await save(pilot, form)
        kept = program.checkin(checkin.id)
        assert kept.notes == "Corrected from the notebook"
        assert kept.confidential is not checkin.confidential
        assert kept.date == checkin.date
