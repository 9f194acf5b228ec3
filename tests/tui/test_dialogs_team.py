"""The team form, the first-run welcome screen, and reading and correcting a check-in."""

from datetime import date

import pytest
from pilot_support import open_screen, wait_for, wait_for_screen
from pilot_support import painted as shown
from pilot_support import painted_error as error
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, SelectionList, Static, TextArea

from storage.facade import NewAction
from storage.paths import CLUSTER_FILE
from tui.dialogs.checkin_view import CONFIDENTIAL, CheckInDetail, CheckInEditForm
from tui.dialogs.team import TeamForm
from tui.screens.dashboard import DashboardScreen
from tui.screens.welcome import WelcomeScreen

TRICKY = "Looked at [bold]x[/] and [link=http://a]y[/] together."


def fill(screen, **values: str) -> None:
    for field_id, value in values.items():
        widget = screen.query_one(f"#{field_id.replace('_', '-')}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value


def on_screen(app, widget: Widget) -> bool:
    """Whether `widget` is painted where the user can see (and click) it."""
    region = widget.region
    if not region or region.right > app.size.width or region.bottom > app.size.height:
        return False
    found, _ = app.screen.get_widget_at(*region.center)
    return found is widget or widget in found.ancestors_with_self


# -- adding and editing a team -------------------------------------------------------------


async def test_add_a_team(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        await open_screen(pilot, TeamForm(program))
        fill(
            app.screen,
            name="Oakfield [Primary]",
            start="+2w",
            school_type="primary",
            coach="Ann Coach, ann@coach.example",
            members="Bea Head, Headteacher, bea@oak.example\n\nCal Deputy, Deputy head",
            line_managers="Dee Director, Trust director, dee@trust.example",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, TeamForm)
        team = next(t for t in program.teams() if t.name == "Oakfield [Primary]")
        assert team.start == date(2026, 12, 6)  # two weeks after 22 Nov 2026
        assert team.school_type == "primary"
        assert (team.coach.name, team.coach.email) == ("Ann Coach", "ann@coach.example")
        assert [(p.name, p.role, p.email) for p in team.members] == [
            ("Bea Head", "Headteacher", "bea@oak.example"),
            ("Cal Deputy", "Deputy head", ""),
        ]
        assert [p.name for p in team.line_managers] == ["Dee Director"]


async def test_edit_a_team(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        before = program.teams()[0]
        await open_screen(pilot, TeamForm(program, before))
        form = app.screen
        assert shown(form.query_one("#dialog-title")).strip() == f"Edit {before.name}"
        assert form.query_one("#start", Input).value == before.start.isoformat()
        assert form.query_one("#name", Input).value == before.name
        members = form.query_one("#members", TextArea).text
        assert len(members.splitlines()) == len(before.members)
        fill(
            form,
            name="Ashworth College",
            start="mon",  # a bare weekday looks ahead: a start date is planned
            members=members + "\nNew Person, Business manager, np@ash.example",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, TeamForm)
        after = program.team(before.id)
        assert after.name == "Ashworth College"
        assert after.start == date(2026, 11, 23)  # 22 Nov 2026 is a Sunday
        assert after.members[:-1] == before.members  # unchanged people round-trip exactly
        assert (after.members[-1].name, after.members[-1].role) == (
            "New Person",
            "Business manager",
        )
        assert after.coach == before.coach
        assert after.line_managers == before.line_managers


@pytest.mark.parametrize(
    ("values", "field_id", "message"),
    [
        ({"coach": ", coach@x.example"}, "coach", "has no name"),
        ({"members": "Bea Head, Headteacher\n, bob@x.example"}, "members", "Line 2:"),
        ({"line_managers": "\n\n@only"}, "line-managers", "Line 3:"),
        ({"start": "someday"}, "start", "someday"),
        ({"name": "  "}, "name", "required"),
    ],
)
async def test_bad_fields_are_shown_inline_and_nothing_is_saved(
    open_app, values, field_id, message
):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        teams_before = program.teams()
        await open_screen(pilot, TeamForm(program))
        good = {"name": "Oakfield", "start": "2027-01-11", "coach": "Ann Coach, ann@c.example"}
        fill(app.screen, **(good | values))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TeamForm)
        assert message in error(app.screen, field_id)
        assert app.screen.query_one(f"#{field_id}").has_class("-invalid")
        assert program.teams() == teams_before


async def test_a_duplicate_school_name_is_refused_under_the_name(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        count = len(program.teams())
        await open_screen(pilot, TeamForm(program))
        fill(app.screen, name=program.teams()[1].name, start="+1w", coach="Ann Coach")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in error(app.screen, "name")
        assert len(program.teams()) == count


# -- first run -----------------------------------------------------------------------------


async def test_first_run_creates_the_workspace_and_greets(make_app, tmp_path):
    root = tmp_path / "new"
    app = make_app(root=root)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: welcome_ready(app))
        assert app.screen.query_one("#timezone", Input).value  # a default is offered
        fill(
            app.screen,
            name="Northside [cluster]",
            timezone="Australia/Sydney",
            chair="Pat Chair, pat@north.example",
            stage_months="2,8,2",
            cadence_weeks="3",
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.program is not None)
        assert (root / CLUSTER_FILE).exists()
        cluster = app.program.cluster()
        assert cluster.name == "Northside [cluster]"
        assert cluster.timezone == "Australia/Sydney"
        assert (cluster.chair.name, cluster.chair.email) == ("Pat Chair", "pat@north.example")
        assert [s.months for s in cluster.template.stages] == [2, 8, 2]
        assert cluster.template.checkin_cadence_weeks == 3
        await wait_for_screen(pilot, DashboardScreen)
        message = app.screen.query_one("#message", Static)
        await wait_for(pilot, lambda: "no school leadership teams yet" in shown(message))
        assert "Welcome to Northside [cluster]." in shown(message)


@pytest.mark.parametrize(
    ("values", "field_id", "message"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "timezone", "not a timezone"),
        ({"chair": "chair@x.example"}, "chair", "has no name"),
        ({"name": ""}, "name", "required"),
        ({"stage_months": "3,6"}, "stage-months", "Give 3 stage lengths"),
        ({"stage_months": "three"}, "stage-months", "whole months"),
        ({"cadence_weeks": "40"}, "cadence-weeks", "between 1 and 26"),
    ],
)
async def test_welcome_errors_are_shown_inline(make_app, tmp_path, values, field_id, message):
    root = tmp_path / "new"
    app = make_app(root=root)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: welcome_ready(app))
        good = {"name": "Northside", "timezone": "Europe/London", "chair": "Pat Chair"}
        fill(app.screen, **(good | values))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert message in error(app.screen, field_id)
        assert app.program is None
        assert not (root / CLUSTER_FILE).exists()


