"""Implementation challenges from the command line: raising them with impact and urgency, the
lifecycle (escalate, respond, resolve, reopen, withdraw), the chair's queue, `show`, `edit`
and `link`. The clock is Sunday 22 Nov 2026."""

import pytest
from cli_support import HILLSIDE, HILLTOP, ok, ok_json, one_line_error, short_id, snapshot

EARLIER = "2026-11-10T09:00:00+00:00"  # twelve days before the pinned clock


def raise_challenge(fl, team, category, title, *extra, env_extra=None) -> str:
    added = ok(
        fl(
            "challenge",
            "add",
            "--team",
            team,
            "--category",
            category,
            "--title",
            title,
            *extra,
            env_extra=env_extra,
        )
    )
    return short_id(added)


def escalate(fl, ref, env_extra=None):
    return ok(
        fl(
            "challenge",
            "escalate",
            ref,
            "--reason",
            "The team needs the chair",
            "--impact-on-schedule",
            "Stage 2 slips two weeks",
            env_extra=env_extra,
        )
    )


def record(fl, ref) -> dict:
    return ok_json(fl("challenge", "show", ref, "--json"))


# -- raising ---------------------------------------------------------------------------------


def test_add_takes_impact_and_urgency_and_derives_the_severity(fl, team_ids):
    added = ok(
        fl(
            "challenge",
            "add",
            "--team",
            "hillside",
            "--category",
            "new-initiatives",
            "--title",
            "Trust reading programme",
            "--impact",
            "high",
            "--urgency",
            "medium",
            "--as",
            "Ann Able",
        )
    )
    assert "external" in added.stdout
    assert "high (impact high, urgency medium)" in added.stdout

    (challenge,) = ok_json(fl("challenge", "list", "--json"))
    assert challenge["id"].startswith(short_id(added))
    assert challenge["team_id"] == team_ids[HILLSIDE]
    assert (challenge["impact"], challenge["urgency"], challenge["severity"]) == (
        "high",
        "medium",
        "high",
    )
    assert challenge["kind"] == "external"
    assert challenge["status"] == "raised"
    assert challenge["waiting_on"] == "team"
    assert challenge["overdue"] is False
    assert challenge["age_days"] == 0
    assert challenge["raised_by"] == "Ann Able"
    assert [h["what"] for h in challenge["history"]] == ["Raised"]


def test_impact_and_urgency_default_to_medium(fl):
    ref = raise_challenge(fl, "hilltop", "staff-shortage", "Two teachers off", "--date", "-3d")
    challenge = record(fl, ref)
    assert (challenge["impact"], challenge["urgency"], challenge["severity"]) == (
        "medium",
        "medium",
        "medium",
    )
    assert challenge["age_days"] == 3
    assert challenge["raised_on"] == "2026-11-19"


# -- the lifecycle ---------------------------------------------------------------------------


def test_escalate_respond_resolve_reopen_withdraw(fl):
    ref = raise_challenge(fl, "hillside", "staff-shortage", "Two teachers off sick")

    escalated = ok(
        fl(
            "challenge",
            "escalate",
            ref,
            "--reason",
            "Cover has cancelled three meetings",
            "--impact-on-schedule",
            "Pulse follow-up slips a month",
            "--as",
            "Ann Able",
        )
    )
    assert "Two teachers off sick" in escalated.stdout and "7 days" in escalated.stdout
    c = record(fl, ref)
    assert (c["status"], c["waiting_on"], c["escalated_on"]) == ("escalated", "chair", "2026-11-22")
    assert c["escalation_reason"] == "Cover has cancelled three meetings"
    assert c["schedule_impact"] == "Pulse follow-up slips a month"

    responded = ok(
        fl(
            "challenge",
            "respond",
            ref,
            "--kind",
            "meeting",
            "--outcome",
            "Agreed cover from the partner school",
            "--date",
            "today",
            "--with",
            "Ann Able",
            "--with",
            "Lee Lane",
            "--as",
            "Chris Chair",
        )
    )
    assert "chair acting" in responded.stdout and "waiting on team" in responded.stdout
    c = record(fl, ref)
    assert (c["status"], c["waiting_on"]) == ("chair-acting", "team")
    (response,) = c["responses"]
    assert response["kind"] == "meeting"
    assert response["on"] == "2026-11-22"
    assert response["with_whom"] == ["Ann Able", "Lee Lane"]
    assert response["by"] == "Chris Chair"
    assert response["outcome"] == "Agreed cover from the partner school"

    resolved = ok(
        fl(
            "challenge",
            "resolve",
            ref,
            "--resolution",
            "Cover in place",
            "--outcome",
            "back-on-track",
        )
    )
    assert "Back on track" in resolved.stdout
    c = record(fl, ref)
    assert (c["status"], c["waiting_on"], c["outcome"]) == ("resolved", None, "back-on-track")
    assert (c["resolution"], c["closed_on"]) == ("Cover in place", "2026-11-22")

    ok(fl("challenge", "reopen", ref, "--reason", "Cover fell through"))
    c = record(fl, ref)
    assert (c["status"], c["waiting_on"], c["outcome"]) == ("escalated", "chair", None)

    ok(fl("challenge", "withdraw", ref, "--reason", "The staff are back"))
    c = record(fl, ref)
    assert (c["status"], c["waiting_on"]) == ("withdrawn", None)
    assert [h["status"] for h in c["history"]] == [
        "raised",
        "escalated",
        "chair-acting",
        "resolved",
        "escalated",
        "withdrawn",
    ]
    assert [h["by"] for h in c["history"][:3]] == ["", "Ann Able", "Chris Chair"]


