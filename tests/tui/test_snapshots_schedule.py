"""Layout snapshots of the schedule revision form, small and large, opened with `v` from the
team view with a shift typed, so the before/after preview and the list of what moves show.
Update them after an intended change with
`pytest tests/tui/test_snapshots_schedule.py --snapshot-update`.
"""

import pytest
from pilot_support import ready, wait_for, wait_for_screen

from tui.dialogs.revision import RevisionForm
from tui.screens.team import TeamScreen

SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_revision_form(snap_compare, make_app, size):
    async def revise(pilot):
        await ready(pilot)
        app = pilot.app
        app.action_open_team(app.program.team("Castlefield").id)
        await wait_for_screen(pilot, TeamScreen)
        await pilot.press("v")
        await wait_for_screen(pilot, RevisionForm)
        form = app.screen
        for field in form.query("Input"):
            field.cursor_blink = False  # a blinking cursor is caught on or off by chance
        form.query_one("#span").value = "+4w"
        form.query_one("#reason").value = "Trust-wide [b]inspection[/b] window"
        # The preview follows the fields: wait for it rather than for a fixed number of pauses.
        label = form.query_one("#after-label")
        await wait_for(pilot, lambda: "+4w" in str(label.render()))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=revise)
