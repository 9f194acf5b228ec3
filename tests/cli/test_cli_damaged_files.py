"""A damaged record, a missing file, a read-only folder: one line that names the file and the
backup to restore from, exit 2, and nothing written."""

import json
import os
import shutil
import sys
from datetime import UTC, datetime

import pytest
from cli_support import HILLSIDE, ok, one_line_error, snapshot

from storage.facade import Flourish
from storage.workspace import KEEP_BACKUPS


def team_file(workspace, team_ids):
    return workspace / "teams" / f"{team_ids[HILLSIDE]}.json"


def damage_a_checkin(path):
    """An impossible date in one check-in: the file is still valid JSON."""
    data = json.loads(path.read_text())
    (checkin,) = data["checkins"].values()
    checkin["date"] = "2026-02-31"
    path.write_text(json.dumps(data))


def test_a_damaged_record_refuses_a_write_to_its_file_in_one_line(fl, workspace, team_ids):
    ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-11-20", "--notes", "Visit"))
    damage_a_checkin(team_file(workspace, team_ids))
    before = snapshot(workspace)

    line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "Another"))
    assert team_ids[HILLSIDE] in line and "not valid" in line
    assert snapshot(workspace) == before


def test_a_damaged_record_is_one_line_when_listed_and_names_a_good_backup(fl, workspace, team_ids):
    ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-11-20", "--notes", "Visit"))
    backups = workspace / "backups"
    shutil.rmtree(backups, ignore_errors=True)
    ok(fl("status"))  # opening takes the day's backup, with the good check-in
    damage_a_checkin(team_file(workspace, team_ids))

    line = one_line_error(fl("checkin", "list"))
    (backup,) = backups.iterdir()
    assert str(backup) in line and "copy it over the damaged file" in line


TOMORROW = {"FLOURISH_NOW": "2026-11-23T09:00:00+00:00"}


def test_a_deleted_team_file_is_refused_and_names_its_backup(fl, workspace, team_ids):
    ok(fl("status", env_extra=TOMORROW))  # the day's backup, holding the team's file
    team_file(workspace, team_ids).unlink()
    before = snapshot(workspace)
    for command in (("checkin", "list", "--team", "hillside"), ("status",)):
        line = one_line_error(fl(*command))
        assert "is missing" in line and "backups" in line and "copy it back" in line
    assert snapshot(workspace) == before


def test_a_deleted_cluster_file_is_refused_and_init_will_not_start_over(fl, flourish, workspace):
    ok(fl("status"))
    (workspace / "cluster.json").unlink()
    before = snapshot(workspace)

    line = one_line_error(fl("status"))
    assert "cluster.json is missing" in line and "copy it back" in line
    assert "flourish init" not in line

    refused = flourish(
        "init",
        "--name",
        "New",
        "--timezone",
        "Europe/London",
        "--chair",
        "C",
        "--workspace",
        workspace,
    )
    assert "cluster.json is missing" in one_line_error(refused)
    assert snapshot(workspace) == before


def test_rotation_keeps_the_last_backup_of_a_file_that_is_gone(fl, workspace, team_ids, env):
    """Backups rotate daily; a file deleted now must not lose its last copy ten days on."""
    ok(fl("status", env_extra=TOMORROW))
    path = team_file(workspace, team_ids)
    relative = path.relative_to(workspace)
    path.unlink()
    for day in range(1, KEEP_BACKUPS + 3):  # a backup a day, as opening takes them
        Flourish.open(workspace, clock=lambda day=day: datetime(2026, 12, day, 9, tzinfo=UTC))
    copies = [b for b in (workspace / "backups").iterdir() if (b / relative).exists()]
    assert copies, "the only copy of the deleted team file was rotated away"


def test_a_backup_cut_short_is_never_offered(workspace):
    """A kill mid-backup leaves a hidden, partial folder: never listed, removed next time."""
    partial = workspace / "backups" / ".partial-20261122T090000Z"
    (partial / "teams").mkdir(parents=True)
    f = Flourish.open(workspace)
    assert partial not in f.ws.backups()
    with f.ws.lock():
        f.ws.backup()
    assert not partial.exists()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_workspace_can_still_be_read(fl, workspace):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "Visit"))
    folders = [workspace, workspace / "teams", workspace / "backups"]
    for folder in folders:
        folder.chmod(0o500)
    try:
        assert "Visit" in ok(fl("checkin", "list")).stdout
        line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "More"))
        assert "can be read but not changed" in line
    finally:
        for folder in folders:
            folder.chmod(0o700)


def test_a_workspace_whose_lock_cannot_be_taken_can_still_be_read(fl, workspace):
    """As in a read-only folder (a lock that cannot be opened fails even for root)."""
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "Visit"))
    (workspace / ".lock").unlink()
    (workspace / ".lock").mkdir()
    before = snapshot(workspace)
    assert "Visit" in ok(fl("checkin", "list", env_extra=TOMORROW)).stdout
    line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "More"))
    assert "can be read but not changed" in line
    assert snapshot(workspace) == before


def test_a_backups_folder_that_cannot_be_written_does_not_stop_reading(fl, workspace):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "Visit"))
    shutil.rmtree(workspace / "backups")
    (workspace / "backups").write_text("not a folder")
    assert "Visit" in ok(fl("checkin", "list", env_extra=TOMORROW)).stdout
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "More", env_extra=TOMORROW))


def test_an_export_into_the_workspace_is_refused(fl, workspace):
    before = snapshot(workspace)
    for target in (workspace / "cluster.json", workspace / "teams" / "x.ics", workspace / "a.csv"):
        line = one_line_error(fl("export", "ics", "-o", target))
        assert "inside the workspace" in line
    assert snapshot(workspace) == before


def test_a_sync_tools_copy_of_a_team_file_is_never_read_as_a_team_and_is_named(
    fl, workspace, team_ids
):
    original = team_file(workspace, team_ids)
    for copy in (
        f"{original.stem}.sync-conflict-20261204-233701-ABC.json",
        f"{original.stem} (Jo's conflicted copy 2026-12-04).json",
    ):
        shutil.copy(original, original.with_name(copy))
    result = ok(fl("status"))
    assert "2 files Flourish does not read" in result.stderr
    assert "sync-conflict" in result.stderr
    assert len(ok(fl("team", "list", "--json")).stdout.split('"id"')) == 3  # still two teams


def test_a_team_id_that_is_a_path_is_refused(fl, workspace, team_ids):
    cluster = workspace / "cluster.json"
    cluster.write_text(cluster.read_text().replace(team_ids[HILLSIDE], "../../elsewhere"))
    before = snapshot(workspace)
    line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "n"))
    assert "is not an id" in line and "cluster.json" in line
    assert snapshot(workspace) == before


def test_a_team_file_from_a_newer_flourish_is_not_rewritten(fl, workspace, team_ids):
    path = team_file(workspace, team_ids)
    data = json.loads(path.read_text())
    data["_meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data))
    before = snapshot(workspace)
    line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "n"))
    assert "newer Flourish" in line and "Upgrade" in line
    assert snapshot(workspace) == before


def test_a_team_name_that_is_not_unicode_writes_nothing(fl, workspace):
    before = snapshot(workspace)
    line = one_line_error(
        fl("team", "add", "--name", "Bad \udcff", "--start", "2026-09-01", "--coach", "C")
    )
    assert "nothing was saved" in line
    assert snapshot(workspace) == before
