"""Stakeholder briefings in the TUI: the default plan (keep, drop, move, accept in one step),
moving, cancelling and editing a briefing from the team view, the drafted agenda, and the
plan screen at 80x24."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from pilot_support import error, open_screen, open_team, wait_for, wait_for_screen
from textual.geometry import Region
from textual.widgets import DataTable, Input, SelectionList, Static, TextArea

from domain.briefings import BriefingStatus
from tui.dialogs.briefing import (
    BriefingDetail,
    BriefingEditForm,
    BriefingForm,
    BriefingMoveForm,
    CancelBriefingScreen,
)
from tui.dialogs.briefing_plan import EMPTY, BriefingPlanScreen, MoveProposalForm
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.team import TeamScreen

TODAY = date(2026, 11, 22)  # the fixed clock in conftest.py
LONDON = ZoneInfo("Europe/London")
SECRET = "ZEBRA-7731 the deputy is on a capability plan"


async def briefings_tab(pilot, team_prefix: str, briefing_id: str | None = None) -> TeamScreen:
    """The team view on its Briefings tab, with `briefing_id` highlighted."""
    screen = await open_team(pilot, team_prefix, tab="briefings")
    if briefing_id:
        table = screen.query_one("#briefings-pane DataTable", DataTable)
        table.move_cursor(row=table.get_row_index(briefing_id), animate=False)
        await pilot.pause()
    return screen


def row_text(screen, key: str) -> str:
    table = screen.query_one("#briefings-pane DataTable", DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


def upcoming(program, team_prefix: str):
    """The team's own next scheduled briefing (Hollins Park has one on 1 Dec)."""
    team = program.team(team_prefix)
    return next(
        b
        for b in program.briefings(team.id)
        if b.team_id == team.id and not b.cancelled and b.start.date() > TODAY
    )


# -- the default plan --------------------------------------------------------------------


async def test_the_plan_proposes_and_stores_exactly_the_kept_ones(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        proposed = program.plan_briefings(team.id)
        assert len(proposed) == 3
        before = {b.id for b in program.briefings()}
        plan = await open_screen(pilot, BriefingPlanScreen(program, team.id))
        table = plan.query_one("#plan-table", DataTable)
        assert table.row_count == 3
        first = " ".join(str(cell) for cell in table.get_row_at(0))
        assert proposed[0].title in first and "Mon 1 Feb 2027 15:30" in first
        assert "Invites" in str(plan.query_one("#plan-detail").render())

        # Drop the second; move the third to another date and time.
        await pilot.press("down", "space")
        assert "✗" in str(table.get_row_at(1)[0])
        await pilot.press("down", "m")
        await wait_for_screen(pilot, MoveProposalForm)
        move = app.screen
        move.query_one("#start", Input).value = "2027-08-04 16:00"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BriefingPlanScreen)
        assert "Wed 4 Aug 2027 16:00" in " ".join(str(c) for c in table.get_row_at(2))
        assert "2 of 3 kept" in str(plan.query_one("#plan-detail").render())
        assert {b.id for b in program.briefings()} == before  # nothing stored yet

        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not plan)
        added = [b for b in program.briefings() if b.id not in before]
        assert sorted((b.plan_key, b.start) for b in added) == [
            (proposed[0].plan_key, proposed[0].start),
            (proposed[2].plan_key, datetime(2027, 8, 4, 16, 0, tzinfo=LONDON)),
        ]
        assert all(b.team_id == team.id and b.agenda for b in added)
        # One step: one undo takes both away (asked first: the dashboard does not show them).
        await pilot.press("ctrl+z")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "Scheduled 2 briefings from the plan" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: {b.id for b in program.briefings()} == before)


