"""`flourish pulse`: recording results by hand and from CSV, a team's trend, the heatmap and an
action from a score; a result fewer than the threshold answered never shows its score; bad
input is one clear line (or, for a rejected file, a summary line then each rejected line),
exit 2, and nothing written."""

import pytest
from cli_support import HILLSIDE, HILLTOP, ok, ok_json, one_line_error, short_id, snapshot

HEADER = "team,month,dimension,score,responses\n"


def add(fl, team: str, month: str, *scores: str):
    args = ["pulse", "add", "--team", team, "--month", month]
    for score in scores:
        args += ["--score", score]
    return ok(fl(*args))


def dimension(record: dict, key: str) -> dict:
    (found,) = [d for d in record["dimensions"] if d["key"] == key]
    return found


def rejected(result) -> list[str]:
    """The lines of a rejected import: exit 2, nothing on stdout, a summary then each line."""
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    return result.stderr.splitlines()


# -- add and show ------------------------------------------------------------------------------


def test_add_then_show_as_a_table_and_as_json(fl):
    add(fl, "hillside", "2026-10", "voice=6.5/12", "trust=3.75/4", "purpose=8/10")
    said = add(fl, "hillside", "Nov 2026", "voice=5/12", "Trust and safety=4.25/3").stdout

    assert said.startswith(f"Recorded 2 results for {HILLSIDE}, November 2026:")
    assert "voice (My voice is heard): 5 (medium), 12 responses" in said
    assert "trust (Trust and safety): 4.25 (medium), 3 responses" in said

    table = ok(fl("pulse", "show", "--team", "hillside")).stdout
    voice = next(line for line in table.splitlines() if line.startswith("voice"))
    assert voice.split()[-5:] == ["6.5", "5", "▼", "1.5", "medium"]
    trust = next(line for line in table.splitlines() if line.startswith("trust"))
    assert trust.split()[-5:] == ["3.75", "4.25", "▲", "0.5", "medium"]
    assert "Oct 2026" in table and "Nov 2026" in table
    assert "– fewer than 3 responses" in table

    record = ok_json(fl("pulse", "show", "--team", "hillside", "--json"))
    assert record["team"] == HILLSIDE and record["min_responses"] == 3
    assert dimension(record, "voice") == {
        "key": "voice",
        "label": "My voice is heard",
        "points": [
            {"month": "2026-10", "score": 6.5, "responses": 12, "hidden": False},
            {"month": "2026-11", "score": 5.0, "responses": 12, "hidden": False},
        ],
        "change": -1.5,
        "band": "medium",
    }
    assert dimension(record, "wellbeing")["points"] == []
    # purpose was not surveyed in November: no change to report for the latest month
    assert dimension(record, "purpose")["change"] is None
    assert record["latest"]["month"] == "2026-11"
    assert record["latest"]["falling"] == ["voice"]


def test_a_result_with_too_few_responses_shows_no_score_anywhere(fl):
    said = add(fl, "hillside", "2026-11", "voice=7.35/2", "trust=6.15/3").stdout

    assert "voice (My voice is heard): hidden: 2 responses, fewer than 3" in said
    assert "trust (Trust and safety): 6.15" in said  # 3 responses: the threshold, shown
    table = ok(fl("pulse", "show", "--team", "hillside")).stdout
    as_json = ok(fl("pulse", "show", "--team", "hillside", "--json")).stdout
    heat = ok(fl("pulse", "heatmap")).stdout
    heat_json = ok(fl("pulse", "heatmap", "--json")).stdout
    for output in (said, table, as_json, heat, heat_json):
        assert "7.35" not in output
    assert "6.15" in table and "6.15" in as_json and "6.15 M" in heat

    voice = next(line for line in table.splitlines() if line.startswith("voice"))
    assert voice.split()[-1] == "–"
    point = dimension(ok_json(fl("pulse", "show", "--team", "hillside", "--json")), "voice")
    assert point["points"] == [{"month": "2026-11", "score": None, "responses": 2, "hidden": True}]
    assert point["band"] is None


