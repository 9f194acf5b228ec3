"""A team's schedule from the command line: `schedule show`, `schedule revise` (a shift from a
stage, from a date or from today, or one milestone moved; with --dry-run nothing is saved) and
`schedule revert`. The two template teams start on 1 Sep 2026 with stages of 3, 6 and 3
months: stage 2 runs from 1 Dec 2026 to 31 May 2027. The clock is Sunday 22 Nov 2026."""

import pytest
from cli_support import HILLSIDE, ok, ok_json, one_line_error, short_id, snapshot


def schedule(fl, team="hillside") -> dict:
    return ok_json(fl("schedule", "show", "--team", team, "--json"))


def stage(data: dict, number: int) -> dict:
    return data["stages"][number - 1]


def milestone(data: dict, key: str) -> dict:
    return next(m for m in data["milestones"] if m["key"] == key)


def revision_id(result) -> str:
    return result.stdout.split("(revision ")[1][:8]


def test_show_lists_stages_milestones_and_no_revisions(fl, team_ids):
    shown = ok(fl("schedule", "show", "--team", "hillside")).stdout
    for text in (
        HILLSIDE,
        "1 Establish foundations",
        "2 Drive for results",
        "2026-12-01",
        "2027-05-31",
        "foundations",  # the key that `revise --move` takes
        "Foundations 2-day workshop",
        "No revisions",
    ):
        assert text in shown, text
    assert "revised" not in shown

    data = schedule(fl)
    assert set(data) == {"team_id", "team", "start", "end", "stages", "milestones", "revisions"}
    assert (data["team_id"], data["team"]) == (team_ids[HILLSIDE], HILLSIDE)
    assert (data["start"], data["end"]) == ("2026-09-01", "2027-08-31")
    assert [s["number"] for s in data["stages"]] == [1, 2, 3]
    assert stage(data, 2) == {
        "number": 2,
        "name": "Drive for results",
        "start": "2026-12-01",
        "end": "2027-05-31",
        "planned_start": "2026-12-01",
        "planned_end": "2027-05-31",
        "revised": False,
    }
    foundations = milestone(data, "foundations")
    assert (foundations["start"], foundations["end"]) == ("2026-09-22", "2026-09-23")
    assert foundations["revised"] is False
    assert data["revisions"] == []


def test_dry_run_prints_what_moves_and_saves_nothing(fl, workspace):
    before = snapshot(workspace)
    shown = ok(
        fl(*REVISE, "--shift", "+4w", "--from-stage", "2", "--dry-run")  # no reason needed
    ).stdout
    assert snapshot(workspace) == before
    assert "stage 2 onward +4w" in shown
    assert "Stage 2 Drive for results" in shown
    assert "2026-12-01 to 2027-05-31" in shown and "2026-12-29 to 2027-06-28" in shown
    assert "→" in shown
    assert "Program end" in shown and "2027-09-28" in shown
    assert "Dry run: nothing was saved." in shown
    assert "Foundations" not in shown  # a stage-1 milestone does not move
    assert schedule(fl)["revisions"] == []


def test_shift_from_a_stage_is_stored_and_shown(fl):
    revised = ok(
        fl(
            "schedule",
            "revise",
            "--team",
            "hillside",
            "--shift",
            "+4w",
            "--from-stage",
            "2",
            "--reason",
            "Inspection [this] term",
            "--as",
            "Chris Chair",
        )
    )
    assert "2026-12-29 to 2027-06-28" in revised.stdout
    assert f"Revised {HILLSIDE}'s schedule" in revised.stdout

    data = schedule(fl)
    assert (stage(data, 2)["start"], stage(data, 2)["planned_start"]) == (
        "2026-12-29",
        "2026-12-01",
    )
    assert stage(data, 2)["revised"] is True
    assert data["end"] == "2027-09-28"
    (revision,) = data["revisions"]
    assert revision["id"].startswith(revision_id(revised))
    assert (revision["what"], revision["active"], revision["made_by"]) == (
        "stage 2 onward +4w",
        True,
        "Chris Chair",
    )
    assert (revision["shift_days"], revision["from_stage"]) == (28, 2)
    assert revision["reason"] == "Inspection [this] term"

    shown = ok(fl("schedule", "show", "--team", "hillside")).stdout
    for text in (
        "(revised)",
        "revised: planned 2026-12-01 to 2027-05-31",
        revision_id(revised),
        "Chris Chair",
        "stage 2 onward +4w",
        "Inspection [this] term",
        "active",
    ):
        assert text in shown, text
    # The other team's schedule is untouched.
    assert schedule(fl, "hilltop")["revisions"] == []


def test_a_shift_without_a_stage_or_date_moves_the_rest_of_the_program(fl):
    ok(fl("schedule", "revise", "--team", "hillside", "--shift", "+2w", "--reason", "Flu"))
    data = schedule(fl)
    (revision,) = data["revisions"]
    assert (revision["what"], revision["from_date"]) == ("from 22 Nov 2026 +2w", "2026-11-22")
    assert milestone(data, "foundations")["start"] == "2026-09-22"  # already past: stays
    assert stage(data, 2)["start"] == "2026-12-15"


def test_a_negative_shift_from_a_date(fl):
    ok(
        fl(
            "schedule",
            "revise",
            "--team",
            "hillside",
            "--shift",
            "-1w",
            "--from",
            "2027-01-04",
            "--reason",
            "Catch up",
        )
    )
    (revision,) = schedule(fl)["revisions"]
    assert (revision["what"], revision["shift_days"]) == ("from 4 Jan 2027 -1w", -7)