def test_waiting_on_can_be_set_by_the_response(fl):
    ref = raise_challenge(fl, "hilltop", "extra-reporting", "Weekly returns")
    escalate(fl, ref)
    ok(
        fl(
            "challenge",
            "respond",
            ref,
            "--kind",
            "liaise",
            "--outcome",
            "Asked the authority to pause the returns",
            "--waiting-on",
            "chair",
        )
    )
    assert record(fl, ref)["waiting_on"] == "chair"


def test_show_gives_everything_about_a_challenge(fl, workspace):
    ref = raise_challenge(
        fl,
        "hillside",
        "competing-priorities",
        "Inspection [expected] this term",
        "--description",
        "Preparation takes the leadership team's time.",
        "--impact",
        "high",
        "--urgency",
        "high",
        "--as",
        "Ann Able",
        env_extra={"FLOURISH_NOW": EARLIER},
    )
    escalate(fl, ref, env_extra={"FLOURISH_NOW": EARLIER})  # 12 days waiting by now
    briefing = short_id(ok(fl("briefing", "add", "--title", "Review", "--start", "fri 15:30")))
    ok(fl("challenge", "link", ref, "--briefing", briefing, "--as", "Chris Chair"))

    shown = ok(fl("challenge", "show", ref)).stdout
    for text in (
        "Inspection [expected] this term",  # literally, not as markup
        ref,
        HILLSIDE,
        "external",
        "Unplanned competing priorities",
        "critical (impact high, urgency high)",
        "escalated, waiting on chair",
        "⚠ overdue 5 days",
        "Preparation takes the leadership team's time.",
        "The team needs the chair",
        "Stage 2 slips two weeks",
        "Review",
        "History",
        "Ann Able",
        "Escalated to the chair",
        "Linked to a briefing",
        "Chris Chair",
    ):
        assert text in shown, text

    c = record(fl, ref)
    assert c["team"] == HILLSIDE
    assert (c["overdue"], c["overdue_days"]) == (True, 5)
    assert [b["title"] for b in c["briefings"]] == ["Review"]
    assert c["briefings"][0]["id"].startswith(briefing)
    assert c["briefing_ids"] == [c["briefings"][0]["id"]]
    assert {"at", "status", "by", "note", "what"} <= set(c["history"][-1])


# -- the chair's queue -----------------------------------------------------------------------


def _queue(fl) -> dict[str, str]:
    then = {"FLOURISH_NOW": EARLIER}
    three_days_ago = {"FLOURISH_NOW": "2026-11-19T09:00:00+00:00"}
    ids = {
        "critical": raise_challenge(
            fl, "hillside", "staff-shortage", "A critical", "--impact", "high", "--urgency", "high"
        ),
        "high": raise_challenge(
            fl, "hillside", "competing-priorities", "B high", "--impact", "high"
        ),
        "old-medium": raise_challenge(
            fl, "hilltop", "new-initiatives", "C old medium", env_extra=then
        ),
        "new-medium": raise_challenge(
            fl, "hilltop", "leadership-change", "D new medium", env_extra=then
        ),
        "raised": raise_challenge(
            fl, "hilltop", "critical-incident", "E raised", "--impact", "high", "--urgency", "high"
        ),
    }
    escalate(fl, ids["critical"])
    escalate(fl, ids["high"])
    escalate(fl, ids["old-medium"], env_extra=then)
    escalate(fl, ids["new-medium"], env_extra=three_days_ago)
    return ids


@pytest.fixture
def queue(seed, copy_of):
    """Four escalated challenges and one that is only raised, in a private workspace:
    (a runner for it, {name: short id})."""
    root, ids = seed(_queue)
    _workspace, fl = copy_of(root)
    return fl, ids