def test_show_limits_the_table_to_the_last_months(fl):
    for month in ("2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"):
        add(fl, "hilltop", month, f"voice={int(month[-2:]) / 2}/5")

    table = ok(fl("pulse", "show", "--team", "hilltop")).stdout
    assert "Jun 2026" not in table and "Jul 2026" in table and "Dec 2026" in table
    two = ok(fl("pulse", "show", "--team", "hilltop", "--months", "2")).stdout
    assert "Oct 2026" not in two and "Nov 2026" in two
    record = ok_json(fl("pulse", "show", "--team", "hilltop", "--json", "--months", "2"))
    assert [p["month"] for p in dimension(record, "voice")["points"]] == ["2026-11", "2026-12"]
    everything = ok_json(fl("pulse", "show", "--team", "hilltop", "--json"))
    assert len(dimension(everything, "voice")["points"]) == 7


def test_recording_a_month_again_replaces_it(fl):
    add(fl, "hillside", "2026-11", "voice=5/12")
    said = add(fl, "hillside", "2026-11", "voice=6/12").stdout

    assert "replaces the earlier result" in said
    record = ok_json(fl("pulse", "show", "--team", "hillside", "--json"))
    assert [p["score"] for p in dimension(record, "voice")["points"]] == [6.0]


NOV = ("--month", "2026-11")
BAD_ADD = [
    pytest.param(["--team", "Riverside", *NOV, "--score", "voice=6/12"], "Riverside", id="team"),
    pytest.param(
        ["--team", "hillside", "--month", "2026-13", "--score", "voice=6/12"],
        "2026-13",
        id="month-13",
    ),
    pytest.param(
        ["--team", "hillside", "--month", "soon", "--score", "voice=6/12"], "soon", id="month"
    ),
    pytest.param(["--team", "hillside", *NOV, "--score", "voice=11/12"], "11", id="score-11"),
    pytest.param(["--team", "hillside", *NOV, "--score", "voice=abc"], "voice=abc", id="abc"),
    pytest.param(["--team", "hillside", *NOV, "--score", "voice=abc/12"], "abc", id="abc/12"),
    pytest.param(["--team", "hillside", *NOV, "--score", "voice=6/many"], "many", id="6/many"),
    pytest.param(["--team", "hillside", *NOV, "--score", "mood=6/12"], "mood", id="dimension"),
    pytest.param(
        ["--team", "hillside", *NOV, "--score", "voice=6/12", "--score", "My voice is heard=5/9"],
        "twice",
        id="twice",
    ),
    pytest.param(["--team", "hillside", *NOV], "--score", id="no-score"),
]


@pytest.mark.parametrize(("args", "named"), BAD_ADD)
def test_bad_input_to_add_is_one_line_and_writes_nothing(fl, workspace, args, named):
    before = snapshot(workspace)

    assert named in one_line_error(fl("pulse", "add", *args))
    assert snapshot(workspace) == before


# -- import ------------------------------------------------------------------------------------


def test_importing_a_good_file(fl, tmp_path):
    path = tmp_path / "pulse-nov.csv"
    path.write_text(
        HEADER
        + f"{HILLSIDE},2026-10,voice,6,12\n"
        + f"{HILLSIDE},2026-11,voice,7.5,12\n"
        + "hilltop,Nov 2026,Trust and safety,4,2\n"
        + "\n",  # a blank line at the end is no row
        encoding="utf-8",
    )

    said = ok(fl("pulse", "import", path)).stdout

    assert said.splitlines()[0] == "Imported 3 results for 2 teams (months Oct 2026, Nov 2026)."
    assert "1 has fewer than 3 responses and will stay hidden." in said
    voice = dimension(ok_json(fl("pulse", "show", "--team", "hillside", "--json")), "voice")
    assert [p["score"] for p in voice["points"]] == [6.0, 7.5]
    assert voice["change"] == 1.5
    trust = dimension(ok_json(fl("pulse", "show", "--team", "hilltop", "--json")), "trust")
    assert trust["points"][0]["score"] is None


