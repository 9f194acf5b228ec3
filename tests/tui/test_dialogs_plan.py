"""The action plan, challenge and briefing dialogs: saving through the facade, inline errors,
Escape, literal user text, and fitting an 80x24 terminal."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pilot_support import error, open_screen, wait_for
from textual.geometry import Region
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from domain.actions import ActionStatus
from domain.challenges import Category, ChallengeKind
from tui.dialogs.action import ActionDetail, ActionForm, NoteForm
from tui.dialogs.base import FormScreen
from tui.dialogs.briefing import BriefingDetail, BriefingForm
from tui.dialogs.challenge import ChallengeForm
from tui.dialogs.confirm import ConfirmScreen
from tui.screens.challenge import ChallengeScreen

TODAY = date(2026, 11, 22)  # the fixed clock in conftest.py
LONDON = ZoneInfo("Europe/London")
MARKUP = "[bold]x[/] and [link=http://a]y[/]"


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def shown_text(screen) -> str:
    """Everything the screen's labels and statics show, as plain text."""
    return "\n".join(str(w.render()) for w in screen.query(Static))


def team_named(program, prefix: str):
    return next(t for t in program.teams() if t.name.startswith(prefix))


# -- ActionForm ------------------------------------------------------------------------------


async def test_action_form_adds_an_action_to_the_plan(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = len(program.actions(team.id))
        form = await open_screen(pilot, ActionForm(program, team.id))
        assert str(form.query_one("#dialog-title", Static).render()) == "New action"
        form.query_one("#title", Input).value = "Run a [bold]staff[/] survey"
        form.query_one("#owner", Input).value = "  Martin Hale "
        form.query_one("#stage", Select).value = 2
        form.query_one("#due", Input).value = "+2w"
        form.query_one("#criteria", TextArea).text = "Every [red]teacher[/] answers"
        await save(pilot)

        actions = program.actions(team.id)
        assert len(actions) == before + 1
        (added,) = [a for a in actions if a.title == "Run a [bold]staff[/] survey"]
        assert added.owner == "Martin Hale"
        assert added.stage == 2
        assert added.due == TODAY + timedelta(weeks=2)
        assert added.success_criteria == "Every [red]teacher[/] answers"
        assert added.status is ActionStatus.NOT_STARTED
        assert app.screen is not form


async def test_action_form_defaults_to_the_teams_current_stage(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        for prefix, stage in [("Ashworth", 1), ("Castlefield", 2)]:
            team = team_named(program, prefix)
            assert program.timeline(team.id).stage_on(TODAY).number == stage
            form = await open_screen(pilot, ActionForm(program, team.id))
            assert form.query_one("#stage", Select).value == stage
            assert form.query_one("#due", Input).value == ""
            form.dismiss(None)
            await pilot.pause()


async def test_action_form_offers_the_team_members_as_owners(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = team_named(program, "Ashworth")
        form = await open_screen(pilot, ActionForm(program, team.id))
        suggester = form.query_one("#owner", Input).suggester
        assert await suggester.get_suggestion("mart") == "Martin Hale"
        assert await suggester.get_suggestion("yas") == "Yasmin Begum"


async def test_action_form_saves_without_a_due_date(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        form = await open_screen(pilot, ActionForm(program, team.id))
        form.query_one("#title", Input).value = "No deadline"
        await save(pilot)
        (added,) = [a for a in program.actions(team.id) if a.title == "No deadline"]
        assert added.due is None


@pytest.mark.parametrize("due", ["31/02", "2026-02-31", "someday", "+3x"])
async def test_action_form_shows_a_bad_due_date_under_due(open_app, due):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = program.actions(team.id)
        form = await open_screen(pilot, ActionForm(program, team.id))
        form.query_one("#title", Input).value = "Something"
        form.query_one("#due", Input).value = due
        await save(pilot)

        assert app.screen is form
        assert due in error(form, "due")
        assert error(form, "title") == ""
        assert form.query_one("#due", Input).has_class("-invalid")
        assert program.actions(team.id) == before


async def test_action_form_needs_a_title(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = program.actions(team.id)
        form = await open_screen(pilot, ActionForm(program, team.id))
        form.query_one("#title", Input).value = "   "
        form.query_one("#due", Input).value = "fri"
        await save(pilot)

        assert app.screen is form
        assert "required" in error(form, "title")
        assert error(form, "due") == ""
        assert app.focused is form.query_one("#title")
        assert program.actions(team.id) == before


async def test_action_form_edits_an_action(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = team_named(program, "Ashworth")
        action = next(a for a in program.actions(team.id) if a.due and a.notes)
        form = await open_screen(pilot, ActionForm(program, team.id, action))
        assert str(form.query_one("#dialog-title", Static).render()) == "Edit action"
        assert form.query_one("#title", Input).value == action.title
        assert form.query_one("#due", Input).value == action.due.isoformat()
        assert form.query_one("#status", Select).value == action.status.value
        assert form.query_one("#criteria", TextArea).text == action.success_criteria

        form.query_one("#status", Select).value = ActionStatus.DONE.value
        form.query_one("#evidence", TextArea).text = "Minutes of [b]six[/b] meetings"
        form.query_one("#due", Input).value = ""
        await save(pilot)

        assert app.screen is not form
        updated = program.action(action.id)
        assert updated.status is ActionStatus.DONE
        assert updated.evidence == "Minutes of [b]six[/b] meetings"
        assert updated.due is None
        assert (updated.title, updated.owner, updated.stage) == (
            action.title,
            action.owner,
            action.stage,
        )
        assert updated.notes == action.notes


async def test_action_form_saving_an_unchanged_edit_writes_nothing(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        action = program.actions(team.id)[0]
        undo_before = program.can_undo
        form = await open_screen(pilot, ActionForm(program, team.id, action))
        await save(pilot)
        assert app.screen is not form
        assert program.action(action.id) == action  # updated_at untouched too
        assert program.can_undo == undo_before


async def test_action_form_edit_error_keeps_the_action_unchanged(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        action = program.actions(team.id)[0]
        form = await open_screen(pilot, ActionForm(program, team.id, action))
        form.query_one("#title", Input).value = ""
        form.query_one("#evidence", TextArea).text = "changed"
        await save(pilot)
        assert "required" in error(form, "title")
        assert program.action(action.id) == action


# -- NoteForm --------------------------------------------------------------------------------


async def test_note_form_adds_a_dated_note_and_changes_the_status(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        action = program.actions(program.teams()[0].id)[0]
        form = await open_screen(pilot, NoteForm(program, action))
        assert form.query_one("#status", Select).value == "unchanged"
        form.query_one("#note", TextArea).text = MARKUP
        form.query_one("#status", Select).value = ActionStatus.BLOCKED.value
        await save(pilot)

        updated = program.action(action.id)
        assert updated.status is ActionStatus.BLOCKED
        assert len(updated.notes) == len(action.notes) + 1
        assert updated.notes[-1].text == MARKUP
        assert updated.notes[-1].date == TODAY
        assert app.screen is not form


async def test_note_form_leaves_the_status_alone_by_default(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        action = program.actions(program.teams()[0].id)[0]
        form = await open_screen(pilot, NoteForm(program, action))
        form.query_one("#note", TextArea).text = "Talked to the head."
        await save(pilot)
        updated = program.action(action.id)
        assert updated.status is action.status
        assert updated.notes[-1].text == "Talked to the head."


async def test_note_form_needs_a_note(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        action = program.actions(program.teams()[0].id)[0]
        form = await open_screen(pilot, NoteForm(program, action))
        form.query_one("#note", TextArea).text = "  \n "
        form.query_one("#status", Select).value = ActionStatus.DONE.value
        await save(pilot)
        assert app.screen is form
        assert "required" in error(form, "note")
        assert program.action(action.id) == action


# -- ActionDetail ----------------------------------------------------------------------------


async def test_action_detail_shows_everything_literally(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        action = program.add_action(
            team.id,
            "Title [bold]t[/]",
            owner="[i]Owner[/i]",
            due=TODAY - timedelta(days=3),
            success_criteria="Criteria [red]c[/]",
            evidence="Evidence [link=http://e]e[/]",
        )
        action = program.update_action(action.id, note=MARKUP)
        detail = await open_screen(pilot, ActionDetail(program, action))
        text = shown_text(detail)
        for literal in [
            "Title [bold]t[/]",
            "[i]Owner[/i]",
            "Criteria [red]c[/]",
            "Evidence [link=http://e]e[/]",
            MARKUP,
            TODAY.isoformat(),
        ]:
            assert literal in text
        assert "OVERDUE by 3 days" in text
        assert "1 Establish foundations" in text

        await pilot.press("q")
        await pilot.pause()
        assert app.screen is not detail


async def test_action_detail_flags_nothing_when_not_overdue_and_escape_closes(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        action = program.add_action(team.id, "Later", due=TODAY + timedelta(days=3))
        detail = await open_screen(pilot, ActionDetail(program, action))
        text = shown_text(detail)
        assert (TODAY + timedelta(days=3)).isoformat() in text
        assert "OVERDUE" not in text
        assert "No notes yet." in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not detail


async def test_action_detail_shows_a_note_added_over_it(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        action = program.actions(program.teams()[0].id)[0]
        detail = await open_screen(pilot, ActionDetail(program, action))
        form = await open_screen(pilot, NoteForm(program, action))
        form.query_one("#note", TextArea).text = "A fresh [dim]note[/]"
        await save(pilot)
        await wait_for(pilot, lambda: app.screen is detail)
        await wait_for(pilot, lambda: "A fresh [dim]note[/]" in shown_text(detail))


# -- ChallengeForm ---------------------------------------------------------------------------


def category_values(form) -> list[str]:
    select = form.query_one("#category", Select)
    return [value for _, value in select._options if value != Select.NULL]


async def test_challenge_form_raises_a_challenge(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = len(program.challenges(team.id))
        form = await open_screen(pilot, ChallengeForm(program, team.id))
        assert form.query_one("#impact", Select).value == "medium"
        assert form.query_one("#urgency", Select).value == "medium"
        assert "◐ medium" in str(form.query_one("#severity", Static).render())
        assert form.query_one("#raised", Input).value == "today"
        form.query_one("#kind", Select).value = "external"
        await pilot.pause()
        form.query_one("#category", Select).value = Category.COMPETING_PRIORITIES.value
        form.query_one("#title", Input).value = "New [bold]literacy[/] drive"
        form.query_one("#description", TextArea).text = MARKUP
        form.query_one("#impact", Select).value = "medium"
        form.query_one("#urgency", Select).value = "high"
        await pilot.pause()
        severity = str(form.query_one("#severity", Static).render())
        assert "● high" in severity and "impact medium × urgency high" in severity
        form.query_one("#raised", Input).value = "yesterday"
        await save(pilot)

        challenges = program.challenges(team.id)
        assert len(challenges) == before + 1
        (raised,) = [c for c in challenges if c.title == "New [bold]literacy[/] drive"]
        assert raised.kind is ChallengeKind.EXTERNAL
        assert raised.category is Category.COMPETING_PRIORITIES
        assert raised.severity.value == "high"
        assert (raised.impact.value, raised.urgency.value) == ("medium", "high")
        assert raised.description == MARKUP
        assert raised.raised_on == TODAY - timedelta(days=1)
        assert app.screen is not form


async def test_challenge_form_offers_only_the_kinds_categories(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        form = await open_screen(pilot, ChallengeForm(program, program.teams()[0].id))
        internal = [c.value for c in Category if c.kind is ChallengeKind.INTERNAL]
        external = [c.value for c in Category if c.kind is ChallengeKind.EXTERNAL]
        assert category_values(form) == internal
        form.query_one("#category", Select).value = Category.STAFF_SHORTAGE.value
        form.query_one("#kind", Select).value = "external"
        await pilot.pause()
        assert category_values(form) == external
        assert form.query_one("#category", Select).value == Select.NULL  # not kept: wrong kind
        form.query_one("#kind", Select).value = "internal"
        await pilot.pause()
        assert category_values(form) == internal
        labels = [str(p) for p, v in form.query_one("#category", Select)._options if v]
        assert Category.STAFF_SHORTAGE.label in labels


async def test_challenge_form_needs_a_category_and_a_title(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = program.challenges(team.id)
        form = await open_screen(pilot, ChallengeForm(program, team.id))
        form.query_one("#title", Input).value = "Something"
        await save(pilot)
        assert "Pick" in error(form, "category")
        assert error(form, "title") == ""

        form.query_one("#category", Select).value = Category.STAFF_SHORTAGE.value
        form.query_one("#title", Input).value = ""
        await save(pilot)
        assert error(form, "category") == ""
        assert "required" in error(form, "title")
        assert app.screen is form
        assert program.challenges(team.id) == before


@pytest.mark.parametrize("raised", ["31/02", "+3d", "tomorrow", ""])
async def test_challenge_form_shows_a_bad_date_under_raised_on(open_app, raised):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        before = program.challenges(team.id)
        form = await open_screen(pilot, ChallengeForm(program, team.id))
        form.query_one("#category", Select).value = Category.STAFF_SHORTAGE.value
        form.query_one("#title", Input).value = "Two teachers off"
        form.query_one("#raised", Input).value = raised
        await save(pilot)
        assert app.screen is form
        assert error(form, "raised")
        assert not form.query_one("#form-error", Static).display
        assert program.challenges(team.id) == before


async def test_challenge_form_shows_the_severity_as_impact_and_urgency_change(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        form = await open_screen(pilot, ChallengeForm(program, program.teams()[0].id))
        for impact, urgency, shown in [
            ("low", "low", "○ low"),
            ("low", "high", "◐ medium"),
            ("high", "medium", "● high"),
            ("high", "high", "◆ critical"),
        ]:
            form.query_one("#impact", Select).value = impact
            form.query_one("#urgency", Select).value = urgency
            await pilot.pause()
            assert shown in str(form.query_one("#severity", Static).render())


# -- the challenge screen --------------------------------------------------------------------


async def test_challenge_detail_shows_everything_literally(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        challenge = program.raise_challenge(
            team.id,
            category="extra-reporting",
            title="Reports [bold]again[/]",
            description=MARKUP,
            impact="high",
            urgency="high",
            raised_on=TODAY - timedelta(days=9),
            raised_by="[u]Ann[/u]",
        )
        detail = await open_screen(pilot, ChallengeScreen(challenge.id))
        text = shown_text(detail)
        for literal in [
            "Reports [bold]again[/]",
            MARKUP,
            "[u]Ann[/u]",
            Category.EXTRA_REPORTING.label,
            "external",
            "◆ critical  (impact high × urgency high)",
            "9 days old",
            "Raised     13 Nov by [u]Ann[/u]",
            "History (1)",
        ]:
            assert literal in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not detail


async def test_challenge_detail_lists_the_status_history(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = team_named(program, "Ashworth")
        challenge = program.raise_challenge(
            team.id, category="staff-shortage", title="Cover", urgency="high"
        )
        program.user = "[b]Coach[/b]"
        program.escalate_challenge(challenge.id, reason="No cover", schedule_impact="A month")
        program.user = "Chair"
        program.respond_to_challenge(
            challenge.id, kind="meeting", outcome="Met the [link=http://a]CEO[/]"
        )
        detail = await open_screen(pilot, ChallengeScreen(challenge.id))
        text = shown_text(detail)
        assert "History (3)" in text
        for literal in [
            "22 Nov 09:00  Raised",
            "Escalated to the chair → escalated · by [b]Coach[/b]",
            "  No cover",
            "Attended a conversation or meeting to support and problem-solve → chair acting"
            " · by Chair",
            "  Met the [link=http://a]CEO[/]",
        ]:
            assert literal in text

        # Times show in the cluster's zone: British Summer Time in October.
        castlefield = team_named(program, "Castlefield")
        older = program.challenges(castlefield.id)[0]
        detail = await open_screen(pilot, ChallengeScreen(older.id))
        text = shown_text(detail)
        for change in older.history:
            local = change.at.astimezone(LONDON)
            assert f"{local.day} {local:%b %H:%M}" in text
        assert any(c.at.astimezone(LONDON).hour != c.at.astimezone(UTC).hour for c in older.history)


# -- BriefingForm ----------------------------------------------------------------------------


async def test_briefing_form_schedules_a_briefing(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = team_named(program, "Ashworth")
        before = len(program.briefings())
        form = await open_screen(pilot, BriefingForm(program, team.id))
        assert form.query_one("#title", Input).value == "Stakeholder briefing"
        assert form.query_one("#minutes", Input).value == "45"
        form.query_one("#title", Input).value = "Pulse [bold]review[/]"
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        form.query_one("#minutes", Input).value = "30"
        form.query_one("#location", Input).value = "[link=http://a]Room 4[/]"
        form.query_one("#agenda", TextArea).text = MARKUP
        chair = program.cluster().chair
        people = form.people
        picks = [people.index(team.members[0]), people.index(chair)]
        attendees = form.query_one("#attendees", SelectionList)
        for i in picks:
            attendees.select(i)
        await save(pilot)

        briefings = program.briefings()
        assert len(briefings) == before + 1
        (added,) = [b for b in briefings if b.title == "Pulse [bold]review[/]"]
        assert added.start == datetime(2026, 12, 3, 15, 30, tzinfo=LONDON)
        assert added.minutes == 30
        assert added.team_id == team.id
        assert added.location == "[link=http://a]Room 4[/]"
        assert added.agenda == MARKUP
        assert [p.name for p in added.attendees] == [team.members[0].name, chair.name]
        assert app.screen is not form


async def test_briefing_form_relative_start_is_in_the_future(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        form = await open_screen(pilot, BriefingForm(program, None))
        form.query_one("#start", Input).value = "tue 9am"
        await save(pilot)
        (added,) = [b for b in program.briefings() if b.title == "Stakeholder briefing"]
        assert added.start == datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)  # 22 Nov is a Sunday
        assert added.team_id is None
        assert added.minutes == 45


async def test_briefing_form_offers_members_line_managers_and_the_chair(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = team_named(program, "Ashworth")
        form = await open_screen(pilot, BriefingForm(program, team.id))
        attendees = form.query_one("#attendees", SelectionList)
        prompts = [str(attendees.get_option_at_index(i).prompt) for i in range(len(form.people))]
        chair = program.cluster().chair
        for person in [*team.members, *team.line_managers, chair]:
            # Each name is followed by its group ("Executive stakeholder", "Coach"...).
            assert any(p.startswith(f"{person.name} ({person.role})  ") for p in prompts)
        assert attendees.option_count == len(form.people)
        hint = str(form.query_one("#start").parent.query_one(".field-label").render())
        assert "Europe/London" in hint


@pytest.mark.parametrize("minutes", ["29", "61", "0", "45.5", "forty", ""])
async def test_briefing_form_shows_bad_minutes_under_minutes(open_app, minutes):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        before = program.briefings()
        form = await open_screen(pilot, BriefingForm(program, program.teams()[0].id))
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        form.query_one("#minutes", Input).value = minutes
        await save(pilot)
        assert app.screen is form
        message = error(form, "minutes")
        assert "30" in message and "60" in message
        assert error(form, "start") == ""
        assert program.briefings() == before


@pytest.mark.parametrize("start", ["", "tue", "2026-12-03 25:00", "31/02 9am"])
async def test_briefing_form_shows_a_bad_start_under_starts(open_app, start):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        before = program.briefings()
        form = await open_screen(pilot, BriefingForm(program, None))
        form.query_one("#start", Input).value = start
        await save(pilot)
        assert app.screen is form
        assert error(form, "start")
        assert program.briefings() == before


async def test_briefing_form_needs_a_title(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        before = program.briefings()
        form = await open_screen(pilot, BriefingForm(program, None))
        form.query_one("#title", Input).value = ""
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        await save(pilot)
        assert "required" in error(form, "title")
        assert program.briefings() == before


# -- BriefingDetail --------------------------------------------------------------------------


async def test_briefing_detail_shows_everything_literally(open_app):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        person = team.line_managers[0]
        briefing = program.add_briefing(
            "Briefing [bold]b[/]",
            start=datetime(2026, 12, 3, 15, 30, tzinfo=LONDON),
            minutes=45,
            team_id=team.id,
            attendees=[person],
            location="[link=http://a]Room[/]",
            agenda=MARKUP,
        )
        detail = await open_screen(pilot, BriefingDetail(program, briefing))
        text = shown_text(detail)
        for literal in [
            "Briefing [bold]b[/]",
            "[link=http://a]Room[/]",
            MARKUP,
            "Thu 3 Dec 2026, 15:30–16:15 Europe/London (45 minutes)",
            f"{person.name} ({person.role})",
            person.email,
            team.name,
        ]:
            assert literal in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not detail


# -- every form: Escape ----------------------------------------------------------------------


def forms(program):
    team = program.teams()[0]
    action = program.actions(team.id)[0]
    return {
        "action": (ActionForm(program, team.id), "title"),
        "edit": (ActionForm(program, team.id, action), "evidence"),
        "note": (NoteForm(program, action), "note"),
        "challenge": (ChallengeForm(program, team.id), "description"),
        "briefing": (BriefingForm(program, team.id), "location"),
    }


@pytest.mark.parametrize("which", ["action", "edit", "note", "challenge", "briefing"])
async def test_escape_on_an_untouched_form_closes_it(open_app, which):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        form, _ = forms(app.program)[which]
        await open_screen(pilot, form)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen | ConfirmScreen)


@pytest.mark.parametrize("which", ["action", "edit", "note", "challenge", "briefing"])
async def test_escape_after_typing_asks_first(open_app, which):
    async with open_app(size=(100, 40)) as pilot:
        app = pilot.app
        program = app.program
        form, field_id = forms(program)[which]
        await open_screen(pilot, form)
        widget = form.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            widget.text = "typed [b]text[/b]"
        else:
            widget.value = "typed [b]text[/b]"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)

        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form
        assert form.text(field_id) == "typed [b]text[/b]"

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen | ConfirmScreen)


# -- 80x24 -----------------------------------------------------------------------------------


def within(widget, size=(80, 24)) -> bool:
    screen = Region(0, 0, *size)
    return widget.region.area > 0 and screen.contains_region(widget.region)


@pytest.mark.parametrize("which", ["action", "edit", "note", "challenge", "briefing"])
async def test_forms_fit_80x24(open_app, which):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        form, _ = forms(program)[which]
        await open_screen(pilot, form)
        await pilot.pause()
        assert within(form.query_one("#save"))
        assert within(form.query_one("#cancel"))
        assert within(form.query_one("#form-body"))
        # The last field can be scrolled into view and stays above the buttons.
        last = list(form.query("#form-body .field"))[-1]
        form.query_one("#form-body").scroll_to_widget(last, animate=False)
        await pilot.pause()
        assert within(last)
        assert last.region.bottom <= form.query_one("#save").region.y


async def test_briefing_form_works_at_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        form = await open_screen(pilot, BriefingForm(program, None))
        body = form.query_one("#form-body")
        assert body.max_scroll_y > 0  # more fields than rows: the body scrolls
        form.query_one("#start", Input).value = "2026-12-03 15:30"
        form.query_one("#minutes", Input).value = "61"
        await pilot.click("#save")
        await pilot.pause()
        assert "61" in error(form, "minutes")
        assert within(form.query_one("#minutes-error"))  # scrolled into view with the field
        form.query_one("#minutes", Input).value = "60"
        await pilot.click("#save")
        await pilot.pause()
        assert any(b.minutes == 60 for b in program.briefings())


@pytest.mark.parametrize("which", ["action", "briefing"])  # the challenge: test_chair_queue
async def test_details_fit_80x24(open_app, which):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        program = app.program
        team = program.teams()[0]
        detail = {
            "action": lambda: ActionDetail(program, program.actions(team.id)[1]),
            "briefing": lambda: BriefingDetail(program, program.briefings()[0]),
        }[which]()
        await open_screen(pilot, detail)
        body = detail.query_one("#detail-body")
        assert within(body)
        assert within(detail.query_one("#close"))
        assert app.focused is body
        screenshot = app.export_screenshot()
        assert "Close" in screenshot
