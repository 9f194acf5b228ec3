"""`flourish assess`: rounds of the sustainability self-assessment, rating schools 0-10 with
evidence, the grid with its changes since the round before, the key findings a cluster review
asks for, actions from findings, the collaboration diagnostic (several respondents combined,
gaps and split questions flagged, survey exports imported all or nothing) and "where we are
now / where we want to be". Bad input is one clear line, exit 2, and nothing written."""

import pytest
from cli_support import (
    HILLSIDE,
    HILLTOP,
    TEAM_START,
    TERMINAL_80,
    ok,
    ok_json,
    one_line_error,
    short_id,
    snapshot,
)

RIVERSIDE, BROOKFIELD = "Riverside Infants", "Brookfield Academy"
TRICKY = 'Budget "tight", deficit [bold]£40k[/bold]\nsecond line, 🎉 & <b>'


def rate(fl, team: str, *scores: str, evidence=(), round=None):
    args = ["assess", "rate", "--team", team]
    args += [a for s in scores for a in ("--rate", s)]
    args += [a for e in evidence for a in ("--evidence", e)]
    args += ["--round", round] if round else []
    return ok(fl(*args))


def line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def school(grid: dict, name: str) -> dict:
    (found,) = [s for s in grid["schools"] if s["team"] == name]
    return found


def _rated(fl):
    """Four schools; Spring 2026 then Autumn 2026 (the latest), rated so that vision is a
    strength, funding a priority because half the schools rate it 0-3 (its mean is 5) and
    impact a priority because its mean is below 4 (one school rates it 0-3)."""
    for name in (RIVERSIDE, BROOKFIELD):
        ok(fl("team", "add", "--name", name, "--start", TEAM_START, "--coach", "Eve Ede"))
    ok(fl("assess", "round", "add", "Spring 2026", "--on", "2026-03-02"))
    rate(fl, "hillside", "vision=5", "funding=4", "impact=6")
    rate(fl, "hilltop", "vision=7", "funding=6")
    ok(fl("assess", "round", "add", "Autumn 2026", "--on", "2026-10-05"))
    rate(fl, "hillside", "vision=7", "funding=2", "impact=1", evidence=[f"funding={TRICKY}"])
    rate(fl, "hilltop", "vision=9", "funding=8", "impact=5", evidence=["vision=On every agenda"])
    rate(fl, "riverside", "vision=8", "funding=3", "impact=4")
    rate(fl, "brookfield", "vision=8", "funding=7", "impact=4")


@pytest.fixture
def rated(seed, copy_of):
    """A private copy of the rated workspace: (its folder, a runner for it)."""
    root, _ = seed(_rated)
    return copy_of(root)


# -- conditions and rounds ---------------------------------------------------------------------


def test_help_names_every_assess_command(fl):
    said = ok(fl("assess", "--help")).stdout
    for name in ("conditions", "rounds", "round", "rate", "grid", "findings", "action"):
        assert name in said
    assert "diagnostic" in said and "where" in said
    assert "--evidence" in ok(fl("assess", "rate", "--help")).stdout


def test_conditions_are_listed_and_set_replaces_them(fl, workspace):
    said = ok(fl("assess", "conditions")).stdout
    assert "  impact: Impact measurement" in said and "0-10" in said
    assert len(ok_json(fl("assess", "conditions", "--json"))["conditions"]) == 8

    set_ = ok(fl("assess", "conditions", "--set", "impact=Impact", "--set", "reach=Our reach"))
    assert set_.stdout.startswith("Updated the self-assessment's conditions.")
    assert ok_json(fl("assess", "conditions", "--json")) == {
        "conditions": [{"key": "impact", "label": "Impact"}, {"key": "reach", "label": "Our reach"}]
    }
    ok(fl("assess", "round", "add", "Autumn 2026"))
    assert "reach (Our reach): 6, medium" in rate(fl, "hillside", "reach=6").stdout


