"""The chair's side of challenges: the queue of escalated challenges across the cluster, one
challenge in full, and the single keys that move a challenge along (from the queue, the
challenge screen and a team's Challenges tab). Demo workspace, fixed clock, fixed sizes."""

from datetime import date

import pytest
from pilot_support import error, notes, wait_for, wait_for_screen
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, Select, SelectionList, Static, TextArea

from domain.challenges import ChallengeStatus, Outcome, ResponseKind, WaitingOn
from tui.dialogs.challenge import (
    BriefingPicker,
    EscalateForm,
    ReasonForm,
    ResolveForm,
    RespondForm,
)
from tui.screens.chair_queue import ChairQueueScreen
from tui.screens.challenge import ChallengeScreen
from tui.screens.team import TeamScreen

TODAY = date(2026, 11, 22)  # the fixed clock in conftest.py
SIZE = (100, 36)
MARKUP = "[bold]Ofsted[/] [link=http://x]visit[/] [/]"


# -- helpers ---------------------------------------------------------------------------------


async def open_queue(pilot, team_id: str | None = None) -> ChairQueueScreen:
    pilot.app.push_screen(ChairQueueScreen() if team_id is None else ChairQueueScreen(team_id))
    await wait_for_screen(pilot, ChairQueueScreen)
    return pilot.app.screen


def queue_keys(screen) -> list[str]:
    table = screen.query_one("#queue", DataTable)
    return [row.key.value for row in table.ordered_rows] if table.display else []


def row_text(screen, key: str) -> str:
    table = screen.query_one("#queue", DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


async def highlight(pilot, screen, key: str, selector: str = "#queue") -> None:
    table = screen.query_one(selector, DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key), animate=False)
    await pilot.pause()


def challenge_of(program, team_prefix: str, status: ChallengeStatus | None = None):
    team = program.team(team_prefix)
    found = [c for c in program.challenges(team.id) if status is None or c.status is status]
    return found[0]


