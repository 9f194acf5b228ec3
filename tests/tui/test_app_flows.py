"""The app's main flows, driven with Pilot on the demo workspace at a fixed date and size."""

from datetime import date

import pytest
from conftest import clock
from pilot_support import wait_for, wait_for_screen
from textual.widgets import DataTable, Input, TextArea

from domain.actions import ActionStatus
from storage.facade import Flourish
from tui.dialogs.checkin import CheckInForm
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.team import TeamScreen

SIZE = (100, 36)


def table_keys(screen, selector="#teams") -> list[str]:
    table = screen.query_one(selector, DataTable)
    return [row.key.value for row in table.ordered_rows]


def row_text(screen, key: str, selector="#teams") -> str:
    table = screen.query_one(selector, DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


async def open_team(pilot, name_prefix: str) -> TeamScreen:
    app = pilot.app
    team = app.program.team(name_prefix)
    table = app.screen.query_one("#teams", DataTable)
    table.move_cursor(row=table.get_row_index(team.id))
    await pilot.press("enter")
    await wait_for_screen(pilot, TeamScreen)
    await pilot.pause()
    return app.screen


async def test_the_dashboard_shows_every_team_and_enter_opens_one(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        teams = app.program.teams()
        assert set(table_keys(app.screen)) == {t.id for t in teams}
        screen = await open_team(pilot, "Castlefield")
        assert screen.team_id == app.program.team("Castlefield").id
        assert "Castlefield High School" in str(screen.query_one("#team-title").render())
        plan = screen.query_one("#plan-pane DataTable", DataTable)
        assert plan.row_count == len(app.program.actions(screen.team_id))
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_log_a_checkin_with_an_agreed_action_in_one_step(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        team = app.program.team("Hollins")
        await open_team(pilot, "Hollins")
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        form = app.screen
        assert form.team_id == team.id  # the team being viewed is picked already
        form.query_one("#date", Input).value = "yesterday"
        form.query_one("#notes", TextArea).text = "Agreed to [bold]pilot[/] peer observation"
        await pilot.press("ctrl+n")
        await pilot.pause()
        form.query_one("#na-title-1", Input).value = "Draft the observation rota"
        form.query_one("#na-owner-1", Input).value = "Jo"
        form.query_one("#na-due-1", Input).value = "+2w"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)

        newest = app.program.checkins(team.id)[0]
        assert newest.date == date(2026, 11, 21)
        assert newest.notes == "Agreed to [bold]pilot[/] peer observation"
        agreed = [a for a in app.program.actions(team.id) if a.id in newest.action_ids]
        assert [(a.title, a.owner, a.due) for a in agreed] == [
            ("Draft the observation rota", "Jo", date(2026, 12, 6))
        ]
        checkins = app.screen.query_one("#checkins-pane DataTable", DataTable)
        assert checkins.row_count == len(app.program.checkins(team.id))


async def test_a_future_date_is_refused_inline_and_nothing_is_saved(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        before = len(app.program.checkins())
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        form = app.screen
        form.query_one("#date", Input).value = "+3d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = form.query_one("#date-error")
        assert error.display and "future" in str(error.render())
        assert form.query_one("#date").has_class("-invalid")
        form.query_one("#date", Input).value = "31 feb"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "31 feb" in str(form.query_one("#date-error").render())
        assert len(app.program.checkins()) == before


async def test_escape_asks_before_throwing_away_typed_notes(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        form = app.screen
        form.query_one("#notes", TextArea).text = "Half-written notes"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#notes", TextArea).text == "Half-written notes"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_screen(pilot, DashboardScreen)


async def test_single_keys_change_an_actions_status_and_ctrl_z_undoes_it(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_team(pilot, "Millbrook")
        plan = screen.query_one("#plan-pane DataTable", DataTable)
        plan.focus()
        action_id = plan.coordinate_to_cell_key(plan.cursor_coordinate).row_key.value
        before = app.program.action(action_id).status
        await pilot.press("d")
        await pilot.pause()
        assert app.program.action(action_id).status is ActionStatus.DONE
        assert "done" in row_text(screen, action_id, "#plan-pane DataTable")
        await pilot.press("b")
        await pilot.pause()
        assert app.program.action(action_id).status is ActionStatus.BLOCKED
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert app.program.action(action_id).status is before
        assert before.label in row_text(screen, action_id, "#plan-pane DataTable")


async def test_deleting_asks_first_and_undo_brings_it_back(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_team(pilot, "Northgate")
        plan = screen.query_one("#plan-pane DataTable", DataTable)
        plan.focus()
        action_id = plan.coordinate_to_cell_key(plan.cursor_coordinate).row_key.value
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.program.action(action_id)
        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert action_id not in table_keys(screen, "#plan-pane DataTable")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert action_id in table_keys(screen, "#plan-pane DataTable")


async def test_filter_and_quick_views_narrow_the_dashboard(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = app.screen
        statuses = {s.team.id: s for s in app.program.status()}
        await pilot.press("slash")
        screen.query_one("#filter", Input).value = "primary"
        await wait_for(pilot, lambda: len(table_keys(screen)) < len(statuses))
        shown = table_keys(screen)
        assert shown and all("primary" in statuses[k].team.name.casefold() for k in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert len(table_keys(screen)) == len(statuses)

        await pilot.press("2")
        await pilot.pause()
        overdue = {k for k, s in statuses.items() if s.checkin_overdue}
        assert overdue and set(table_keys(screen)) == overdue
        await pilot.press("3")
        await pilot.pause()
        late = {k for k, s in statuses.items() if s.actions_overdue}
        assert set(table_keys(screen)) == late
        await pilot.press("1")
        await pilot.pause()
        assert len(table_keys(screen)) == len(statuses)


async def test_sorting_cycles_through_orders(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = app.screen
        by_name = table_keys(screen)
        names = [app.program.team(k).name for k in by_name]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("s")  # most overdue check-in first
        await pilot.pause()
        first = app.program.status([app.program.team(table_keys(screen)[0])])[0]
        worst = max(s.checkin_overdue_days for s in app.program.status())
        assert first.checkin_overdue_days == worst > 0


async def test_help_lists_the_keys_of_the_screen_below(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        await open_team(pilot, "Castlefield")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        table = app.screen.query_one("#keys", DataTable)
        ids = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert {"checkin.log", "app.undo", "plan.done", "plan.add", "team.back"} <= ids
        keys = {
            str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)
        }
        assert "Open the highlighted record in full" in keys["enter"]  # Enter is listed too
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)


async def test_a_checkin_logged_elsewhere_appears_without_restarting(open_app, demo_root):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        team = app.program.team("Millbrook")
        assert "6w ago" in row_text(app.screen, team.id) or "weeks" in row_text(app.screen, team.id)
        other = Flourish.open(demo_root, clock)  # as `flourish checkin add` would
        other.log_checkin(team.id, on=date(2026, 11, 22), notes="Logged from the shell")
        await wait_for(pilot, lambda: "today" in row_text(app.screen, team.id))
        screen = await open_team(pilot, "Millbrook")
        other.log_checkin(team.id, on=date(2026, 11, 22), notes="And another")
        table = screen.query_one("#checkins-pane DataTable", DataTable)
        count = len(other.checkins(team.id))
        await wait_for(pilot, lambda: table.row_count == count)


async def test_remapped_keys_from_the_settings_file_work(open_app, _settings_file):
    _settings_file.write_text('user = "Pat Tester"\n[keys]\n"checkin.log" = "ctrl+l"\n')
    async with open_app(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, CheckInForm)


async def test_the_theme_choice_is_remembered(make_app, open_app, _settings_file):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        app.theme = "nord"
        await pilot.pause()
    assert 'theme = "nord"' in _settings_file.read_text()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == "nord"


async def test_markup_in_user_text_shows_literally(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        team = app.program.team("Ashworth")
        tricky = "[bold]Oak[/] [link=x]H[/] [/]"  # short enough not to be cut
        app.program.update_team(team.id, name=tricky)
        app.data_changed()
        await wait_for(pilot, lambda: tricky in row_text(app.screen, team.id))
        screen = await open_team(pilot, "[bold]")
        assert tricky in str(screen.query_one("#team-title").render())


async def test_an_empty_workspace_greets_the_user_with_what_to_do(make_app, tmp_path):
    from domain.records import Person

    root = tmp_path / "empty"
    Flourish.create(
        root, name="Hill Cluster", timezone="Europe/London", chair=Person(name="Ann"), clock=clock
    )
    app = make_app(root=root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.program is not None)
        message = app.screen.query_one("#message")
        await wait_for(pilot, lambda: "no school leadership teams" in str(message.render()))
        assert not app.screen.query_one("#teams").display


@pytest.mark.parametrize("damage", [b"{not json", b""])
async def test_a_damaged_workspace_shows_the_problem_and_exits_2(make_app, demo_root, damage):
    (demo_root / "cluster.json").write_bytes(damage)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#problem-message")))
        message = str(app.screen.query_one("#problem-message").render())
        assert "cluster.json" in message, message
        await pilot.press("q")
    assert app.return_code == 2
    assert (demo_root / "cluster.json").read_bytes() == damage


async def test_the_command_palette_goes_to_a_team_and_logs_a_checkin(open_app):
    from textual.command import CommandPalette

    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        app.screen.query_one(Input).value = "go to castlefield"
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for_screen(pilot, TeamScreen)
        assert app.screen.team_id == app.program.team("Castlefield").id

        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        app.screen.query_one(Input).value = "log a check-in"
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckInForm)
        assert app.screen.team_id == app.program.team("Castlefield").id


async def test_a_damaged_team_file_shows_the_problem_and_exits_2(make_app, demo_root):
    team_file = next((demo_root / "teams").glob("*.json"))
    team_file.write_bytes(b"xx")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#problem-message")))
        assert team_file.name in str(app.screen.query_one("#problem-message").render())
        await pilot.press("c")  # no verbs on a damaged workspace
        await pilot.pause()
        assert type(app.screen).__name__ == "ProblemScreen"
        await pilot.press("q")
    assert app.return_code == 2
    assert team_file.read_bytes() == b"xx"


async def test_the_checkin_form_closes_at_once_when_nothing_was_typed(open_app):
    async with open_app(size=SIZE) as pilot:
        await open_team(pilot, "Millbrook")  # its open actions fill the form's change rows
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        await pilot.pause()
        await pilot.press("ctrl+n")  # an empty row for an agreed action is not typing either
        await pilot.pause()
        await pilot.press("escape")
        await wait_for_screen(pilot, TeamScreen)


async def test_the_checkin_form_shows_its_action_rows_and_picking_a_team_moves_on(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        app.screen.query_one("#teams", DataTable).display = False  # no team highlighted
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        form = app.screen
        form.query_one("#team", Input).value = "millb"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert form.team_id == app.program.team("Millbrook").id
        assert app.focused is not form.query_one("#team")
        rows = list(form.query(".change-row"))
        assert rows and all(row.region.height >= 3 for row in rows)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert form.query_one("#na-title-1").region.height >= 3