def test_a_bad_file_reports_every_rejected_line_and_imports_nothing(fl, workspace, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "Riverside,2026-11,voice,6,12\n"  # line 2
        + f"{HILLSIDE},2026-13,voice,6,12\n"  # 3
        + "hillside,2026-11,voice,11,12\n"  # 4
        + "hillside,2026-11,mood,5,12\n"  # 5
        + "hilltop,2026-11,voice,5,12\n"  # 6: good
        + "hilltop,2026-11,voice,6,12\n"  # 7: the same as line 6
        + "hilltop,2026-11,trust,6\n",  # 8
        encoding="utf-8",
    )
    before = snapshot(workspace)

    lines = rejected(fl("pulse", "import", path))

    assert lines[0].startswith("flourish: 6 of 7 rows rejected, so nothing was imported: line 2")
    assert lines[1:] == [
        "line 2: no team matches 'Riverside'",
        "line 3: '2026-13' is not a month: months run from 1 to 12",
        "line 4: A pulse score is 0 to 10, not 11",
        "line 5: Unknown pulse dimension 'mood': use one of purpose, trust, voice, "
        "accountability, collaboration, wellbeing",
        "line 7: the same team, month and dimension as line 6",
        "line 8: 4 columns, not 5",
    ]
    assert snapshot(workspace) == before


def test_one_bad_row_among_good_ones_imports_nothing(fl, workspace):
    before = snapshot(workspace)
    text = HEADER + "hillside,2026-11,voice,6,12\nhillside,2026-11,trust,-1,12\n"

    lines = rejected(fl("pulse", "import", "-", input=text))

    assert lines[0].startswith("flourish: 1 of 2 rows rejected")
    assert lines[1:] == ["line 3: A pulse score is 0 to 10, not -1"]
    assert snapshot(workspace) == before
    assert ok_json(fl("pulse", "show", "--team", "hillside", "--json"))["latest"] is None


def test_a_utf8_file_with_a_bom_and_crlf_from_excel_imports(fl, tmp_path):
    path = tmp_path / "excel.csv"
    rows = [HEADER.strip(), f"{HILLSIDE},2026-11,voice,6.5,12", f"{HILLTOP},2026-11,trust,8,9"]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")

    said = ok(fl("pulse", "import", path)).stdout

    assert said.startswith("Imported 2 results for 2 teams (months Nov 2026).")
    heat = ok_json(fl("pulse", "heatmap", "--json"))
    cells = {t["team"]: t["cells"] for t in heat["teams"]}
    assert cells[HILLSIDE]["voice"]["score"] == 6.5
    assert cells[HILLTOP]["trust"]["band"] == "high"


@pytest.mark.parametrize(
    ("content", "named"),
    [
        pytest.param(b"team,month\nhillside,2026-11\n", "first line", id="wrong-header"),
        pytest.param(b"", "empty", id="empty"),
        pytest.param(HEADER.encode(), "no rows", id="header-only"),
        pytest.param(
            HEADER.encode() + "Hillside,2026-11,voice,6,12\n".encode("utf-16"),
            "UTF-8",
            id="not-utf8",
        ),
    ],
)
def test_a_malformed_file_is_one_line(fl, workspace, tmp_path, content, named):
    path = tmp_path / "pulse.csv"
    path.write_bytes(content)
    before = snapshot(workspace)

    assert named in one_line_error(fl("pulse", "import", path))
    assert snapshot(workspace) == before


def test_a_missing_file_is_one_line(fl, workspace, tmp_path):
    before = snapshot(workspace)

    line = one_line_error(fl("pulse", "import", tmp_path / "nowhere.csv"))

    assert "nowhere.csv" in line and "Nothing was changed" in line
    assert snapshot(workspace) == before


# -- heatmap and action ------------------------------------------------------------------------


@pytest.fixture
def surveyed(fl):
    add(fl, "hillside", "2026-10", "voice=6/12")
    add(fl, "hillside", "2026-11", "voice=3.5/12", "trust=8/5", "purpose=5/2")
    add(fl, "hilltop", "2026-11", "voice=9/7")
    return fl


