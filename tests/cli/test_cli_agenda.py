"""`flourish agenda`: what is due across my teams. Built on a workspace whose records are
added here, so each expectation follows from what the test did."""

from cli_support import HILLSIDE, HILLTOP, ok, ok_json, one_line_error


def agenda(fl, *args, env_extra=None):
    return ok_json(fl("agenda", *args, "--json", env_extra=env_extra))


def add_action(fl, title, due, owner="Ann Able", team="hillside"):
    ok(fl("action", "add", "--team", team, "--title", title, "--due", due, "--owner", owner))


def test_late_things_come_first_then_by_day_with_owner_and_school(fl):
    add_action(fl, "Late one", "2026-11-10")
    add_action(fl, "Due Tuesday", "2026-11-24", owner="Bo Bell")
    add_action(fl, "Next month", "2026-12-20")

    week = agenda(fl, "--cluster")

    actions = [i for i in week["items"] if i["kind"] == "action"]
    assert [a["text"] for a in actions] == ["Late one", "Due Tuesday"]  # not next month
    late = actions[0]
    assert late["late"] and late["late_days"] == 12 and late["who"] == "Ann Able"
    assert late["team"] == HILLSIDE
    assert week["items"].index(late) < week["items"].index(actions[1])
    assert all(i["late"] for i in week["items"][: week["items"].index(actions[1])])


def test_a_coach_by_the_start_of_their_name_sees_only_their_teams(fl):
    add_action(fl, "Hilltop task", "2026-11-25", team="hilltop")
    add_action(fl, "Hillside task", "2026-11-25")

    week = agenda(fl, "--coach", "dan")

    assert week["whose"] == "Dan Drew's teams"
    assert {i["team"] for i in week["items"]} == {HILLTOP}
    assert "Hilltop task" in [i["text"] for i in week["items"]]


def test_me_is_the_name_in_the_settings(fl, tmp_path):
    config = tmp_path / "me.toml"
    config.write_text('user = "Cat Coach"\n')
    week = agenda(fl, env_extra={"FLOURISH_CONFIG": str(config)})
    assert week["whose"] == "Cat Coach's teams"
    assert {i["team"] for i in week["items"]} <= {HILLSIDE}


def test_more_days_reach_further(fl):
    add_action(fl, "In three weeks", "2026-12-12")
    assert "In three weeks" not in [i["text"] for i in agenda(fl, "--cluster")["items"]]
    assert "In three weeks" in [i["text"] for i in agenda(fl, "--cluster", "--days", "21")["items"]]


def test_the_table_shows_ids_that_open_records(fl):
    add_action(fl, "Late one", "2026-11-10")
    out = ok(fl("agenda", "--cluster")).stdout
    line = next(line for line in out.splitlines() if "Late one" in line)
    assert "12d late" in line
    action_id = line.split()[-1]
    assert "Late one" in ok(fl("action", "show", action_id)).stdout


def test_an_unknown_coach_and_bad_days_are_one_line(fl):
    assert "is not a coach's name" in one_line_error(fl("agenda", "--coach", "nobody"))
    assert "Cat Coach, Dan Drew" in one_line_error(fl("agenda", "--coach", "nobody"))
    assert "1 or more" in one_line_error(fl("agenda", "--days", "0"))


def test_the_cluster_action_list_filters_by_late_due_this_week_owner_and_coach(fl):
    add_action(fl, "Late at Hillside", "2026-11-10", owner="Ann Able")
    add_action(fl, "This week at Hilltop", "2026-11-26", owner="Zed Owner", team="hilltop")
    add_action(fl, "Next month", "2026-12-20", owner="Ann Able")

    def titles(*args):
        return [a["title"] for a in ok_json(fl("action", "list", *args, "--json"))]

    assert titles("--late") == ["Late at Hillside"]
    assert titles("--due-week") == ["This week at Hilltop"]
    assert sorted(titles("--owner", "ann")) == ["Late at Hillside", "Next month"]
    assert titles("--coach", "dan", "--due-week") == ["This week at Hilltop"]
    assert "is not a coach's name" in one_line_error(fl("action", "list", "--coach", "xyz"))
