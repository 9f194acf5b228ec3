"""Sharing through a synced folder from the command line: `share init --folder`, `share join
--folder`, `sync` through it (both laptops use one folder here, as a network drive gives
it), `share status` and `share doctor`, and what is refused."""

import pytest
from cli_support import HILLSIDE, ok, ok_json, one_line_error, snapshot


@pytest.fixture
def shared(fl, flourish, tmp_path):
    folder = tmp_path / "OneDrive-free" / "City cluster"
    folder.parent.mkdir()
    out = ok(fl("share", "init", "--folder", str(folder))).stdout
    assert f"share join --folder {folder}" in out
    coach = tmp_path / "coach"
    joined = ok(
        flourish(
            "share",
            "join",
            "--folder",
            str(folder),
            "--as",
            "Cat Coach, cat@example.org",
            "--workspace",
            coach,
        )
    ).stdout
    assert f"Joined the cluster at {folder} as Cat Coach" in joined
    assert "Ask the chair to approve you" in joined
    ok(fl("share", "approve", "cat@example.org", "--role", "coach", "--teams", HILLSIDE))

    def as_coach(*args):
        return flourish(*args, "--workspace", coach)

    return folder, as_coach


def test_a_check_in_travels_through_the_folder(fl, shared):
    folder, coach = shared
    ok(coach("checkin", "add", "--team", HILLSIDE, "--date", "2026-11-20", "--notes", "Good"))
    assert ok(coach("sync")).stdout == "Shared 1 of yours.\n"
    assert ok(fl("sync")).stdout == "Received 1 change from Cat Coach.\n"
    assert [c["notes"] for c in ok_json(fl("checkin", "list", "--json"))] == ["Good"]
    status = ok(fl("share", "status")).stdout
    assert f"Shared at   {folder}" in status
    assert ok(fl("share", "doctor")).stdout == "This workspace's share is in order.\n"
    assert (
        sorted(p.suffix for p in (folder / "outbox").iterdir()) == [".bundle"] * 2 + [".json"] * 2
    )


def test_a_bundle_cut_short_exits_4_and_says_whose(fl, shared):
    folder, coach = shared
    ok(coach("action", "add", "--team", HILLSIDE, "--title", "Plan"))
    ok(coach("sync"))
    hint = next(p for p in (folder / "outbox").glob("*.json") if "Cat Coach" in p.read_text())
    bundle = hint.with_suffix(".bundle")
    bundle.write_bytes(bundle.read_bytes()[:100])
    result = fl("sync")
    assert result.returncode == 4
    assert "Cat Coach's latest changes have not fully arrived yet" in result.stdout
    doctor = fl("share", "doctor")
    assert doctor.returncode == 3 and "Cat Coach's latest changes" in doctor.stdout


def test_init_refuses_both_ways_at_once_and_a_folder_in_the_workspace(fl, workspace, tmp_path):
    before = snapshot(workspace)
    line = one_line_error(fl("share", "init", "--git", str(tmp_path / "r.git"), "--folder", "x"))
    assert "not allowed with argument" in line
    line = one_line_error(fl("share", "init", "--folder", str(workspace / "drive")))
    assert "inside the workspace" in line
    assert snapshot(workspace) == before
