"""Several Flourish processes on one workspace: no write is lost, a dead process's lock does not
block anyone, a busy workspace says so, and a long-running session sees others' writes."""

import signal
import time
from datetime import date, timedelta

import pytest

from storage.errors import WorkspaceError, WorkspaceLocked
from storage.facade import Flourish

DAY = date(2026, 11, 20)
WRITES = 100

# Waits for the go file, then logs WRITES check-ins alternating between a team shared with the
# other writers and its own team, plus a briefing (cluster file) every tenth; prints each id.
WRITER = f"""
from datetime import timedelta
shared, own, tag, go = ARGS
LATER = NOW + timedelta(days=7)  # briefings are scheduled for a time to come
f = Flourish.open(ROOT, clock=CLOCK)
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.002)
for i in range({WRITES}):
    checkin = f.log_checkin(shared if i % 2 == 0 else own, on=DAY, notes=f"{{tag}} #{{i}}")
    print(checkin.id, flush=True)
    if i % 10 == 0:
        print(f.add_briefing(f"{{tag}} briefing {{i}}", start=LATER).id, flush=True)
print("done", flush=True)
"""

# Holds the workspace lock until killed.
LOCK_HOLDER = """
with Workspace.open(ROOT, CLOCK).lock():
    print("locked", flush=True)
    time.sleep(120)
"""

# Logs one check-in and prints its id.
ONE_CHECKIN = """
(team_id,) = ARGS
print(Flourish.open(ROOT, clock=CLOCK).log_checkin(team_id, on=DAY, notes="from elsewhere").id)
"""


def test_simultaneous_writers_lose_nothing(
    root, clock, tmp_path, add_team, spawn, wait_for, stderr_of
):
    shared = add_team("Shared Primary")
    own = [add_team(f"Own School {n}") for n in range(3)]
    go = tmp_path / "go"
    writers = [
        spawn(WRITER, root, shared.id, team.id, f"writer {n}", str(go))
        for n, team in enumerate(own)
    ]
    for writer in writers:
        wait_for(writer, "ready")

    go.touch()
    printed = []
    for writer in writers:
        lines = writer.stdout.read().splitlines()
        assert writer.wait(timeout=60) == 0, stderr_of(writer)
        assert lines[-1] == "done"
        printed += lines[:-1]

    f = Flourish.open(root, clock=clock)
    checkins = {c.id: c for c in f.checkins()}
    briefings = {b.id for b in f.briefings()}
    assert set(printed) == set(checkins) | briefings
    assert len(checkins) == 3 * WRITES
    assert len(f.checkins(shared.id)) == 3 * WRITES // 2
    assert [len(f.checkins(team.id)) for team in own] == [WRITES // 2] * 3
    assert len(briefings) == 3 * WRITES // 10
    assert len({c.notes for c in checkins.values()}) == 3 * WRITES


@pytest.fixture
def hold_lock(root, team, spawn, wait_for):
    """Starts another process that holds the workspace lock until killed."""

    def start():
        holder = spawn(LOCK_HOLDER, root)
        wait_for(holder, "locked")
        return holder

    return start


def test_a_busy_workspace_refuses_a_write_after_the_timeout_and_writes_nothing(
    root, clock, team, monkeypatch, snapshot, hold_lock
):
    f = Flourish.open(root, clock=clock)  # opened earlier, as a running app would be
    hold_lock()
    monkeypatch.setenv("FLOURISH_LOCK_TIMEOUT", "0.3")
    before = snapshot(root)

    started = time.monotonic()
    with pytest.raises(WorkspaceLocked, match="busy") as error:
        f.log_checkin(team.id, on=DAY, notes="Waiting in line")
    waited = time.monotonic() - started

    assert str(root) in str(error.value)
    assert 0.25 <= waited < 3  # it waited for the other process before giving up
    assert snapshot(root) == before
    assert f.checkins(team.id) == []  # reading still works while another process writes


def test_a_lock_left_by_a_killed_process_does_not_block_the_next_write(
    root, clock, team, monkeypatch, hold_lock
):
    holder = hold_lock()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    monkeypatch.setenv("FLOURISH_LOCK_TIMEOUT", "10")

    started = time.monotonic()
    checkin = Flourish.open(root, clock=clock).log_checkin(team.id, on=DAY, notes="Next")
    took = time.monotonic() - started

    assert took < 1
    assert Flourish.open(root, clock=clock).checkins(team.id) == [checkin]


def test_a_long_running_session_sees_another_sessions_writes(root, clock, team):
    tui = Flourish.open(root, clock=clock)
    assert tui.checkins(team.id) == []
    cli = Flourish.open(root, clock=clock)

    checkin = cli.log_checkin(team.id, on=DAY, notes="Logged from the command line")
    other = cli.add_team("Valley High", start=date(2026, 9, 1), coach=team.coach)
    briefing = cli.add_briefing("Term briefing", start=clock() + timedelta(days=7))

    assert tui.checkins(team.id) == [checkin]
    assert [t.name for t in tui.teams()] == ["Hillside Primary", "Valley High"]
    assert tui.team("valley").id == other.id
    assert [b.id for b in tui.briefings()] == [briefing.id]


def test_a_long_running_session_sees_another_processs_writes(root, clock, team, spawn):
    tui = Flourish.open(root, clock=clock)
    assert tui.checkins(team.id) == []

    child = spawn(ONE_CHECKIN, root, team.id)
    (checkin_id,) = child.stdout.read().split()
    assert child.wait() == 0

    assert [c.id for c in tui.checkins(team.id)] == [checkin_id]


@pytest.mark.parametrize("setting", ["soon", "-1", "nan"])
def test_a_bad_lock_timeout_setting_is_named_and_nothing_is_written(
    root, clock, team, monkeypatch, snapshot, setting
):
    f = Flourish.open(root, clock=clock)
    monkeypatch.setenv("FLOURISH_LOCK_TIMEOUT", setting)
    before = snapshot(root)

    with pytest.raises(WorkspaceError, match="FLOURISH_LOCK_TIMEOUT"):
        f.log_checkin(team.id, on=DAY, notes="Visit")

    assert snapshot(root) == before
