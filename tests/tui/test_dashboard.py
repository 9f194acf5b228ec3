"""The dashboard on the demo workspace: quick views with their counts (keys and clicks), the
filter following each key, sorting from a header, the detail line and the wide layout."""

import pytest
from textual.widgets import Input, Static

from tui.screens.dashboard import VIEWS
from tui.widgets.quick_views import QuickViews
from tui.widgets.team_table import TeamTable

SIZE = (120, 36)


def shown(screen) -> list[str]:
    return [row.key.value for row in screen.query_one("#teams", TeamTable).ordered_rows]


def highlighted(screen) -> str:
    return screen.team_id


def detail(screen) -> str:
    return str(screen.query_one("#detail", Static).content)


async def test_quick_views_show_their_counts_and_switch_by_key_and_click(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = app.screen
        statuses = {s.team.id: s for s in app.program.status()}
        views = screen.query_one(QuickViews)
        counts = [sum(1 for s in statuses.values() if v.test(s)) for v in VIEWS]
        assert views.labels == tuple(
            f"{v.key} {v.label} ({n})" for v, n in zip(VIEWS, counts, strict=True)
        )
        assert all(label in views.render_line(0).text for label in views.labels)
        assert views.active == 0 and len(shown(screen)) == len(statuses)

        await pilot.press("3")
        await pilot.pause()
        assert views.active == 2
        assert set(shown(screen)) == {k for k, s in statuses.items() if s.actions_overdue}

        start, _end = views._spans()[1]  # click the second label: overdue check-ins
        await pilot.click(QuickViews, offset=(start + 2, 0))
        await pilot.pause()
        assert screen.view.id == "overdue" and views.active == 1
        assert set(shown(screen)) == {k for k, s in statuses.items() if s.checkin_overdue}

        await pilot.click(QuickViews, offset=(1, 1))  # the underline under the first label
        await pilot.pause()
        assert screen.view.id == "all" and len(shown(screen)) == len(statuses)


async def test_the_filter_follows_each_key_and_keeps_the_highlighted_team(open_app, monkeypatch):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = app.screen
        team = app.program.team("Millbrook")
        table = screen.query_one("#teams", TeamTable)
        table.move_cursor(row=table.get_row_index(team.id))
        await pilot.pause()
        assert highlighted(screen) == team.id
        assert team.name in detail(screen)

        refills = []
        real_refill = TeamTable.refill
        monkeypatch.setattr(
            TeamTable, "refill", lambda *a, **k: refills.append(a[1]) or real_refill(*a, **k)
        )
        await pilot.press("slash")
        box = screen.query_one("#filter", Input)
        # A letter every team's school, coach or stage contains: the same rows, nothing redone.
        common = next(c for c in "eaiorntls" if all(c in t for t in screen._searched.values()))
        box.value = common
        await pilot.pause()
        assert refills == [] and len(shown(screen)) == len(app.program.teams())

        box.value = "millb"  # no waiting for typing to pause: the rows follow at once
        await pilot.pause()
        assert shown(screen) == [team.id] and highlighted(screen) == team.id
        assert len(refills) == 1

        box.value = "mill"
        await pilot.pause()
        assert highlighted(screen) == team.id
        box.value = "no school is called this"
        await pilot.pause()
        assert shown(screen) == [] and "No team matches." in detail(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(screen)) == len(app.program.teams())


async def test_a_header_click_sorts_and_the_detail_line_follows_the_cursor(open_app):
    async with open_app(size=SIZE) as pilot:
        app = pilot.app
        screen = app.screen
        table = screen.query_one("#teams", TeamTable)
        x = 1 + sum(c.get_render_width(table) for c in table.ordered_columns[:4])  # "Due"
        assert table.ordered_columns[4].key.value == "due"
        await pilot.click("#teams", offset=(x, 0))
        await pilot.pause()
        assert screen.sort_index == 1 and "Sorted by check-in due" in detail(screen)
        statuses = {s.team.id: s for s in app.program.status()}
        days = [statuses[k].checkin_overdue_days for k in shown(screen)]
        assert days == sorted(days, reverse=True) and days[0] > 0

        table.move_cursor(row=0)
        await pilot.pause()
        below = statuses[shown(screen)[1]]
        await pilot.press("down")
        assert highlighted(screen) == below.team.id
        assert below.team.name in detail(screen)


@pytest.mark.parametrize("width", [120, 170])
async def test_wide_terminals_get_coach_and_milestone_columns(open_app, width):
    async with open_app(size=(width, 36)) as pilot:
        app = pilot.app
        screen = app.screen
        table = screen.query_one("#teams", TeamTable)
        keys = [c.key.value for c in table.ordered_columns]
        wide = ["school", "coach", "stage", "month", "last", "due", "actions", "chall", "pulse"]
        assert keys == ([*wide, "milestone"] if width >= 170 else wide[:1] + wide[2:])
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= width

        team = shown(screen)[3]
        table.move_cursor(row=3)
        await pilot.resize_terminal(290 - width, 36)  # to the other layout and back
        await pilot.pause()
        assert ("coach" in [c.key.value for c in table.ordered_columns]) == (width < 170)
        assert highlighted(screen) == team
        await pilot.resize_terminal(width, 36)
        await pilot.pause()
        assert [c.key.value for c in table.ordered_columns] == keys
        assert highlighted(screen) == team


async def test_the_current_quick_view_stays_in_sight_on_a_narrow_screen(open_app):
    async with open_app(size=(60, 24)) as pilot:
        app = pilot.app
        views = app.screen.query_one(QuickViews)
        last = views.labels[3]
        assert last not in views.render_line(0).text  # wider than the screen: cut off

        await pilot.press("4")
        await pilot.pause()
        assert last in views.render_line(0).text  # scrolled to it, as Tabs would
        start, _end = views._spans()[2]
        await pilot.click(QuickViews, offset=(start + 1 - views._shift(), 0))
        await pilot.pause()
        assert app.screen.view.id == "late"
