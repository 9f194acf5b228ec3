"""Revising a team's schedule in the TUI: the before/after preview, inline errors, saving
through the facade, the Schedule tab (revert, details), and fitting 80x24."""

from datetime import date, timedelta

import pytest
from pilot_support import open_team, wait_for, wait_for_screen
from textual.geometry import Region
from textual.widgets import DataTable, Input, Select, Static, TextArea

from domain.challenges import ChallengeStatus, ResponseKind
from domain.program import EventKind
from domain.timeline import describe_revision
from tui import cells
from tui.dialogs.challenge import RespondForm
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.revision import RevisionDetail, RevisionForm, milestone_choices
from tui.screens.team import TeamScreen
from tui.widgets.timeline import TimelineBar

TODAY = date(2026, 11, 22)  # the fixed clock in conftest.py


async def open_form(pilot, team_prefix: str, challenge_id: str | None = None) -> RevisionForm:
    app = pilot.app
    form = RevisionForm(app.program, app.program.team(team_prefix).id, challenge_id)
    app.push_screen(form)
    await wait_for(pilot, lambda: app.screen is form and form.is_mounted)
    await pilot.pause()
    return form


async def set_values(pilot, form, **values) -> None:
    """Set fields as typed (ids with _ for -), letting the live preview catch up."""
    for field_id, value in values.items():
        form.query_one(f"#{field_id.replace('_', '-')}").value = value
        await pilot.pause()
    await pilot.pause()


def text_of(widget) -> str:
    return str(widget.render())


def shown_error(form, selector: str) -> str:
    place = form.query_one(selector, Static)
    return text_of(place) if place.display else ""


def dimmed(text) -> bool:
    return "dim" in str(text.style) or any("dim" in str(span.style) for span in text.spans)


def bars(form) -> tuple[TimelineBar, TimelineBar]:
    return form.query_one("#before", TimelineBar), form.query_one("#after", TimelineBar)


# -- the preview -------------------------------------------------------------------------


