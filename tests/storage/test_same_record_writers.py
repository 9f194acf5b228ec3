"""Several long-running sessions changing one record at once: every change is kept.

Each session (as the app is) holds one facade for its whole run, so its copy of the files goes
stale as the others write; a change must be computed from the record as it is on disk under
the lock, or one writer's note silently replaces another's.
"""

from datetime import timedelta

import pytest

from storage.facade import Flourish

WRITERS, EACH = 3, 12

# Waits for the go file, then makes EACH changes to the record named by `what`.
WRITER = f"""
from datetime import timedelta
kind, record_id, tag, go = ARGS
f = Flourish.open(ROOT, clock=CLOCK, user=tag)
f.actions(), f.challenges(), f.briefings()  # a warm copy, as a long-running app holds
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.002)
for i in range({EACH}):
    if kind == "action":
        f.update_action(record_id, note=f"{{tag}} note {{i}}")
    elif kind == "challenge":
        f.respond_to_challenge(record_id, kind="meeting", outcome=f"{{tag}} outcome {{i}}")
    else:
        field = {{"a": "title", "b": "agenda", "c": "minutes"}}[tag[-1]]
        if field == "minutes":
            f.move_briefing(record_id, minutes=30 + i + 1)
        else:
            f.update_briefing(record_id, **{{field: f"{{tag}} {{field}} {{i}}"}})
print("done", flush=True)
"""


@pytest.fixture
def race(root, tmp_path, spawn, wait_for, stderr_of):
    """Run WRITERS sessions changing one record at once; returns when all are done."""

    def run(kind: str, record_id: str) -> None:
        go = tmp_path / f"go-{kind}"
        writers = [
            spawn(WRITER, root, kind, record_id, f"writer-{'abc'[n]}", str(go))
            for n in range(WRITERS)
        ]
        for writer in writers:
            wait_for(writer, "ready")
        go.touch()
        for writer in writers:
            assert writer.wait(timeout=120) == 0, stderr_of(writer)
            assert writer.stdout.read().splitlines()[-1] == "done"

    return run


def test_notes_added_to_one_action_at_once_are_all_kept(root, clock, flourish, team, race):
    action = flourish.add_action(team.id, "Weekly 90-minute SLT meeting")
    race("action", action.id)
    notes = Flourish.open(root, clock=clock).action(action.id).notes
    assert sorted(n.text for n in notes) == sorted(
        f"writer-{w} note {i}" for w in "abc" for i in range(EACH)
    )


def test_responses_to_one_challenge_at_once_are_all_kept(root, clock, flourish, team, race):
    challenge = flourish.raise_challenge(
        team.id, category="staff-shortage", title="Staffing cuts", description="Two posts frozen."
    )
    flourish.escalate_challenge(
        challenge.id, reason="Needs the authority", schedule_impact="Stage 2 slips"
    )
    race("challenge", challenge.id)
    kept = Flourish.open(root, clock=clock).challenge(challenge.id)
    assert sorted(r.outcome for r in kept.responses) == sorted(
        f"writer-{w} outcome {i}" for w in "abc" for i in range(EACH)
    )


def test_edits_to_one_briefing_at_once_each_keep_the_others_fields(root, clock, flourish, race):
    briefing = flourish.add_briefing(
        "Termly briefing", start=clock.now + timedelta(days=10), agenda="First draft"
    )
    race("briefing", briefing.id)
    kept = Flourish.open(root, clock=clock).briefing(briefing.id)
    # Each writer's last change to its own field survives the others' changes to theirs,
    # and every change raised the sequence calendars go by.
    assert kept.title == f"writer-a title {EACH - 1}"
    assert kept.agenda == f"writer-b agenda {EACH - 1}"
    assert kept.minutes == 30 + EACH
    assert kept.sequence == briefing.sequence + WRITERS * EACH
