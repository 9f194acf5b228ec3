"""Invitations from the app: i on a briefing says what would go to whom and sends it after a
yes, through a real SMTP server on the loopback interface; the detail then shows which
version each attendee was sent; a move offers the update to those already invited."""

from datetime import date

from pilot_support import open_team, wait_for, wait_for_screen
from textual.widgets import DataTable, Input

from tui.dialogs.briefing import BriefingDetail, BriefingMoveForm
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.team import TeamScreen

TODAY = date(2026, 11, 22)


def with_mail(settings, port: int) -> None:
    settings.write_text(
        settings.read_text() + f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'from = "chair@example.org"\n'
    )


def upcoming(program, team_prefix: str):
    team = program.team(team_prefix)
    return next(
        b
        for b in program.briefings(team.id)
        if b.team_id == team.id and not b.cancelled and b.start.date() > TODAY
    )


async def open_briefing(pilot, briefing):
    screen = await open_team(pilot, "Hollins", tab="briefings")
    table = screen.query_one("#briefings-pane DataTable", DataTable)
    table.move_cursor(row=table.get_row_index(briefing.id), animate=False)
    await pilot.pause()
    return screen


async def move(pilot, briefing, start: str) -> None:
    """Move the briefing from its team's Briefings tab with the move form."""
    await open_briefing(pilot, briefing)
    await pilot.press("m")
    await wait_for_screen(pilot, BriefingMoveForm)
    pilot.app.screen.query_one("#start", Input).value = start
    await pilot.press("ctrl+s")


def detail_text(screen) -> str:
    return " ".join(str(w.render()) for w in screen.query(".detail-block"))


async def test_i_on_a_briefing_asks_then_sends_each_attendee_an_invitation(
    open_app, inbox, _settings_file
):
    with_mail(_settings_file, inbox.port)
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        briefing = upcoming(app.program, "Hollins")
        chair = app.program.cluster().chair  # sends them: not sent one
        emailed = [p for p in briefing.attendees if p.email and not chair.has_email(p.email)]
        await open_briefing(pilot, briefing)
        await pilot.press("enter")
        await wait_for_screen(pilot, BriefingDetail)
        detail = app.screen
        assert "not emailed yet" in detail_text(detail)

        await pilot.press("i")
        await wait_for_screen(pilot, ConfirmScreen)
        ask = app.screen
        assert ask.question.startswith(f"Send invitations to {len(emailed)} attendees of")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(inbox.messages) == len(emailed), timeout=10)

        assert sorted(str(m["To"]).split("<")[1] for m in inbox.messages) == sorted(
            f"{p.email}>" for p in emailed
        )
        await wait_for(pilot, lambda: "✉ emailed 22 Nov (v" in detail_text(app.screen), timeout=5)
        assert "not emailed yet" not in detail_text(app.screen)


async def test_moving_an_invited_briefing_offers_the_update(open_app, inbox, _settings_file):
    with_mail(_settings_file, inbox.port)
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        briefing = upcoming(app.program, "Hollins")
        app.program.send_invitations(briefing.id, mail=_mail())
        sent = len(inbox.messages)
        assert sent > 0
        await move(pilot, briefing, "2026-12-08 16:00")

        await wait_for_screen(pilot, ConfirmScreen)
        ask = app.screen
        assert ask.question.startswith(f"Send updates to {sent} attendees of")
        await pilot.press("y")
        await wait_for(pilot, lambda: len(inbox.messages) == 2 * sent, timeout=10)
        assert all(m["Subject"].startswith("Updated invitation") for m in inbox.messages[sent:])


async def test_a_move_of_a_briefing_never_emailed_asks_nothing(open_app, inbox, _settings_file):
    with_mail(_settings_file, inbox.port)
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        briefing = upcoming(app.program, "Hollins")
        await move(pilot, briefing, "2026-12-08 16:00")
        await wait_for_screen(pilot, TeamScreen)
        await pilot.pause(0.2)
        assert isinstance(app.screen, TeamScreen) and inbox.messages == []


async def test_without_a_mail_server_i_says_how_to_set_one(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        briefing = upcoming(app.program, "Hollins")
        await open_briefing(pilot, briefing)
        await pilot.press("i")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("No mail server is set" in s and "[mail]" in s for s in said)
        assert not isinstance(app.screen, ConfirmScreen)


def _mail():
    from storage.mail import MailSettings

    return MailSettings.load()