async def test_p_in_the_briefings_tab_opens_the_plan_and_an_empty_plan_says_why(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        program.accept_plan(program.plan_briefings(team.id))
        await briefings_tab(pilot, "Castlefield")
        await pilot.press("p")
        await wait_for_screen(pilot, BriefingPlanScreen)
        plan = app.screen
        assert plan.team_id == team.id
        assert not plan.query("#plan-table")
        assert "already scheduled or" in str(plan.query_one("#plan-empty").render())
        assert str(plan.query_one("#plan-empty").render()) == EMPTY
        await pilot.press("escape")
        await wait_for_screen(pilot, TeamScreen)


async def test_the_cluster_plan_and_escape_asks_after_changes(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        before = program.briefings()
        plan = await open_screen(pilot, BriefingPlanScreen(program))
        table = plan.query_one("#plan-table", DataTable)
        assert table.row_count == len(program.plan_briefings())
        assert "whole cluster" in " ".join(str(c) for c in table.get_row_at(0))
        await pilot.press("space")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not plan  # a confirmation first
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is plan
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: plan not in app.screen_stack)
        assert program.briefings() == before


async def test_a_proposal_cannot_move_into_the_past(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        plan = await open_screen(pilot, BriefingPlanScreen(program))
        await pilot.press("m")
        await wait_for_screen(pilot, MoveProposalForm)
        move = app.screen
        for typed, expected in [("2026-11-01 10:00", "passed"), ("next tuesday", "time")]:
            move.query_one("#start", Input).value = typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is move
            assert expected in error(move, "start")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await wait_for_screen(pilot, BriefingPlanScreen)
        assert app.screen is plan and not plan.moved


# -- moving, cancelling and editing ------------------------------------------------------


async def test_move_a_briefing_from_the_team_view(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        briefing = upcoming(program, "Hollins")
        await briefings_tab(pilot, "Hollins", briefing.id)
        await pilot.press("m")
        await wait_for_screen(pilot, BriefingMoveForm)
        form = app.screen
        assert form.query_one("#start", Input).value == "2026-12-01 16:15"
        assert form.query_one("#minutes", Input).value == str(briefing.minutes)
        form.query_one("#minutes", Input).value = "75"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "60" in error(form, "minutes")
        form.query_one("#minutes", Input).value = "60"
        form.query_one("#start", Input).value = "2026-12-08 16:00"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)
        moved = program.briefing(briefing.id)
        assert moved.start == datetime(2026, 12, 8, 16, 0, tzinfo=LONDON)
        assert moved.minutes == 60
        assert moved.sequence == briefing.sequence + 1  # calendars update the event
        assert "8 Dec 16:00" in row_text(app.screen, briefing.id)


async def test_cancel_a_briefing_keeps_the_record_and_shows_it_cancelled(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        briefing = upcoming(program, "Hollins")
        screen = await briefings_tab(pilot, "Hollins", briefing.id)
        await pilot.press("x")
        await wait_for_screen(pilot, CancelBriefingScreen)
        await pilot.press("escape")  # keep it
        await wait_for_screen(pilot, TeamScreen)
        assert not program.briefing(briefing.id).cancelled

        await pilot.press("x")
        await wait_for_screen(pilot, CancelBriefingScreen)
        app.screen.query_one("#cancel-reason", Input).value = "Trust [b]inspection[/b] week"
        await pilot.press("enter")
        await wait_for_screen(pilot, TeamScreen)
        cancelled = program.briefing(briefing.id)
        assert cancelled.status is BriefingStatus.CANCELLED
        assert cancelled.cancel_reason == "Trust [b]inspection[/b] week"
        assert cancelled.sequence == briefing.sequence + 1
        assert "✗ cancelled" in row_text(screen, briefing.id)  # still listed

        await pilot.press("x")  # already cancelled: says so, asks nothing
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("enter")
        await wait_for_screen(pilot, BriefingDetail)
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "✗ cancelled" in text and "Trust [b]inspection[/b] week" in text
        await pilot.press("escape")
        await wait_for_screen(pilot, TeamScreen)

        # Moving it to a new time reinstates it, and the form says so first.
        await pilot.press("m")
        await wait_for_screen(pilot, BriefingMoveForm)
        assert "reinstates" in str(app.screen.query_one("#briefing-cancelled").render())
        app.screen.query_one("#start", Input).value = "2026-12-15 16:15"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)
        back = program.briefing(briefing.id)
        assert back.status is BriefingStatus.SCHEDULED and back.cancel_reason == ""
        assert "cancelled" not in row_text(screen, briefing.id)


async def test_a_briefing_that_took_place_cannot_be_cancelled(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        past = next(
            b for b in program.briefings(program.team("Hollins").id) if b.end.date() < TODAY
        )
        screen = await briefings_tab(pilot, "Hollins", past.id)
        await pilot.press("x")
        await pilot.pause()
        assert app.screen is screen
        assert not program.briefing(past.id).cancelled


async def test_edit_a_briefings_title_attendees_and_agenda(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        briefing = upcoming(program, "Hollins")
        await briefings_tab(pilot, "Hollins", briefing.id)
        await pilot.press("e")
        await wait_for_screen(pilot, BriefingEditForm)
        form = app.screen
        attendees = form.query_one("#attendees", SelectionList)
        ticked = [form.people[i] for i in attendees.selected]
        assert sorted(p.name for p in ticked) == sorted(p.name for p in briefing.attendees)
        form.query_one("#title", Input).value = "Reading programme: [b]next steps[/b]"
        form.query_one("#others", Input).value = "Sam Lee, Governor, sam@hollins.example"
        form.query_one("#agenda", TextArea).text = "1. Only this"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)
        edited = program.briefing(briefing.id)
        assert edited.title == "Reading programme: [b]next steps[/b]"
        assert edited.agenda == "1. Only this"
        names = [p.name for p in edited.attendees]
        assert sorted(names[:-1]) == sorted(p.name for p in briefing.attendees)
        assert names[-1] == "Sam Lee"
        assert edited.attendees[-1].email == "sam@hollins.example"


# -- scheduling: invitees and the drafted agenda -----------------------------------------


async def test_the_drafted_agenda_never_quotes_a_confidential_checkin(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Hollins")
        program.log_checkin(team.id, on=TODAY, notes=SECRET, confidential=True)
        form = await open_screen(pilot, BriefingForm(program, team.id))
        agenda = form.query_one("#agenda", TextArea)
        assert agenda.text.startswith("1. ") and team.name in agenda.text
        assert "ZEBRA" not in agenda.text
        form.query_one("#start", Input).value = "2026-12-10 15:30"
        await pilot.pause()
        await pilot.press("ctrl+r")  # redraft for the chosen date
        await pilot.pause()
        assert agenda.text and "ZEBRA" not in agenda.text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        (added,) = [b for b in program.briefings(team.id) if b.title == "Stakeholder briefing"]
        assert added.agenda and "ZEBRA" not in added.agenda


async def test_the_agenda_follows_the_date_until_it_is_edited(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        form = await open_screen(pilot, BriefingForm(program, team.id))
        agenda = form.query_one("#agenda", TextArea)
        assert agenda.text == program.draft_agenda(team.id)
        start = datetime(2027, 2, 3, 15, 30, tzinfo=LONDON)
        form.query_one("#start", Input).value = "2027-02-03 15:30"
        await pilot.pause()
        assert agenda.text == program.draft_agenda(team.id, start)
        agenda.text = "My own agenda"
        form.query_one("#start", Input).value = "2027-02-04 15:30"
        await pilot.pause()
        assert agenda.text == "My own agenda"  # edited: left alone
        form.query_one("#redraft").scroll_visible(animate=False)  # the form opens at its top
        await pilot.pause()
        await pilot.click("#redraft")
        await pilot.pause()
        later = datetime(2027, 2, 4, 15, 30, tzinfo=LONDON)
        assert agenda.text == program.draft_agenda(team.id, later)
        form.query_one("#start", Input).value = "31 feb 9am"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert error(form, "start")  # redrafting needs a date it can read


async def test_invitees_are_grouped_and_extra_people_can_be_typed(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        form = await open_screen(pilot, BriefingForm(program, team.id))
        attendees = form.query_one("#attendees", SelectionList)
        prompts = [str(attendees.get_option_at_index(i).prompt) for i in range(len(form.people))]
        stakeholders = program.cluster().stakeholders
        for n, person in enumerate(stakeholders):
            assert prompts[n].startswith(person.label()) and "Executive stakeholder" in prompts[n]
        invited = [p for _, p in program.invitees(team.id)]
        assert form.people[: len(invited)] == invited  # the facade's order: its groups
        assert any("Line manager" in p for p in prompts)
        assert program.cluster().chair in form.people and team.coach in form.people

        attendees.select(0)
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        form.query_one("#others", Input).value = "Nadia Khan, nadia@la.example; , ;Tom Price"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        (added,) = [b for b in program.briefings(team.id) if b.title == "Stakeholder briefing"]
        assert [(p.name, p.email) for p in added.attendees] == [
            (stakeholders[0].name, stakeholders[0].email),
            ("Nadia Khan", "nadia@la.example"),
            ("Tom Price", ""),
        ]


async def test_a_typed_person_without_a_name_is_refused_under_the_field(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        before = program.briefings()
        form = await open_screen(pilot, BriefingForm(program, None))
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        form.query_one("#others", Input).value = "only@email.example"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "no name" in error(form, "others")
        assert program.briefings() == before


# -- 80x24 -------------------------------------------------------------------------------


def within(widget, size=(80, 24)) -> bool:
    return widget.region.area > 0 and Region(0, 0, *size).contains_region(widget.region)


async def test_the_plan_screen_fits_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        plan = await open_screen(pilot, BriefingPlanScreen(program, program.team("Castle").id))
        table = plan.query_one("#plan-table", DataTable)
        for selector in ["#plan-table", "#plan-detail", "#accept", "#cancel"]:
            assert within(plan.query_one(selector)), selector
        assert table.row_count == 3 and table.max_scroll_x == 0  # every column in view
        assert table.region.bottom <= plan.query_one("#accept").region.y


async def test_the_briefing_forms_fit_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        briefing = upcoming(program, "Hollins")
        for form in [
            BriefingMoveForm(program, briefing),
            BriefingEditForm(program, briefing),
            BriefingForm(program, None),
        ]:
            await open_screen(pilot, form)
            body = form.query_one("#form-body")
            for field in form.query("#form-body .field"):
                body.scroll_to_widget(field, animate=False)
                await pilot.pause()
                assert within(field) and field.region.bottom <= form.query_one("#save").region.y
            assert within(form.query_one("#save")) and within(form.query_one("#cancel"))
            form.dismiss(None)
            await pilot.pause()
        cancel = await open_screen(pilot, CancelBriefingScreen(briefing, "Europe/London"))
        for selector in ["#question", "#cancel-reason", "#yes", "#no"]:
            assert within(cancel.query_one(selector)), selector