async def test_the_preview_shows_before_and_after_with_what_moved(open_app):
    async with open_app(size=(160, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        now = program.timeline(team.id)
        form = await open_form(pilot, "Ashworth")
        before, after = bars(form)
        assert before.timeline == now and after.timeline == now  # nothing typed yet
        assert "+4w" in text_of(form.query_one("#moves"))  # says what to type

        await set_values(pilot, form, span="+4w")
        assert shown_error(form, "#preview-error") == ""
        assert before.timeline == now
        revised = after.timeline
        foundations = now.milestone("foundations")
        assert foundations.start >= TODAY
        assert revised.milestone("foundations").start == foundations.start + timedelta(weeks=4)
        assert revised.end == now.end + timedelta(weeks=4)
        past = [m for m in now.milestones if m.start < TODAY]
        assert past and all(revised.milestone(m.key).start == m.start for m in past)

        moves = text_of(form.query_one("#moves"))
        new = foundations.start + timedelta(weeks=4)
        assert (
            f"{foundations.title}: {cells.day(foundations.start, TODAY)} → {cells.day(new, TODAY)}"
        ) in moves
        assert f"Program ends: {cells.day(now.end, TODAY)} → " in moves
        assert "from 22 Nov 2026 +4w" in text_of(form.query_one("#after-label"))

        # Wide: side by side; the workspace is untouched.
        assert form.query_one("#bars").has_class("-wide")
        assert before.region.y == after.region.y and before.region.x < after.region.x
        assert program.revisions(team.id) == []


async def test_narrow_terminals_stack_the_timelines(open_app):
    async with open_app(size=(100, 40)) as pilot:
        form = await open_form(pilot, "Ashworth")
        await set_values(pilot, form, span="+1w")
        before, after = bars(form)
        assert not form.query_one("#bars").has_class("-wide")
        assert after.region.y > before.region.bottom - 1
        assert before.region.width == after.region.width > 60


async def test_a_shift_from_a_stage_onward(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        now = program.timeline(team.id)
        form = await open_form(pilot, "Castlefield")
        await set_values(pilot, form, mode="stage")
        assert form.query_one("#stage").parent.display
        assert "stage" in text_of(form.query_one("#moves"))  # asks for the stage
        await set_values(pilot, form, stage=3, span="-1w")
        after = bars(form)[1].timeline
        assert after.stages[2].start == now.stages[2].start - timedelta(weeks=1)
        assert after.stages[1].start == now.stages[1].start
        moves = text_of(form.query_one("#moves"))
        assert f"Stage 3 {now.stages[2].name}: " in moves
        assert f"Stage 2 {now.stages[1].name}: " in moves  # it ends a week sooner


async def test_moving_one_milestone(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        form = await open_form(pilot, "Ashworth")
        await set_values(pilot, form, mode="milestone")
        assert not form.query_one("#span").parent.display
        assert form.query_one("#move-to").parent.display
        timeline = program.timeline(team.id)
        options = [key for _, key in milestone_choices(timeline, TODAY)]
        kinds = {m.key: m.kind for m in timeline.milestones}
        assert "foundations" in options and len(options) == len(set(options))
        assert EventKind.COACHING not in {kinds[k] for k in options}
        assert len(options) == len(
            [m for m in timeline.milestones if m.kind in set(kinds.values()) - {EventKind.COACHING}]
        )

        await set_values(pilot, form, milestone="foundations", move_to="2027-01-12")
        after = bars(form)[1].timeline
        assert after.milestone("foundations").start == date(2027, 1, 12)
        assert "Foundations 2-day workshop: 23 Nov → 12 Jan 2027" in text_of(
            form.query_one("#moves")
        )
        await set_values(pilot, form, reason="Mock exams")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        (revision,) = program.revisions(team.id)
        assert describe_revision(revision) == "foundations moved to 12 Jan 2027"


# -- inline errors -----------------------------------------------------------------------


async def test_months_are_refused_inline_and_nothing_is_stored(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        form = await open_form(pilot, "Ashworth")
        await set_values(pilot, form, span="+1m", reason="Exams")
        live = shown_error(form, "#preview-error")
        assert "+1m" in live and "weeks or days" in live
        assert "not possible" in text_of(form.query_one("#after-label"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "+1m" in shown_error(form, "#span-error")
        assert form.query_one("#span").has_class("-invalid")
        assert program.revisions(team.id) == []


async def test_a_shift_that_would_empty_a_stage_is_refused_inline(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        stored = program.revisions(team.id)
        form = await open_form(pilot, "Castlefield")
        await set_values(pilot, form, mode="stage")
        # Stage 2 is under way, so it keeps its start: stage 3 pulled back past it empties it.
        await set_values(pilot, form, stage=3, span="-40w", reason="Catch up")
        live = shown_error(form, "#preview-error")
        assert "stage 2" in live and "no days" in live
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "no days" in shown_error(form, "#form-error")
        assert program.revisions(team.id) == stored
        # Correcting it clears the live error.
        await set_values(pilot, form, span="+1w")
        assert shown_error(form, "#preview-error") == ""


async def test_the_reason_is_required(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        form = await open_form(pilot, "Ashworth")
        await set_values(pilot, form, span="+2w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "required" in shown_error(form, "#reason-error")
        assert program.revisions(program.team("Ashworth").id) == []


# -- saving ------------------------------------------------------------------------------


async def test_v_in_the_team_view_revises_and_the_timeline_shows_it(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        planned = program.timeline(team.id).milestone("foundations").start
        screen = await open_team(pilot, "Ashworth")
        await pilot.press("v")
        await wait_for_screen(pilot, RevisionForm)
        form = app.screen
        assert form.team_id == team.id
        await set_values(pilot, form, span="+2w", reason="Mock exams [b]overlap[/b]")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)

        (revision,) = program.revisions(team.id)
        assert (revision.shift_days, revision.from_date) == (14, TODAY)
        assert revision.reason == "Mock exams [b]overlap[/b]"
        timeline = screen.query_one("#timeline", TimelineBar).timeline
        assert timeline == program.schedule(team.id)  # its check-ins as every view has them
        moved = timeline.milestone("foundations")
        assert moved.revised and moved.start == planned + timedelta(weeks=2)
        assert "revised from" in " ".join(
            strip.text for strip in screen.query_one("#timeline").render_lines(Region(0, 0, 120, 5))
        )
        # The Schedule tab lists it.
        table = screen.query_one("#schedule-pane DataTable", DataTable)
        assert revision.id in [row.key.value for row in table.ordered_rows]


async def test_answering_an_escalated_challenge_records_the_chairs_response(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Millbrook")
        (challenge,) = [c for c in program.challenges(team.id) if c.is_open]
        assert challenge.status is ChallengeStatus.ESCALATED
        form = await open_form(pilot, "Millbrook", challenge.id[:8])
        assert form.query_one("#challenge", Select).value == challenge.id  # prefilled
        assert not form.dirty
        await set_values(pilot, form, span="+3w", reason="Agreed with the trust")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        (revision,) = program.revisions(team.id)
        assert revision.challenge_id == challenge.id
        answered = program.challenge(challenge.id)
        assert answered.status is ChallengeStatus.CHAIR_ACTING
        assert answered.responses[-1].revision_id == revision.id


async def test_escape_asks_before_throwing_away_a_revision(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        form = await open_form(pilot, "Ashworth")
        await pilot.press("escape")  # untouched: closes at once
        await pilot.pause()
        assert app.screen is not form
        form = await open_form(pilot, "Ashworth")
        await set_values(pilot, form, span="+2w")
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and form.query_one("#span", Input).value == "+2w"


# -- the Schedule tab --------------------------------------------------------------------


async def test_revert_from_the_schedule_tab_asks_first(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        (revision,) = program.revisions(team.id)
        assert revision.active and program.timeline(team.id).stages[1].revised
        screen = await open_team(pilot, "Castlefield", "schedule")
        table = screen.query_one("#schedule-pane DataTable", DataTable)
        row = " ".join(str(cell) for cell in table.get_row(revision.id))
        assert "stage 2 onward +2w" in row and "active" in row
        assert "Headteacher has" in row  # the challenge it answers

        await pilot.press("u")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert program.revisions(team.id)[0].active

        await pilot.press("delete")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: not program.revisions(team.id)[0].active)
        await pilot.pause()
        row = " ".join(str(cell) for cell in table.get_row(revision.id))
        assert "reverted" in row
        assert all(dimmed(cell) for cell in table.get_row(revision.id))
        timeline = screen.query_one("#timeline", TimelineBar).timeline
        assert not any(stage.revised for stage in timeline.stages)

        await pilot.press("u")  # already reverted: nothing to confirm
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert program.revisions(team.id)[0].active


async def test_enter_on_a_revision_shows_it_in_full(open_app):
    async with open_app(size=(120, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Castlefield")
        (revision,) = program.revisions(team.id)
        await open_team(pilot, "Castlefield", "schedule")
        await pilot.press("enter")
        await wait_for_screen(pilot, RevisionDetail)
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        for expected in [
            "stage 2 onward +2w",
            revision.made_by,
            revision.reason,
            "Headteacher has resigned",
            "active",
            "What it moves",
        ]:
            assert expected in text
        assert "Stage 2 Drive for results: 27 Oct – 26 Apr 2027 → 10 Nov – 10 May 2027" in text


# -- 80x24 -------------------------------------------------------------------------------


def within(widget, size=(80, 24)) -> bool:
    return widget.region.area > 0 and Region(0, 0, *size).contains_region(widget.region)


@pytest.mark.parametrize("mode", ["rest", "stage", "milestone"])
async def test_the_revision_form_fits_80x24(open_app, mode):
    async with open_app(size=(80, 24)) as pilot:
        form = await open_form(pilot, "Castlefield")
        await set_values(pilot, form, mode=mode)
        await pilot.pause()
        body = form.query_one("#form-body")
        essential = ["#mode", "#reason", "#challenge"]
        essential += {"rest": ["#span"], "stage": ["#stage", "#span"]}.get(
            mode, ["#milestone", "#move-to"]
        )
        for selector in essential:
            widget = form.query_one(selector)
            body.scroll_to_widget(widget, animate=False)
            await pilot.pause()
            assert within(widget), selector
            assert widget.region.bottom <= form.query_one("#save").region.y
        assert within(form.query_one("#save")) and within(form.query_one("#cancel"))
        # The preview scrolls into view above the buttons.
        for selector in ["#before", "#after", "#moves"]:
            widget = form.query_one(selector)
            body.scroll_to_widget(widget, animate=False)
            await pilot.pause()
            assert within(widget), selector
            assert widget.region.bottom <= form.query_one("#save").region.y
        assert form.query_one("#before").region.width >= 60


async def test_a_revised_schedule_response_opens_the_revision_and_records_one_response(open_app):
    async with open_app(size=(120, 45)) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Millbrook")
        (challenge,) = [c for c in program.challenges(team.id) if c.is_open]
        respond = RespondForm(program, challenge)
        app.push_screen(respond)
        await wait_for(pilot, lambda: app.screen is respond and respond.is_mounted)
        respond.query_one("#response-kind", Select).value = ResponseKind.REVISED_SCHEDULE.value
        respond.query_one("#outcome", TextArea).text = "Agreed with the trust"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, RevisionForm))
        form = app.screen
        assert form.query_one("#challenge", Select).value == challenge.id
        assert form.query_one("#reason", Input).value == "Agreed with the trust"
        assert program.challenge(challenge.id).responses == challenge.responses  # not yet

        await set_values(pilot, form, span="+3w")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        answered = program.challenge(challenge.id)
        (new,) = answered.responses[len(challenge.responses) :]
        assert new.kind is ResponseKind.REVISED_SCHEDULE
        assert new.revision_id == program.revisions(team.id)[0].id
