"""The cluster's actions in one list: late ones first shown, due this week, open or all, mine
or every team's, narrowed by words; Enter opens the action."""

from datetime import date

from pilot_support import wait_for, wait_for_screen
from textual.widgets import DataTable, Input

from domain.actions import CLOSED_STATUSES
from tui.dialogs.action import ActionDetail
from tui.screens.actions import ActionsScreen

TODAY = date(2026, 11, 22)  # the fixed clock in conftest.py


def shown_ids(screen) -> list[str]:
    table = screen.query_one("#actions", DataTable)
    return [str(row.key.value) for row in table.ordered_rows if row.key.value != "none"]


async def test_t_on_the_dashboard_lists_every_late_action_then_other_views(open_app):
    async with open_app(size=(120, 36)) as pilot:
        program = pilot.app.program
        await pilot.press("t")
        await wait_for_screen(pilot, ActionsScreen)
        screen = pilot.app.screen
        late = {a.id for a in program.actions() if a.is_overdue(TODAY)}
        assert late and set(shown_ids(screen)) == late

        await pilot.press("o")
        await wait_for(pilot, lambda: screen.view == "open")
        opened = {a.id for a in program.actions() if a.status not in CLOSED_STATUSES}
        assert set(shown_ids(screen)) == opened

        await pilot.press("A")
        await wait_for(pilot, lambda: screen.view == "all")
        assert len(shown_ids(screen)) == len(program.actions())


async def test_words_narrow_the_list_and_enter_opens_the_action(open_app):
    async with open_app(size=(100, 30)) as pilot:
        program = pilot.app.program
        pilot.app.action_actions()
        await wait_for_screen(pilot, ActionsScreen)
        screen = pilot.app.screen
        await pilot.press("A")
        action = program.actions()[0]
        word = action.title.split()[0]
        await pilot.press("slash")
        screen.query_one("#actions-filter", Input).value = f"{word} {action.owner.split()[0]}"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.words != "")
        ids = shown_ids(screen)
        assert action.id in ids
        for a in (program.action(i) for i in ids):
            assert word.casefold() in f"{a.title} {a.owner}".casefold()

        table = screen.query_one("#actions", DataTable)
        table.move_cursor(row=ids.index(action.id), animate=False)
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionDetail)
        assert pilot.app.screen.action.id == action.id
