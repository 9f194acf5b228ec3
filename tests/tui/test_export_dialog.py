"""The export modal: opened with ctrl+e from the team view, its Briefings tab and the chair's
queue, and from the palette; it writes calendars, CSV tables and briefing packs through the
facade, says where they went, and keeps a bad path or date to itself (shown inline, nothing
written)."""

from pathlib import Path

import icalendar
from pilot_support import error, notes, open_team, wait_for, wait_for_screen
from textual.widgets import Checkbox, DataTable, Input, RadioButton, Select, Static

from storage.facade import CalendarScope
from tui.dialogs.export import ExportScreen, slug
from tui.screens.chair_queue import ChairQueueScreen
from tui.screens.team import TeamScreen

BOM = b"\xef\xbb\xbf"


def shown(screen, widget_id: str) -> bool:
    return screen.query_one(f"#{widget_id}").display


async def export_modal(pilot) -> ExportScreen:
    await pilot.press("ctrl+e")
    await wait_for_screen(pilot, ExportScreen)
    return pilot.app.screen


async def choose(pilot, screen: ExportScreen, choice: str) -> None:
    screen.query_one("#choice", Select).value = choice
    await pilot.pause()
    assert screen.chosen == choice


async def export_to(pilot, screen: ExportScreen, path: Path) -> None:
    screen.query_one("#path", Input).value = str(path)
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()


# -- calendars -------------------------------------------------------------------------------


async def test_team_schedule_from_the_team_view(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        team = (await open_team(pilot, "Hollins")).team_id
        screen = await export_modal(pilot)
        await choose(pilot, screen, "schedule")
        assert shown(screen, "calendar-options") and not shown(screen, "person-option")
        target = tmp_path / "x.ics"
        await export_to(pilot, screen, target)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))

        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        events = calendar.walk("VEVENT")
        expected = len(app.program.calendar(CalendarScope(team=team)).events)
        assert len(events) == expected > 0
        message = f"Wrote {expected} events to {target.resolve()}"
        assert any(message in n for n in notes(app)), notes(app)