def test_rounds_are_started_renamed_and_deleted(fl):
    assert "No self-assessment rounds yet" in ok(fl("assess", "rounds")).stdout
    assert "round" in one_line_error(
        fl("assess", "rate", "--team", "hillside", "--rate", "vision=5")
    )

    said = ok(fl("assess", "round", "add", "Autumn 2026", "--on", "2026-10-05")).stdout
    assert "Started the self-assessment round 'Autumn 2026', opened 2026-10-05." in said
    assert "Ratings go into it" in said
    older = ok(fl("assess", "round", "add", "Spring 2026", "--on", "2026-03-02")).stdout
    assert "'Autumn 2026', which stays the default" in older
    rate(fl, "hillside", "vision=5")

    listed = ok(fl("assess", "rounds")).stdout
    assert listed.index("Spring 2026") < listed.index("Autumn 2026")
    assert "1 ratings from 1 school  (latest)" in line_of(listed, "  Autumn 2026")
    ok(fl("assess", "round", "rename", "spring 2026", "Summer term"))
    assert (
        "Deleted the round 'Summer term'"
        in ok(fl("assess", "round", "delete", "Summer term")).stdout
    )
    rounds = ok_json(fl("assess", "rounds", "--json"))
    assert [{k: r[k] for k in ("name", "opened_on", "ratings", "schools")} for r in rounds] == [
        {"name": "Autumn 2026", "opened_on": "2026-10-05", "ratings": 1, "schools": 1}
    ]


# -- rating ------------------------------------------------------------------------------------


def test_rate_says_what_was_recorded_and_what_it_replaces(rated):
    _, fl = rated
    said = rate(fl, "hillside", "vision=6", "Workforce capacity=3").stdout

    assert said.startswith(f"Rated 2 conditions for {HILLSIDE} in Autumn 2026:")
    assert (
        "  vision (Shared vision and leadership): 6, medium (replaces the earlier rating, 7)"
        in said
    )
    assert "  workforce (Workforce capacity): 3, low\n" in said
    # Rated again without --evidence: the evidence it had is kept.
    again = rate(fl, "hillside", "funding=3").stdout
    assert "funding (Funding and resources): 3, low (replaces the earlier rating, 2)" in again
    assert '    evidence: Budget "tight", deficit [bold]£40k[/bold]\n' in again
    cell = school(ok_json(fl("assess", "grid", "--json")), HILLSIDE)["cells"]["funding"]
    assert cell["score"] == 3 and cell["evidence"] == TRICKY


# -- the grid ----------------------------------------------------------------------------------


def test_the_grid_shows_score_band_and_change_with_means(rated):
    _, fl = rated
    grid = ok(fl("assess", "grid")).stdout

    assert "self-assessment, Autumn 2026, change since Spring 2026" in grid
    header = line_of(grid, "School").split()
    assert header[1:4] == ["vision", "governance", "partnerships"] and header[-1] == "Mean"
    hillside = line_of(grid, HILLSIDE).split()[2:]
    assert hillside[:3] == ["7", "M", "+2"] and hillside[-2:] == ["3.3", "L"]
    assert " ".join(hillside) == "7 M +2 · · · · 2 L -2 · 1 L -5 3.3 L"
    # Riverside was not rated in Spring: no change to show
    assert line_of(grid, RIVERSIDE).split()[2:4] == ["8", "H"]
    assert line_of(grid, RIVERSIDE).split()[4] == "·"
    cluster = ["8", "H", *"····", "5", "M", "·", "3.5", "L", "5.5", "M"]  # ends: every rating
    assert line_of(grid, "Cluster").split()[1:] == cluster
    assert line_of(grid, "Change").split()[1:] == ["+2", "=0", "-5"]
    assert "L low (0-3), M medium (4-7), H high (8-10)" in grid
    assert "impact: Impact measurement" in grid


def test_an_earlier_round_has_no_change_to_show(rated):
    _, fl = rated
    grid = ok(fl("assess", "grid", "--round", "spring 2026")).stdout

    assert "Spring 2026" in grid and "change since" not in grid
    assert line_of(grid, HILLSIDE).split()[2:4] == ["5", "M"]
    assert not any(line.startswith("Change") for line in grid.splitlines())


def test_the_grid_fits_80_columns_with_a_key_line(rated):
    _, fl = rated
    grid = ok(fl("assess", "grid", env_extra=TERMINAL_80)).stdout

    assert all(len(line) <= 80 for line in grid.splitlines())
    header = line_of(grid, "School").split()
    assert header[1:5] == ["visio", "gover", "partn", "parti"]
    assert "partn partnerships: Partnerships and networks" in " ".join(grid.split())
    assert "7 M +2" in line_of(grid, "Hillside")


