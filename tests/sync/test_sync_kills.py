"""A sync killed at any step (the process gone, no clean-up) leaves a state that the next sync
completes: every change arrives, nothing is doubled, nothing is reported as a clash."""

import subprocess
import sys
from datetime import date

import pytest

from tests.sync.conftest import Cluster

# Each kill point: what the script patches, and whether it dies before or after the original.
KILLS = {
    "after-export": ("storage.sync.share.Share._merge", "before"),
    "after-fetch": ("storage.sync.repo.ShareRepo.fetch", "after"),
    "mid-import": ("storage.sync.share.Share._apply", "after"),
    "before-push": ("storage.sync.repo.ShareRepo.push", "before"),
    "after-push": ("storage.sync.repo.ShareRepo.push", "after"),
}

SCRIPT = """
import importlib, os, sys
from storage.workspace import Workspace
from storage.sync.share import Share
from tests.sync.conftest import Clock, START
from datetime import timedelta

target, when, root = sys.argv[1:4]
module_name, cls_name, method = target.rsplit(".", 2)
cls = getattr(importlib.import_module(module_name), cls_name)
original = getattr(cls, method)

def killed(*args, **kwargs):
    if when == "before":
        os._exit(9)
    result = original(*args, **kwargs)
    os._exit(9)

setattr(cls, method, killed)
clock = Clock(START + timedelta(hours=1))
with Share.open(Workspace.open(root, clock)) as share:
    share.sync()
sys.exit(0)
"""


@pytest.mark.parametrize("step", list(KILLS))
def test_a_sync_killed_at_any_step_is_completed_by_the_next(two: Cluster, step):
    a, b = two.replicas
    b.fl.update_action(two.action_id, owner="Deputy head")
    b.sync()
    logged = a.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="Before the kill")
    a.fl.update_action(two.action_id, status="in-progress")
    target, when = KILLS[step]
    killed = subprocess.run(
        [sys.executable, "-c", SCRIPT, target, when, str(a.root)], capture_output=True
    )
    assert killed.returncode == 9, killed.stderr.decode()
    two.sync_all()
    assert two.converged()
    for r in two.replicas:
        action = r.fl.action(two.action_id)
        assert (action.owner, action.status) == ("Deputy head", "in-progress")
        assert [c.notes for c in r.fl.checkins(two.team_id)] == ["Before the kill"]
        assert r.fl.checkin(logged.id).id == logged.id
        with r.share() as s:
            assert s.conflicts() == []
