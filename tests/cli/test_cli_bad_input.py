"""Bad input: one non-empty line on stderr, nothing on stdout, exit 2, and nothing written."""

import re

import filelock
import pytest
from cli_support import HILLSIDE, HILLTOP, ok, one_line_error, snapshot

BAD = [
    pytest.param(
        ["checkin", "add", "--team", "hillside", "--date", "2026-02-30", "--notes", "n"],
        ["2026-02-30"],
        id="impossible-date",
    ),
    pytest.param(
        ["checkin", "add", "--team", "hillside", "--date", "someday", "--notes", "n"],
        ["someday"],
        id="garbage-date",
    ),
    pytest.param(
        ["checkin", "add", "--team", "Riverside", "--notes", "n"],
        ["Riverside"],
        id="unknown-team",
    ),
    pytest.param(
        ["checkin", "add", "--team", "hill", "--notes", "n"],
        [HILLSIDE, HILLTOP],
        id="ambiguous-team",
    ),
    pytest.param(
        ["checkin", "add", "--team", "hillside", "--kind", "chat", "--notes", "n"],
        ["chat"],
        id="unknown-kind",
    ),
    pytest.param(
        ["checkin", "add", "--team", "hillside", "--date", "tomorrow", "--notes", "n"],
        ["future"],
        id="checkin-in-the-future",
    ),
    pytest.param(
        ["briefing", "add", "--title", "B", "--start", "2026-12-03 15:30", "--minutes", "29"],
        ["29"],
        id="briefing-too-short",
    ),
    pytest.param(
        ["briefing", "add", "--title", "B", "--start", "2026-12-03 15:30", "--minutes", "61"],
        ["61"],
        id="briefing-too-long",
    ),
    pytest.param(
        ["action", "add", "--team", "hillside", "--title", "T", "--status", "finished"],
        ["finished"],
        id="unknown-action-status",
    ),
    pytest.param(
        [
            *("challenge", "add", "--team", "hillside", "--title", "T"),
            *("--category", "staff-shortage", "--kind", "external"),
        ],
        ["staff-shortage", "internal"],
        id="category-kind-mismatch",
    ),
    pytest.param(
        ["checkin", "add", "--notes", "n"],
        ["--team"],
        id="missing-required-option",
    ),
]


@pytest.mark.parametrize(("args", "mentions"), BAD)
def test_bad_input_is_one_line_and_writes_nothing(fl, workspace, args, mentions):
    before = snapshot(workspace)
    line = one_line_error(fl(*args))
    for text in mentions:
        assert text in line
    assert snapshot(workspace) == before


def test_bad_update_status_leaves_the_whole_checkin_unwritten(fl, workspace):
    added = ok(fl("action", "add", "--team", "hillside", "--title", "Draft comms plan"))
    short_id = re.search(r"\(id ([0-9a-f]{8})\)", added.stdout)[1]
    before = snapshot(workspace)
    result = fl(
        "checkin",
        "add",
        "--team",
        "hillside",
        "--notes",
        "n",
        "--action",
        "A new action",
        "--update",
        f"{short_id}=finished",
    )
    assert "finished" in one_line_error(result)
    assert snapshot(workspace) == before


def test_missing_workspace_points_to_init_and_demo(flourish, tmp_path):
    missing = tmp_path / "nowhere"
    line = one_line_error(flourish("--workspace", missing, "status"))
    assert "flourish init" in line and "flourish demo" in line
    assert not missing.exists()


def test_corrupt_workspace_names_the_file_and_leaves_it(fl, workspace):
    cluster = workspace / "cluster.json"
    cluster.write_bytes(b"{not json at all\n")
    before = snapshot(workspace)
    line = one_line_error(fl("checkin", "add", "--team", "hillside", "--notes", "n"))
    assert "cluster.json" in line
    assert cluster.read_bytes() == b"{not json at all\n"
    assert snapshot(workspace) == before


def test_locked_workspace_is_busy(fl, workspace):
    before = snapshot(workspace)
    with filelock.FileLock(str(workspace / ".lock")):
        result = fl(
            "checkin",
            "add",
            "--team",
            "hillside",
            "--notes",
            "n",
            env_extra={"FLOURISH_LOCK_TIMEOUT": "0.3"},
        )
    assert "busy" in one_line_error(result)
    assert snapshot(workspace) == before


def test_bad_lock_timeout_setting_is_one_line(fl, workspace):
    before = snapshot(workspace)
    result = fl("status", env_extra={"FLOURISH_LOCK_TIMEOUT": "soon"})
    assert "FLOURISH_LOCK_TIMEOUT" in one_line_error(result)
    assert snapshot(workspace) == before


def test_init_refuses_an_existing_workspace(flourish, workspace):
    before = snapshot(workspace)
    result = flourish(
        "init",
        "--workspace",
        workspace,
        "--name",
        "Another",
        "--timezone",
        "Europe/London",
        "--chair",
        "Someone Else",
    )
    assert "already exists" in one_line_error(result)
    assert snapshot(workspace) == before


def test_init_refuses_an_unknown_timezone(flourish, tmp_path):
    root = tmp_path / "mars"
    result = flourish(
        "init", "--workspace", root, "--name", "Red", "--timezone", "Mars/Olympus", "--chair", "M"
    )
    assert "Mars/Olympus" in one_line_error(result)
    assert not root.exists()