def test_escalated_lists_the_chairs_queue_in_order(queue):
    fl, queue = queue
    titles = [c["title"] for c in ok_json(fl("challenge", "list", "--escalated", "--json"))]
    assert titles == ["A critical", "B high", "C old medium", "D new medium"]

    external = ok_json(fl("challenge", "list", "--escalated", "--kind", "external", "--json"))
    assert [c["title"] for c in external] == ["B high", "C old medium"]
    hilltop = ok_json(fl("challenge", "list", "--escalated", "--team", HILLTOP, "--json"))
    assert [c["title"] for c in hilltop] == ["C old medium", "D new medium"]

    table = ok(fl("challenge", "list", "--escalated")).stdout
    assert "queue" in table
    rows = [line for line in table.splitlines() if line[:8] in queue.values()]
    assert [line[:8] for line in rows] == [
        queue["critical"],
        queue["high"],
        queue["old-medium"],
        queue["new-medium"],
    ]
    assert "⚠ overdue 5 days" in rows[2]
    assert "overdue" not in rows[3]


def test_list_json_has_the_computed_fields(queue):
    fl, _ids = queue
    challenges = ok_json(fl("challenge", "list", "--json"))
    by_title = {c["title"]: c for c in challenges}
    assert len(challenges) == 5
    old = by_title["C old medium"]
    assert (old["waiting_on"], old["overdue"], old["age_days"], old["severity"]) == (
        "chair",
        True,
        12,
        "medium",
    )
    assert by_title["E raised"]["waiting_on"] == "team"
    assert by_title["E raised"]["severity"] == "critical"
    assert {
        c["kind"] for c in ok_json(fl("challenge", "list", "--kind", "internal", "--json"))
    } == {"internal"}
    table = ok(fl("challenge", "list")).stdout
    for header in ("Waiting on", "Age", "Overdue"):
        assert header in table
    assert "12d" in table


def test_the_clusters_response_time_decides_what_is_overdue(queue):
    fl, _ids = queue
    ok(fl("cluster", "set", "--response-days", "14"))
    challenges = ok_json(fl("challenge", "list", "--escalated", "--json"))
    assert not any(c["overdue"] for c in challenges)
    assert "overdue" not in ok(fl("challenge", "list")).stdout


def test_empty_queue(fl):
    assert "queue is empty" in ok(fl("challenge", "list", "--escalated")).stdout
    assert ok_json(fl("challenge", "list", "--escalated", "--json")) == []


# -- edit and link ---------------------------------------------------------------------------


def test_edit_changes_details_and_recomputes_the_severity(fl):
    ref = raise_challenge(fl, "hillside", "staff-shortage", "Staff off")
    edited = ok(
        fl(
            "challenge",
            "edit",
            ref,
            "--title",
            "Three staff off",
            "--impact",
            "high",
            "--urgency",
            "high",
            "--description",
            "Since half-term",
        )
    )
    assert "Three staff off" in edited.stdout and "Impact medium → high" in edited.stdout
    c = record(fl, ref)
    assert (c["title"], c["description"], c["severity"]) == (
        "Three staff off",
        "Since half-term",
        "critical",
    )
    assert c["history"][-1]["what"] == "Edited"

    again = ok(fl("challenge", "edit", ref, "--impact", "high"))
    assert "Nothing changed" in again.stdout
    assert len(record(fl, ref)["history"]) == 2


def test_link_puts_a_challenge_on_a_briefing(fl):
    ref = raise_challenge(fl, "hillside", "staff-shortage", "Staff off")
    briefing = short_id(
        ok(fl("briefing", "add", "--title", "Stage review", "--start", "2026-12-03 15:30"))
    )
    linked = ok(fl("challenge", "link", ref, "--briefing", briefing))
    assert "Stage review" in linked.stdout and "Thu 03 Dec 2026 15:30" in linked.stdout
    shown = ok_json(fl("briefing", "show", briefing, "--json"))
    assert [cid[:8] for cid in shown["challenge_ids"]] == [ref]


# -- bad input -------------------------------------------------------------------------------


def _states(fl) -> dict[str, str]:
    """A raised and a resolved challenge for Hillside, an escalated external one for Hilltop."""
    raised = raise_challenge(fl, "hillside", "staff-shortage", "Raised one")
    external = raise_challenge(fl, "hilltop", "new-initiatives", "External one")
    resolved = raise_challenge(fl, "hillside", "critical-incident", "Resolved one")
    ok(fl("challenge", "resolve", resolved, "--resolution", "Done", "--outcome", "accepted"))
    escalate(fl, external)
    return {"raised": raised, "external": external, "resolved": resolved}


