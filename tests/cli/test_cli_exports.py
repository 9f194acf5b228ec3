"""`flourish export`: calendars, spreadsheets and briefing packs, to a file or to stdout, and
the bad-input contract (one line, exit 2, no file left behind)."""

import codecs
import csv
import io

import pytest
from cli_support import ok, one_line_error, run_cli_process
from icalendar import Calendar


def calendar(data: bytes) -> Calendar:
    cal = Calendar.from_ical(data)
    assert not [c.errors for c in cal.walk() if c.errors]
    return cal


def raw(env, *args) -> bytes:
    """The bytes a command writes to a real stdout, in a subprocess (the text runner would
    translate CRLF)."""
    result = run_cli_process(env, *args, text=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def test_a_team_calendar_goes_to_stdout_with_crlf_line_ends(env, workspace):
    data = raw(env, "export", "ics", "--team", "hillside", "--workspace", workspace)

    cal = calendar(data)
    assert str(cal["x-wr-calname"]) == "Hillside Primary: program schedule"
    assert len(cal.walk("VEVENT")) > 20
    assert data.count(b"\r\n") == data.count(b"\n")


def test_exporting_twice_to_a_file_gives_identical_bytes(fl, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"

    said = ok(fl("export", "ics", "--team", "hillside", "-o", first)).stdout
    ok(fl("export", "ics", "--team", "hillside", "-o", second))

    assert said.startswith("Wrote ") and str(first) in said
    assert first.read_bytes() == second.read_bytes()


def test_a_person_calendar_and_a_date_range(fl, tmp_path):
    out = tmp_path / "bo.ics"
    ok(
        fl(
            "briefing",
            "add",
            "--title",
            "Review",
            "--start",
            "2026-12-03 15:30",
            "--team",
            "hillside",
            "--attendee-group",
            "members",
        )
    )

    ok(
        fl(
            "export",
            "ics",
            "--person",
            "bo@hillside.example",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-31",
            "-o",
            out,
        )
    )

    events = calendar(out.read_bytes()).walk("VEVENT")
    assert "Review" in {str(e["summary"]) for e in events}
    assert all("202612" in e["dtstart"].to_ical().decode() for e in events)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--person", "nobody@example.org"), "nobody@example.org"),
        (("--team", "Nowhere"), "No team matches"),
        (("--from", "2027-01-02", "--to", "2027-01-01"), "before it starts"),
        (("--from", "31 Febtember"), "Febtember"),
        (("--team", "hillside", "--person", "bo@hillside.example"), "not allowed with"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(fl, args, said):
    assert said in one_line_error(fl("export", "ics", *args))


@pytest.mark.parametrize("where", ["missing/x.ics", "."])
def test_a_bad_output_path_leaves_no_file(fl, tmp_path, where):
    before = sorted(tmp_path.rglob("*"))

    line = one_line_error(fl("export", "ics", "-o", tmp_path / where))

    assert "Cannot write" in line or "is a folder" in line
    assert sorted(tmp_path.rglob("*")) == before


def test_a_csv_opens_in_excel_and_defuses_formulas(fl, tmp_path):
    out = tmp_path / "actions.csv"
    ok(
        fl(
            "action",
            "add",
            "--team",
            "hillside",
            "--title",
            '=HYPERLINK("http://x")',
            "--owner",
            "Zoë Ōtaki",
        )
    )

    ok(fl("export", "csv", "actions", "-o", out))

    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    cells = {cell for row in rows[1:] for cell in row}
    assert '\'=HYPERLINK("http://x")' in cells and "Zoë Ōtaki" in cells


def test_a_briefing_pack_as_html_from_the_file_name(fl, tmp_path):
    out = tmp_path / "pack.html"

    ok(fl("export", "briefing-pack", "-o", out))

    text = out.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    assert "Hillside Primary" in text and "Hilltop Secondary" in text


def test_every_demo_calendar_parses(flourish, tmp_path):
    demo = tmp_path / "demo"
    ok(flourish("demo", "--workspace", demo))
    env_run = lambda *a: ok(flourish(*a, "--workspace", demo))  # noqa: E731

    for scope in ([], ["--team", "hollins"], ["--person", "jo.lindqvist@lfs-coaching.example"]):
        out = tmp_path / "demo.ics"
        env_run("export", "ics", *scope, "-o", out)
        assert calendar(out.read_bytes()).walk("VEVENT")
