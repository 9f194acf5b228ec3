"""Sharing from the command line: a chair shares, a coach joins, `sync` reports in one line
with its exit code (0 done, 3 to review, 4 offline, 2 bad input), and conflicts are listed,
shown and resolved."""

import pytest
from cli_support import HILLSIDE, ok, ok_json, one_line_error, run_cli, snapshot


@pytest.fixture
def shared(fl, flourish, workspace, tmp_path):
    """The two-team workspace shared at a bare repository, and a coach's workspace joined."""
    remote = tmp_path / "remote.git"
    out = ok(fl("share", "init", "--git", str(remote))).stdout
    assert "Shared the cluster 'North Cluster'" in out and "share join --git" in out
    coach = tmp_path / "coach"
    joined = ok(
        flourish(
            "share",
            "join",
            "--git",
            str(remote),
            "--as",
            "Cat Coach, cat@example.org",
            "--workspace",
            coach,
        )
    ).stdout
    assert "Joined the cluster" in joined and "from Chris Chair" in joined

    def as_coach(*args):
        return flourish(*args, "--workspace", coach)

    return remote, as_coach


def test_a_check_in_from_the_coach_reaches_the_chair_with_who_sent_it(fl, shared):
    _, coach = shared
    ok(coach("checkin", "add", "--team", HILLSIDE, "--date", "2026-11-20", "--notes", "Good"))
    assert ok(coach("sync")).stdout == "Shared 1 of yours.\n"
    result = fl("sync")
    assert result.returncode == 0
    assert result.stdout == "Received 1 change from Cat Coach.\n"
    listed = ok_json(fl("checkin", "list", "--team", HILLSIDE, "--json"))
    assert [c["notes"] for c in listed] == ["Good"]
    assert ok_json(fl("sync", "--json"))["received"] == 0


def test_a_clash_exits_3_and_is_shown_and_resolved(fl, shared):
    _, coach = shared
    ok(fl("action", "add", "--team", HILLSIDE, "--title", "Plan"))
    (action,) = ok_json(fl("action", "list", "--json"))
    ok(fl("sync")), ok(coach("sync"))
    ok(fl("action", "update", action["id"][:8], "--owner", "Chair's pick"))
    ok(coach("action", "update", action["id"][:8], "--owner", "Coach's pick"))
    ok(coach("sync"))
    result = fl("sync")
    assert result.returncode == 3 and "1 to review" in result.stdout
    (conflict,) = ok_json(fl("conflicts", "--json"))
    assert conflict["field"] == "owner"
    assert {conflict["kept"]["by"], conflict["other"]["by"]} == {"Chris Chair", "Cat Coach"}
    shown = ok(fl("conflicts", "show", conflict["id"][:4])).stdout
    assert "Chair's pick" in shown and "Coach's pick" in shown and "(yours)" in shown
    ok(fl("conflicts", "resolve", conflict["id"][:4], "--keep", "mine"))
    assert ok(fl("conflicts")).stdout == "Nothing to review.\n"
    assert fl("sync").returncode == 0
    assert coach("sync").returncode == 0
    owners = {ok_json(run("action", "list", "--json"))[0]["owner"] for run in (fl, coach)}
    assert owners == {"Chair's pick"}


def test_an_unreachable_remote_exits_4_and_keeps_the_change(fl, shared):
    remote, coach = shared
    remote.rename(remote.with_name("gone.git"))
    ok(coach("checkin", "add", "--team", HILLSIDE, "--date", "2026-11-20", "--notes", "Kept"))
    result = coach("sync")
    assert result.returncode == 4
    assert "not shared yet" in result.stdout and "could not be reached" in result.stderr
    assert "Kept" in ok(coach("checkin", "list", "--team", HILLSIDE)).stdout
    status = ok_json(coach("share", "status", "--json"))
    assert status["not_shared"] == 1 and status["offline"]


def test_share_members_and_log_say_who(fl, shared):
    _, coach = shared
    ok(coach("checkin", "add", "--team", HILLSIDE, "--date", "2026-11-20", "--notes", "x"))
    ok(coach("sync"))
    ok(fl("sync"))
    members = ok_json(fl("share", "members", "--json"))
    assert [(m["name"], m["status"]) for m in members] == [
        ("Cat Coach", "pending"),
        ("Chris Chair", "approved"),
    ]
    listed = ok(fl("share", "members")).stdout
    assert "pending  Cat Coach" in listed and members[0]["fingerprint"] in listed
    assert "Cat Coach asked to join" in ok(fl("share", "status")).stdout
    approved = ok(fl("share", "approve", "Cat Coach", "--role", "coach", "--teams", HILLSIDE))
    assert "Approved Cat Coach as coach, reading Hillside" in approved.stdout
    members = ok_json(fl("share", "members", "--json"))
    assert [(m["name"], m["role"], m["status"]) for m in members] == [
        ("Chris Chair", "chair", "approved"),
        ("Cat Coach", "coach", "approved"),
    ]
    log = ok(fl("share", "log", "--team", HILLSIDE, "--limit", "2")).stdout
    assert "Chris Chair: Approved Cat Coach as coach" in log
    assert "Cat Coach: Changed 1 check-in" in log


@pytest.mark.parametrize(
    "args, message",
    [
        (("share", "join", "--git", "{remote}", "--workspace", "{new}"), "Say who you are"),
        (
            ("share", "join", "--git", "{tmp}/nothing-here", "--as", "Al", "--workspace", "{new}"),
            "is not a git repository",
        ),
        (("share", "init", "--git", "{remote}"), "already shared"),
        (("conflicts", "show", "zz"), "No conflict"),
        (("conflicts", "resolve", "zz", "--keep", "both"), "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(flourish, shared, tmp_path, workspace, args, message):
    remote, _ = shared
    before = snapshot(workspace)
    values = {"remote": remote, "new": tmp_path / "new", "tmp": tmp_path}
    args = [a.format(**values) for a in args]
    result = flourish(*args, *([] if "--workspace" in args else ["--workspace", workspace]))
    assert message in one_line_error(result)
    assert snapshot(workspace) == before
    assert not (tmp_path / "new").exists()


def test_a_workspace_that_is_not_shared_says_how_to_share(fl):
    assert "flourish share init --git URL" in one_line_error(fl("sync"))


def test_a_joiner_needs_an_existing_share(flourish, tmp_path, env):
    empty = tmp_path / "empty.git"
    run_cli(
        env,
        "--workspace",
        tmp_path / "x",
        "init",
        "--name",
        "N",
        "--timezone",
        "Europe/London",
        "--chair",
        "C",
    )  # a workspace to make an empty repository from
    from dulwich.repo import Repo

    Repo.init_bare(str(empty), mkdir=True)
    result = flourish(
        "share", "join", "--git", str(empty), "--as", "Al", "--workspace", tmp_path / "new"
    )
    assert "holds no shared cluster yet" in one_line_error(result)
    assert not (tmp_path / "new").exists()
