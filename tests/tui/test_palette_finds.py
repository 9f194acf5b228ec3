"""The palette finds what people ask for by name: respond and resolve on the challenge at hand,
a team's people, the settings and the stakeholders."""

from pilot_support import open_team, palette, wait_for_screen

from domain.challenges import ChallengeStatus
from tui.dialogs.challenge import ResolveForm, RespondForm
from tui.dialogs.settings import SettingsForm
from tui.screens.challenge import ChallengeScreen
from tui.screens.team import TeamScreen


def escalated(program):
    return next(c for c in program.challenges() if c.status is ChallengeStatus.ESCALATED)


async def test_respond_and_resolve_are_found_on_a_challenge(open_app):
    async with open_app(size=(120, 36)) as pilot:
        challenge = escalated(pilot.app.program)
        pilot.app.push_screen(ChallengeScreen(challenge.id))
        await wait_for_screen(pilot, ChallengeScreen)

        await palette(pilot, "respond")
        await wait_for_screen(pilot, RespondForm)
        await pilot.press("escape")
        await wait_for_screen(pilot, ChallengeScreen)

        await palette(pilot, "resolve")
        await wait_for_screen(pilot, ResolveForm)


async def test_a_challenge_tab_offers_its_moves_and_a_team_its_people(open_app):
    async with open_app(size=(120, 36)) as pilot:
        challenge = escalated(pilot.app.program)
        team = pilot.app.program.team(challenge.team_id)
        screen = await open_team(pilot, team.name, tab="challenges")
        names = [c.title for c in screen.commands()]
        assert any(n.startswith("Respond to: ") for n in names)

        await palette(pilot, "people")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TeamScreen)
        assert pilot.app.screen.query_one("TabbedContent").active == "people"


async def test_settings_and_stakeholders_are_found_from_the_dashboard(open_app):
    async with open_app(size=(120, 36)) as pilot:
        await palette(pilot, "stakeholders")
        await wait_for_screen(pilot, SettingsForm)
