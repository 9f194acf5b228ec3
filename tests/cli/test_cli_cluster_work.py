"""The cluster's own work on the command line: `cluster action`, `cluster goal`, `workshop`,
`journey`, `governance` and `leaders`, round trips through --json, piped tables whole, and bad
input as one line, exit 2 and nothing written."""

import pytest
from cli_support import HILLSIDE, HILLTOP, ok, ok_json, one_line_error, short_id, snapshot
from icalendar import Calendar


def test_a_cluster_action_round_trip_with_cascade_and_undo(fl, team_ids):
    made = ok(
        fl(
            "cluster",
            "action",
            "add",
            "Shared CPD calendar",
            "--owner",
            "Chris Chair",
            "--due",
            "2027-01-31",
            "--schools",
            "all",
            "--success-criteria",
            "Every school's CPD in one calendar",
        )
    )
    ref = short_id(made)
    out = ok(fl("cluster", "action", "cascade", ref)).stdout
    assert "Added a linked action to 2 schools' plans" in out
    shown = ok_json(fl("cluster", "action", "show", ref, "--json"))
    assert shown["cascade"] == {"schools": 2, "done": 0, "late": [], "missing": []}
    assert set(shown["cascaded"]) == set(team_ids.values())
    school_action = shown["cascaded"][team_ids[HILLSIDE]]
    ok(fl("action", "update", school_action[:8], "--status", "done"))
    listed = ok_json(fl("cluster", "action", "list", "--json"))
    assert listed[0]["cascade"]["done"] == 1
    detail = ok(fl("cluster", "action", "show", ref)).stdout
    assert "1 of 2 schools done" in detail and f"{HILLSIDE}: done" in detail
    ok(fl("undo"))  # the status
    ok(fl("undo"))  # the cascade, in both schools at once
    assert ok_json(fl("action", "list", "--json")) == []


def test_cluster_action_updates_say_what_changed_and_keep_notes(fl):
    ref = short_id(ok(fl("cluster", "action", "add", "Moderation")))
    ok(fl("cluster", "action", "update", ref, "--status", "in-progress", "--note", "Venue booked"))
    found = ok_json(fl("cluster", "action", "show", ref, "--json"))
    assert found["status"] == "in-progress"
    assert [n["text"] for n in found["notes"]] == ["Venue booked"]


def test_the_cluster_action_table_piped_is_whole(fl):
    title = "Agree one impact measure for each shared programme across the family of schools"
    ok(fl("cluster", "action", "add", title, "--owner", "Dr Margaret Ellison-Whitworth"))
    out = ok(fl("cluster", "action", "list")).stdout
    assert title in out and "Dr Margaret Ellison-Whitworth" in out and "…" not in out


def test_cluster_goals_link_actions_and_list_by_area(fl):
    goal = short_id(
        ok(
            fl(
                "cluster",
                "goal",
                "add",
                "--now",
                "a committee",
                "--want",
                "a board",
                "--area",
                "governance",
            )
        )
    )
    action = short_id(ok(fl("cluster", "action", "add", "Terms of reference")))
    ok(fl("cluster", "goal", "link", goal, action))
    found = ok_json(fl("cluster", "goal", "list", "--area", "governance", "--json"))
    assert [(g["want"], [a["title"] for a in g["actions"]]) for g in found] == [
        ("a board", ["Terms of reference"])
    ]
    assert ok_json(fl("cluster", "goal", "list", "--area", "plan", "--json")) == []


def test_a_workshop_planned_recorded_and_exported(fl, tmp_path):
    ref = short_id(
        ok(
            fl(
                "workshop",
                "add",
                "Autumn review",
                "--at",
                "2027-01-20 09:30",
                "--place",
                "Hillside hall",
                "--attendee",
                "Ann Able, Headteacher, ann@hillside.example",
                "--theme",
                "capacity",
            )
        )
    )
    agenda = ok(fl("workshop", "agenda", ref)).stdout
    assert agenda.splitlines()[0] == "09:30  Welcome and purpose (10 min)"
    assert agenda.splitlines()[-1] == "11:50  close"  # 2 h 10 and a 10-minute theme
    source = tmp_path / "agenda.txt"
    source.write_text("20 Welcome\n60 Findings and priorities\n    bring the grid\n", "utf-8")
    ok(fl("workshop", "agenda", ref, "--from", source))
    assert ok(fl("workshop", "agenda", ref)).stdout.splitlines()[-1] == "10:50  close"
    ok(
        fl(
            "workshop",
            "record",
            ref,
            "--issue",
            "political: heads fear ranking => the measure is the family's",
            "--priority",
            "Measure impact",
            "--priority",
            "Grow leaders",
            "--action",
            "Impact framework | Chris Chair | 2027-03-01",
            "--reflection",
            "Hillside: the visits | finding cover",
            "--next-steps",
            "Bring a draft to spring",
        )
    )
    found = ok_json(fl("workshop", "show", ref, "--json"))
    assert found["priorities"] == ["Measure impact", "Grow leaders"]
    assert found["issues"][0]["kind"] == "political"
    assert [a["title"] for a in found["actions"]] == ["Impact framework"]
    assert found["reflections"][0]["worked"] == "the visits"
    plan = ok_json(fl("cluster", "action", "list", "--json"))
    assert plan[0]["origin"] == f"workshop:{found['id']}" and plan[0]["owner"] == "Chris Chair"

    html = tmp_path / "pack.html"
    ok(fl("workshop", "export", ref, "-o", html))
    page = html.read_text("utf-8")
    assert "<h2>Priorities agreed</h2>" in page and "Impact framework" in page
    ics = tmp_path / "workshop.ics"
    ok(fl("workshop", "export", ref, "-o", ics))
    (event,) = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Autumn review"
    assert event["dtstart"].dt.hour == 9 and event["dtend"].dt.strftime("%H:%M") == "10:50"