def test_the_grid_as_json(rated, team_ids):
    _, fl = rated
    grid = ok_json(fl("assess", "grid", "--json"))

    assert grid["round"]["name"] == "Autumn 2026" and grid["round"]["opened_on"] == "2026-10-05"
    assert grid["previous"]["name"] == "Spring 2026"
    assert grid["cluster"] == {"mean": 5.5, "band": "medium"}  # every Autumn rating
    assert grid["conditions"][0] == {
        "key": "vision",
        "label": "Shared vision and leadership",
        "mean": 8.0,
        "band": "high",
        "change": 2.0,
    }
    assert grid["conditions"][1]["mean"] is None
    assert [s["team"] for s in grid["schools"]] == [BROOKFIELD, HILLSIDE, HILLTOP, RIVERSIDE]
    hillside = school(grid, HILLSIDE)
    assert (hillside["team_id"], hillside["team"]) == (team_ids[HILLSIDE], HILLSIDE)
    assert (hillside["mean"], hillside["band"]) == (3.3, "low")
    assert hillside["cells"]["funding"] == {
        "score": 2,
        "band": "low",
        "change": -2,
        "evidence": TRICKY,
    }
    assert hillside["cells"]["governance"] is None


# -- key findings ------------------------------------------------------------------------------


def test_findings_name_strengths_and_priorities_with_the_rule(rated):
    _, fl = rated
    said = ok(fl("assess", "findings")).stdout

    assert said.startswith("Key findings, Autumn 2026 (4 of 4 schools rated; change since Spring")
    strengths = said[said.index("Strengths") : said.index("Priorities")]
    assert "vision: Shared vision and leadership, mean 8" in strengths
    assert "a cluster mean below 4, or half the schools or more rating it 0-3" in said
    priorities = said[said.index("Priorities") : said.index("Conditions ranked")].splitlines()
    # Half the schools rate funding 0-3 (its mean is 5); impact's mean is below 4.
    assert priorities[1:3] == [
        "  funding: Funding and resources, mean 5; 2 of 4 schools rate it 0-3",
        "  impact: Impact measurement, mean 3.5; 1 of 4 schools rate it 0-3",
    ]
    assert "Nothing is a priority" not in said


def test_findings_rank_conditions_with_change_and_schools_by_mean(rated):
    _, fl = rated
    said = ok(fl("assess", "findings")).stdout

    ranked = said[said.index("Conditions ranked") : said.index("Schools ranked")].splitlines()
    assert [line.split()[1:5] for line in ranked[1:4]] == [
        ["vision", "8", "H", "+2"],
        ["funding", "5", "M", "=0"],
        ["impact", "3.5", "L", "-5"],
    ]
    assert "Not rated by any school: governance (Governance and accountability)" in said
    schools = said[said.index("Schools ranked") : said.index("Condition by condition")]
    names = [line.split(".", 1)[1].rsplit(None, 2)[0].strip() for line in schools.splitlines()[1:5]]
    assert names == [HILLTOP, BROOKFIELD, RIVERSIDE, HILLSIDE]


def test_findings_say_who_does_well_and_less_well_with_their_evidence(rated):
    _, fl = rated
    said = ok(fl("assess", "findings")).stdout

    vision = said[said.index("vision: Shared vision and leadership, mean 8, rated by 4") :]
    vision = vision[: vision.index("\nfunding:")]
    assert "Doing well:" in vision and "Less well" not in vision
    assert vision.index(HILLTOP) < vision.index(BROOKFIELD) < vision.index(RIVERSIDE)
    assert "      On every agenda" in vision and HILLSIDE not in vision
    funding = said[said.index("funding: Funding and resources, mean 5") :]
    less = funding[funding.index("Less well:") :]
    assert less.index(f"{HILLSIDE}: 2") < less.index(f"{RIVERSIDE}: 3")
    # the evidence exactly as typed: markup, quotes, commas, emoji, each line indented
    assert '      Budget "tight", deficit [bold]£40k[/bold]\n      second line, 🎉 & <b>\n' in less