def test_move_one_milestone(fl):
    moved = ok(
        fl(
            "schedule",
            "revise",
            "--team",
            "hillside",
            "--move",
            "self-governance",
            "--to",
            "2026-12-22",
            "--reason",
            "After the nativity",
        )
    )
    assert "self-governance" in moved.stdout and "2026-12-22" in moved.stdout
    data = schedule(fl)
    governance = milestone(data, "self-governance")
    assert (governance["start"], governance["revised"]) == ("2026-12-22", True)
    assert data["revisions"][0]["what"] == "self-governance moved to 22 Dec 2026"
    assert stage(data, 2)["revised"] is False


def test_a_revision_for_an_escalated_challenge_is_the_chairs_response(fl):
    added = ok(
        fl(
            *("challenge", "add", "--team", "hillside", "--category", "new-initiatives"),
            *("--title", "Trust reading programme"),
        )
    )
    ref = short_id(added)
    ok(fl("challenge", "escalate", ref, "--reason", "r", "--impact-on-schedule", "two weeks"))
    revised = ok(
        fl(
            *("schedule", "revise", "--team", "hillside", "--shift", "+2w", "--from-stage", "2"),
            *("--reason", "Agreed with the trust", "--challenge", ref),
        )
    )
    assert "Recorded as the chair's response" in revised.stdout
    challenge = ok_json(fl("challenge", "show", ref, "--json"))
    assert challenge["status"] == "chair-acting"
    response = challenge["responses"][-1]
    assert response["kind"] == "revised-schedule"
    assert response["revision_id"].startswith(revision_id(revised))
    assert "Trust reading programme" in ok(fl("schedule", "show", "--team", "hillside")).stdout


def test_revert(fl, workspace):
    revised = ok(
        fl(
            *("schedule", "revise", "--team", "hillside", "--shift", "+4w", "--from-stage", "2"),
            *("--reason", "Inspection"),
        )
    )
    rid = revision_id(revised)
    reverted = ok(fl("schedule", "revert", rid))
    assert "Reverted" in reverted.stdout and "stage 2 onward +4w" in reverted.stdout

    data = schedule(fl)
    assert stage(data, 2)["start"] == "2026-12-01"
    (revision,) = data["revisions"]  # kept, as reverted
    assert revision["active"] is False and revision["reverted_at"].startswith("2026-11-22")
    assert "reverted 2026-11-22" in ok(fl("schedule", "show", "--team", "hillside")).stdout

    before = snapshot(workspace)
    assert "already" in one_line_error(fl("schedule", "revert", rid))
    assert snapshot(workspace) == before


# -- bad input -------------------------------------------------------------------------------

REVISE = ["schedule", "revise", "--team", "hillside"]
BAD = [
    ([*REVISE, "--shift", "+1m", "--reason", "r"], ["+1m", "weeks or days"]),
    ([*REVISE, "--shift", "+0w", "--reason", "r"], ["moves nothing"]),
    ([*REVISE, "--shift", "+400d", "--reason", "r"], ["more than a year"]),
    ([*REVISE, "--shift", "+2w", "--from-stage", "7", "--reason", "r"], ["Stage 7"]),
    ([*REVISE, "--shift", "+2w", "--from-stage", "two", "--reason", "r"], ["--from-stage"]),
    ([*REVISE, "--shift", "+2w", "--from", "someday", "--reason", "r"], ["someday"]),
    ([*REVISE, "--shift", "+2w", "--from-stage", "2"], ["--reason"]),
    ([*REVISE, "--shift", "+2w", "--from-stage", "2", "--from", "today"], ["--from"]),
    ([*REVISE, "--shift", "+2w", "--move", "foundations", "--reason", "r"], ["--move"]),
    ([*REVISE, "--reason", "r"], ["--shift", "--move"]),
    ([*REVISE, "--move", "nosuch", "--to", "2026-12-10", "--reason", "r"], ["nosuch"]),
    ([*REVISE, "--move", "foundations", "--reason", "r"], ["--to"]),
    ([*REVISE, "--move", "foundations", "--to", "x", "--reason", "r"], ['"x"']),
    ([*REVISE, "--move", "foundations", "--to", "+1w", "--from-stage", "2"], ["--from-stage"]),
    ([*REVISE, "--shift", "+2w", "--to", "2026-12-10", "--reason", "r"], ["--to"]),
    ([*REVISE, "--shift", "+2w", "--from", "2028-01-01", "--reason", "r"], ["moves no date"]),
    ([*REVISE, "--shift", "+2w", "--reason", "r", "--challenge", "{other}"], ["another team"]),
    ([*REVISE, "--shift", "+2w", "--reason", "r", "--challenge", "abcd1234"], ["abcd1234"]),
    (["schedule", "revise", "--team", "nowhere", "--shift", "+2w", "--reason", "r"], ["nowhere"]),
    (["schedule", "show", "--team", "hill"], [HILLSIDE]),
    (["schedule", "show"], ["--team"]),
    (["schedule", "revert", "abcd1234"], ["abcd1234"]),
]


def _other(fl) -> str:
    """A challenge of the other team (Hilltop)."""
    return short_id(
        ok(
            fl(
                *("challenge", "add", "--team", "hilltop", "--category", "staff-shortage"),
                *("--title", "Hilltop's own"),
            )
        )
    )


@pytest.mark.parametrize(
    ("args", "mentions"), BAD, ids=[f"{n}-{args[1]}" for n, (args, _) in enumerate(BAD, 1)]
)
def test_bad_input_is_one_line_and_writes_nothing(seed, copy_of, args, mentions):
    root, other = seed(_other)
    workspace, fl = copy_of(root)
    before = snapshot(workspace)
    line = one_line_error(fl(*(a.format(other=other) for a in args)))
    for text in mentions:
        assert text in line, line
    assert snapshot(workspace) == before
