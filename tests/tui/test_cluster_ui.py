"""The Cluster view on the demo workspace: p on the dashboard (and the palette) opens it; each
tab shows the cluster's own work and its keys add and change it through the same forms as a
team's tabs; user text shows literally."""

from datetime import date

from pilot_support import notes, painted, palette, wait_for, wait_for_screen
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from tui.dialogs.cluster_plan import ClusterActionDetail, ClusterActionForm, ClusterGoalForm
from tui.dialogs.confirm import ConfirmScreen
from tui.dialogs.export import ExportScreen
from tui.dialogs.goal import ActionPicker
from tui.dialogs.governance import AnswerForm, ChoiceForm, ModelDetail
from tui.dialogs.journey import StepForm
from tui.dialogs.leaders import ActivityForm, FeedbackForm, LeaderForm
from tui.dialogs.workshop import RecordForm, WorkshopDetail, WorkshopForm
from tui.screens.cluster import ClusterScreen

WIDE = (120, 36)


async def open_cluster(pilot, tab: str = "cplan"):
    await pilot.press("p")
    await wait_for_screen(pilot, ClusterScreen)
    screen = pilot.app.screen
    if tab != "cplan":
        screen._show(tab)
        await pilot.pause()
    pane = screen.query_one(f"#{tab}-pane")
    await wait_for(pilot, lambda: pane.loaded)
    return pane, pane.query_one(DataTable)


def row_text(table: DataTable, key: str) -> str:
    return " | ".join(cell.plain for cell in table.get_row(key))


def detail_text(screen) -> str:
    """What a detail screen shows, line by line."""
    return "\n".join(
        str(w.render()) for w in screen.query("#detail-body Static, #detail-body Label")
    )


async def save(pilot, form_type) -> None:
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not isinstance(pilot.app.screen, form_type))
    await pilot.pause()


async def test_the_dashboard_says_where_the_plan_stands_and_p_opens_it(open_app):
    async with open_app(size=WIDE) as pilot:
        line = str(pilot.app.screen.query_one("#cluster-line", Static).render())
        assert line.startswith("Cluster plan: 3 open actions, 1 late")
        assert "next review workshop 27 Jan" in line and "p opens it" in line
        pane, table = await open_cluster(pilot)
        assert table.has_focus
        impact = next(a for a in pane.actions if a.title.startswith("Agree one impact"))
        assert "2/7 done" in row_text(table, impact.id)


async def test_the_palette_opens_each_tab_by_name(open_app):
    async with open_app(size=WIDE) as pilot:
        await palette(pilot, "Partnership journey")
        await wait_for_screen(pilot, ClusterScreen)
        assert pilot.app.screen.query_one("#cluster-tabs").active == "journey"


async def test_adding_a_cluster_action_then_cascading_it_to_the_schools(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_cluster(pilot)
        await pilot.press("a")
        await wait_for_screen(pilot, ClusterActionForm)
        form = app.screen
        form.query_one("#title", Input).value = "Joint [b]moderation[/b] of writing"
        form.query_one("#owner", Input).value = "Sarah Whitfield"
        form.query_one("#due", Input).value = "2027-01-29"
        schools = form.query_one("#schools", SelectionList)
        northgate = app.program.team("Northgate").id
        riverside = app.program.team("Riverside").id
        schools.select(northgate)
        schools.select(riverside)
        await save(pilot, ClusterActionForm)
        made = next(a for a in app.program.cluster_actions() if "moderation" in a.title)
        assert (made.owner, made.due) == ("Sarah Whitfield", date(2027, 1, 29))
        assert set(made.team_ids) == {northgate, riverside}
        assert "Joint [b]moderation[/b] of writing" in row_text(table, made.id)  # literal

        table.move_cursor(row=table.get_row_index(made.id))
        await pilot.press("k")
        await wait_for_screen(pilot, ConfirmScreen)
        assert "plans of 2 schools" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await wait_for(pilot, lambda: "0/2 done" in row_text(table, made.id))
        titles = [a.title for a in app.program.actions(northgate)]
        assert made.title in titles
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "—" in row_text(table, made.id))
        assert made.title not in [a.title for a in app.program.actions(northgate)]