def test_findings_as_json(rated, team_ids):
    _, fl = rated
    found = ok_json(fl("assess", "findings", "--json"))

    assert found["strengths"] == ["vision"]
    assert found["priorities"] == ["funding", "impact"] and found["lowest"] is None
    assert [c["key"] for c in found["unrated"]][:2] == ["governance", "partnerships"]
    assert [(s["team"], s["mean"]) for s in found["schools"]] == [
        (HILLTOP, 7.3),
        (BROOKFIELD, 6.3),
        (RIVERSIDE, 5.0),
        (HILLSIDE, 3.3),
    ]
    funding = found["ranking"][1]
    assert {k: funding[k] for k in ("key", "mean", "band", "rated", "change", "priority")} == {
        "key": "funding",
        "mean": 5.0,
        "band": "medium",
        "rated": 4,
        "change": 0.0,
        "priority": True,
    }
    assert funding["less_well"][0] == {
        "team_id": team_ids[HILLSIDE],
        "team": HILLSIDE,
        "score": 2,
        "evidence": TRICKY,
    }
    assert [p["team"] for p in funding["doing_well"]] == [HILLTOP]


def test_with_no_priority_the_weakest_condition_is_named(fl):
    ok(fl("assess", "round", "add", "Autumn 2026"))
    rate(fl, "hillside", "vision=6", "governance=5")
    rate(fl, "hilltop", "vision=7", "governance=4")

    said = ok(fl("assess", "findings")).stdout

    assert "Strengths (a cluster mean of 8 or more):\n  none yet" in said
    assert (
        "Nothing is a priority; the weakest is Governance and accountability (governance), "
        "mean 4.5." in said
    )
    found = ok_json(fl("assess", "findings", "--json"))
    assert found["priorities"] == [] and found["lowest"] == "governance"


# -- findings to actions -----------------------------------------------------------------------


def test_an_action_from_a_rating_is_made_once(rated, team_ids):
    workspace, fl = rated
    made = ok(fl("assess", "action", "--team", "hillside", "--condition", "funding"))

    title = "Develop Funding and resources (self-assessed 2/10, Autumn 2026)"
    assert made.stdout.startswith(f"Added action for {HILLSIDE}: {title!r} (id ")
    (item,) = ok_json(fl("action", "list", "--team", "hillside", "--json"))
    assert item["id"].startswith(short_id(made)) and item["title"] == title
    assert item["evidence"] == TRICKY and item["due"] == "2027-01-03"

    before = snapshot(workspace)
    again = one_line_error(fl("assess", "action", "--team", "hillside", "--condition", "funding"))
    assert "already has an open action for this" in again
    assert snapshot(workspace) == before


def test_an_action_for_a_priority_reaches_each_school_below_8_once(rated):
    workspace, fl = rated
    ok(fl("assess", "action", "--team", "hillside", "--condition", "funding"))

    said = ok(fl("assess", "action", "--priority", "funding")).stdout

    # Hilltop rates it 8 (high); Hillside has the action already.
    assert said.splitlines()[0] == "Added 2 actions:"
    assert f"  {RIVERSIDE}: 'Develop Funding and resources (self-assessed 3/10" in said
    assert f"  {BROOKFIELD}: 'Develop Funding and resources (self-assessed 7/10" in said
    assert HILLSIDE not in said and HILLTOP not in said
    assert ok_json(fl("action", "list", "--team", "hilltop", "--json")) == []
    before = snapshot(workspace)
    assert "No school needs the action" in one_line_error(
        fl("assess", "action", "--priority", "funding")
    )
    assert snapshot(workspace) == before


# -- the collaboration diagnostic --------------------------------------------------------------


def test_the_questionnaire_and_the_survey_template(fl):
    said = ok(fl("assess", "diagnostic", "questions")).stdout
    assert "0 not in place, 1 just starting, 2 partly in place" in said
    assert "1 vision: What is our vision? (out of 28)" in said
    assert "  1.3  Roles and responsibilities are agreed and understood." in said

    record = ok_json(fl("assess", "diagnostic", "questions", "--json"))
    assert record["scale"][4] == {"answer": 4, "means": "fully in place"}
    assert [s["key"] for s in record["sections"]][:2] == ["vision", "leadership"]
    assert record["sections"][6]["questions"][2]["key"] == "7.3"

    header = ok(fl("assess", "diagnostic", "template")).stdout
    assert header.startswith("team,respondent,date,1.1,1.2,")
    assert header.endswith(",7.2,7.3\n") and header.count("\n") == 1