async def test_one_persons_calendar_and_an_empty_range(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        await open_team(pilot, "Hollins")
        screen = await export_modal(pilot)
        await choose(pilot, screen, "person")
        assert shown(screen, "person-option")
        person = screen.query_one("#person", Select)
        coach = app.program.team("Hollins").coach
        assert person.value == coach.email
        # After the program, nothing: a valid calendar of 0 events, and it says so.
        screen.query_one("#first", Input).value = "2030-01-01"
        target = tmp_path / "late.ics"
        await export_to(pilot, screen, target)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        assert calendar.walk("VEVENT") == []
        assert any(f"Wrote 0 events to {target.resolve()}" in n for n in notes(app))


async def test_a_mistyped_date_is_shown_inline_and_nothing_is_written(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        await open_team(pilot, "Hollins")
        screen = await export_modal(pilot)
        screen.query_one("#last", Input).value = "someday"
        target = tmp_path / "x.ics"
        await export_to(pilot, screen, target)
        assert app.screen is screen
        assert "someday" in error(screen, "last")
        assert not target.exists()
        screen.query_one("#first", Input).value = "2027-03-01"
        screen.query_one("#last", Input).value = "2027-02-01"
        await export_to(pilot, screen, target)
        assert app.screen is screen
        assert "before" in error(screen, "last")
        assert not target.exists()


# -- spreadsheets ------------------------------------------------------------------------------


async def test_challenges_csv_from_the_chair_queue(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        app.push_screen(ChairQueueScreen())
        await wait_for_screen(pilot, ChairQueueScreen)
        screen = await export_modal(pilot)
        assert list(screen.choices) == ["challenges", "pack", "briefings"]
        assert screen.choice.team is None  # the whole cluster's queue
        target = tmp_path / "challenges.csv"
        await export_to(pilot, screen, target)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        data = target.read_bytes()
        assert data.startswith(BOM)
        assert data == app.program.table("challenges", None)
        assert any(str(target.resolve()) in n for n in notes(app))


async def test_check_ins_leave_confidential_notes_out_unless_ticked(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        secret = next(c for c in app.program.checkins() if c.confidential and c.notes.strip())
        words = secret.notes.splitlines()[0][:40]
        assert '"' not in words
        app.action_open_team(secret.team_id)
        await wait_for_screen(pilot, TeamScreen)

        screen = await export_modal(pilot)
        assert not shown(screen, "confidential")
        await choose(pilot, screen, "checkins")
        assert shown(screen, "confidential") and not shown(screen, "calendar-options")
        assert not screen.query_one("#confidential", Checkbox).value
        plain = tmp_path / "checkins.csv"
        await export_to(pilot, screen, plain)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        data = plain.read_bytes()
        assert data.startswith(BOM)
        assert words not in data.decode("utf-8-sig")

        screen = await export_modal(pilot)
        await choose(pilot, screen, "checkins")
        screen.query_one("#confidential", Checkbox).value = True
        full = tmp_path / "checkins-full.csv"
        await export_to(pilot, screen, full)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert words in full.read_bytes().decode("utf-8-sig")
        assert any("confidential" in n and str(full.resolve()) in n for n in notes(app))


# -- briefing packs ----------------------------------------------------------------------------


async def test_briefing_pack_html_for_the_selected_briefing(open_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        screen = await open_team(pilot, "Hollins")
        team = app.program.team("Hollins")
        briefing = next(b for b in app.program.briefings(team.id) if b.team_id == team.id)
        screen._show_tab("briefings")
        await pilot.pause()
        pane = screen.query_one("#briefings-pane")
        pane.focus_table()
        table = pane.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(briefing.id), animate=False)
        await pilot.pause()

        modal = await export_modal(pilot)
        assert modal.chosen == "briefings"  # the cluster's briefings first, from this tab
        await choose(pilot, modal, "briefing-pack")
        assert briefing.title in modal.choice.label
        assert shown(modal, "format-option")
        path = modal.query_one("#path", Input)
        assert path.value.endswith(".md")
        modal.query_one("#html", RadioButton).value = True
        await pilot.pause()
        assert path.value == str(tmp_path / f"{slug(briefing.title)}-2026-12-01-pack.html")

        target = tmp_path / "pack.html"
        await export_to(pilot, modal, target)
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        text = target.read_text(encoding="utf-8")
        assert text == app.program.briefing_pack(briefing=briefing.id, html=True)
        assert "<html" in text.lower()
        assert any(str(target.resolve()) in n for n in notes(app))


# -- paths -------------------------------------------------------------------------------------


async def test_a_missing_folder_is_shown_inline_and_nothing_is_written(open_app, tmp_path):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        await open_team(pilot, "Hollins")
        screen = await export_modal(pilot)
        target = tmp_path / "nowhere" / "x.ics"
        await export_to(pilot, screen, target)
        assert app.screen is screen
        message = str(screen.query_one("#form-error", Static).render())
        assert "does not exist" in message and "nowhere" in message
        assert not target.parent.exists()
        # An empty path is asked for under the field.
        screen.query_one("#path", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Give a file" in error(screen, "path")
        assert app.screen is screen


async def test_the_suggested_path_follows_the_choice_until_one_is_typed(
    open_app, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    work = home / "work"
    work.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        await open_team(pilot, "Hollins")
        screen = await export_modal(pilot)
        path = screen.query_one("#path", Input)
        assert path.value == "~/work/hollins-park-academy-schedule.ics"
        await choose(pilot, screen, "briefings")
        assert path.value == "~/work/city-family-of-schools-briefings.ics"
        await choose(pilot, screen, "actions")
        assert path.value == "~/work/hollins-park-academy-actions.csv"
        await choose(pilot, screen, "pack")
        assert path.value == "~/work/hollins-park-academy-briefing-pack.md"

        path.value = "~/mine.md"
        await pilot.pause()
        await choose(pilot, screen, "challenges")
        assert path.value == "~/mine.md"  # typed: kept
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert (home / "mine.md").read_bytes().startswith(BOM)  # ~ expanded
        assert any(f"to {home / 'mine.md'}" in n for n in notes(app))


async def test_palette_export_offers_the_whole_cluster(open_app):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Export…")
        command.callback()
        await wait_for_screen(pilot, ExportScreen)
        screen = app.screen
        assert screen.chosen == "briefings"
        assert all(c.team is None for c in screen.choices.values())
        assert {"briefings", "person", "actions", "checkins", "challenges", "pack"} == set(
            screen.choices
        )
        # Everyone with an email, the chair first.
        people = screen.query_one("#person", Select)
        assert people.value == app.program.cluster().chair.email
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