async def test_escape_on_the_welcome_screen_exits(make_app, tmp_path):
    root = tmp_path / "new"
    app = make_app(root=root)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: welcome_ready(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.return_value == 0)
    assert not (root / CLUSTER_FILE).exists()


# -- reading and correcting a check-in -----------------------------------------------------


def log_tricky(program, **changes):
    team = program.teams()[0]
    fields = {
        "on": date(2026, 11, 20),
        "notes": TRICKY,
        "attendees": [team.members[0].name, "Visiting Adviser"],
        "confidential": True,
        "new_actions": [NewAction(title="Share the [draft] plan", owner="Bea")],
    }
    return program.log_checkin(team.id, **(fields | changes))


async def test_checkin_detail_shows_notes_literally_and_the_confidential_flag(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        checkin = log_tricky(app.program)
        await open_screen(pilot, CheckInDetail(app.program, checkin))
        notes = shown(app.screen.query_one("#checkin-notes"))
        assert "[bold]x[/]" in notes
        assert "[link=http://a]y[/]" in notes
        assert CONFIDENTIAL in shown(app.screen.query_one("#checkin-confidential"))
        facts = shown(app.screen.query_one("#checkin-facts"))
        assert "Visiting Adviser" in facts
        assert "Share the [draft] plan" in shown(app.screen.query_one("#checkin-actions"))
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CheckInDetail)


