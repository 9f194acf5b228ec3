"""A save that fails (disk full) must leave the saved data as it was and say so clearly."""

import contextlib
import errno
import os
from datetime import date, timedelta

import pytest

import storage.atomic
from storage.errors import WriteFailed
from storage.facade import Flourish

DAY = date(2026, 11, 20)


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


class FullDiskFile:
    """A file whose writes fail as on a full disk."""

    def __init__(self, f):
        self.f = f

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data):
        disk_full()

    def __getattr__(self, name):
        return getattr(self.f, name)


def fail_fsync(monkeypatch):
    monkeypatch.setattr(storage.atomic.os, "fsync", disk_full)


def fail_write(monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(storage.atomic.os, "fdopen", lambda *a: FullDiskFile(real_fdopen(*a)))


@pytest.fixture(params=[fail_fsync, fail_write], ids=["fsync", "write"])
def fault(request, monkeypatch):
    """Turns the fault on inside a `with fault():` block."""

    @contextlib.contextmanager
    def inject():
        with monkeypatch.context() as patch:
            request.param(patch)
            yield

    return inject


def test_failed_save_raises_a_clear_error_and_keeps_the_file_as_it_was(
    root, clock, team, team_path, fault, temp_files
):
    f = Flourish.open(root, clock=clock)
    kept = f.log_checkin(team.id, on=DAY, notes="Saved before the disk filled")
    before = team_path.read_bytes()

    with fault(), pytest.raises(WriteFailed) as error:
        f.log_checkin(team.id, on=DAY, notes="Lost to a full disk")

    assert "No space left on device" in str(error.value)
    assert str(root) in str(error.value)
    assert team_path.read_bytes() == before
    assert temp_files(root) == []
    assert f.checkins(team.id) == [kept]  # the app does not show what was not saved


def test_a_save_after_the_fault_clears_keeps_earlier_data(
    root, clock, team, team_path, fault, temp_files
):
    f = Flourish.open(root, clock=clock)
    kept = f.log_checkin(team.id, on=DAY, notes="Saved before the disk filled")
    with fault(), pytest.raises(WriteFailed):
        f.log_checkin(team.id, on=DAY, notes="Lost to a full disk")

    later = f.log_checkin(team.id, on=DAY, notes="Saved after space was freed")

    reopened = Flourish.open(root, clock=clock).checkins(team.id)
    assert {c.id for c in reopened} == {kept.id, later.id}
    assert temp_files(root) == []


def test_failed_save_to_the_cluster_file_keeps_it_as_it_was(root, clock, flourish, fault):
    cluster = root / "cluster.json"
    before = cluster.read_bytes()

    with fault(), pytest.raises(WriteFailed):
        flourish.add_briefing("Term 1 briefing", start=clock() + timedelta(days=7))

    assert cluster.read_bytes() == before
    assert Flourish.open(root, clock=clock).briefings() == []
