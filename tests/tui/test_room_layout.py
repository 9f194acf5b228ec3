"""Screens use the room they have: at 80x24 nothing essential is cut (the footer's help and
quit keys, the team's coach), and at 200 columns dates, emails and trends are shown whole."""

from pilot_support import open_team, painted, wait_for
from textual.widgets import DataTable, Footer, Static
from textual.widgets._footer import FooterKey


def footer_keys(app) -> dict[str, int]:
    """Each footer key's description, with how far right it reaches."""
    return {k.description: k.region.right for k in app.screen.query(FooterKey) if k.region.width}


def row_text(pane, key: str) -> str:
    table = pane.query_one(DataTable)
    return " ".join(str(cell) for cell in table.get_row(key))


async def test_at_80_columns_the_dashboard_footer_keeps_help_and_quit(open_app):
    async with open_app(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "Quit" in footer_keys(pilot.app))
        palette = pilot.app.screen.query_one(Footer).region.right - len("▏^p palette ")
        keys = footer_keys(pilot.app)
        for wanted in ("Check-in", "Help", "Quit"):
            assert keys[wanted] <= palette, f"{wanted} is under the palette key"


async def test_at_80_columns_the_team_header_keeps_the_coach(open_app):
    async with open_app(size=(80, 24)) as pilot:
        screen = await open_team(pilot, "Hollins")
        title = painted(screen.query_one("#team-title", Static))
        assert "coach Jo Lindqvist" in title


async def test_at_200_columns_dates_and_emails_are_whole(open_app):
    async with open_app(size=(200, 50)) as pilot:
        program = pilot.app.program
        team = program.team("Hollins")
        screen = await open_team(pilot, "Hollins", tab="plan")
        later = next(a for a in program.actions(team.id) if a.due and a.due.year == 2027)
        assert "14 Jan 2027" in row_text(screen.query_one("#plan-pane"), later.id)

        screen._show_tab("people")
        await pilot.pause()
        table = screen.query_one("#people-pane").query_one(DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("elizabeth.mensah@hollinspark.academy.example" in r for r in rows)


async def test_at_200_columns_each_pulse_trend_is_beside_its_label(open_app):
    async with open_app(size=(200, 50)) as pilot:
        screen = await open_team(pilot, "Hollins", tab="pulse")
        table = screen.query_one("#pulse-pane").query_one(DataTable)
        label, trend = table.ordered_columns[:2]
        assert str(trend.label) == "Trend" and label.width <= 30


async def test_at_80_columns_the_diagnostic_sections_are_told_apart(open_app):
    from tui.screens.diagnostic import DiagnosticScreen

    async with open_app(size=(80, 24)) as pilot:
        pilot.app.action_diagnostic()
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, DiagnosticScreen))
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        labels = [str(c.label).split()[-1] for c in table.ordered_columns[2:]]
        assert len(labels) == 7 and len(set(labels)) == 7, labels