async def test_status_keys_notes_and_the_detail_of_a_cluster_action(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        pane, table = await open_cluster(pilot)
        first = pane.actions[0]
        table.move_cursor(row=table.get_row_index(first.id))
        await pilot.press("d")
        await wait_for(pilot, lambda: app.program.cluster_action(first.id).status.value == "done")
        await pilot.press("n")
        form = app.screen
        form.query_one("#note", TextArea).text = "All seven schools came"
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: app.program.cluster_action(first.id).notes[-1].text == "All seven schools came",
        )
        impact = next(a for a in app.program.cluster_actions() if a.title.startswith("Agree one"))
        table.move_cursor(row=table.get_row_index(impact.id))
        await pilot.press("enter")
        await wait_for_screen(pilot, ClusterActionDetail)
        body = detail_text(app.screen)
        assert "In the schools' plans: 2 of 7 schools done" in body
        assert "From: the workshop 'Autumn cluster review'" in body


async def test_a_cluster_goal_added_and_linked(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_cluster(pilot, "cgoals")
        await pilot.press("a")
        await wait_for_screen(pilot, ClusterGoalForm)
        form = app.screen
        form.query_one("#now", Input).value = "Each school buys its own CPD"
        form.query_one("#want", Input).value = "One CPD offer for the family"
        await save(pilot, ClusterGoalForm)
        goal = next(g for g in app.program.cluster_goals() if g.want.startswith("One CPD"))
        table.move_cursor(row=table.get_row_index(goal.id))
        await pilot.press("l")
        await wait_for_screen(pilot, ActionPicker)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.program.cluster_goal(goal.id).action_ids)
        linked = app.program.cluster_goal_actions(app.program.cluster_goal(goal.id))
        assert f"→ {linked[0].title.split()[0]}" in row_text(table, goal.id)


async def test_planning_recording_and_exporting_a_workshop(open_app, tmp_path):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_cluster(pilot, "workshops")
        await pilot.press("a")
        await wait_for_screen(pilot, WorkshopForm)
        form = app.screen
        form.query_one("#title", Input).value = "Summer cluster review"
        form.query_one("#when", Input).value = "2027-03-10 13:30"
        form.query_one("#attendees", TextArea).text = "Ann Able, Headteacher"
        form.query_one("#themes", SelectionList).select("activity")
        await save(pilot, WorkshopForm)
        w = next(x for x in app.program.workshops() if x.title == "Summer cluster review")
        assert [i.title for i in w.agenda][3] == "Discussion: activity"
        assert "To prioritise: Impact measurement" in w.agenda[1].notes

        table.move_cursor(row=table.get_row_index(w.id))
        await pilot.press("e")
        await wait_for_screen(pilot, WorkshopForm)
        form = app.screen
        form.query_one("#agenda", TextArea).text = "15 Welcome\n45 Findings\n"
        await wait_for(
            pilot, lambda: "ends 14:30 (60 min)" in str(form.query_one("#agenda-times").render())
        )
        await save(pilot, WorkshopForm)
        assert [i.minutes for i in app.program.workshop(w.id).agenda] == [15, 45]

        await pilot.press("r")
        await wait_for_screen(pilot, RecordForm)
        form = app.screen
        form.query_one("#issues", TextArea).text = "rational: no shared data => a family analyst"
        form.query_one("#priorities", TextArea).text = "Shared data\nGrow leaders"
        form.query_one("#reflections", TextArea).text = "Northgate: visits | cover"
        await save(pilot, RecordForm)
        found = app.program.workshop(w.id)
        assert found.priorities == ["Shared data", "Grow leaders"]
        assert found.issues[0].approach == "a family analyst"

        await pilot.press("t")
        await wait_for_screen(pilot, ClusterActionForm)
        app.screen.query_one("#title", Input).value = "Appoint a family analyst"
        await save(pilot, ClusterActionForm)
        assert [a.title for a in app.program.workshop_actions(app.program.workshop(w.id))] == [
            "Appoint a family analyst"
        ]

        await pilot.press("enter")
        await wait_for_screen(pilot, WorkshopDetail)
        body = detail_text(app.screen)
        assert "13:30  Welcome (15 min)" in body and "Appoint a family analyst" in body
        await pilot.press("escape")

        await pilot.press("x")
        await wait_for_screen(pilot, ExportScreen)
        path = tmp_path / "summer.md"
        app.screen.query_one("#path", Input).value = str(path)
        await pilot.press("ctrl+s")
        await wait_for(pilot, path.exists)
        assert "## Priorities agreed" in path.read_text("utf-8")


