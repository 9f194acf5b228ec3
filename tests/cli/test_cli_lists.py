"""The list commands and `status`: JSON arrays for scripts, readable tables for people.

One workspace is seeded for the whole module and then only read."""

import shutil

import pytest
from cli_support import HILLSIDE, HILLTOP, base_env, ok, ok_json, run_cli

MARKS = "St [Mark]'s"


@pytest.fixture(scope="module")
def seeded(template, tmp_path_factory):
    """The two-team workspace plus a third team with brackets in its name, two actions for
    Hillside (one overdue, one due this Friday), a challenge for Hilltop and a briefing.
    Returns a runner for read-only commands and the seeding commands' output."""
    base = tmp_path_factory.mktemp("seeded")
    root = base / "workspace"
    shutil.copytree(template[0], root)
    env = base_env(base / "xdg")

    def run(*args):
        return run_cli(env, "--workspace", root, *args)

    out = {
        "team": ok(run("team", "add", "--name", MARKS, "--start", "2026-09-01", "--coach", "Zed")),
        "overdue": ok(
            run("action", "add", "--team", "hillside", "--title", "Audit", "--due", "2026-11-01")
        ),
        # Sunday 22 Nov: "fri" for a due date is the coming Friday.
        "friday": ok(
            run(
                "action",
                "add",
                "--team",
                "hillside",
                "--title",
                "Survey staff",
                "--due",
                "fri",
                "--status",
                "in-progress",
                "--owner",
                "Ann Able",
            )
        ),
        "challenge": ok(
            run(
                "challenge",
                "add",
                "--team",
                "hilltop",
                "--category",
                "staff-shortage",
                "--title",
                "Two teachers off sick",
            )
        ),
        "briefing": ok(
            run(
                "briefing",
                "add",
                "--title",
                "End of stage 1",
                "--start",
                "2026-12-03 15:30",
                "--minutes",
                "45",
                "--attendee",
                "Lee, Line manager, lee@x.org",
            )
        ),
    }
    return run, out


def test_team_list_json_and_table(seeded, team_ids):
    run, _ = seeded
    teams = ok_json(run("team", "list", "--json"))
    assert isinstance(teams, list)
    assert [t["name"] for t in teams] == [HILLSIDE, HILLTOP, MARKS]
    assert teams[0]["id"] == team_ids[HILLSIDE]
    table = ok(run("team", "list")).stdout
    for name in (HILLSIDE, HILLTOP, MARKS):
        assert name in table  # literally: "[Mark]" is not eaten as markup


def test_team_add_with_members_and_team_show(seeded):
    run, _ = seeded
    shown = ok(run("team", "show", "hillside")).stdout
    for text in (
        HILLSIDE,
        "Cat Coach",
        "cat@example.org",
        "Ann Able",
        "Headteacher",
        "ann@hillside.example",
        "Bo Bell",
        "Deputy head",
        "Lee Lane",
        "Line manager",
        "lee@trust.example",
    ):
        assert text in shown


def test_action_list_filters(seeded, team_ids):
    run, out = seeded
    assert "Survey staff" in out["friday"].stdout
    actions = ok_json(run("action", "list", "--json"))
    assert isinstance(actions, list)
    by_title = {a["title"]: a for a in actions}
    assert set(by_title) == {"Audit", "Survey staff"}
    assert by_title["Survey staff"]["due"] == "2026-11-27"  # the coming Friday
    assert by_title["Survey staff"]["owner"] == "Ann Able"
    assert by_title["Audit"]["team_id"] == team_ids[HILLSIDE]

    in_progress = ok_json(run("action", "list", "--status", "in progress", "--json"))
    assert [a["title"] for a in in_progress] == ["Survey staff"]
    overdue = ok_json(run("action", "list", "--overdue", "--json"))
    assert [a["title"] for a in overdue] == ["Audit"]


def test_challenge_list(seeded, team_ids):
    run, out = seeded
    assert "internal" in out["challenge"].stdout  # staff-shortage is an internal challenge
    challenges = ok_json(run("challenge", "list", "--json"))
    assert isinstance(challenges, list) and len(challenges) == 1
    (challenge,) = challenges
    assert challenge["category"] == "staff-shortage"
    assert challenge["team_id"] == team_ids[HILLTOP]
    assert challenge["title"] == "Two teachers off sick"
    assert challenge["raised_on"] == "2026-11-22"


def test_briefing_list_shows_local_start_and_attendees(seeded):
    run, _ = seeded
    briefings = ok_json(run("briefing", "list", "--json"))
    assert isinstance(briefings, list) and len(briefings) == 1
    (briefing,) = briefings
    assert briefing["start"] == "2026-12-03T15:30:00+00:00"  # Europe/London is on GMT
    assert briefing["minutes"] == 45
    assert briefing["team_id"] is None  # for the whole cluster
    assert briefing["attendees"] == [{"name": "Lee", "role": "Line manager", "email": "lee@x.org"}]


def test_status_json(seeded):
    run, _ = seeded
    rows = ok_json(run("status", "--json"))
    assert isinstance(rows, list)
    by_team = {r["team"]: r for r in rows}
    assert set(by_team) == {HILLSIDE, HILLTOP, MARKS}
    hillside, hilltop = by_team[HILLSIDE], by_team[HILLTOP]
    for row in rows:
        assert row["stage"] == 1
        assert row["program_month"] == 3
        # Started 1 Sep, never seen, 4-week cadence: due 29 Sep, 54 days late on 22 Nov.
        assert row["checkin_overdue_days"] == 54
    assert (hillside["actions_done"], hillside["actions_total"], hillside["actions_overdue"]) == (
        0,
        2,
        1,
    )
    assert hillside["challenges_open"] == 0
    assert (hilltop["actions_total"], hilltop["challenges_open"]) == (0, 1)


def test_status_table_names_every_team_literally(seeded):
    run, _ = seeded
    table = ok(run("status")).stdout
    for name in (HILLSIDE, HILLTOP, MARKS):
        assert name in table


def test_team_show_json_gives_the_team_and_where_it_stands(seeded):
    run, _ = seeded
    shown = ok_json(run("team", "show", HILLSIDE, "--json"))
    assert shown["team"]["name"] == HILLSIDE
    assert shown["status"]["team"] == HILLSIDE