def diagnose(fl):
    """Three respondents at Hillside: 1.2 split (0, 3, 3), 1.3 weak, the evidence section a
    significant gap; vision flagged without a gap."""
    add = ("assess", "diagnostic", "add", "--team", "hillside")
    ok(fl(*add, "--respondent", "Ann", "1.1=4", "1.2=0", "1.3=1", "7.1=0", "7.2=1"))
    ok(fl(*add, "--respondent", "Bo", "1.1=4", "1.2=3", "1.3=1", "7.1=0", "7.2=2"))
    return ok(fl(*add, "--on", "2026-11-20", "1.1=4", "1.2=3", "1.3=2", "7.1=1", "7.2=1"))


def test_several_respondents_are_combined_per_question(fl):
    said = diagnose(fl).stdout

    assert said.startswith(
        f"Recorded An anonymous respondent's answers to 5 questions for {HILLSIDE}, 2026-11-20"
    )
    assert f"Answers combined for {HILLSIDE}: 3 respondents." in said
    shown = ok(fl("assess", "diagnostic", "show", "--team", "hillside")).stdout
    assert shown.startswith(f"{HILLSIDE}: collaboration diagnostic, 3 respondents combined")
    vision = line_of(shown, "  1 vision")
    assert "7.3 of 12" in vision and "GAP" not in vision and "3 of 7 questions answered" in vision
    assert "1.7 of 8  GAP" in line_of(shown, "  7 evidence")
    assert "not answered" in line_of(shown, "  2 leadership")
    flagged = shown[shown.index("Questions to return to:") :]
    assert "  1.2  mean 2, spread 3: respondents differ\n" in flagged
    assert "  1.3  mean 1.33, spread 1: weak\n" in flagged
    assert "  7.1  mean 0.33, spread 1: weak\n" in flagged
    assert "1.1" not in flagged


def test_the_diagnostic_as_json(fl, team_ids):
    diagnose(fl)
    record = ok_json(fl("assess", "diagnostic", "show", "--team", "hillside", "--json"))

    assert (record["team_id"], record["respondents"]) == (team_ids[HILLSIDE], 3)
    vision, *_, evidence = record["sections"]
    assert (vision["total"], vision["maximum"], vision["gap"]) == (7.3, 12, False)
    assert vision["flagged"] == ["1.2", "1.3"]
    assert vision["questions"][1] == {
        "key": "1.2",
        "text": "We have agreed procedures and protocols.",
        "mean": 2.0,
        "answered": 3,
        "spread": 3,
        "weak": False,
        "split": True,
    }
    assert vision["questions"][3]["mean"] is None
    assert (evidence["total"], evidence["maximum"], evidence["gap"]) == (1.7, 8, True)
    assert record["sections"][1]["total"] is None


def test_a_respondent_answering_again_counts_once(fl):
    diagnose(fl)
    said = ok(
        fl("assess", "diagnostic", "add", "--team", "hillside", "--respondent", "ann", "1.2=4")
    )

    assert "ann answered before: only their latest answers are combined." in said.stdout
    record = ok_json(fl("assess", "diagnostic", "show", "--team", "hillside", "--json"))
    assert record["respondents"] == 3
    assert record["sections"][0]["questions"][1]["mean"] == 3.33  # 4, 3, 3


