"""A shared cluster in the app: it syncs on open (in a worker), says in the footer whether
everything is shared, shares on "Sync now" and on quit, and lists conflicts with keys to keep
either value."""

import pytest
from pilot_support import open_screen, wait_for

from domain.records import Person
from storage.facade import Flourish
from storage.sync.share import Share
from storage.sync.state import ShareState
from storage.workspace import Workspace
from tui.screens.conflicts import ConflictsScreen
from tui.sharing import ShareState as ShareLabel

CHAIR = Person(name="Dr Margaret Ellison", email="margaret.ellison@cityfamily.example")


def sync(root, clock):
    with Share.open(Workspace.open(root, clock)) as share:
        return share.sync()


@pytest.fixture
def coach_root(demo_root, tmp_path):
    """The demo shared by its chair, and a coach's workspace joined to it."""
    from conftest import clock

    with Share.init(Workspace.open(demo_root, clock), str(tmp_path / "remote.git"), CHAIR):
        pass
    root = tmp_path / "coach"
    with Share.join(root, str(tmp_path / "remote.git"), Person(name="Pat Tester"), clock):
        pass
    with Share.open(Workspace.open(demo_root, clock)) as share:
        share.approve("Pat Tester", "coach", [Flourish.open(demo_root, clock).team("Ashworth").id])
    return root


def footer_state(app) -> str:
    labels = list(app.screen.query(ShareLabel))
    return str(labels[0].render()) if labels else ""


async def synced(pilot) -> None:
    syncer = pilot.app.syncer
    await wait_for(pilot, lambda: syncer.last is not None and not syncer.running, timeout=15)
    await pilot.pause()


async def test_the_app_syncs_on_open_and_says_when(open_app, demo_root, coach_root):
    from conftest import clock

    chair = Flourish.open(demo_root, clock, user="Chair")
    action = chair.add_action(chair.team("Ashworth").id, "Book the cluster hall")
    sync(demo_root, clock)
    async with open_app(coach_root, size=(120, 30)) as pilot:
        await synced(pilot)
        assert pilot.app.syncer.last.received == 1
        assert pilot.app.program.action(action.id).title == "Book the cluster hall"
        assert footer_state(pilot.app).startswith("⇅ shared ")


async def test_a_change_here_waits_for_sync_now(open_app, demo_root, coach_root):
    from conftest import clock

    async with open_app(coach_root, size=(120, 30)) as pilot:
        app = pilot.app
        await synced(pilot)
        team_id = app.program.team("Ashworth").id
        app.run_verb(lambda: app.program.add_action(team_id, "Draft the agenda"))
        await pilot.pause()
        assert footer_state(app) == "● 1 not shared yet"
        app.action_sync_now()
        await wait_for(pilot, lambda: footer_state(app).startswith("⇅ shared"), timeout=15)
    report = sync(demo_root, clock)
    assert report.received == 1 and report.senders == ["Pat Tester"]


async def test_quitting_shares_what_was_changed(open_app, demo_root, coach_root):
    from conftest import clock

    async with open_app(coach_root, size=(120, 30)) as pilot:
        app = pilot.app
        await synced(pilot)
        team_id = app.program.team("Ashworth").id
        app.run_verb(lambda: app.program.add_action(team_id, "Shared on the way out"))
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, timeout=15)
    assert ShareState.load(coach_root).unshared == 0
    sync(demo_root, clock)
    chair = Flourish.open(demo_root, clock)
    assert "Shared on the way out" in [a.title for a in chair.actions()]


async def test_a_conflict_is_listed_and_the_other_value_taken(open_app, demo_root, coach_root):
    from conftest import clock

    chair = Flourish.open(demo_root, clock, user="Chair")
    action = chair.actions()[0]
    chair.update_action(action.id, owner="Chair's pick")
    sync(demo_root, clock)
    Flourish.open(coach_root, clock).update_action(action.id, owner="Coach's pick")
    async with open_app(coach_root, size=(120, 30)) as pilot:
        app = pilot.app
        await synced(pilot)
        assert footer_state(app) == "⚠ 1 to review"
        screen = await open_screen(pilot, ConflictsScreen())
        (conflict,) = screen.found
        kept = app.program.action(action.id).owner
        assert {kept, conflict.other} == {"Chair's pick", "Coach's pick"}
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.found == [])
        assert app.program.action(action.id).owner == conflict.other
        assert footer_state(app) == "● 1 not shared yet"
        await pilot.press("escape")
        await pilot.press("q")  # the decision is shared on the way out
        await wait_for(pilot, lambda: not app.is_running, timeout=15)
    assert ShareState.load(coach_root).unshared == 0
    report = sync(demo_root, clock)
    assert report.to_review == 0
    assert Flourish.open(demo_root, clock).action(action.id).owner == conflict.other


