"""Stakeholder briefings from the command line: the default plan (`briefing plan`, `--accept`),
`add` with a drafted agenda and attendee groups, `move`, `cancel`, `list`, `show`, `agenda`
and `edit`. The two template teams start on 1 Sep 2026; the clock is Sunday 22 Nov 2026."""

import pytest
from cli_support import HILLSIDE, ok, ok_json, one_line_error, short_id, snapshot

PLAN = [
    ("Mon 30 Nov 2026 15:30", "Stage 1 review: Establish foundations"),
    ("Tue 02 Mar 2027 15:30", "Mid-program briefing"),
    ("Fri 28 May 2027 15:30", "Stage 2 review: Drive for results"),  # 31 May: bank holiday
    ("Tue 31 Aug 2027 15:30", "Program completion briefing"),
]


def add(fl, *extra, title="Stage review", start="2026-12-03 15:30", input=None) -> str:
    return short_id(
        ok(fl("briefing", "add", "--title", title, "--start", start, *extra, input=input))
    )


def shown(fl, ref) -> dict:
    return ok_json(fl("briefing", "show", ref, "--json"))


# -- the default plan ------------------------------------------------------------------------


def test_plan_prints_the_numbered_default_plan_and_writes_nothing(fl, workspace):
    before = snapshot(workspace)
    out = ok(fl("briefing", "plan")).stdout
    assert snapshot(workspace) == before
    lines = [line for line in out.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")]
    assert len(lines) == 4
    for n, (line, (when, title)) in enumerate(zip(lines, PLAN, strict=True), 1):
        assert line.startswith(f"{n}.") and when in line and title in line
    assert "--accept" in out
    assert ok_json(fl("briefing", "list", "--json")) == []


def test_plan_for_one_team_at_another_time(fl):
    out = ok(fl("briefing", "plan", "--team", "hilltop", "--time", "9am", "--minutes", "30"))
    assert "Mon 30 Nov 2026 09:00" in out.stdout
    assert "Hilltop Secondary" in out.stdout


def test_accept_stores_the_chosen_briefings_with_drafted_agendas(fl, team_ids):
    accepted = ok(fl("briefing", "plan", "--accept", "1,3", "--as", "Chris Chair"))
    assert "Scheduled 2 briefings" in accepted.stdout
    briefings = ok_json(fl("briefing", "list", "--json"))
    assert [b["title"] for b in briefings] == [PLAN[0][1], PLAN[2][1]]
    first = briefings[0]
    assert first["id"][:8] in accepted.stdout
    assert (first["start"], first["minutes"], first["team_id"]) == (
        "2026-11-30T15:30:00+00:00",
        45,
        None,
    )
    assert first["plan_key"] == "stage-1-end"
    assert first["agenda"].startswith("1. ")  # drafted
    # Invited: the line manager and the members of both teams (no stakeholders yet).
    assert {p["name"] for p in first["attendees"]} == {"Lee Lane", "Ann Able", "Bo Bell"}

    # Accepted slots are not proposed again.
    again = ok(fl("briefing", "plan")).stdout
    assert PLAN[0][1] not in again and PLAN[1][1] in again and PLAN[3][1] in again
    ok(fl("briefing", "plan", "--accept", "all"))
    assert len(ok_json(fl("briefing", "list", "--json"))) == 4
    assert "Nothing to propose" in ok(fl("briefing", "plan")).stdout


# -- add -------------------------------------------------------------------------------------


def test_add_drafts_the_agenda_unless_one_is_given(fl):
    drafted = add(fl, "--team", "hillside")
    agenda = shown(fl, drafted)["agenda"]
    assert agenda.startswith("1. Welcome")
    assert HILLSIDE in agenda

    given = add(fl, "--agenda", "1. Only [this]", title="Given")
    assert shown(fl, given)["agenda"] == "1. Only [this]"
    piped = add(fl, "--agenda", "-", title="Piped", input="1. From stdin\n2. Second\n")
    assert shown(fl, piped)["agenda"] == "1. From stdin\n2. Second"


def test_attendee_groups_come_from_the_invitees(fl):
    ok(fl("cluster", "set", "--add-stakeholder", "Rae Moore, Director, rae@council.example"))
    stakeholders = add(fl, "--attendee-group", "stakeholders")
    assert [p["name"] for p in shown(fl, stakeholders)["attendees"]] == ["Rae Moore"]

    managers = add(fl, "--team", "hillside", "--attendee-group", "line-managers")
    assert [p["name"] for p in shown(fl, managers)["attendees"]] == ["Lee Lane"]

    members = add(fl, "--team", "hillside", "--attendee-group", "members")
    assert [p["email"] for p in shown(fl, members)["attendees"]] == [
        "ann@hillside.example",
        "bo@hillside.example",
    ]

    # Someone named with --attendee is not invited twice.
    everyone = add(
        fl,
        "--attendee",
        "Ann Able, Headteacher, ann@hillside.example",
        "--attendee-group",
        "all",
    )
    names = [p["name"] for p in shown(fl, everyone)["attendees"]]
    assert names == ["Ann Able", "Rae Moore", "Lee Lane", "Bo Bell"]


# -- move, cancel, list, show ----------------------------------------------------------------


def test_move_cancel_and_reinstate(fl):
    ref = add(fl)
    moved = ok(fl("briefing", "move", ref, "--start", "2026-12-04 16:00", "--location", "Room [4]"))
    assert "Fri 04 Dec 2026 16:00" in moved.stdout and "Room [4]" in moved.stdout
    b = shown(fl, ref)
    assert (b["start"], b["location"], b["sequence"]) == (
        "2026-12-04T16:00:00+00:00",
        "Room [4]",
        1,
    )
    ok(fl("briefing", "move", ref, "--minutes", "60"))
    assert shown(fl, ref)["minutes"] == 60

    cancelled = ok(fl("briefing", "cancel", ref, "--reason", "Clashes with the inspection"))
    assert "Cancelled" in cancelled.stdout
    b = shown(fl, ref)
    assert (b["status"], b["cancel_reason"]) == ("cancelled", "Clashes with the inspection")
    table = ok(fl("briefing", "list")).stdout
    assert "cancelled" in table and "Status" in table
    assert "Clashes with the inspection" in ok(fl("briefing", "show", ref)).stdout

    reinstated = ok(fl("briefing", "move", ref))  # moving a cancelled one reinstates it
    assert "Reinstated" in reinstated.stdout
    assert shown(fl, ref)["status"] == "scheduled"


def test_list_and_show(fl, team_ids):
    ref = add(
        fl,
        "--team",
        "hillside",
        "--attendee",
        "Lee Lane, Line manager, lee@trust.example",
        "--location",
        "Staff room",
        "--agenda",
        "1. Pulse [dashboards]\n2. Next steps",
        title="Hillside review",
    )
    ok(fl("briefing", "cancel", add(fl, title="Dropped one")))
    briefings = ok_json(fl("briefing", "list", "--team", "hillside", "--json"))
    assert [(b["title"], b["status"]) for b in briefings] == [
        ("Hillside review", "scheduled"),
        ("Dropped one", "cancelled"),
    ]
    assert ok_json(fl("briefing", "list", "--team", "hilltop", "--json"))[0]["title"] == (
        "Dropped one"  # cluster-wide briefings are every team's
    )

    text = ok(fl("briefing", "show", ref)).stdout
    for piece in (
        "Hillside review",
        ref,
        "Thu 03 Dec 2026 15:30-16:15",
        HILLSIDE,
        "Staff room",
        "scheduled",
        "Lee Lane",
        "lee@trust.example",
        "1. Pulse [dashboards]",
        "2. Next steps",
    ):
        assert piece in text, piece

    record = shown(fl, ref)
    assert record["team"] == HILLSIDE and record["team_id"] == team_ids[HILLSIDE]
    assert record["end"] == "2026-12-03T16:15:00+00:00"
    assert record["agenda"] == "1. Pulse [dashboards]\n2. Next steps"
    assert record["attendees"] == [
        {"name": "Lee Lane", "email": "lee@trust.example", "role": "Line manager"}
    ]
    assert record["challenge_ids"] == []


# -- agenda and edit -------------------------------------------------------------------------


def test_agenda_prints_it_and_draft_prints_a_fresh_one_without_saving(fl, workspace):
    ref = add(fl, "--agenda", "1. Our own [agenda]\n   - with a sub-item")
    assert ok(fl("briefing", "agenda", ref)).stdout == "1. Our own [agenda]\n   - with a sub-item\n"

    before = snapshot(workspace)
    draft = ok(fl("briefing", "agenda", ref, "--draft")).stdout
    assert snapshot(workspace) == before
    assert draft.startswith("1. Welcome") and HILLSIDE in draft
    assert shown(fl, ref)["agenda"] == "1. Our own [agenda]\n   - with a sub-item"


def test_edit_title_and_agenda_from_stdin(fl):
    ref = add(fl)
    ok(fl("briefing", "edit", ref, "--title", "End of stage 1"))
    edited = ok(fl("briefing", "edit", ref, "--agenda", "-", input="1. Typed 🌱\n2. Piped\n"))
    assert "agenda" in edited.stdout
    b = shown(fl, ref)
    assert (b["title"], b["agenda"]) == ("End of stage 1", "1. Typed 🌱\n2. Piped")


# -- bad input -------------------------------------------------------------------------------


def _refs(fl) -> dict[str, str]:
    """A briefing to come and a cancelled one."""
    future = add(fl, title="Future")
    cancelled = add(fl, title="Cancelled")
    ok(fl("briefing", "cancel", cancelled))
    return {"future": future, "cancelled": cancelled}


ADD = ["briefing", "add", "--title", "B"]
BAD = [
    ([*ADD, "--start", "2026-11-20 15:30"], ["has passed"]),
    ([*ADD, "--start", "2026-11-22 08:00"], ["has passed"]),
    ([*ADD, "--start", "2026-12-03"], ["no time"]),
    ([*ADD, "--start", "2026-12-03 15:30", "--minutes", "90"], ["90"]),
    ([*ADD, "--start", "2026-12-03 15:30", "--attendee-group", "bosses"], ["bosses"]),
    ([*ADD, "--start", "2026-12-03 15:30", "--team", "nowhere"], ["nowhere"]),
    (["briefing", "plan", "--accept", "5"], ["1 to 4"]),
    (["briefing", "plan", "--accept", "one"], ["one"]),
    (["briefing", "plan", "--time", "25:00"], ["25:00"]),
    (["briefing", "plan", "--minutes", "20"], ["20"]),
    (["briefing", "move", "{future}"], ["Nothing to change"]),
    (["briefing", "move", "{future}", "--start", "yesterday 10:00"], ["has passed"]),
    (["briefing", "move", "{future}", "--minutes", "25"], ["25"]),
    (["briefing", "move", "abcd1234", "--minutes", "30"], ["abcd1234"]),
    (["briefing", "cancel", "{cancelled}"], ["already cancelled"]),
    (["briefing", "show", "abcd1234"], ["abcd1234"]),
    (["briefing", "agenda", "abc"], ["4"]),
    (["briefing", "edit", "{future}"], ["Nothing to change"]),
    (["briefing", "edit", "{future}", "--title", " "], ["title"]),
    (["briefing", "edit", "abcd1234", "--agenda", "x"], ["abcd1234"]),
]


@pytest.mark.parametrize(
    ("args", "mentions"), BAD, ids=[f"{n}-{args[1]}" for n, (args, _) in enumerate(BAD, 1)]
)
def test_bad_input_is_one_line_and_writes_nothing(seed, copy_of, args, mentions):
    root, refs = seed(_refs)
    workspace, fl = copy_of(root)
    before = snapshot(workspace)
    line = one_line_error(fl(*(a.format(**refs) for a in args)))
    for text in mentions:
        assert text in line, line
    assert snapshot(workspace) == before


def test_a_briefing_that_has_taken_place_cannot_be_cancelled(fl, workspace):
    ref = add(fl, start="2026-11-23 15:30")
    before = snapshot(workspace)
    later = {"FLOURISH_NOW": "2026-11-24T09:00:00+00:00"}
    assert "already taken place" in one_line_error(fl("briefing", "cancel", ref, env_extra=later))
    assert snapshot(workspace) == before


def test_an_edited_agenda_is_shown_as_written_for_the_old_date_after_a_move(fl):
    said = ok(fl("briefing", "add", "--title", "Termly review", "--start", "2026-12-10 15:30",
                 "--agenda", "1. Our own agenda"))  # fmt: skip
    briefing_id = said.stdout.split("(id ")[1][:8]
    ok(fl("briefing", "move", briefing_id, "--start", "2026-12-17 15:30"))
    shown = ok(fl("briefing", "show", briefing_id)).stdout
    assert "Written for Thu 10 Dec 2026, before the briefing moved" in shown
    assert "1. Our own agenda" in shown