def test_importing_a_survey_export(fl, tmp_path):
    path = tmp_path / "survey.csv"
    rows = [
        "team,respondent,date,1.1,1.2,7.1",
        f"{HILLTOP},Head,2026-11-05 10:32,3,1,",
        f'{HILLTOP},"Deputy, KS3",2026/11/06,1,4,2',
        "hillside,,,2,2,2",
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n")

    said = ok(fl("assess", "diagnostic", "import", path)).stdout

    assert said.splitlines()[0] == "Imported 3 responses for 2 teams from survey.csv."
    assert f"  {HILLTOP}: 2 respondents combined" in said
    hilltop = ok_json(fl("assess", "diagnostic", "show", "--team", "hilltop", "--json"))
    questions = hilltop["sections"][0]["questions"]
    assert [q["mean"] for q in questions[:2]] == [2.0, 2.5]
    assert questions[1]["split"] is True
    assert hilltop["sections"][6]["questions"][0]["answered"] == 1


def test_a_file_with_bad_rows_imports_nothing_and_names_each_line(fl, workspace, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(
        "team,respondent,date,1.1,1.2\n"
        "hillside,Ann,2026-11-05,3,2\n"  # 2: good
        "Nowhere,Bo,2026-11-05,3,2\n"  # 3
        "hillside,Cy,2026-11-05,5,2\n"  # 4
        "hillside,Di,2026-12-25,3,2\n"  # 5: the future
        "hillside,Ed,2026-11-05,3\n"  # 6
        "hilltop,Fi,2026-11-05,,\n",  # 7
        encoding="utf-8",
    )
    before = snapshot(workspace)

    result = fl("assess", "diagnostic", "import", path)

    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("flourish: 5 of 6 rows rejected, so nothing was imported: line 3")
    assert [line.split(":")[0] for line in lines[1:]] == [f"line {n}" for n in (3, 4, 5, 6, 7)]
    assert "Nowhere" in lines[1] and "'5' is not 0 to 4" in lines[2] and "future" in lines[3]
    assert lines[4] == "line 6: 4 columns, not 5" and "no question" in lines[5]
    assert snapshot(workspace) == before
    assert (
        ok_json(fl("assess", "diagnostic", "show", "--team", "hillside", "--json"))["respondents"]
        == 0
    )


def test_the_overview_shows_each_school_by_section(fl):
    diagnose(fl)

    table = ok(fl("assess", "diagnostic", "overview")).stdout

    assert line_of(table, "School").split()[1:3] == ["vision", "leadership"]
    hillside = line_of(table, HILLSIDE).split()[2:]
    assert hillside[:2] == ["7.3", "?"] and hillside[-3:] == ["1.7", "!", "3"]
    assert line_of(table, HILLTOP).split()[2:] == ["·"] * 7 + ["0"]
    assert "! a gap" in table and "? no gap, but a question to return" in table
    narrow = ok(fl("assess", "diagnostic", "overview", env_extra=TERMINAL_80)).stdout
    assert all(len(line) <= 80 for line in narrow.splitlines())
    overview = ok_json(fl("assess", "diagnostic", "overview", "--json"))
    assert [(t["team"], t["respondents"]) for t in overview] == [(HILLSIDE, 3), (HILLTOP, 0)]


def test_an_action_from_a_diagnostic_gap_is_made_once(fl, workspace):
    diagnose(fl)

    made = ok(fl("assess", "diagnostic", "action", "--team", "hillside", "--section", "evidence"))

    title = "Close the collaboration gap: How will we know collaboration is working (1.7 of 8)"
    assert f"{title!r} (id " in made.stdout
    assert "Focus: 7.1 We gather evidence" in made.stdout
    flagged = ok(fl("assess", "diagnostic", "action", "--team", "hillside", "--section", "1"))
    assert "'Return to What is our vision: questions 1.2, 1.3'" in flagged.stdout  # no gap
    assert "in place: 1.2 We have agreed procedures and protocols.; 1.3" in flagged.stdout
    titles = [a["title"] for a in ok_json(fl("action", "list", "--team", "hillside", "--json"))]
    assert title in titles and len(titles) == 2
    before = snapshot(workspace)
    again = fl("assess", "diagnostic", "action", "--team", "hillside", "--section", "evidence")
    assert "already has an open action for this" in one_line_error(again)
    unanswered = fl("assess", "diagnostic", "action", "--team", "hillside", "--section", "sharing")
    assert "has answered" in one_line_error(unanswered)
    assert snapshot(workspace) == before


# -- where we are now / where we want to be ----------------------------------------------------


def add_pair(fl, **fields):
    args = ["assess", "goals", "add", "--team", "hillside"]
    for name, value in {
        "now": "Meetings get cancelled",
        "want": "A protected meeting",
        **fields,
    }.items():
        args += [f"--{name.replace('_', '-')}", value]
    return short_id(ok(fl(*args)))


def test_a_pair_round_trips_text_exactly(fl):
    pair = add_pair(fl, now=TRICKY, now_evidence="- three cancelled\n- actions carried over")

    shown = ok(fl("assess", "goals", "show", "--team", "hillside")).stdout
    assert f"(id {pair})" in shown
    assert (
        '  Now:  Budget "tight", deficit [bold]£40k[/bold]\n        second line, 🎉 & <b>\n'
        in shown
    )
    assert "    evidence: - three cancelled\n              - actions carried over\n" in shown
    assert "  Want: A protected meeting" in shown and "No action linked yet." in shown
    record = ok_json(fl("assess", "goals", "show", "--team", "hillside", "--json"))
    assert record["team"] == HILLSIDE
    (got,) = record["pairs"]
    assert got["id"].startswith(pair)
    assert {k: got[k] for k in ("now", "want", "now_evidence", "want_evidence", "actions")} == {
        "now": TRICKY,
        "want": "A protected meeting",
        "now_evidence": "- three cancelled\n- actions carried over",
        "want_evidence": "",
        "actions": [],
    }


def test_linking_and_unlinking_an_action(fl):
    pair = add_pair(fl)
    action = short_id(ok(fl("action", "add", "--team", "hillside", "--title", "Block the diary")))

    said = ok(fl("assess", "goals", "link", pair, action)).stdout
    assert said == f"Linked 'Block the diary' to the statement pair (id {pair}).\n"
    assert "(it already was)" in ok(fl("assess", "goals", "link", pair, action)).stdout
    shown = ok(fl("assess", "goals", "show", "--team", "hillside")).stdout
    assert f"  Action {action}: Block the diary (not started, due not set)" in shown
    (got,) = ok_json(fl("assess", "goals", "show", "--team", "hillside", "--json"))["pairs"]
    assert [a["title"] for a in got["actions"]] == ["Block the diary"]

    ok(fl("assess", "goals", "unlink", pair, action))
    assert "No action linked yet." in ok(fl("assess", "goals", "show", "--team", "hillside")).stdout
    theirs = short_id(ok(fl("action", "add", "--team", "hilltop", "--title", "Theirs")))
    assert "another team" in one_line_error(fl("assess", "goals", "link", pair, theirs))


def test_an_action_towards_a_pair_is_made_linked_and_once(fl, workspace):
    pair = add_pair(fl, want_evidence="Every meeting held\nActions closed on time")

    made = ok(fl("assess", "goals", "action", pair))

    assert "'Move towards: A protected meeting' (id " in made.stdout
    (item,) = ok_json(fl("action", "list", "--team", "hillside", "--json"))
    assert item["success_criteria"] == "Every meeting held; Actions closed on time"
    (got,) = ok_json(fl("assess", "goals", "show", "--team", "hillside", "--json"))["pairs"]
    assert [a["id"] for a in got["actions"]] == [item["id"]]
    titled = ok(fl("assess", "goals", "action", pair, "--title", "Tell staff why"))
    assert "'Tell staff why'" in titled.stdout
    before = snapshot(workspace)
    assert "already has the open action" in one_line_error(fl("assess", "goals", "action", pair))
    assert snapshot(workspace) == before


def test_a_pair_is_edited_and_deleted(fl):
    pair = add_pair(fl)

    ok(fl("assess", "goals", "edit", pair, "--want", "Meetings, always", "--want-evidence", "x"))
    (got,) = ok_json(fl("assess", "goals", "show", "--team", "hillside", "--json"))["pairs"]
    assert (got["now"], got["want"], got["want_evidence"]) == (
        "Meetings get cancelled",
        "Meetings, always",
        "x",
    )
    ok(fl("assess", "goals", "delete", pair))
    assert ok_json(fl("assess", "goals", "show", "--team", "hillside", "--json"))["pairs"] == []
    assert pair in one_line_error(fl("assess", "goals", "delete", pair))


# -- bad input ---------------------------------------------------------------------------------

RATE = ("assess", "rate", "--team", "hillside")
ADD = ("assess", "diagnostic", "add", "--team", "hillside")
BAD = [
    pytest.param([*RATE[:3], "Nowhere", "--rate", "vision=5"], "Nowhere", id="unknown-team"),
    pytest.param([*RATE, "--rate", "mood=5"], "mood", id="unknown-condition"),
    pytest.param([*RATE, "--rate", "vision=11"], "11", id="score-11"),
    pytest.param(
        [*RATE, "--rate", "vision=5", "--rate", "Shared vision and leadership=6"],
        "twice",
        id="rated-twice",
    ),
    pytest.param(
        [*RATE, "--rate", "vision=5", "--evidence", "funding=x"], "funding", id="evidence"
    ),
    pytest.param([*RATE, "--rate", "vision=5", "--round", "Winter"], "Winter", id="unknown-round"),
    pytest.param(["assess", "round", "add", "X", "--on", "someday"], "someday", id="bad-date"),
    pytest.param(["assess", "round", "delete", "Autumn 2026"], "rename it", id="rated-round"),
    pytest.param(
        ["assess", "action", "--team", "hilltop", "--condition", "vision"], "high", id="high"
    ),
    pytest.param(
        ["assess", "action", "--team", "hillside", "--priority", "funding"],
        "--team",
        id="priority-team",
    ),
    pytest.param([*ADD, "9.9=1"], "9.9", id="unknown-question"),
    pytest.param([*ADD, "1.1=5"], "5", id="answer-5"),
    pytest.param([*ADD, "--on", "tomorrow", "1.1=2"], "future", id="answered-in-future"),
    pytest.param(
        ["assess", "diagnostic", "action", "--team", "hillside", "--section", "nowhere"],
        "nowhere",
        id="unknown-section",
    ),
    pytest.param(
        ["assess", "diagnostic", "import", "/nowhere/survey.csv"], "Nothing was changed", id="file"
    ),
    pytest.param(["assess", "conditions", "--set", "a b=Label"], "a b", id="condition-key"),
    pytest.param(["assess", "goals", "edit", "abcd1234"], "--now", id="edit-nothing"),
]


@pytest.mark.parametrize(("args", "named"), BAD)
def test_bad_input_is_one_line_and_writes_nothing(rated, args, named):
    workspace, fl = rated
    before = snapshot(workspace)

    assert named in one_line_error(fl(*args))
    assert snapshot(workspace) == before


def test_where_still_works_as_the_old_name_of_goals_but_is_not_listed(fl):
    ok(fl("assess", "goals", "add", "--team", "hillside", "--now", "Ad hoc", "--want", "Weekly"))

    (pair,) = ok_json(fl("assess", "where", "show", "--team", "hillside", "--json"))["pairs"]
    listed = ok(fl("assess", "--help")).stdout

    assert pair["want"] == "Weekly"
    commands = [line.split()[0] for line in listed.splitlines() if line.startswith("    ")]
    assert "goals" in commands and "where" not in commands


def test_the_questionnaire_is_changed_from_a_file_and_answers_stay_with_their_question(
    fl, workspace, tmp_path
):
    diagnose(fl)
    text = ok(fl("assess", "diagnostic", "questions")).stdout
    assert "1.2  We have agreed procedures and protocols." in text
    edited = tmp_path / "questions.txt"
    json_before = ok_json(fl("assess", "diagnostic", "questions", "--json"))
    lines = [
        f"{s['key']}: {s['title']}\n"
        + "".join(f"  {q['key']} {q['text']}\n" for q in s["questions"])
        for s in json_before["sections"]
    ]
    reworded = "".join(lines).replace("procedures and protocols", "the rules we work by")
    edited.write_text(reworded + "money: Who pays?\n  The budget is shared.\n", encoding="utf-8")

    said = ok(fl("assess", "diagnostic", "questions", "--from", str(edited))).stdout
    assert said.startswith("Saved the questionnaire: 8 sections,")
    shown = ok(fl("assess", "diagnostic", "show", "--team", "hillside")).stdout
    assert "We have agreed the rules we work by." in shown
    assert "8.1" in ok(fl("assess", "diagnostic", "template")).stdout

    before = snapshot(workspace)
    edited.write_text(reworded.replace("  1.3 ", "# 1.3 "), encoding="utf-8")
    refused = one_line_error(fl("assess", "diagnostic", "questions", "--from", str(edited)))
    assert "Question 1.3 has answers, so it cannot be removed" in refused
    assert snapshot(workspace) == before
