"""The collaboration diagnostic in the TUI on the demo workspace: the cluster overview (totals,
GAP markers, respondents), the highlighted section's questions and why they are flagged, the
questionnaire form, making a gap an action, and the list of a team's responses."""

from datetime import date

import pytest
from pilot_support import make_finding_action, notes, wait_for, wait_for_screen
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.diagnostic import DiagnosticForm, ResponsesScreen
from tui.screens.diagnostic import FIRST, DiagnosticScreen
from tui.widgets.answer_table import AnswerTable

WIDE = (120, 36)


def row_text(table: DataTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


def shown(widget: Static) -> str:
    return str(widget.render())


async def open_diagnostic(pilot) -> DiagnosticScreen:
    pilot.app.push_screen(DiagnosticScreen())
    await wait_for_screen(pilot, DiagnosticScreen)
    return pilot.app.screen


async def highlight(pilot, screen: DiagnosticScreen, team: str, section: str) -> None:
    """Put the overview's cursor on a team's section."""
    program = pilot.app.program
    table = screen.query_one("#diagnostic", DataTable)
    keys = [s.key for s in program.questionnaire()]
    row = table.get_row_index(program.team(team).id)
    table.move_cursor(row=row, column=FIRST + keys.index(section))
    await pilot.pause()


async def open_form(pilot, screen, team: str) -> DiagnosticForm:
    await highlight(pilot, screen, team, "vision")
    await pilot.press("a")
    await wait_for_screen(pilot, DiagnosticForm)
    form = pilot.app.screen
    table = form.query_one(AnswerTable)
    await wait_for(pilot, lambda: bool(table.keys))
    return form


# -- the overview ----------------------------------------------------------------------------


async def test_overview_matches_the_combined_totals_gaps_and_respondents(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        table = screen.query_one("#diagnostic", DataTable)
        overview = app.program.diagnostic_overview()
        assert [r.key.value for r in table.ordered_rows] == [r.team.id for r in overview]
        for result in overview:
            name, respondents, *sections = (t.strip() for t in row_text(table, result.team.id))
            assert result.team.name.startswith(name.rstrip("…"))
            assert respondents == str(result.respondents)
            for s, text in zip(result.sections, sections, strict=True):
                if s.total is None:
                    assert text == "·"
                    continue
                assert text.startswith(f"{s.total:g}/{s.maximum}")
                assert text.endswith("GAP") == s.gap
                assert text.endswith("*") == (bool(s.flagged) and not s.gap)
        millbrook = row_text(table, app.program.team("Millbrook").id)
        assert millbrook[FIRST].strip() == "9.7/28 GAP"  # the demo's gap in its vision
        legend = shown(screen.query_one("#diagnostic-legend", Static))
        assert "below half its maximum" in legend
        assert "each named respondent's latest answers and every anonymous one" in legend


async def test_overview_fits_80_columns_with_shares_and_a_gap_letter(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        table = screen.query_one("#diagnostic", DataTable)
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
        for result in app.program.diagnostic_overview():
            cells = [t.strip() for t in row_text(table, result.team.id)][FIRST:]
            for s, text in zip(result.sections, cells, strict=True):
                if s.total is None:
                    assert text == "·"
                else:
                    assert text.startswith(f"{int(s.share * 100)}%")
                    assert text.endswith(" G") == s.gap
        assert "G  below half its maximum" in shown(screen.query_one("#diagnostic-legend"))
        ashworth = app.program.team("Ashworth").id
        await highlight(pilot, screen, "Ashworth", "vision")
        assert screen.team_id == ashworth
        assert "no responses yet" in shown(screen.query_one("#diagnostic-team", Static))
        assert not screen.query_one("#diagnostic-questions").display


async def test_detail_shows_the_sections_questions_and_why_each_is_flagged(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        await highlight(pilot, screen, "Millbrook", "vision")
        team = shown(screen.query_one("#diagnostic-team", Static))
        assert "3 respondents combined" in team and "1 Vision 9.7/28 GAP" in team
        about = shown(screen.query_one("#diagnostic-section", Static))
        assert "What is our vision?" in about and "9.7 of 28" in about and "GAP" in about
        questions = screen.query_one("#diagnostic-questions", DataTable)
        result = next(
            s for s in app.program.diagnostic("Millbrook").sections if s.section.key == "vision"
        )
        assert questions.row_count == len(result.questions)
        for q in result.questions:
            key, _text, mean, answered, spread, why = row_text(questions, q.question.key)
            assert key == q.question.key and mean.startswith(f"{q.mean:.1f}")
            assert answered == f"{q.answered}/3" and spread == str(q.spread)
            assert ("weak" in why) == q.weak

        await highlight(pilot, screen, "Hollins", "sharing")  # the demo's split on 3.1
        about = shown(screen.query_one("#diagnostic-section", Static))
        assert "What do we share?" in about and "1 question to return to" in about
        assert "GAP" not in about
        assert row_text(questions, "3.1")[-1] == "respondents differ"
        assert row_text(questions, "3.2")[-1] == ""


async def test_left_of_the_sections_the_cursor_stays_on_the_first(open_app):
    async with open_app(size=WIDE) as pilot:
        screen = await open_diagnostic(pilot)
        await highlight(pilot, screen, "Northgate", "leadership")
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert screen.section_key == "vision"
        assert "What is our vision?" in shown(screen.query_one("#diagnostic-section"))
        await pilot.press("right", "right")
        await pilot.pause()
        assert "What do we share?" in shown(screen.query_one("#diagnostic-section"))


# -- making an action -------------------------------------------------------------------------


async def test_t_makes_the_gap_an_action_and_refuses_a_second_time(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        program = app.program
        await highlight(pilot, screen, "Millbrook", "vision")
        before = len(program.actions("Millbrook"))
        await pilot.press("t")
        await make_finding_action(pilot)
        made = [a for a in program.actions("Millbrook") if "What is our vision" in a.title]
        assert len(made) == 1 and len(program.actions("Millbrook")) == before + 1
        assert "Focus: 1.1" in made[0].success_criteria
        assert any(made[0].title in n for n in notes(app))

        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions("Millbrook")) == before + 1
        assert any("plan already has" in n for n in notes(app))


async def test_t_is_refused_where_nobody_has_answered_or_nothing_is_flagged(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        program = app.program
        await highlight(pilot, screen, "Ashworth", "vision")
        before = len(program.actions("Ashworth"))
        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions("Ashworth")) == before
        assert any("Nobody at Ashworth" in n for n in notes(app))

        await highlight(pilot, screen, "Northgate", "vision")  # 24 of 28, nothing flagged
        before = len(program.actions("Northgate"))
        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions("Northgate")) == before
        assert any("no gap" in n for n in notes(app))


# -- the questionnaire ------------------------------------------------------------------------


async def test_recording_a_response_changes_the_combined_totals(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        program = app.program
        before = program.diagnostic("Millbrook").sections[0]
        form = await open_form(pilot, screen, "Millbrook")
        assert form.query_one("#date", Input).value == "2026-11-22"  # today
        form.query_one("#respondent", Input).value = "Deputy head"
        await pilot.click("#answers")
        for _ in range(7):  # every vision question: fully in place
            await pilot.press("4")
        table = form.query_one(AnswerTable)
        assert table.answers == {f"1.{n}": 4 for n in range(1, 8)}
        assert row_text(table, "section:vision")[2] == "7 of 7 answered"
        assert row_text(table, "1.1")[2] == "4 fully in place"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)

        result = program.diagnostic("Millbrook")
        assert result.respondents == 4
        vision = result.sections[0]
        assert (before.total, before.gap) == (9.7, True)
        # Each question's mean now over four answers, the new one 4: about 9.7 * 3/4 + 7.
        assert vision.total == pytest.approx(before.total * 3 / 4 + 7, abs=0.15)
        assert not vision.gap
        saved = program.diagnostic_responses("Millbrook")[-1]
        assert saved.respondent == "Deputy head" and saved.answered_on == date(2026, 11, 22)
        assert set(saved.answers) == {f"1.{n}" for n in range(1, 8)}  # blanks not answered
        cells = row_text(screen.query_one("#diagnostic", DataTable), result.team.id)
        assert cells[1].strip() == "4"
        assert cells[FIRST].strip().startswith(f"{vision.total:g}/{vision.maximum}")
        assert "4 respondents" in shown(screen.query_one("#diagnostic-team", Static))
        assert any("Recorded 7 answers from Deputy head" in n for n in notes(app))


async def test_a_blank_questionnaire_or_a_future_date_is_refused_with_nothing_saved(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        program = app.program
        form = await open_form(pilot, screen, "Ashworth")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Answer at least one question" in shown(form.query_one("#form-error", Static))

        await pilot.click("#answers")
        await pilot.press("2")
        form.query_one("#date", Input).value = "+3d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "in the future" in shown(form.query_one("#date-error", Static))
        assert program.diagnostic_responses("Ashworth") == []

        form.query_one("#date", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        (saved,) = program.diagnostic_responses("Ashworth")
        assert saved.answers == {"1.1": 2} and saved.respondent == ""
        assert saved.answered_on == date(2026, 11, 21)


async def test_answer_keys_move_down_skip_headings_and_clear(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        form = await open_form(pilot, screen, "Northgate")
        table = form.query_one(AnswerTable)
        table.focus()
        keys = table.keys
        table.move_cursor(row=keys.index("1.7"))
        await pilot.press("3")  # the last vision question: on to 2.1, past the heading
        assert table.answers == {"1.7": 3}
        assert keys[table.cursor_row] == "2.1"
        table.move_cursor(row=keys.index("section:sharing"))
        await pilot.press("0")  # on a heading: its first question
        assert table.answers["3.1"] == 0 and keys[table.cursor_row] == "3.2"
        table.move_cursor(row=keys.index("1.7"))
        await pilot.press("minus")
        assert "1.7" not in table.answers
        assert row_text(table, "1.7")[2] == "·"
        await pilot.press("escape")  # something answered: asks first
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        assert len(app.program.diagnostic_responses("Northgate")) == 2


async def test_the_questionnaire_fits_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        screen = await open_diagnostic(pilot)
        form = await open_form(pilot, screen, "Millbrook")
        screen_area = Region(0, 0, 80, 24)
        for selector in ("#save", "#respondent", "#date", "#answers"):
            assert screen_area.contains_region(form.query_one(selector).region)
        assert form.query_one("#answers").region.height >= 6


# -- the responses ------------------------------------------------------------------------------


async def test_x_lists_the_teams_responses_and_deletes_one(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        screen = await open_diagnostic(pilot)
        program = app.program
        await highlight(pilot, screen, "Northgate", "vision")
        await pilot.press("x")
        await wait_for_screen(pilot, ResponsesScreen)
        listing = app.screen
        table = listing.query_one("#responses", DataTable)
        responses = program.diagnostic_responses("Northgate")
        assert table.row_count == len(responses) == 2
        newest = responses[-1]
        assert row_text(table, newest.id)[1] == newest.respondent
        assert row_text(table, newest.id)[3] == "yes"

        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: len(program.diagnostic_responses("Northgate")) == 1)
        await wait_for(pilot, lambda: table.row_count == 1)
        assert newest.id not in {r.id for r in program.diagnostic_responses("Northgate")}
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        cells = row_text(screen.query_one("#diagnostic", DataTable), program.team("Northgate").id)
        assert cells[1].strip() == "1"