def test_the_heatmap_as_json(surveyed):
    heat = ok_json(surveyed("pulse", "heatmap", "--month", "2026-11", "--json"))

    assert heat["month"] == "2026-11" and heat["min_responses"] == 3
    assert [d["key"] for d in heat["dimensions"]][:3] == ["purpose", "trust", "voice"]
    assert [t["team"] for t in heat["teams"]] == [HILLSIDE, HILLTOP]
    hillside = heat["teams"][0]["cells"]
    assert hillside["voice"] == {
        "month": "2026-11",
        "score": 3.5,
        "responses": 12,
        "hidden": False,
        "band": "low",
    }
    assert hillside["trust"]["band"] == "high"
    assert hillside["purpose"] == {
        "month": "2026-11",
        "score": None,
        "responses": 2,
        "hidden": True,
        "band": None,
    }
    assert hillside["wellbeing"] is None
    assert heat["teams"][1]["cells"]["voice"]["band"] == "high"

    october = ok_json(surveyed("pulse", "heatmap", "--month", "Oct 2026", "--json"))
    assert october["teams"][0]["cells"]["voice"]["score"] == 6.0
    assert october["teams"][1]["month"] is None


def test_the_heatmap_marks_bands_with_letters(surveyed):
    text = ok(surveyed("pulse", "heatmap", "--month", "2026-11")).stdout

    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("School"))
    assert header.split()[1:4] == ["purpose", "trust", "voice"]
    hillside = next(line for line in lines if line.startswith(HILLSIDE))
    assert hillside.split()[2:8] == ["–", "8", "H", "3.5", "L", "–"]
    hilltop = next(line for line in lines if line.startswith(HILLTOP))
    assert "9 H" in hilltop
    assert "L low" in text and "M medium" in text and "H high" in text
    # by default each team's latest month, named in its row
    default = ok(surveyed("pulse", "heatmap")).stdout
    assert "Nov 26" in next(line for line in default.splitlines() if HILLTOP in line)


def test_an_action_from_a_low_score_joins_the_action_plan(surveyed):
    result = ok(surveyed("pulse", "action", "--team", "hillside", "--dimension", "voice"))
    said = result.stdout

    assert said.startswith("Added action 'Raise the pulse on My voice is heard (3.5 in Nov 2026")
    assert "down 2.5" in said
    actions = ok_json(surveyed("action", "list", "--team", "hillside", "--json"))
    (item,) = actions
    assert item["id"].startswith(short_id(result))
    assert item["title"].startswith("Raise the pulse on My voice is heard")
    assert item["due"] == "2026-12-20"
    assert item["owner"] == ""


def test_an_action_from_a_finding_takes_an_owner_and_a_due_date(surveyed):
    made = ok(surveyed("pulse", "action", "--team", "hillside", "--dimension", "voice",
                       "--owner", "Priya Shah", "--due", "2027-01-15"))  # fmt: skip
    assert "due 2027-01-15" in made.stdout
    (item,) = ok_json(surveyed("action", "list", "--team", "hillside", "--json"))
    assert (item["owner"], item["due"]) == ("Priya Shah", "2027-01-15")


def test_no_action_from_a_hidden_score(surveyed, workspace):
    before = snapshot(workspace)

    line = one_line_error(
        surveyed("pulse", "action", "--team", "hillside", "--dimension", "Shared purpose")
    )

    assert "hidden" in line
    assert snapshot(workspace) == before


def test_dimensions_and_threshold(fl, workspace):
    ok(
        fl(
            *("pulse", "dimensions", "--set", "voice=Voice", "--set", "pace=Pace"),
            *("--min-responses", "5"),
        )
    )
    record = ok_json(fl("pulse", "dimensions", "--json"))
    assert record == {
        "dimensions": [{"key": "voice", "label": "Voice"}, {"key": "pace", "label": "Pace"}],
        "min_responses": 5,
    }
    said = add(fl, "hillside", "2026-11", "pace=4.5/4").stdout
    assert "hidden: 4 responses, fewer than 5" in said

    before = snapshot(workspace)
    assert "a b" in one_line_error(fl("pulse", "dimensions", "--set", "a b=Label"))
    assert snapshot(workspace) == before
