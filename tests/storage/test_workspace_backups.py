"""Daily backups: taken on open when the newest is a day old, rotated, and true snapshots."""

from datetime import date, timedelta

import orjson

from storage.facade import Flourish
from storage.workspace import KEEP_BACKUPS

DAY = date(2026, 11, 20)


def backup_names(root) -> list[str]:
    return sorted(p.name for p in (root / "backups").iterdir())


def test_first_open_backs_up_every_file(root, clock, add_team, snapshot):
    add_team("Ash Primary")
    add_team("Beech High")
    live = {k: v for k, v in snapshot(root).items() if k.endswith(".json")}

    Flourish.open(root, clock=clock)

    assert backup_names(root) == ["20261122T090000Z"]
    assert snapshot(root / "backups" / "20261122T090000Z") == live
    assert len(live) == 3


def test_a_new_backup_is_taken_only_once_the_newest_is_a_day_old(root, clock, flourish):
    Flourish.open(root, clock=clock)
    clock.advance(hours=23, minutes=59)
    Flourish.open(root, clock=clock)
    assert backup_names(root) == ["20261122T090000Z"]

    clock.advance(minutes=1)
    Flourish.open(root, clock=clock)

    assert backup_names(root) == ["20261122T090000Z", "20261123T090000Z"]


def test_only_the_newest_backups_are_kept(root, clock, flourish):
    taken = []
    for _ in range(KEEP_BACKUPS + 3):
        Flourish.open(root, clock=clock)
        taken.append(clock().strftime("%Y%m%dT%H%M%SZ"))
        clock.advance(days=1)

    assert backup_names(root) == taken[-KEEP_BACKUPS:]


def test_a_backup_does_not_change_when_the_workspace_does(root, clock, team, team_path, snapshot):
    f = Flourish.open(root, clock=clock)
    f.log_checkin(team.id, on=DAY, notes="Before the backup")
    clock.advance(days=1)
    f = Flourish.open(root, clock=clock)
    backup = root / "backups" / "20261123T090000Z"
    taken = snapshot(backup)

    f.log_checkin(team.id, on=DAY, notes="After the backup")
    f.update_team(team.id, name="Hillside Primary School")
    f.add_briefing("Term briefing", start=clock() + timedelta(days=7))

    assert snapshot(backup) == taken
    saved = orjson.loads((backup / "teams" / team_path.name).read_bytes())
    assert [c["notes"] for c in saved["checkins"].values()] == ["Before the backup"]
    assert len(f.checkins(team.id)) == 2


def test_a_backup_survives_the_live_file_being_damaged_in_place(root, clock, flourish):
    Flourish.open(root, clock=clock)
    cluster = root / "cluster.json"
    good = cluster.read_bytes()

    with cluster.open("r+b") as damaged:  # as a disk error or another program would
        damaged.truncate(10)

    assert (root / "backups" / "20261122T090000Z" / "cluster.json").read_bytes() == good


def test_a_new_backup_shares_unchanged_files_and_copies_changed_ones(root, clock, add_team):
    quiet, busy = add_team("Quiet Primary"), add_team("Busy Secondary")
    Flourish.open(root, clock=clock)
    clock.advance(days=1)
    Flourish.open(root, clock=clock).log_checkin(busy.id, on=DAY, notes="Visit")
    clock.advance(days=1)
    Flourish.open(root, clock=clock)

    newer, older = sorted((root / "backups").iterdir(), reverse=True)[:2]
    quiet_file, busy_file = f"teams/{quiet.id}.json", f"teams/{busy.id}.json"
    # Unchanged: the same bytes on disk as the older backup's copy, never the live file.
    assert (newer / quiet_file).stat().st_ino == (older / quiet_file).stat().st_ino
    assert (newer / quiet_file).stat().st_ino != (root / quiet_file).stat().st_ino
    # Changed: a fresh copy holding the check-in.
    assert (newer / busy_file).stat().st_ino != (older / busy_file).stat().st_ino
    assert b"Visit" in (newer / busy_file).read_bytes()
    assert b"Visit" not in (older / busy_file).read_bytes()
