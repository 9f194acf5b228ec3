"""The pulse survey in the TUI on the demo workspace: the team's Pulse tab (scores, bands,
arrows, hidden results, making an action), the record form, the cluster heatmap and the
dashboard's Pulse column."""

from datetime import date

from pilot_support import error, make_finding_action, notes, wait_for, wait_for_screen
from textual.geometry import Region
from textual.widgets import DataTable, Input, Static

from domain.pulse import change
from domain.scales import band
from tui.dialogs.pulse import PulseForm
from tui.screens.pulse_heatmap import PulseHeatmapScreen
from tui.screens.team import TeamScreen
from tui.widgets.team_table import TeamTable

SIZE = (100, 36)


def row_text(table: DataTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


async def open_pulse_tab(pilot, team: str):
    app = pilot.app
    app.action_open_team(app.program.team(team).id, tab="pulse")
    await wait_for_screen(pilot, TeamScreen)
    screen = app.screen
    pane = screen.query_one("#pulse-pane")
    await wait_for(pilot, lambda: pane.program is not None)
    await pilot.pause()
    return screen, pane, pane.query_one(DataTable)


# -- the Pulse tab ---------------------------------------------------------------------------


async def test_pulse_tab_shows_each_dimension_with_its_latest_score_and_change(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen, pane, table = await open_pulse_tab(pilot, "Hollins")
        program = app.program
        assert screen.query_one("#tabs").active == "pulse" and table.has_focus
        trends = program.pulse_trends("Hollins")
        assert [row.key.value for row in table.ordered_rows] == [
            d.key for d in program.pulse_dimensions()
        ]
        for d in program.pulse_dimensions():
            label, spark, latest, delta, responses = row_text(table, d.key)
            points = trends[d.key]
            assert label.endswith(d.label)
            assert latest == f"{points[-1].score:.1f} {band(points[-1].score).value}"
            assert responses == str(points[-1].responses)
            assert len(spark.rstrip()) == len(points)  # a bar a month (no gaps here)
            moved = change(points)
            assert delta == (f"▲ {moved:g}" if moved > 0 else f"▼ {abs(moved):g}")
        summary = str(pane.query_one("#pulse-summary", Static).render())
        latest = program.pulse_latest("Hollins")
        assert f"{latest.month:%b %Y}" in summary and f"mean {latest.mean:.1f}" in summary


async def test_a_hidden_result_shows_no_score_and_cannot_become_an_action(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Riverside")
        latest = program.pulse_latest(team.id).month
        hidden = next(
            r for r in program.pulse_results(team.id) if r.month == latest and r.responses < 3
        )
        _screen, _pane, table = await open_pulse_tab(pilot, "Riverside")
        cells = row_text(table, hidden.dimension)
        assert cells[2] == f"hidden ({hidden.responses} responses)"
        assert not any(f"{hidden.score:g}" in cell for cell in cells[2:4])
        assert cells[1].endswith(" ")  # its month is a gap in the sparkline

        before = len(program.actions(team.id))
        table.move_cursor(row=table.get_row_index(hidden.dimension))
        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions(team.id)) == before
        assert any("hidden" in n for n in notes(app))


async def test_make_action_adds_the_highlighted_score_to_the_plan(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Millbrook")
        screen, pane, table = await open_pulse_tab(pilot, "Millbrook")
        assert "falling" in str(pane.query_one("#pulse-summary", Static).render())
        table.move_cursor(row=table.get_row_index("voice"))
        await pilot.press("t")
        await make_finding_action(pilot)
        made = [a for a in program.actions(team.id) if "Raise the pulse on" in a.title]
        assert len(made) == 1 and "My voice is heard" in made[0].title
        assert made[0].owner == "Sam Patel"
        assert any(made[0].title in n for n in notes(app))
        plan = screen.query_one("#plan-pane")
        await wait_for(pilot, lambda: made[0].id in plan.records)


async def test_a_team_without_results_says_how_to_add_them(open_app):
    async with open_app(size=SIZE) as pilot:
        _screen, pane, table = await open_pulse_tab(pilot, "Ashworth")
        assert not table.display and table.row_count == 0
        assert "No pulse results yet" in str(pane.query_one("#pulse-summary", Static).render())


# -- the record form -------------------------------------------------------------------------


async def test_the_record_form_saves_and_points_at_each_mistake(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        team = program.team("Ashworth")
        _screen, pane, _table = await open_pulse_tab(pilot, "Ashworth")
        await pilot.press("a")
        await wait_for_screen(pilot, PulseForm)
        form = app.screen
        assert form.query_one("#month", Input).value == "Nov 2026"  # this month

        form.query_one("#month", Input).value = "2026-13"
        form.query_one("#score-voice", Input).value = "6.5"
        form.query_one("#responses-voice", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "months run from 1 to 12" in error(form, "month")

        form.query_one("#month", Input).value = "Oct 2026"
        form.query_one("#score-trust", Input).value = "11"
        form.query_one("#responses-trust", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "month") == ""
        assert "0 to 10" in error(form, "score-trust")
        assert form.query_one("#score-trust").has_class("-invalid")

        form.query_one("#score-trust", Input).value = "4"
        form.query_one("#responses-trust", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "how many responded" in error(form, "responses-trust")
        assert program.pulse_results(team.id) == []

        form.query_one("#responses-trust", Input).value = "2"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        saved = {r.dimension: r for r in program.pulse_results(team.id)}
        assert set(saved) == {"voice", "trust"}
        assert saved["voice"].month == date(2026, 10, 1) and saved["voice"].score == 6.5
        assert saved["trust"].responses == 2
        table = pane.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == len(program.pulse_dimensions()))
        assert row_text(table, "voice")[2] == "6.5 medium"
        assert row_text(table, "trust")[2] == "hidden (2 responses)"


async def test_correcting_the_latest_month_starts_from_its_results(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        program = app.program
        _screen, _pane, _table = await open_pulse_tab(pilot, "Hollins")
        await pilot.press("e")
        await wait_for_screen(pilot, PulseForm)
        form = app.screen
        latest = {r.dimension: r for r in program.pulse_results("Hollins")}  # the last month
        assert form.query_one("#month", Input).disabled
        assert form.query_one("#score-voice", Input).value == f"{latest['voice'].score:g}"
        form.query_one("#score-voice", Input).value = "3.5"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        assert program.pulse_trends("Hollins")["voice"][-1].score == 3.5


async def test_the_record_form_fits_80x24(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        form = PulseForm(app.program, app.program.team("Hollins").id)
        app.push_screen(form)
        await wait_for_screen(pilot, PulseForm)
        for widget in (form.query_one("#save"), form.query_one("#month")):
            assert Region(0, 0, 80, 24).contains_region(widget.region)


# -- the heatmap ----------------------------------------------------------------------------


async def test_heatmap_shows_every_team_with_band_markers_and_opens_a_team(open_app):
    async with open_app(size=(120, 36)) as pilot:
        app = pilot.app
        program = app.program
        await pilot.press("h")
        await wait_for_screen(pilot, PulseHeatmapScreen)
        screen = app.screen
        table = screen.query_one("#heatmap", DataTable)
        assert [r.key.value for r in table.ordered_rows] == [t.id for t in program.teams()]
        heatmap = program.pulse_heatmap()
        for team, cells in heatmap.rows:
            shown = row_text(table, team.id)
            month = heatmap.months.get(team.id)
            assert shown[1] == (f"{month:%b}" if month else "—")
            for d, text in zip(heatmap.dimensions, shown[2:], strict=True):
                point = cells[d.key]
                if point is None:
                    assert text.strip() == "·"
                elif point.score is None:
                    assert text.strip() == "– hidden"
                else:
                    assert text.strip() == f"{point.score:.1f} {band(point.score).value}"
        legend = str(screen.query_one("#heatmap-legend", Static).render())
        assert "fewer than 3 responses" in legend and "L low 0–3" in legend

        millbrook = program.team("Millbrook").id
        table.move_cursor(row=table.get_row_index(millbrook))
        await pilot.pause()
        assert "falling" in str(screen.query_one("#heatmap-detail", Static).render())
        await pilot.press("enter")
        await wait_for_screen(pilot, TeamScreen)
        assert app.screen.team_id == millbrook
        assert app.screen.query_one("#tabs").active == "pulse"
        await pilot.press("escape")
        await wait_for_screen(pilot, PulseHeatmapScreen)


async def test_heatmap_letters_at_80_columns_and_one_month_for_all(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        app.action_pulse_heatmap()
        await wait_for_screen(pilot, PulseHeatmapScreen)
        screen = app.screen
        table = screen.query_one("#heatmap", DataTable)
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
        castlefield = app.program.team("Castlefield").id
        assert row_text(table, castlefield)[3].strip() == "3.8 L"  # trust, low

        await pilot.press("left_square_bracket")  # the newest month for the whole cluster
        await pilot.pause()
        assert screen.month == date(2026, 11, 1)
        assert "Nov 2026" in str(screen.query_one("#heatmap-heading", Static).render())
        assert [c.label.plain for c in table.ordered_columns][1] != "Month"
        assert {t.strip() for t in row_text(table, castlefield)[1:]} == {"·"}  # none in Nov
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.month == date(2026, 10, 1)
        assert row_text(table, castlefield)[2].strip() == "3.8 L"
        await pilot.press("l")
        await pilot.pause()
        assert screen.month is None


async def test_heatmap_is_in_the_palette(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Pulse heatmap")
        command.callback()
        await wait_for_screen(pilot, PulseHeatmapScreen)


# -- the dashboard --------------------------------------------------------------------------


async def test_dashboard_rows_show_the_latest_pulse_at_80_columns(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        table = app.screen.query_one("#teams", TeamTable)
        keys = [c.key.value for c in table.ordered_columns]
        assert "pulse" in keys
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 80
        column = keys.index("pulse")
        for s in app.program.status():
            cell = table.get_row(s.team.id)[column].plain
            if s.pulse is None:
                assert cell == "–"
            else:
                arrow = "▲" if s.pulse.change > 0 else "▼"
                assert cell == f"{s.pulse.mean:.1f}{arrow}"
        hollins = app.program.team("Hollins").id
        assert table.get_row(hollins)[column].plain == "6.3▲"
        assert table.get_row(hollins)[keys.index("month")].plain == "5/12"