def test_the_journey_lists_by_date_and_by_question_with_gaps(fl):
    ok(fl("journey", "add", "why", "Heads meet about learning", "--on", "2021-03-01"))
    ok(fl("journey", "add", "what", "Shared music", "--on", "2022-01-10", "--schools", "Hillside"))
    lanes = ok_json(fl("journey", "list", "--lanes", "--json"))
    assert [(lane["question"], len(lane["steps"])) for lane in lanes] == [
        ("why", 1),
        ("who", 0),
        ("what", 1),
        ("lead", 0),
        ("watch", 0),
        ("allies", 0),
    ]
    text = ok(fl("journey", "list", "--lanes")).stdout
    assert text.count("no step yet") == 4
    listed = ok(fl("journey", "list")).stdout
    assert listed.index("Heads meet") < listed.index("Shared music") and HILLSIDE in listed


def test_governance_set_answer_and_show(fl):
    ok(
        fl(
            "governance",
            "set",
            "--now",
            "alliance",
            "--moving-to",
            "trust",
            "--notes",
            "let parents in",
        )
    )
    ok(fl("governance", "answer", "trust", "2", "A termly open meeting", "--on", "2026-11-01"))
    shown = ok_json(fl("governance", "show", "--json"))
    assert (shown["now"], shown["moving_to"]) == ("alliance", "trust")
    assert shown["answers"][0]["question"] == 1 and shown["answers"][0]["on"] == "2026-11-01"
    text = ok(fl("governance", "show", "trust")).stdout
    assert "Community trust [trust] (moving to)" in text
    assert "2026-11-01: A termly open meeting" in text


def test_leaders_their_activities_and_feedback(fl):
    ok(fl("leaders", "add", "Sam Patel", "--team", "Hillside", "--role", "Deputy head"))
    act = short_id(
        ok(
            fl(
                "leaders",
                "activity",
                "Sam",
                "Lead the shared music project",
                "--behaviours",
                "influencing, planning",
                "--outcome",
                "report",
                "--outcome-to",
                "the heads",
                "--outcome-on",
                "2027-02-01",
            )
        )
    )
    ok(fl("leaders", "feedback", act, "A clear plan", "--on", "2026-11-20"))
    found = ok_json(fl("leaders", "show", "sam", "--json"))
    (activity,) = found["activities"]
    assert activity["behaviours"] == ["influencing", "planning"]
    assert activity["feedback"][0]["text"] == "A clear plan"
    assert "Outcome: a report to the heads on 2027-02-01" in ok(fl("leaders", "show", "Sam")).stdout


BAD = [
    (["cluster", "action", "add", "X", "--due", "2027-02-30"], "2027-02-30"),
    (["cluster", "action", "add", "X", "--schools", "Nowhere"], "Nowhere"),
    (["cluster", "action", "add", "X", "--schools", "Hill"], HILLTOP),
    (["cluster", "action", "add", "X", "--from", "idea"], "finding:CONDITION"),
    (["cluster", "action", "update", "zzzz", "--note", "x"], "zzzz"),
    (["cluster", "action", "update", "abc", "--note", "x"], "at least 4"),
    (["cluster", "goal", "add", "--now", " ", "--want", "x"], "required"),
    (["workshop", "add", "Review", "--at", "someday"], "someday"),
    (["workshop", "record", "abcd", "--issue", "x"], "abcd"),
    (["journey", "add", "when", "x"], "journey question"),
    (["journey", "add", "why", "x", "--on", "2021-13-01"], "2021-13-01"),
    (["governance", "set", "--now", "monarchy"], "monarchy"),
    (["governance", "answer", "trust", "7", "x"], "questions 1 to 3"),
    (["leaders", "add", "Sam", "--team", "Nowhere"], "Nowhere"),
    (["leaders", "add", "Sam\x1b[2J", "--team", "Hillside"], "control character"),
    (["leaders", "activity", "Nobody", "X"], "Nobody"),
]


@pytest.mark.parametrize(("args", "mentions"), BAD, ids=[" ".join(a[:3]) for a, _ in BAD])
def test_bad_input_is_one_line_and_writes_nothing(fl, workspace, args, mentions):
    before = snapshot(workspace)
    line = one_line_error(fl(*args))
    assert mentions in line
    assert snapshot(workspace) == before


def test_a_bad_line_in_a_recorded_workshop_writes_none_of_it(fl, workspace):
    ref = short_id(ok(fl("workshop", "add", "Review", "--at", "2027-01-20 09:30")))
    before = snapshot(workspace)
    line = one_line_error(
        fl("workshop", "record", ref, "--issue", "political: fine", "--issue", "cultural: no")
    )
    assert "cultural" in line
    assert snapshot(workspace) == before


def test_a_bad_action_among_good_news_writes_none_of_it(fl, workspace):
    ref = short_id(ok(fl("workshop", "add", "Review", "--at", "2027-01-20 09:30")))
    before = snapshot(workspace)
    line = one_line_error(
        fl(
            "workshop",
            "record",
            ref,
            "--next-steps",
            "Draft the framework",
            "--issue",
            "political: ranking fears",
            "--action",
            "Good action | Chris Chair",
            "--action",
            "Bad | \x1b[31mowner",
        )
    )
    assert "control character" in line
    assert snapshot(workspace) == before
