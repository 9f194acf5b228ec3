"""Every form opens showing its first label, however small the terminal; the check-in form,
with the team already chosen, puts the cursor on Notes and scrolls to them as they are typed."""

import pytest
from pilot_support import open_team, wait_for_screen
from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from tui.dialogs.checkin import CheckInForm
from tui.dialogs.settings import SettingsForm
from tui.dialogs.team import TeamForm


def first_label_shown(form) -> bool:
    body = form.query_one("#form-body", VerticalScroll)
    label = form.query(".field-label").results(Label).__next__()
    return body.scroll_y == 0 and body.region.contains_region(label.region)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_checkin_form_opens_at_its_top_with_the_cursor_on_notes(open_app, size):
    async with open_app(size=size) as pilot:
        await open_team(pilot, "Hollins")
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        await pilot.pause()
        form = pilot.app.screen
        assert first_label_shown(form)
        notes = form.query_one("#notes", TextArea)
        assert pilot.app.focused is notes

        await pilot.press("V", "i", "s", "i", "t")
        await pilot.pause()
        body = form.query_one("#form-body", VerticalScroll)
        assert notes.text == "Visit" and body.region.overlaps(notes.region)


@pytest.mark.parametrize("form_type", [TeamForm, SettingsForm])
async def test_other_forms_open_at_their_first_label(open_app, form_type):
    async with open_app(size=(80, 24)) as pilot:
        pilot.app.push_screen(form_type(pilot.app.program))
        await wait_for_screen(pilot, form_type)
        await pilot.pause()
        assert first_label_shown(pilot.app.screen)