async def test_the_journey_draws_six_lanes_and_a_step_is_added(open_app):
    async with open_app(size=(80, 24)) as pilot:
        app = pilot.app
        pane, _table = await open_cluster(pilot, "journey")
        lanes = painted(pane.query_one("#journey-lanes")).splitlines()
        assert [line.split("  ")[0].strip() for line in lanes[:6]] == [
            "Why",
            "Who is in",
            "Together",
            "In charge",
            "Oversight",
            "Allies",
        ]
        assert all(len(line.rstrip()) <= 78 for line in lanes)
        await pilot.press("a")
        await wait_for_screen(pilot, StepForm)
        form = app.screen
        form.query_one("#question", Select).value = "allies"
        form.query_one("#what", TextArea).text = "A university partnership for research"
        form.query_one("#on", Input).value = "2026-11-01"
        await save(pilot, StepForm)
        lanes = painted(pane.query_one("#journey-lanes")).splitlines()
        assert lanes[5].rstrip().endswith("2 steps")


async def test_governance_choice_and_an_answer(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        pane, table = await open_cluster(pilot, "governance")
        await pilot.press("s")
        await wait_for_screen(pilot, ChoiceForm)
        app.screen.query_one("#moving-to", Select).value = "network"
        await save(pilot, ChoiceForm)
        assert app.program.governance().moving_to == "network"
        assert app.program.governance().now == "alliance"  # left alone, kept
        assert "Moving to: Self-organising network" in painted(pane.query_one("#governance-choice"))
        table.move_cursor(row=table.get_row_index("network"))
        await pilot.press("r")
        await wait_for_screen(pilot, AnswerForm)
        app.screen.query_one("#question", Select).value = 1
        app.screen.query_one("#answer", TextArea).text = "Each school publishes the same measures"
        await save(pilot, AnswerForm)
        assert "1 of 4" in row_text(table, "network")
        await pilot.press("enter")
        await wait_for_screen(pilot, ModelDetail)
        assert "Each school publishes the same measures" in detail_text(app.screen)


async def test_an_aspiring_leader_with_an_activity_and_feedback(open_app):
    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        _pane, table = await open_cluster(pilot, "leaders")
        await pilot.press("a")
        await wait_for_screen(pilot, LeaderForm)
        form = app.screen
        form.query_one("#name", Input).value = "Priya Shah"
        form.query_one("#team", Select).value = app.program.team("Millbrook").id
        await save(pilot, LeaderForm)
        priya = next(p for p in app.program.leaders() if p.name == "Priya Shah")
        table.move_cursor(row=table.get_row_index(priya.id))
        await pilot.press("t")
        await wait_for_screen(pilot, ActivityForm)
        app.screen.query_one("#title", Input).value = "Chair the inclusion working group"
        await save(pilot, ActivityForm)
        await pilot.press("f")
        await wait_for_screen(pilot, FeedbackForm)
        app.screen.query_one("#text", TextArea).text = "Calm and clear chairing"
        await save(pilot, FeedbackForm)
        text = row_text(table, priya.id)
        assert "Chair the inclusion" in text and "Calm and clear chairing" in text
        assert "Feedback added. ctrl+z takes it back." in notes(app)


async def test_a_search_hit_on_the_clusters_work_opens_where_it_lives(open_app):
    from tui.dialogs.leaders import LeaderDetail
    from tui.opening import open_record

    async with open_app(size=WIDE) as pilot:
        app = pilot.app
        step = app.program.journey()[0]
        open_record(app, "journey step", step.id, None)
        await wait_for_screen(pilot, ClusterScreen)
        assert app.screen.query_one("#cluster-tabs").active == "journey"
        leader = app.program.leaders()[0]
        open_record(app, "aspiring leader", leader.id, None)
        await wait_for_screen(pilot, LeaderDetail)
        assert leader.name in str(app.screen.query_one("#dialog-title").render())
