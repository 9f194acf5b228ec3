"""A change that touches several files lands in all of them or in none: after a kill at any
step of saving it, after a full disk part way through, and after a refusal."""

import errno
import os
from datetime import date

import pytest

import storage.atomic
from storage.errors import WriteFailed
from storage.facade import Flourish
from storage.transaction import COMMIT_FILE

SCHOOLS = ("Ash", "Beech", "Cedar")
MONTH = date(2026, 11, 1)
CSV = "team,month,dimension,score,responses\n" + "".join(
    f"{name},2026-11,trust,4.{n},12\n" for n, name in enumerate(SCHOOLS)
)

# Imports CSV into three team files, dying (as a kill would: no clean-up runs) at the
# `step`th file-system step of the save: each fsync and each rename counts as one.
KILLED_IMPORT = f"""
import os
(step,) = ARGS
f = Flourish.open(ROOT, clock=CLOCK)
count = 0
def dies(real):
    def step_then(*args, **kwargs):
        global count
        count += 1
        if count == int(step):
            os._exit(9)
        return real(*args, **kwargs)
    return step_then
os.fsync, os.replace = dies(os.fsync), dies(os.replace)
f.import_pulse({CSV!r})
print("finished", flush=True)
"""


@pytest.fixture
def schools(add_team):
    return [add_team(name) for name in SCHOOLS]


def imported(root, clock) -> int:
    """How many schools have the November pulse (opening rolls a half-saved change forward)."""
    f = Flourish.open(root, clock=clock)
    return sum(bool(f.pulse_results(name)) for name in SCHOOLS)


def test_a_kill_at_any_step_of_saving_leaves_every_school_imported_or_none(
    root, clock, schools, spawn, snapshot, temp_files, tmp_path
):
    original = snapshot(root)
    outcomes = []
    for step in range(1, 20):
        for path, data in original.items():  # the same starting point for every kill
            (root / path).write_bytes(data)
        child = spawn(KILLED_IMPORT, root, str(step))
        finished = child.stdout.read() == "finished\n"
        assert child.wait(timeout=60) in (0, 9)
        count = imported(root, clock)
        assert count in (0, len(SCHOOLS)), f"killed at step {step}: {count} schools imported"
        assert not (root / COMMIT_FILE).exists()
        assert not temp_files(root)
        outcomes.append(count)
        if finished:
            break
    else:
        pytest.fail("the import never finished: more steps than expected")
    # Early kills lose the import, late ones (once the commit record is saved) keep it.
    assert outcomes[0] == 0 and outcomes[-1] == len(SCHOOLS)
    assert outcomes == sorted(outcomes)


def test_a_full_disk_part_way_through_saves_no_school(
    root, clock, flourish, schools, snapshot, monkeypatch
):
    before = snapshot(root)
    real_stage, staged = storage.atomic.stage, []

    def fills_up(path, data):
        if staged:  # the first file fits; the disk is full by the second
            raise OSError(errno.ENOSPC, "No space left on device")
        staged.append(path)
        return real_stage(path, data)

    monkeypatch.setattr("storage.transaction.stage", fills_up)
    with pytest.raises(WriteFailed, match="Every file was left as it was"):
        flourish.import_pulse(CSV)
    monkeypatch.undo()
    assert snapshot(root) == before  # no temp file left, no file changed
    assert imported(root, clock) == 0
    assert flourish.can_undo != "Imported 3 pulse results"


def test_a_commit_record_left_by_a_kill_is_finished_by_the_next_writer_in_a_running_session(
    root, clock, flourish, schools, monkeypatch
):
    """A long-running app does not reopen the workspace: its next change rolls forward a
    change another process was killed while saving, before reading anything."""
    session = Flourish.open(root, clock=clock)
    session.teams()

    real_replace = os.replace

    def killed(temp, path):
        if str(path).endswith(COMMIT_FILE):
            return real_replace(temp, path)
        raise SystemExit("killed")  # after the commit record is saved, before any rename

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(SystemExit):
        flourish.import_pulse(CSV)
    monkeypatch.undo()
    assert (root / COMMIT_FILE).exists()

    session.add_action(schools[0].id, "Share the pulse results with staff")
    assert not (root / COMMIT_FILE).exists()
    assert all(session.pulse_results(name) for name in SCHOOLS)
    assert [a.title for a in session.actions(schools[0].id)] == [
        "Share the pulse results with staff"
    ]


def test_a_refused_change_to_two_files_writes_neither(root, flourish, snapshot):
    before = snapshot(root)
    with pytest.raises(Exception, match="not valid Unicode"):
        flourish.add_team("Broken \udcff School", start=date(2026, 9, 1), coach=_coach())
    assert snapshot(root) == before
    assert os.listdir(root / "teams") == []


def _coach():
    from domain.records import Person

    return Person(name="Coach")
