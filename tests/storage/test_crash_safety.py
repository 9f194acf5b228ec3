"""Kill -9 at random moments: every check-in the app acknowledged is still there afterwards."""

import random
import signal
import time

from storage.facade import Flourish

KILLS = 30

# Logs check-ins until killed, printing each id only once log_checkin has returned.
LOGGER = """
team_id, tag = ARGS
print("ready", flush=True)
f = Flourish.open(ROOT, clock=CLOCK)
i = 0
while True:
    checkin = f.log_checkin(team_id, on=DAY, notes=f"{tag} #{i}")
    print(checkin.id, flush=True)
    i += 1
"""


def acknowledged_ids(output: str) -> set[str]:
    """Ids on complete lines: a line cut short by the kill was never acknowledged."""
    return {line.strip() for line in output.splitlines(keepends=True) if line.endswith("\n")}


def test_checkins_acknowledged_before_a_kill_survive_it(
    root, clock, team, spawn, wait_for, stderr_of, temp_files
):
    sleeps = random.Random(KILLS)
    acknowledged: set[str] = set()
    for kill in range(1, KILLS + 1):
        child = spawn(LOGGER, root, team.id, f"run {kill}")
        wait_for(child, "ready")
        time.sleep(sleeps.uniform(0, 0.150))
        child.send_signal(signal.SIGKILL)
        printed = child.stdout.read()
        child.wait()
        assert child.returncode == -signal.SIGKILL, stderr_of(child)
        acknowledged |= acknowledged_ids(printed)

        f = Flourish.open(root, clock=clock)
        stored = {c.id for c in f.checkins(team.id)}

        assert acknowledged <= stored, f"lost after kill {kill}: {acknowledged - stored}"
        assert len(stored) <= len(acknowledged) + kill  # at most one unacknowledged per kill
        assert temp_files(root) == []
    assert len(acknowledged) > KILLS  # the kills did land while check-ins were being saved