async def test_a_workspace_that_is_not_shared_shows_no_sharing_state(open_app):
    async with open_app(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not pilot.app.syncer.shared
        assert footer_state(pilot.app) == ""


async def test_a_challenge_moved_on_two_laptops_is_flagged_in_the_queue(
    open_app, demo_root, coach_root
):
    from datetime import timedelta

    from conftest import clock
    from pilot_support import painted

    from tui.screens.chair_queue import ChairQueueScreen

    later = clock() + timedelta(hours=1)  # the response is the later move: it stands
    chair = Flourish.open(demo_root, lambda: later, user="Chair")
    challenge = chair.escalated()[0]
    chair.respond_to_challenge(challenge.id, kind="reprioritise", outcome="Moved it on")
    sync(demo_root, clock)
    coach = Flourish.open(coach_root, clock, user="Pat Tester")
    coach.withdraw_challenge(challenge.id, reason="Sorted it ourselves")
    async with open_app(coach_root, size=(140, 36)) as pilot:
        await synced(pilot)
        screen = await open_screen(pilot, ChairQueueScreen())
        assert challenge.id in screen.to_review
        table = screen.query_one("#queue")
        table.move_cursor(row=table.get_row_index(challenge.id))
        await pilot.pause()
        assert "⇄ Changed on two laptops at once" in painted(screen.query_one("#queue-detail"))


async def test_conflicting_text_is_shown_as_typed_never_obeyed(open_app, demo_root, coach_root):
    from conftest import clock
    from pilot_support import painted

    hostile = "[bold]Chair[/] \x1b[2J \u202eevil\nsecond line"
    chair = Flourish.open(demo_root, clock, user="Chair")
    challenge = chair.challenges()[0]
    chair.update_challenge(challenge.id, description=hostile)
    sync(demo_root, clock)
    Flourish.open(coach_root, clock).update_challenge(challenge.id, description="Coach [/] x")
    async with open_app(coach_root, size=(160, 30)) as pilot:
        await synced(pilot)
        screen = await open_screen(pilot, ConflictsScreen())
        table = painted(screen.query_one("#conflicts"))
        detail = painted(screen.query_one("#conflict-detail"))
        assert "Coach [/] x" in table + detail
        assert "[bold]Chair[/] \\u001b[2J \\u202eevil" in table + detail
        assert "\x1b" not in table + detail and "\u202e" not in table + detail


async def test_a_teammates_bundle_on_its_way_shows_in_the_footer(open_app, demo_root, tmp_path):
    """Shared through a folder: a coach's bundle cut short is named in the chair's footer
    until it has arrived whole."""
    from conftest import clock

    folder = tmp_path / "drive"
    with Share.init(Workspace.open(demo_root, clock), f"folder:{folder}", CHAIR):
        pass
    coach = tmp_path / "coach"
    with Share.join(coach, f"folder:{folder}", Person(name="Pat Tester"), clock):
        pass
    bundle = next(p for p in (folder / "outbox").glob("*.json") if "Pat Tester" in p.read_text())
    whole = bundle.with_suffix(".bundle").read_bytes()
    bundle.with_suffix(".bundle").write_bytes(whole[:200])
    async with open_app(demo_root, size=(120, 30)) as pilot:
        await synced(pilot)
        assert footer_state(pilot.app) == "⇣ Pat Tester: not fully arrived"
        bundle.with_suffix(".bundle").write_bytes(whole)
        pilot.app.syncer.sync()
        # Arrived: Pat's request to join with it, for the chair to approve.
        await wait_for(pilot, lambda: footer_state(pilot.app) == "☛ 1 asking to join", timeout=30)
