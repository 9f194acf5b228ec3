"""Every change has an author: the first run asks for the user's name, keeps it in the settings
file, and the changes made in the app are recorded with it."""

import tomllib

from pilot_support import running, wait_for
from textual.widgets import Input

from storage.paths import CLUSTER_FILE
from storage.settings import Settings
from tui.dialogs.name import NameScreen
from tui.screens.welcome import WelcomeScreen


def unnamed(_settings_file) -> Settings:
    _settings_file.write_text("", encoding="utf-8")
    return Settings.load(_settings_file)


async def test_opening_without_a_name_asks_once_and_records_changes_with_it(
    make_app, _settings_file
):
    app = make_app(settings=unnamed(_settings_file))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, NameScreen) and app.screen.is_mounted)
        await pilot.press("ctrl+s")  # no name: refused
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        app.screen.query_one("#name", Input).value = "  Helen   Price "
        await pilot.press("enter")  # one field: Enter saves it
        await wait_for(pilot, lambda: not isinstance(app.screen, NameScreen))

        program = app.program
        action = program.actions(program.team("Hollins").id)[0]
        noted = program.update_action(action.id, note="Timetable drafted")
        assert noted.notes[-1].by == "Helen Price"
    assert tomllib.loads(_settings_file.read_text())["user"] == "Helen Price"

    again = make_app(settings=Settings.load(_settings_file))
    async with running(again, (100, 40)) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, NameScreen)
        assert again.program.user == "Helen Price"


async def test_the_first_run_welcome_asks_for_the_name_with_the_cluster(
    make_app, _settings_file, tmp_path
):
    root = tmp_path / "new"
    app = make_app(root=root, settings=unnamed(_settings_file))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, WelcomeScreen) and app.screen.query("#cadence-weeks"),
        )
        values = {
            "your-name": "Chris Chair",
            "name": "Northside",
            "timezone": "Europe/London",
            "chair": "Chris Chair, chris@north.example",
        }
        for field_id, value in values.items():
            app.screen.query_one(f"#{field_id}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.program is not None)
        assert (root / CLUSTER_FILE).exists()
        assert app.program.user == "Chris Chair"
        assert not isinstance(app.screen, NameScreen)  # asked once, not twice
    assert tomllib.loads(_settings_file.read_text())["user"] == "Chris Chair"