ADD = ["challenge", "add", "--team", "hillside", "--category", "staff-shortage", "--title", "T"]
RESPOND = ["challenge", "respond", "{external}", "--kind", "liaise", "--outcome", "o"]
BAD = [
    (["challenge", "show", "ffffffff"], ["ffffffff"]),
    (["challenge", "escalate", "fff", "--reason", "r", "--impact-on-schedule", "i"], ["4"]),
    (["challenge", "respond", "{raised}", "--kind", "meeting", "--outcome", "o"], ["escalate"]),
    (["challenge", "respond", "{external}", "--kind", "meeting", "--outcome", "o"], ["liaise"]),
    (["challenge", "respond", "{external}", "--kind", "lunch", "--outcome", "o"], ["lunch"]),
    ([*RESPOND, "--date", "+2d"], ["2026-11-24"]),
    ([*RESPOND, "--waiting-on", "nobody"], ["nobody"]),
    (["challenge", "respond", "{external}", "--kind", "liaise"], ["--outcome"]),
    (
        ["challenge", "escalate", "{external}", "--reason", "r", "--impact-on-schedule", "i"],
        ["already escalated"],
    ),
    (["challenge", "escalate", "{raised}", "--reason", "r"], ["--impact-on-schedule"]),
    (
        ["challenge", "escalate", "{raised}", "--reason", " ", "--impact-on-schedule", "i"],
        ["reason"],
    ),
    (["challenge", "reopen", "{raised}", "--reason", "r"], ["resolved"]),
    (
        ["challenge", "resolve", "{resolved}", "--resolution", "r", "--outcome", "accepted"],
        ["resolved"],
    ),
    (["challenge", "resolve", "{raised}", "--resolution", "r", "--outcome", "fine"], ["fine"]),
    (["challenge", "withdraw", "{resolved}", "--reason", "r"], ["Cannot withdraw"]),
    (["challenge", "edit", "{raised}"], ["Nothing to change"]),
    (["challenge", "edit", "{raised}", "--urgency", "asap"], ["asap"]),
    (["challenge", "edit", "{raised}", "--title", "  "], ["title"]),
    (["challenge", "link", "{raised}", "--briefing", "abcdef12"], ["abcdef12"]),
    ([*ADD, "--severity", "high"], ["--severity"]),
    ([*ADD, "--impact", "huge"], ["huge"]),
    (["challenge", "list", "--kind", "sideways"], ["sideways"]),
    (["challenge", "list", "--escalated", "--kind", "sideways"], ["sideways"]),
]


@pytest.mark.parametrize(
    ("args", "mentions"), BAD, ids=[f"{n}-{args[1]}" for n, (args, _) in enumerate(BAD, 1)]
)
def test_bad_input_is_one_line_and_writes_nothing(seed, copy_of, args, mentions):
    root, states = seed(_states)
    workspace, fl = copy_of(root)
    before = snapshot(workspace)
    line = one_line_error(fl(*(a.format(**states) for a in args)))
    for text in mentions:
        assert text in line
    assert snapshot(workspace) == before


def test_the_demo_queue_shows_the_overdue_challenge(flourish, tmp_path):
    """The demo workspace: Millbrook's challenge has waited 11 days for the chair (7 allowed),
    and Castlefield's schedule revision answered its escalated challenge."""
    root = tmp_path / "demo"
    ok(flourish("demo", "--workspace", root))
    queue = ok_json(flourish("--workspace", root, "challenge", "list", "--escalated", "--json"))
    assert queue and all(c["status"] in ("escalated", "chair-acting") for c in queue)
    overdue = [c for c in queue if c["overdue"]]
    assert [c["team"] for c in overdue] == ["Millbrook Primary Academy"]
    assert overdue[0]["overdue_days"] == 4
    assert "⚠ overdue 4 days" in ok(flourish("--workspace", root, "challenge", "list")).stdout

    castlefield = ok_json(
        flourish("--workspace", root, "schedule", "show", "--team", "castlefield", "--json")
    )
    (revision,) = castlefield["revisions"]
    assert revision["active"] and revision["challenge_id"]
    challenge = ok_json(
        flourish("--workspace", root, "challenge", "show", revision["challenge_id"], "--json")
    )
    assert revision["id"] in [r["revision_id"] for r in challenge["responses"]]

    statuses = ok_json(flourish("--workspace", root, "status", "--json"))
    flagged = {s["team"] for s in statuses if s["challenges_overdue"]}
    assert flagged == {"Millbrook Primary Academy"}
