"""The week view: w on the dashboard (or "My week" in the palette) lists what is due across
the user's teams, late things first; Enter opens what a line names; a switches to the whole
cluster; + shows more days. Snapshots at 80x24 and 200x50."""

import pytest
from pilot_support import ready, wait_for, wait_for_screen
from textual.widgets import DataTable

from tui.dialogs.action import ActionDetail
from tui.dialogs.briefing import BriefingDetail
from tui.screens.challenge import ChallengeScreen
from tui.screens.week import WeekScreen

COACH = "Jo Lindqvist"  # coaches Hollins Park and Riverside in the demo


def as_coach(settings) -> None:
    settings.write_text(f'user = "{COACH}"\n', encoding="utf-8")


async def open_week(pilot) -> WeekScreen:
    await pilot.press("w")
    await wait_for_screen(pilot, WeekScreen)
    return pilot.app.screen


def rows(screen) -> list[str]:
    table = screen.query_one("#week", DataTable)
    return [" ".join(str(c) for c in table.get_row_at(n)) for n in range(table.row_count)]


async def test_a_coach_sees_their_teams_late_things_first(open_app, _settings_file):
    as_coach(_settings_file)
    async with open_app(size=(160, 40)) as pilot:
        screen = await open_week(pilot)
        lines = rows(screen)
        items = screen.week.items
        assert items and all(
            i.team in ("Hollins Park Academy", "Riverside Infant & Nursery School") for i in items
        )
        late = [i.late for i in items]
        assert late == sorted(late, reverse=True)  # every late item before the rest
        assert lines[0].startswith("⚠") and "late" in lines[0]
        assert "Jo Lindqvist's teams" in str(screen.query_one("#week-heading").render())

        await pilot.press("a")  # the whole cluster
        await wait_for(
            pilot, lambda: "whole cluster" in str(screen.query_one("#week-heading").render())
        )
        assert {i.team for i in screen.week.items} > {"Hollins Park Academy"}


async def test_enter_opens_the_action_briefing_or_challenge_a_line_names(open_app, _settings_file):
    as_coach(_settings_file)
    async with open_app(size=(160, 40)) as pilot:
        screen = await open_week(pilot)
        await pilot.press("plus", "plus")  # 28 days: a briefing comes into view
        await wait_for(pilot, lambda: screen.days == 28)
        kinds = [i.kind.value for i in screen.week.items]
        table = screen.query_one("#week", DataTable)
        for kind, opened in (
            ("action", ActionDetail),
            ("briefing", BriefingDetail),
            ("challenge", ChallengeScreen),
        ):
            table.move_cursor(row=kinds.index(kind), animate=False)
            await pilot.pause()
            await pilot.press("enter")
            await wait_for_screen(pilot, opened)
            item = screen.week.items[kinds.index(kind)]
            record = getattr(pilot.app.screen, "action", None) or getattr(
                pilot.app.screen, "briefing", None
            )
            if record is not None:
                assert record.id == item.ref
            else:
                assert pilot.app.screen.challenge_id == item.ref
            await pilot.press("escape")
            await wait_for_screen(pilot, WeekScreen)


SIZES = [(80, 24), (200, 50)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_week_view_layout(snap_compare, make_app, _settings_file, size):
    as_coach(_settings_file)

    async def settle(pilot):
        await ready(pilot)
        await open_week(pilot)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize(("team", "choice"), [("Hollins", "late"), ("Ashworth", "week")])
async def test_the_plan_filter_shows_late_items_and_those_due_this_week(open_app, team, choice):
    from datetime import date

    from pilot_support import open_team
    from textual.widgets import Select

    from domain.actions import due_this_week

    today = date(2026, 11, 22)
    rule = {"late": lambda a: a.is_overdue(today), "week": lambda a: due_this_week(a, today)}
    async with open_app(size=(160, 40)) as pilot:
        screen = await open_team(pilot, team, tab="plan")
        pane = screen.query_one("#plan-pane")
        actions = pilot.app.program.actions(pilot.app.program.team(team).id)
        wanted = {a.id for a in actions if rule[choice](a)}
        assert wanted and len(wanted) < len(actions)
        pane.query_one("#f-status", Select).value = choice
        await pilot.pause()
        assert {key.value for key in pane.query_one(DataTable).rows} == wanted
