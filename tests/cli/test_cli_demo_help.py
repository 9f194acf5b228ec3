"""`flourish demo`, the --demo / --workspace options on either side of the command, and --help."""

import sys

import pytest
from cli_support import CLUSTER_NAME, ok, ok_json, one_line_error, snapshot


def test_demo_creates_refuses_again_and_resets_with_force(flourish, tmp_path):
    root = tmp_path / "demo"
    made = ok(flourish("demo", "--workspace", root))
    assert (root / "cluster.json").is_file()
    assert str(root) in made.stdout
    assert len(ok_json(flourish("--workspace", root, "status", "--json"))) == 7  # seven schools

    before = snapshot(root)
    one_line_error(flourish("--workspace", root, "demo"))
    assert snapshot(root) == before

    ok(flourish("--workspace", root, "demo", "--force"))
    assert (root / "cluster.json").is_file()


def test_demo_and_workspace_options_before_or_after_the_command(flourish, env, monkeypatch):
    if sys.platform != "linux":
        pytest.skip("the private demo folder relies on XDG_DATA_HOME")
    from storage.paths import demo_workspace

    monkeypatch.setenv("XDG_DATA_HOME", env["XDG_DATA_HOME"])
    demo_root = demo_workspace()
    assert demo_root.is_relative_to(env["XDG_DATA_HOME"])
    # A plain workspace where --demo looks, so this test does not depend on the demo builder.
    ok(
        flourish(
            "--workspace",
            demo_root,
            "init",
            "--name",
            CLUSTER_NAME,
            "--timezone",
            "Europe/London",
            "--chair",
            "C",
        )
    )
    added = ok(
        flourish("--demo", "team", "add", "--name", "Demo Den", "--start", "today", "--coach", "C")
    )
    assert "Demo Den" in added.stdout
    teams = ok_json(flourish("team", "list", "--json", "--demo"))
    assert [t["name"] for t in teams] == ["Demo Den"]


def test_help(flourish):
    top = ok(flourish("--help"))
    for command in (
        *("init", "demo", "status", "team", "checkin", "action", "challenge"),
        *("schedule", "briefing", "cluster"),
    ):
        assert command in top.stdout
    sub = ok(flourish("checkin", "add", "--help"))
    for option in ("--team", "--date", "--notes", "--action", "--update", "--next"):
        assert option in sub.stdout
    challenge = ok(flourish("challenge", "--help")).stdout
    for action in ("escalate", "respond", "resolve", "reopen", "withdraw", "show", "edit", "link"):
        assert action in challenge
    revise = ok(flourish("schedule", "revise", "--help")).stdout
    for option in ("--shift", "--from-stage", "--from", "--move", "--to", "--dry-run"):
        assert option in revise