def shown_text(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


def action_on(screen, key: str) -> str | None:
    """The action a key runs on the screen now (None: no binding applies)."""
    active = screen.active_bindings.get(key)
    return active.binding.action if active else None


def shown_keys(screen) -> set[str]:
    return {k for k, a in screen.active_bindings.items() if a.binding.show and a.enabled}


async def open_challenge_from_queue(pilot, screen, key: str) -> ChallengeScreen:
    await highlight(pilot, screen, key)
    await pilot.press("enter")
    await wait_for_screen(pilot, ChallengeScreen)
    return pilot.app.screen


# -- the queue -------------------------------------------------------------------------------


async def test_the_queue_lists_escalated_challenges_most_severe_first(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        escalated = program.escalated()
        assert queue_keys(screen) == [c.id for c in escalated]
        ranks = [c.severity.rank for c in escalated]
        assert ranks == sorted(ranks, reverse=True)
        assert {c.status for c in escalated} == {
            ChallengeStatus.ESCALATED,
            ChallengeStatus.CHAIR_ACTING,
        }
        # Every escalated and chair-acting challenge in the cluster, and nothing else.
        everything = program.challenges()
        assert set(queue_keys(screen)) == {c.id for c in everything if c.is_escalated}

        overdue = challenge_of(program, "Millbrook", ChallengeStatus.ESCALATED)
        assert program.challenge_overdue(overdue)
        assert "⚠ 4d overdue" in row_text(screen, overdue.id)  # 11 days waiting, 7 allowed
        for key in queue_keys(screen):
            if key != overdue.id:
                assert "overdue" not in row_text(screen, key)
        first = program.challenge(queue_keys(screen)[0])
        assert "◆ crit" in row_text(screen, first.id)  # the word and a mark, not colour alone
        heading = str(screen.query_one("#queue-heading").render())
        assert "4 escalated" in heading and "1 overdue" in heading


async def test_quick_filters_show_internal_or_external_with_counts(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        escalated = app.program.escalated()
        internal = [c.id for c in escalated if c.kind.value == "internal"]
        external = [c.id for c in escalated if c.kind.value == "external"]
        assert internal and external
        tabs = [str(t.label) for t in screen.query("#queue-views Tab")]
        assert tabs == [
            f"1 All ({len(escalated)})",
            f"2 Internal ({len(internal)})",
            f"3 External ({len(external)})",
        ]
        await pilot.press("2")
        await pilot.pause()
        assert queue_keys(screen) == internal
        await pilot.press("3")
        await pilot.pause()
        assert queue_keys(screen) == external
        await pilot.press("1")
        await pilot.pause()
        assert queue_keys(screen) == [c.id for c in escalated]


async def test_the_queue_gives_the_highlighted_team_to_the_checkin_key(open_app):
    from tui.dialogs.checkin import CheckInForm

    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        millbrook = challenge_of(app.program, "Millbrook", ChallengeStatus.ESCALATED)
        await highlight(pilot, screen, millbrook.id)
        assert screen.team_id == millbrook.team_id
        detail = str(screen.query_one("#queue-detail").render())
        assert millbrook.title in detail and "no response in 11 days" in detail
        await pilot.press("c")
        await wait_for_screen(pilot, CheckInForm)
        assert app.screen.team_id == millbrook.team_id


async def test_an_empty_queue_says_so_and_how_challenges_get_there(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        ashworth = app.program.team("Ashworth")  # only a raised challenge, not escalated
        screen = await open_queue(pilot, ashworth.id)
        assert queue_keys(screen) == []
        message = str(screen.query_one("#queue-message").render())
        assert "Nothing from Ashworth Community College is escalated" in message
        assert "Challenges tab" in message and "press e" in message
        assert screen.team_id == ashworth.id
        assert "x" in shown_keys(screen)
        await pilot.press("x")  # the whole cluster
        await pilot.pause()
        assert len(queue_keys(screen)) == len(app.program.escalated())
        assert "x" not in shown_keys(screen)


async def test_an_empty_cluster_queue_explains_itself(make_app, tmp_path):
    from conftest import clock

    from domain.records import Person
    from storage.facade import Flourish

    root = tmp_path / "empty"
    Flourish.create(
        root, name="Hill Cluster", timezone="Europe/London", chair=Person(name="Ann"), clock=clock
    )
    app = make_app(root=root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.program is not None)
        app.push_screen(ChairQueueScreen())
        await wait_for_screen(pilot, ChairQueueScreen)
        screen = app.screen
        message = screen.query_one("#queue-message")
        assert message.display and not screen.query_one("#queue").display
        assert "Nothing is escalated to the chair." in str(message.render())
        # No challenge: no challenge keys in the footer, and `e` says nothing odd.
        assert not {"e", "r", "d", "b", "v"} & shown_keys(screen)


# -- one challenge in full -------------------------------------------------------------------


async def test_a_challenge_opens_with_its_history_and_the_teams_context(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        c = challenge_of(program, "Millbrook", ChallengeStatus.ESCALATED)
        detail = await open_challenge_from_queue(pilot, screen, c.id)
        assert detail.team_id == c.team_id
        text = shown_text(detail)
        (team,) = program.status([program.team(c.team_id)])
        plan = f"{team.actions_done} of {team.actions_total} done · ⚠ {team.actions_overdue} late"
        assert (team.actions_done, team.actions_overdue) == (3, 6)
        for expected in [
            c.title,
            "escalated · waiting on chair",
            "◐ medium  (impact medium × urgency medium)",
            "Millbrook Primary Academy",
            "⚠ 4 days overdue",
            "the chair's response time is 7 days",
            c.escalation_reason.splitlines()[0],
            c.schedule_impact.splitlines()[0],
            "The chair's responses (0)",
            f"History ({len(c.history)})",
            *(change.what for change in c.history),
            "Drive for results · month 5 of 12",
            f"Action plan {plan}",
            "🔒 confidential",
        ]:
            assert expected in text, expected
        recent = program.checkins(c.team_id)[:4]
        secret = [k for k in recent if k.confidential]
        assert secret, "the demo has a confidential check-in among Millbrook's recent ones"
        for checkin in secret:
            for line in checkin.notes.splitlines():
                if line.strip():
                    assert line.strip()[:30] not in text
        shared = next(k for k in recent if not k.confidential and k.notes.strip())
        assert shared.notes.splitlines()[0][:30] in text
        await pilot.press("escape")
        await wait_for_screen(pilot, ChairQueueScreen)


async def test_responses_revisions_and_briefings_show_on_the_challenge(open_app):
    async with open_app(size=(160, 45)) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        castlefield = challenge_of(program, "Castlefield", ChallengeStatus.CHAIR_ACTING)
        detail = await open_challenge_from_queue(pilot, screen, castlefield.id)
        text = shown_text(detail)
        assert f"The chair's responses ({len(castlefield.responses)})" in text
        for response in castlefield.responses:
            assert response.kind.label in text
            assert response.outcome.splitlines()[0] in text
            for person in response.with_whom:
                assert person in text
        assert "Schedule revision: stage 2 onward +2w" in text
        await pilot.press("escape")
        await wait_for_screen(pilot, ChairQueueScreen)
        hollins = challenge_of(program, "Hollins", ChallengeStatus.CHAIR_ACTING)
        assert hollins.briefing_ids
        detail = await open_challenge_from_queue(pilot, screen, hollins.id)
        briefing = program.briefing(hollins.briefing_ids[0])
        assert briefing.title in shown_text(detail)
        assert "waiting on stakeholder" in shown_text(detail)


# -- the moves -------------------------------------------------------------------------------


async def test_r_records_a_response_and_the_chair_is_then_acting(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        c = challenge_of(program, "St Anne", ChallengeStatus.ESCALATED)
        detail = await open_challenge_from_queue(pilot, screen, c.id)
        assert "r" in shown_keys(detail)
        await pilot.press("r")
        await wait_for_screen(pilot, RespondForm)
        form = app.screen
        kinds = form.query_one("#response-kind", Select)
        labels = [str(prompt) for prompt, _ in kinds._options]
        assert labels == [r.label for r in ResponseKind if c.kind in r.kinds]  # external ones
        assert kinds.value == ResponseKind.LIAISE.value
        assert form.query_one("#awaiting", Select).value == WaitingOn.STAKEHOLDER.value
        assert form.query_one("#on", Input).value == "today"
        # The people to pick: the team's line managers and members, and the stakeholders.
        people = form.query_one("#with-whom", SelectionList)
        names = [people.get_option_at_index(i).value for i in range(people.option_count)]
        for stakeholder in program.cluster().stakeholders:
            assert stakeholder.name in names
        team = program.team(c.team_id)
        assert team.line_managers[0].name in names and team.members[0].name in names

        form.query_one("#on", Input).value = "tomorrow"
        form.query_one("#outcome", TextArea).text = "Agreed to pause the framework"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "is to come" in error(form, "on")  # the facade's word, under the date
        assert program.challenge(c.id).status is ChallengeStatus.ESCALATED

        form.query_one("#on", Input).value = "yesterday"
        people.select(team.line_managers[0].name)
        form.query_one("#others", Input).value = "Diocese adviser"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChallengeScreen)

        after = program.challenge(c.id)
        assert after.status is ChallengeStatus.CHAIR_ACTING
        assert len(after.history) == len(c.history) + 1
        (response,) = after.responses
        assert response.kind is ResponseKind.LIAISE
        assert response.on == date(2026, 11, 21)
        assert response.with_whom == [team.line_managers[0].name, "Diocese adviser"]
        assert after.waiting_on is WaitingOn.STAKEHOLDER
        text = shown_text(app.screen)
        assert "chair acting · waiting on stakeholder" in text
        assert f"History ({len(after.history)})" in text
        assert "Agreed to pause the framework" in text
        await pilot.press("escape")
        await wait_for_screen(pilot, ChairQueueScreen)
        assert "stakeholder" in row_text(screen, c.id)  # still in the queue, not the chair's move


async def test_d_resolves_and_the_challenge_leaves_the_queue(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        c = challenge_of(program, "Castlefield", ChallengeStatus.CHAIR_ACTING)
        await highlight(pilot, screen, c.id)
        await pilot.press("d")
        await wait_for_screen(pilot, ResolveForm)
        form = app.screen
        settled = "Acting head settled; stage 2 on the new dates"
        form.query_one("#resolution", TextArea).text = settled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Pick how" in error(form, "outcome")
        form.query_one("#outcome", Select).value = Outcome.SCHEDULE_REVISED.value
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChairQueueScreen)
        after = program.challenge(c.id)
        assert after.status is ChallengeStatus.RESOLVED
        assert after.outcome is Outcome.SCHEDULE_REVISED
        assert after.resolution == settled
        assert c.id not in queue_keys(screen)
        assert len(queue_keys(screen)) == len(program.escalated())


async def test_e_escalates_from_the_team_challenges_tab(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        c = challenge_of(program, "Hollins", ChallengeStatus.RAISED)
        app.action_open_team(c.team_id)
        await wait_for_screen(pilot, TeamScreen)
        team_screen = app.screen
        await pilot.press("right_square_bracket", "right_square_bracket")  # to Challenges
        await pilot.pause()
        pane = team_screen.query_one("#challenges-pane")
        await highlight(pilot, pane, c.id, "#challenges-pane DataTable")
        table = pane.query_one(DataTable)
        row = " ".join(str(cell) for cell in table.get_row(c.id))
        assert "raised" in row and "team" in row and "○ low" in row
        assert action_on(team_screen, "e") == "escalate"
        assert action_on(team_screen, "r") == "refuse('respond')"  # not escalated yet
        assert "e" in shown_keys(team_screen) and "r" not in shown_keys(team_screen)

        await pilot.press("e")
        await wait_for_screen(pilot, EscalateForm)
        form = app.screen
        form.query_one("#reason", TextArea).text = "The executive head cannot attend HPT meetings"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "required" in error(form, "schedule-impact")
        form.query_one("#schedule-impact", TextArea).text = "Stage 2 review slips a month"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, TeamScreen)

        after = program.challenge(c.id)
        assert after.status is ChallengeStatus.ESCALATED
        assert after.escalated_on == TODAY
        assert after.schedule_impact == "Stage 2 review slips a month"
        assert c.id in [e.id for e in program.escalated()]
        row = " ".join(str(cell) for cell in table.get_row(c.id))
        assert "escalated" in row and "chair" in row
        assert action_on(team_screen, "e") == "refuse('escalate')"
        assert "r" in shown_keys(team_screen)

        await pilot.press("enter")  # the challenge in full, from the team view
        await wait_for_screen(pilot, ChallengeScreen)
        assert "The executive head cannot attend HPT meetings" in shown_text(app.screen)


async def test_an_illegal_move_is_refused_with_the_reason(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        c = challenge_of(program, "Millbrook", ChallengeStatus.ESCALATED)
        await highlight(pilot, screen, c.id)
        assert "e" not in shown_keys(screen)  # hidden: it is escalated already
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is screen
        assert f"Cannot escalate {c.title!r}: it is already escalated to the chair." in notes(app)

        # A move that was legal when the form opened but is not by the time it is saved.
        raised = challenge_of(program, "Ashworth", ChallengeStatus.RAISED)
        form = EscalateForm(program, raised)
        app.push_screen(form)
        await wait_for_screen(pilot, EscalateForm)
        program.escalate_challenge(raised.id, reason="Elsewhere", schedule_impact="None")
        form.query_one("#reason", TextArea).text = "Exams"
        form.query_one("#schedule-impact", TextArea).text = "A week"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#form-error").render())
        assert message == f"Cannot escalate {raised.title!r}: it is already escalated to the chair."


async def test_a_resolved_challenge_can_be_reopened_but_not_answered(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        c = challenge_of(program, "Northgate", ChallengeStatus.RESOLVED)
        app.push_screen(ChallengeScreen(c.id))
        await wait_for_screen(pilot, ChallengeScreen)
        detail = app.screen
        assert c.outcome.label in shown_text(detail)
        assert "o" in shown_keys(detail)
        assert not {"e", "r", "d"} & shown_keys(detail)
        await pilot.press("r")
        await pilot.pause()
        assert any("Cannot respond" in n and "it is resolved" in n for n in notes(app))

        await pilot.press("o")
        await wait_for_screen(pilot, ReasonForm)
        app.screen.query_one("#reason", TextArea).text = "The weekly returns are back"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChallengeScreen)
        after = program.challenge(c.id)
        assert after.status is ChallengeStatus.ESCALATED  # it had been escalated before
        assert "The weekly returns are back" in shown_text(detail)
        assert "r" in shown_keys(detail) and "o" not in shown_keys(detail)

        await pilot.press("w")  # withdraw: shown under ?, not in the footer
        await wait_for_screen(pilot, ReasonForm)
        app.screen.query_one("#reason", TextArea).text = "The authority dropped the return"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChallengeScreen)
        assert program.challenge(c.id).status is ChallengeStatus.WITHDRAWN
        await pilot.press("o")
        await pilot.pause()
        assert any("a withdrawn challenge stays closed" in n for n in notes(app))


async def test_b_puts_the_challenge_on_an_upcoming_briefing(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        c = challenge_of(program, "St Anne", ChallengeStatus.ESCALATED)
        await highlight(pilot, screen, c.id)
        await pilot.press("b")
        await wait_for_screen(pilot, BriefingPicker)
        picker = app.screen
        options = picker.query_one("#briefing", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        upcoming = [
            b.id
            for b in program.briefings(c.team_id)
            if not b.cancelled and b.start > program.now()
        ]
        assert ids == upcoming and len(ids) >= 2  # the team's and the cluster's
        assert app.focused is options
        options.highlighted = 0
        await pilot.press("enter")
        await wait_for_screen(pilot, ChairQueueScreen)
        after = program.challenge(c.id)
        assert after.briefing_ids == [ids[0]]
        assert after.history[-1].what == "Linked to a briefing"


async def test_v_opens_the_revision_form_for_the_challenge(open_app):
    revision = pytest.importorskip("tui.dialogs.revision")
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        c = challenge_of(app.program, "Millbrook", ChallengeStatus.ESCALATED)
        await highlight(pilot, screen, c.id)
        await pilot.press("v")
        await wait_for_screen(pilot, revision.RevisionForm)
        assert app.screen.team_id == c.team_id
        assert app.screen.challenge_id == c.id


# -- literal text and small terminals ------------------------------------------------------


async def test_markup_in_a_challenge_title_shows_literally(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        c = program.raise_challenge(
            team.id,
            category="competing-priorities",
            title=MARKUP,
            description="[red]d[/]",
            impact="high",
            urgency="high",
        )
        program.escalate_challenge(c.id, reason="[i]why[/i]", schedule_impact="[b]late[/b]")
        screen = await open_queue(pilot)
        assert c.id in queue_keys(screen)
        assert MARKUP in row_text(screen, c.id)
        await highlight(pilot, screen, c.id)
        assert MARKUP in str(screen.query_one("#queue-detail").render())
        detail = await open_challenge_from_queue(pilot, screen, c.id)
        text = shown_text(detail)
        for literal in [MARKUP, "[red]d[/]", "[i]why[/i]", "[b]late[/b]"]:
            assert literal in text
        assert MARKUP in str(detail.query_one("#challenge-heading").render())


def within(widget, size=(80, 24)) -> bool:
    return widget.region.area > 0 and Region(0, 0, *size).contains_region(widget.region)


async def test_the_queue_fits_80x24_with_titles_and_flags(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        program = app.program
        table = screen.query_one("#queue", DataTable)
        assert within(table) and within(screen.query_one("#queue-detail"))
        # Every column fits across, cell padding included: nothing is pushed off the right.
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
        assert table.max_scroll_x == 0
        overdue = challenge_of(program, "Millbrook", ChallengeStatus.ESCALATED)
        for c in program.escalated():
            text = row_text(screen, c.id)
            school = program.team(c.team_id).name
            assert school in text  # under the title, on the row's second line
            assert c.title[:35] in text
        assert "⚠ 4d overdue" in row_text(screen, overdue.id)
        await highlight(pilot, screen, overdue.id)
        assert overdue.title in str(screen.query_one("#queue-detail").render())
        assert "Resolve" in app.export_screenshot()  # the footer's keys


async def test_the_queue_at_160_columns_gives_each_field_its_column(open_app):
    async with open_app(size=(160, 45)) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        table = screen.query_one("#queue", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels == ["Severity", "School", "Kind", "Challenge", "Age", "Waiting on", "Overdue"]
        for c in app.program.escalated():
            assert c.title in row_text(screen, c.id)  # whole titles at this width


async def test_the_challenge_screen_fits_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        c = challenge_of(app.program, "Castlefield", ChallengeStatus.CHAIR_ACTING)
        detail = await open_challenge_from_queue(pilot, screen, c.id)
        assert detail.has_class("-narrow")
        body = detail.query_one("#challenge-body")
        assert within(body) and within(detail.query_one("#challenge-heading"))
        assert app.focused is body
        assert body.max_scroll_y > 0  # the rest scrolls into view
        side = detail.query_one("#challenge-side")
        body.scroll_to_widget(side, animate=False)
        await pilot.pause()
        assert within(detail.query_one("#c-team-title"))


async def test_a_remapped_move_key_moves_its_refusal_too(open_app, _settings_file):
    _settings_file.write_text('user = "Pat Tester"\n[keys]\n"challenge.escalate" = "ctrl+e"\n')
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_queue(pilot)
        c = challenge_of(app.program, "Millbrook", ChallengeStatus.ESCALATED)
        await highlight(pilot, screen, c.id)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any(n.startswith("Cannot escalate") for n in notes(app))
        assert action_on(screen, "e") is None


def move_forms(program):
    escalated = challenge_of(program, "Millbrook", ChallengeStatus.ESCALATED)
    raised = challenge_of(program, "Hollins", ChallengeStatus.RAISED)
    return {
        "escalate": lambda: EscalateForm(program, raised),
        "respond": lambda: RespondForm(program, escalated),
        "resolve": lambda: ResolveForm(program, escalated),
        "withdraw": lambda: ReasonForm(program, escalated, "withdraw"),
        "briefing": lambda: BriefingPicker(program, escalated),
    }


@pytest.mark.parametrize("which", ["escalate", "respond", "resolve", "withdraw", "briefing"])
async def test_the_move_forms_fit_80x24_and_close_on_escape(open_app, which):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        form = move_forms(app.program)[which]()
        app.push_screen(form)
        await wait_for(pilot, lambda: app.screen is form and form.is_mounted)
        await pilot.pause()
        assert within(form.query_one("#save")) and within(form.query_one("#cancel"))
        assert within(form.query_one("#challenge-about"))
        last = list(form.query("#form-body .field"))[-1]
        form.query_one("#form-body").scroll_to_widget(last, animate=False)
        await pilot.pause()
        assert within(last)
        assert last.region.bottom <= form.query_one("#save").region.y
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert app.screen is not form
