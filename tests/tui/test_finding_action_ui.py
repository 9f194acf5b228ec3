"""A finding made into an action opens a small form first: the title and due date proposed,
an owner asked for (no ownerless item is saved), and a similar open action named."""

from datetime import date

from pilot_support import error, wait_for, wait_for_screen
from test_pulse_ui import SIZE, open_pulse_tab
from textual.widgets import Input, Static

from tui.dialogs.finding_action import FindingActionForm


async def test_the_form_proposes_asks_for_an_owner_and_saves_nothing_until_asked(open_app):
    async with open_app(size=SIZE) as pilot:
        program = pilot.app.program
        team = program.team("Millbrook")
        before = program.actions(team.id)
        _screen, _pane, table = await open_pulse_tab(pilot, "Millbrook")
        table.move_cursor(row=table.get_row_index("voice"))
        await pilot.press("t")
        await wait_for_screen(pilot, FindingActionForm)
        form = pilot.app.screen
        assert "My voice is heard" in form.query_one("#title", Input).value
        assert form.query_one("#due", Input).value == "2026-12-20"  # a pulse action: 4 weeks
        assert pilot.app.focused is form.query_one("#owner", Input)
        assert program.actions(team.id) == before  # the proposal saved nothing

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "owner" in error(form, "owner")
        assert program.actions(team.id) == before

        form.query_one("#owner", Input).value = "Mark Brennan"
        form.query_one("#due", Input).value = "2026-12-18"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, FindingActionForm))
        (made,) = [a for a in program.actions(team.id) if a not in before]
        assert (made.owner, made.due) == ("Mark Brennan", date(2026, 12, 18))
        assert made.origin.startswith("pulse:")


async def test_a_similar_open_action_is_named_before_another_is_added(open_app):
    async with open_app(size=SIZE) as pilot:
        program = pilot.app.program
        team = program.team("Millbrook")
        program.add_action(team.id, "Raise the pulse on My voice is heard", owner="Jo Lind")
        pilot.app.data_changed()
        _screen, _pane, table = await open_pulse_tab(pilot, "Millbrook")
        table.move_cursor(row=table.get_row_index("voice"))
        await pilot.press("t")
        await wait_for_screen(pilot, FindingActionForm)
        warning = str(pilot.app.screen.query_one("#similar", Static).render())
        assert "similar open action" in warning and "Jo Lind" in warning
