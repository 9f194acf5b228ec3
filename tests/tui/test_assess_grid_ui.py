"""The sustainability grid in the TUI on the demo workspace: schools by conditions with band
letters, the cluster and school means, stepping through rounds and their changes, the key
findings, the rating and new-round forms, findings to actions, and a workspace with no round."""

import io
from datetime import date

from conftest import clock
from pilot_support import error, make_finding_action, notes, wait_for, wait_for_screen
from rich.console import Console
from textual.widgets import DataTable, Input, Static, TextArea

from domain.records import Person
from domain.scales import band
from domain.sustainability import action_title
from storage.facade import Flourish
from tui.dialogs.rating import NewRoundForm, RatingForm
from tui.panes.pulse import BAND_LETTERS
from tui.screens.assess_grid import MEAN_COLUMN, MEAN_ROW, AssessGridScreen

SIZE = (120, 36)


def plain(screen, selector: str, width: int = 200) -> str:
    """What a Static shows, as plain text (the findings are a rich table, not a string)."""
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(screen.query_one(selector, Static).content)
    return console.export_text()


def cell(table: DataTable, row: str, column: str) -> str:
    return table.get_cell(row, column).plain.strip()


async def open_grid(pilot) -> AssessGridScreen:
    await pilot.press("g")
    await wait_for_screen(pilot, AssessGridScreen)
    return pilot.app.screen


async def highlight(pilot, screen, team: str | None, condition: str) -> None:
    """Put the cursor on a school's (or, with None, the cluster mean's) cell."""
    table = screen.query_one("#grid", DataTable)
    row = MEAN_ROW if team is None else pilot.app.program.team(team).id
    table.move_cursor(row=table.get_row_index(row), column=table.get_column_index(condition))
    await pilot.pause()


def marked(score: float) -> str:
    return f"{score} {BAND_LETTERS[band(score)]}"


# -- the grid --------------------------------------------------------------------------------