async def test_a_shared_checkin_says_so(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        checkin = log_tricky(app.program, confidential=False)
        await open_screen(pilot, CheckInDetail(app.program, checkin))
        assert CONFIDENTIAL not in shown(app.screen.query_one("#checkin-confidential"))


async def test_long_notes_scroll_at_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        notes = "\n".join(f"Paragraph {n}: what the team said." for n in range(1, 41))
        checkin = log_tricky(app.program, notes=notes + "\nTHE END")
        await open_screen(pilot, CheckInDetail(app.program, checkin))
        body = app.screen.query_one("#checkin-body")
        assert body.max_scroll_y > 0
        assert on_screen(app, app.screen.query_one("#close", Button))
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "THE END" in shown(app.screen.query_one("#checkin-notes"))


async def test_edit_a_checkin_from_its_detail(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        checkin = log_tricky(program)
        await open_screen(pilot, CheckInDetail(program, checkin))
        await pilot.press("e")
        await wait_for_screen(pilot, CheckInEditForm)
        form = app.screen
        attendees = form.query_one("#attendees", SelectionList)
        assert set(attendees.selected) == set(checkin.attendees)  # the visitor is kept
        assert form.query_one("#confidential", Checkbox).value is True
        fill(form, date="2026-11-19", notes="Corrected [i]notes[/i]", next="2026-12-10")
        form.query_one("#confidential", Checkbox).value = False
        attendees.deselect("Visiting Adviser")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CheckInDetail)
        after = program.checkin(checkin.id)
        assert after.date == date(2026, 11, 19)
        assert after.notes == "Corrected [i]notes[/i]"
        assert after.next_checkin == date(2026, 12, 10)
        assert after.confidential is False
        assert after.attendees == [checkin.attendees[0]]
        assert after.action_ids == checkin.action_ids
        assert "Corrected [i]notes[/i]" in shown(app.screen.query_one("#checkin-notes"))


async def test_a_future_date_is_refused_in_the_edit_form(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        checkin = log_tricky(program)
        await open_screen(pilot, CheckInEditForm(program, checkin))
        fill(app.screen, date="2026-12-01", notes="changed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInEditForm)
        assert "in the future" in error(app.screen, "date")
        assert program.checkin(checkin.id) == checkin


async def test_a_next_checkin_before_the_date_is_refused_under_it(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        checkin = log_tricky(program)
        await open_screen(pilot, CheckInEditForm(program, checkin))
        fill(app.screen, next="2026-11-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "must come after" in error(app.screen, "next")
        assert program.checkin(checkin.id) == checkin


# -- fitting a small terminal --------------------------------------------------------------


@pytest.mark.parametrize("form", ["team", "edit-team", "checkin"])
async def test_save_is_on_screen_at_80x24(open_app, form):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        if form == "team":
            await open_screen(pilot, TeamForm(program))
        elif form == "edit-team":
            await open_screen(pilot, TeamForm(program, program.teams()[1]))
        else:
            await open_screen(pilot, CheckInEditForm(program, log_tricky(program)))
        assert on_screen(app, app.screen.query_one("#save", Button))
        assert app.screen.query_one("#form-body").max_scroll_y > 0  # the rest scrolls


async def test_welcome_save_is_on_screen_at_80x24(make_app, tmp_path):
    app = make_app(root=tmp_path / "new")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: welcome_ready(app))
        await pilot.pause()
        assert on_screen(app, app.screen.query_one("#save", Button))


def welcome_ready(app) -> bool:
    """The welcome screen is up with all its fields (it is pushed before it is composed)."""
    return isinstance(app.screen, WelcomeScreen) and bool(app.screen.query("#cadence-weeks"))
