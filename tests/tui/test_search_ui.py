"""Search in the app: "Search" in the palette looks across the cluster, / on a team's
Check-ins tab within the team; Enter opens a result; a confidential note is never quoted."""

from pilot_support import open_team, wait_for, wait_for_screen
from textual.widgets import DataTable, Input

from domain.search import LOCKED
from tui.screens.challenge import ChallengeScreen
from tui.screens.search import SearchScreen


async def search_for(pilot, words: str) -> SearchScreen:
    screen = pilot.app.screen
    screen.query_one("#search-box", Input).value = words
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.query_text == words)
    return screen


async def test_the_cluster_search_lists_and_opens_what_holds_every_word(open_app):
    async with open_app(size=(160, 40)) as pilot:
        pilot.app.action_search()
        await wait_for_screen(pilot, SearchScreen)
        screen = await search_for(pilot, "reading programme")
        kinds = [h.kind.value for h in screen.hits]
        assert "challenge" in kinds and "briefing" in kinds
        assert all(
            h.day >= later.day for h, later in zip(screen.hits, screen.hits[1:], strict=False)
        )

        table = screen.query_one("#results", DataTable)
        table.move_cursor(row=kinds.index("challenge"), animate=False)
        await pilot.press("enter")
        await wait_for_screen(pilot, ChallengeScreen)
        assert pilot.app.screen.challenge_id == screen.hits[kinds.index("challenge")].ref


async def test_a_confidential_note_is_found_but_never_quoted(open_app):
    async with open_app(size=(160, 40)) as pilot:
        pilot.app.action_search()
        await wait_for_screen(pilot, SearchScreen)
        screen = await search_for(pilot, "shaken worried")
        assert [h.snippet for h in screen.hits] == [LOCKED]
        table = screen.query_one("#results", DataTable)
        shown = " ".join(str(c) for c in table.get_row_at(0))
        assert "shaken" not in shown and "🔒" in shown


async def test_slash_on_the_check_ins_tab_searches_that_team(open_app):
    async with open_app(size=(160, 40)) as pilot:
        team = await open_team(pilot, "Hollins", tab="checkins")
        await pilot.press("slash")
        await wait_for_screen(pilot, SearchScreen)
        screen = await search_for(pilot, "framework")
        assert screen.hits and {h.team_id for h in screen.hits} <= {team.team_id, None}
        assert "Hollins Park Academy" in str(screen.query_one("#search-heading").render())