async def test_the_grid_shows_each_rating_with_its_band_letter_and_the_means(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        grid = program.sustainability_grid()
        findings = program.key_findings()
        table = screen.query_one("#grid", DataTable)
        assert [r.key.value for r in table.ordered_rows] == [
            *(t.id for t in program.teams()),
            MEAN_ROW,
        ]
        means = {t.id: m for t, m in findings.schools}
        for team, cells in grid.rows:
            for c in grid.conditions:
                rated = cells[c.key]
                assert cell(table, team.id, c.key) == (marked(rated.score) if rated else "·")
            mean = means.get(team.id)
            assert cell(table, team.id, MEAN_COLUMN) == (
                f"{mean:.1f} {marked(mean)[-1]}" if mean else "·"
            )
        ashworth = program.team("Ashworth").id
        assert {cell(table, ashworth, c.key) for c in grid.conditions} == {"·"}  # unrated
        for f in findings.ranking:
            assert cell(table, MEAN_ROW, f.condition.key) == f"{f.mean:.1f} {marked(f.mean)[-1]}"
        assert cell(table, program.team("Castlefield").id, "workforce") == "2 L"
        assert cell(table, MEAN_ROW, "impact") == "2.5 L"

        heading = plain(screen, "#grid-heading")
        assert "Autumn 2026 (2 of 2)" in heading and "compared with Summer 2026" in heading
        legend = plain(screen, "#grid-legend")
        assert "L low 0–3" in legend and "M medium 4–7" in legend and "H high 8–10" in legend
        assert "· not rated" in legend


async def test_the_highlighted_cell_shows_its_condition_score_change_and_evidence(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        await highlight(pilot, screen, "Castlefield", "workforce")
        detail = plain(screen, "#grid-detail")
        assert "Castlefield High School · Workforce capacity" in detail
        assert "2 low · ▼ 3 since Summer 2026 (was 5)" in detail
        assert "Acting head since October; two assistant heads stretched thin." in detail
        assert screen.team_id == app.program.team("Castlefield").id

        await highlight(pilot, screen, "Ashworth", "impact")
        assert "Not rated in Autumn 2026" in plain(screen, "#grid-detail")

        await highlight(pilot, screen, None, "impact")
        detail = plain(screen, "#grid-detail")
        assert "Cluster mean · Impact measurement · 2.5 low over 6 schools · a priority" in detail
        assert "5 of 6 rate it 0–3, 0 rate it 8–10 · ▲ 0.4 since Summer 2026" in detail


async def test_headers_fit_80_columns_and_name_each_condition_once(open_app):
    async with open_app(size=(80, 24)) as pilot:
        screen = await open_grid(pilot)
        table = screen.query_one("#grid", DataTable)
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
        headers = [c.label.plain.strip() for c in table.ordered_columns]
        assert len(set(headers)) == len(headers)
        assert headers[0] == "School" and headers[-1] == "Mean"
        assert "Impact" in headers and "Vision" in headers
        assert all(h and "…" not in h for h in headers)
        await highlight(pilot, screen, "Millbrook", "partnerships")
        assert "Partnerships and networks" in plain(screen, "#grid-detail", 78)


async def test_stepping_through_rounds_and_comparing_them(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        table = screen.query_one("#grid", DataTable)
        castlefield, hollins = program.team("Castlefield").id, program.team("Hollins").id
        riverside = program.team("Riverside").id

        await pilot.press("c")
        await pilot.pause()
        assert "changes since Summer 2026" in plain(screen, "#grid-heading")
        assert cell(table, castlefield, "workforce") == "2 L▼3"  # fell when it lost its head
        assert cell(table, hollins, "vision") == "9 H▲2"
        assert cell(table, castlefield, "vision") == "6 M ="
        assert cell(table, riverside, "vision") == "8 H"  # not rated in the summer
        assert "▲▼= since Summer 2026" in plain(screen, "#grid-legend")

        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Summer 2026 (1 of 2)" in plain(screen, "#grid-heading")
        assert "the first round" in plain(screen, "#grid-heading")
        assert cell(table, castlefield, "workforce") == "5 M"
        assert {cell(table, riverside, c.key) for c in program.conditions()} == {"·"}
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert any("first round" in n for n in notes(app))

        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.grid.round.name == "Autumn 2026"
        await pilot.press("c")  # compare off
        await pilot.pause()
        assert cell(table, castlefield, "workforce") == "2 L"
        assert "compared with Summer 2026" in plain(screen, "#grid-heading")


async def test_the_key_findings_name_the_strength_the_priority_and_who_does_less_well(open_app):
    async with open_app(size=SIZE) as pilot:
        screen = await open_grid(pilot)
        await highlight(pilot, screen, "Hollins", "impact")
        shown = plain(screen, "#grid-findings-text")
        assert "Strengths  Partnerships and networks 8.5 H" in shown
        assert "Priorities Impact measurement 2.5 L (5 of 6 schools rate it 0–3)" in shown
        assert "priority: mean below 4, or half the schools or more at 0–3" in shown
        less_well = shown[shown.index("Less well") : shown.index("By mean")]
        for school in ("Millbrook", "Riverside", "St Anne's", "Castlefield", "Northgate"):
            assert school in less_well
        assert "Hollins" not in less_well  # rated 4: medium
        assert 'We count attendance at events, not "impact": no baseline' in less_well
        ranked = shown[shown.index("By mean") :]
        assert ranked.index("Hollins Park Academy 7.2") < ranked.index("Millbrook Primary")
        assert "yet to rate: Ashworth Community College" in shown

        await highlight(pilot, screen, "Hollins", "partnerships")
        shown = plain(screen, "#grid-findings-text")
        doing_well = shown[shown.index("Doing well") : shown.index("Less well")]
        assert "Hollins Park Academy 9 H" in doing_well
        assert "none rated 0–3" in shown

        await pilot.press("f")  # the findings alone
        await pilot.pause()
        assert not screen.query_one("#grid").display
        assert screen.query_one("#grid-findings").has_focus
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#grid").display and screen.query_one("#grid").has_focus


# -- rating ----------------------------------------------------------------------------------


async def test_the_rating_form_refuses_bad_scores_and_saves_a_good_one(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        ashworth = program.team("Ashworth").id
        await highlight(pilot, screen, "Ashworth", "vision")
        await pilot.press("enter")
        await wait_for_screen(pilot, RatingForm)
        form = app.screen
        assert "Shared vision and leadership · Ashworth Community College" in form.heading
        assert form.query_one("#score", Input).value == ""

        for bad, says in (("11", "0 to 10"), ("", "Give a score"), ("x", "0 to 10")):
            form.query_one("#score", Input).value = bad
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert says in error(form, "score"), bad
            assert app.screen is form
            assert program.ratings(ashworth) == []

        evidence = 'Vision [bold]agreed[/bold] with "governors"\nOn every agenda'
        form.query_one("#score", Input).value = "7"
        form.query_one("#evidence", TextArea).text = evidence
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        (saved,) = program.ratings(ashworth)
        assert (saved.condition, saved.score, saved.evidence) == ("vision", 7, evidence)
        table = screen.query_one("#grid", DataTable)
        await wait_for(pilot, lambda: cell(table, ashworth, "vision") == "7 M")
        detail = plain(screen, "#grid-detail", 78)
        assert 'Evidence: Vision [bold]agreed[/bold] with "governors"' in detail
        assert "On every agenda" in detail


async def test_the_rating_form_starts_from_the_rating_and_replaces_it(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        await highlight(pilot, screen, "Castlefield", "workforce")
        await pilot.press("r")
        await wait_for_screen(pilot, RatingForm)
        form = app.screen
        assert form.query_one("#score", Input).value == "2"
        assert form.query_one("#evidence", TextArea).text.startswith("Acting head since October")
        assert "5 (medium) in Summer 2026" in str(form.query_one("#rating-about").render())
        form.query_one("#score", Input).value = "4"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        found = program.ratings("Castlefield", round="Autumn 2026")
        assert [r.score for r in found if r.condition == "workforce"] == [4]
        castlefield = program.team("Castlefield").id
        table = screen.query_one("#grid", DataTable)
        await wait_for(pilot, lambda: cell(table, castlefield, "workforce") == "4 M")

        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: cell(table, castlefield, "workforce") == "2 L")


# -- rounds ----------------------------------------------------------------------------------


async def test_a_new_round_is_started_and_shown(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundForm)
        form = app.screen
        assert form.query_one("#opened", Input).value == "2026-11-22"  # today
        form.query_one("#name", Input).value = "autumn 2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already a round called" in error(form, "name")
        assert len(program.assessment_rounds()) == 2

        form.query_one("#name", Input).value = "Spring 2027"
        form.query_one("#opened", Input).value = "2026-11-30"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        latest = program.assessment_rounds()[-1]
        assert (latest.name, latest.opened_on.isoformat()) == ("Spring 2027", "2026-11-30")
        heading = plain(screen, "#grid-heading")
        assert "Spring 2027 (3 of 3)" in heading and "compared with Autumn 2026" in heading
        table = screen.query_one("#grid", DataTable)
        castlefield = program.team("Castlefield").id
        assert cell(table, castlefield, "vision") == "·"
        assert "Nothing is rated in Spring 2027 yet" in plain(screen, "#grid-findings-text")


async def test_with_no_round_the_grid_says_how_to_start_one(make_app, tmp_path):
    root = tmp_path / "empty"
    fl = Flourish.create(
        root, name="Hill Cluster", timezone="Europe/London", chair=Person(name="Ann"), clock=clock
    )
    fl.add_team("Hill Primary", start=date(2026, 9, 7), coach=Person(name="Bea"))
    app = make_app(root=root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.program is not None)
        app.action_assess_grid()
        await wait_for_screen(pilot, AssessGridScreen)
        screen = app.screen
        message = screen.query_one("#grid-message", Static)
        assert message.display and not screen.query_one("#grid").display
        assert "No self-assessment round yet. Press n to start one" in str(message.render())
        shown = {k for k, a in screen.active_bindings.items() if a.enabled and a.binding.show}
        assert not {"t", "f"} & shown and "n" in shown

        await pilot.press("n")
        await wait_for_screen(pilot, NewRoundForm)
        app.screen.query_one("#name", Input).value = "Autumn 2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert not message.display and screen.query_one("#grid").display
        assert "Autumn 2026 (1 of 1)" in plain(screen, "#grid-heading")


# -- findings to actions ---------------------------------------------------------------------


async def test_t_makes_the_highlighted_rating_an_action_once(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        castlefield = program.team("Castlefield").id
        before = len(program.actions(castlefield))
        await highlight(pilot, screen, "Castlefield", "workforce")
        await pilot.press("t")
        await make_finding_action(pilot)
        workforce = next(c for c in program.conditions() if c.key == "workforce")
        title = action_title(workforce, 2, program.assessment_round())
        made = [a for a in program.actions(castlefield) if a.title == title]
        assert len(made) == 1 and len(program.actions(castlefield)) == before + 1
        assert any(title in n and "Castlefield High School's action plan" in n for n in notes(app))

        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions(castlefield)) == before + 1
        refusal = list(app._notifications)[-1]
        assert "already has" in refusal.message
        assert refusal.severity == "warning"

        await highlight(pilot, screen, "Hollins", "vision")  # 9: high, nothing to develop
        await pilot.press("t")
        await pilot.pause()
        assert "nothing to develop" in notes(app)[-1]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(program.actions(castlefield)) == before


async def test_the_priority_becomes_an_action_for_every_school_below_8_once(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = await open_grid(pilot)
        program = app.program
        counts = {t.id: len(program.actions(t.id)) for t in program.teams()}
        await highlight(pilot, screen, None, "impact")
        await pilot.press("t")
        await pilot.pause()
        rated = {team.id for team, cells in program.sustainability_grid().rows if cells["impact"]}
        for team in program.teams():
            added = len(program.actions(team.id)) - counts[team.id]
            assert added == (1 if team.id in rated else 0), team.name
        assert (
            "to 6 action plans" in notes(app)[-1] and "Millbrook Primary Academy" in notes(app)[-1]
        )

        await pilot.press("t")
        await pilot.pause()
        assert "No school needs the action" in notes(app)[-1]
        assert list(app._notifications)[-1].severity == "warning"

        # T works from any school's cell: funding, where St Anne's and Riverside rate 3.
        await highlight(pilot, screen, "Hollins", "funding")
        await pilot.press("T")
        await pilot.pause()
        funding = [a for a in program.actions("St Anne") if "Funding and resources" in a.title]
        assert len(funding) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not [a for a in program.actions("St Anne") if "Funding and resources" in a.title]


# -- getting there -------------------------------------------------------------------------


async def test_the_grid_and_the_diagnostic_are_in_the_palette_and_on_the_dashboard(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Collaboration diagnostic" in titles
        titles["Sustainability grid"].callback()
        await wait_for_screen(pilot, AssessGridScreen)
        await pilot.press("escape")
        await pilot.pause()
        keys = {k: a.binding for k, a in app.screen.active_bindings.items()}
        assert keys["g"].action == "app.assess_grid" and keys["d"].action == "app.diagnostic"
