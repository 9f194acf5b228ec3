"""The team view's "Where we are" tab on the demo workspace: statement pairs with their
evidence and linked actions, side by side or stacked; adding, editing, deleting, linking,
unlinking and making an action; user text shown literally."""

from pilot_support import make_finding_action, notes, wait_for, wait_for_screen
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from domain.goals import evidence_lines
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.goal import ActionPicker, GoalForm
from tui.screens.team import TeamScreen

WIDE = (120, 36)


def cells(table: DataTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


def flat(text: str) -> str:
    """Wrapped text joined up again, for finding a phrase that may span lines."""
    return " ".join(line.strip() for line in text.splitlines())


async def open_tab(pilot, team: str):
    app = pilot.app
    app.action_open_team(app.program.team(team).id, tab="where")
    await wait_for_screen(pilot, TeamScreen)
    pane = app.screen.query_one("#where-pane")
    await wait_for(pilot, lambda: pane.program is not None)
    await pilot.pause()
    return pane, pane.query_one(DataTable)


async def fill_form(pilot, now="", now_evidence="", want="", want_evidence=""):
    form = pilot.app.screen
    form.query_one("#now", Input).value = now
    form.query_one("#want", Input).value = want
    form.query_one("#now-evidence", TextArea).text = now_evidence
    form.query_one("#want-evidence", TextArea).text = want_evidence
    await pilot.press("ctrl+s")
    await pilot.pause()
    return form


# -- showing ---------------------------------------------------------------------------------


async def test_the_tab_shows_each_pair_side_by_side_with_evidence_and_linked_actions(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_tab(pilot, "Millbrook")
        program = app.program
        assert app.screen.query_one("#tabs").active == "where" and table.has_focus
        pairs = program.goals("Millbrook")
        assert [r.key.value for r in table.ordered_rows] == [a.id for a in pairs] and len(
            pairs
        ) == 2
        assert [c.label.plain for c in table.ordered_columns] == [
            "Where we are now",
            "Where we want to be",
            "Actions",
        ]
        for a in pairs:
            now, want, actions = (flat(c) for c in cells(table, a.id))
            assert now.startswith(a.now) and want.startswith(a.want)
            for item in evidence_lines(a.now_evidence):
                assert f"• {item}" in now
            for item in evidence_lines(a.want_evidence):
                assert f"• {item}" in want
            linked = program.goal_actions(a)
            assert linked
            for action in linked:
                assert f"→ {action.title}" in actions
                assert action.status.label in actions
                assert f"due {action.due.day} {action.due:%b}" in actions
        meetings = pairs[0]
        assert "⚠ due" in flat(cells(table, meetings.id)[2])  # its action is overdue


async def test_at_80_columns_each_pair_is_stacked(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        _pane, table = await open_tab(pilot, "Northgate")
        (pair,) = app.program.goals("Northgate")
        assert len(table.ordered_columns) == 1
        (text,) = cells(table, pair.id)
        lines = text.splitlines()
        assert lines[0].startswith("Now   Staff see pulse results")
        want = next(line for line in lines if line.startswith("Want"))
        assert "Staff see the month's pulse" in want
        assert "• Dashboard shared at the next staff briefing" in text
        (action,) = app.program.goal_actions(pair)
        assert any(line.startswith("Plan  → ") for line in lines)
        assert action.title.split()[0] in text
        assert all(len(line) <= 76 for line in lines)


async def test_a_team_without_pairs_says_how_to_add_one(open_app):
    async with open_app(size=WIDE) as pilot:
        pane, table = await open_tab(pilot, "Ashworth")
        assert not table.display and table.row_count == 0
        empty = pane.query_one("#where-empty", Static)
        assert empty.display and "a adds" in str(empty.render())


# -- adding, editing, deleting ---------------------------------------------------------------


async def test_add_refuses_a_missing_statement_then_saves_and_shows_text_literally(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        pane, table = await open_tab(pilot, "Ashworth")
        program = app.program
        await pilot.press("a")
        await wait_for_screen(pilot, GoalForm)
        form = await fill_form(pilot, now="We [bold]guess[/bold]", want="")
        error = form.query_one("#want-error", Static)
        assert error.display and "Where we want to be is required" in str(error.render())
        assert program.goals("Ashworth") == []

        await fill_form(
            pilot,
            now="We [bold]guess[/bold] what staff think",
            now_evidence='- "No survey" since 2024\n\n* [red]nothing[/red] written down 🙈',
            want='Staff say what they think, "monthly"',
            want_evidence="Pulse every month\nResults shared",
        )
        await wait_for(pilot, lambda: app.screen is not form)
        (pair,) = program.goals("Ashworth")
        assert pair.now == "We [bold]guess[/bold] what staff think"
        await wait_for(pilot, lambda: table.row_count == 1)
        now, want, actions = cells(table, pair.id)
        assert "We [bold]guess[/bold] what staff think" in flat(now)
        assert '• "No survey" since 2024' in now
        assert "• [red]nothing[/red] written down 🙈" in now
        assert 'Staff say what they think, "monthly"' in flat(want)
        assert "no linked actions" in actions
        assert not pane.query_one("#where-empty").display


async def test_edit_changes_the_pair_and_delete_asks_first(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        pane, table = await open_tab(pilot, "Northgate")
        program = app.program
        (pair,) = program.goals("Northgate")
        await pilot.press("e")
        await wait_for_screen(pilot, GoalForm)
        form = app.screen
        assert form.query_one("#now", Input).value == pair.now
        assert form.query_one("#want-evidence", TextArea).text == pair.want_evidence
        form.query_one("#want", Input).value = "Staff see the pulse within two days."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        assert program.goal(pair.id).want == "Staff see the pulse within two days."
        await wait_for(pilot, lambda: "two days" in cells(table, pair.id)[1])

        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("n")  # kept
        await pilot.pause()
        assert len(program.goals("Northgate")) == 1
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, lambda: program.goals("Northgate") == [])
        await wait_for(pilot, lambda: table.row_count == 0)
        assert pane.query_one("#where-empty").display
        assert program.actions("Northgate")  # its linked action stays in the plan


# -- linking and making actions --------------------------------------------------------------


async def test_link_and_unlink_an_action_through_the_picker(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_tab(pilot, "Millbrook")
        program = app.program
        pair = program.goals("Millbrook")[0]
        linked_before = list(pair.action_ids)
        await pilot.press("l")
        await wait_for_screen(pilot, ActionPicker)
        options = app.screen.query_one(OptionList)
        offered = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert not set(offered) & set(linked_before)  # only actions not yet linked
        assert len(offered) == len(program.actions("Millbrook")) - len(linked_before)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: len(program.goal(pair.id).action_ids) == 2)
        chosen = program.goal(pair.id).action_ids[-1]
        assert chosen == offered[1]
        title = program.action(chosen).title
        await wait_for(pilot, lambda: title.split()[0] in cells(table, pair.id)[2])

        await pilot.press("u")
        await wait_for_screen(pilot, ActionPicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("enter")  # the first linked: the demo's
        await wait_for(pilot, lambda: program.goal(pair.id).action_ids == [chosen])
        assert program.action(linked_before[0])  # unlinked, not deleted

        await pilot.press("u")
        await wait_for_screen(pilot, ActionPicker)
        await pilot.press("escape")  # nothing unlinked
        await pilot.pause()
        assert program.goal(pair.id).action_ids == [chosen]


async def test_t_makes_an_action_linked_to_the_pair_and_refuses_a_second_time(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_tab(pilot, "Northgate")
        program = app.program
        (pair,) = program.goals("Northgate")
        before = len(program.actions("Northgate"))
        await pilot.press("t")
        await make_finding_action(pilot, owner="Aisha Rahman")
        assert len(program.actions("Northgate")) == before + 1
        made = program.goal_actions(program.goal(pair.id))[-1]
        assert made.title == f"Move towards: {pair.want}"
        assert made.owner == "Aisha Rahman"
        assert any(made.title in n for n in notes(app))
        await wait_for(pilot, lambda: "Move towards" in cells(table, pair.id)[2])

        await pilot.press("t")
        await pilot.pause()
        assert len(program.actions("Northgate")) == before + 1
        assert any("plan already has" in n for n in notes(app))


async def test_link_says_when_every_action_is_linked(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        await open_tab(pilot, "Ashworth")
        program = app.program
        pair = program.add_goal("Ashworth", now="Now", want="Want")
        for action in program.actions("Ashworth"):
            program.link_action(pair.id, action.id)
        app.data_changed()
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, ActionPicker)
        assert any("linked already" in n for n in notes(app))
