"""User text is data, never control, on the command line: escape sequences show as escapes,
markup stays literal, one-line fields and emails are checked, confidential notes stay out of
lists, and no refusal spans more than one line."""

import pytest
from cli_support import ok, ok_json, one_line_error, snapshot

ESCAPES = {
    "clear screen": "\x1b[2J",
    "hyperlink": "\x1b]8;;file:///etc/passwd\x1b\\here\x1b]8;;\x1b\\",
    "clipboard": "\x1b]52;c;aGVsbG8=\x07",
    "C1 CSI": "\x9b2J",
}


def acted(output: str) -> bool:
    """Whether output holds something a terminal would obey rather than show."""
    return any(c in output for c in "\x1b\x07\x9b")


@pytest.mark.parametrize("sequence", list(ESCAPES.values()), ids=list(ESCAPES))
def test_escape_sequences_in_notes_are_shown_not_obeyed(fl, sequence):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", f"Before{sequence}after"))
    raised = ok(
        fl("challenge", "add", "--team", "hillside", "--category", "staff-shortage",
           "--title", "Cover", "--description", f"Two posts{sequence}frozen")
    )  # fmt: skip
    challenge_id = raised.stdout.split("(id ")[1][:8]
    for command in (
        ("checkin", "list"),
        ("checkin", "list", "--json"),
        ("challenge", "show", challenge_id),
    ):
        out = ok(fl(*command)).stdout
        assert not acted(out), command
        assert "\\u001b" in out or "\\u009b" in out, command
    # An export piped to a file keeps the text exactly: it is data for another program.
    assert f"Before{sequence}after" in ok(fl("export", "csv", "checkins")).stdout


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--title", "Plan\x1b[2J"),
        ("--owner", "Jo\nSmith"),
        ("--title", "evil\u202etxt"),
    ],
)
def test_one_line_fields_refuse_control_characters_and_write_nothing(fl, workspace, option, value):
    before = snapshot(workspace)
    args = {"--title": "Weekly SLT meeting", option: value}
    line = one_line_error(fl("action", "add", "--team", "hillside", *sum(args.items(), ())))
    assert "cannot contain" in line and not acted(line)
    assert snapshot(workspace) == before


@pytest.mark.parametrize("coach", ["Cat Coach, a@", "Cat Coach, cat@school", "Cat, <cat@x.org>"])
def test_an_email_that_is_not_one_is_refused(fl, workspace, coach):
    before = snapshot(workspace)
    line = one_line_error(
        fl("team", "add", "--name", "Oak Primary", "--start", "2026-09-01", "--coach", coach)
    )
    assert "is not an email address" in line
    assert snapshot(workspace) == before


def test_an_email_with_a_line_break_is_refused_and_calendars_keep_working(fl, workspace):
    before = snapshot(workspace)
    line = one_line_error(
        fl(
            "team",
            "add",
            "--name",
            "Oak",
            "--start",
            "2026-09-01",
            "--coach",
            "C, c@x.org\r\nBcc: e",
        )
    )
    assert "cannot contain" in line
    assert snapshot(workspace) == before
    assert ok(fl("export", "ics")).stdout.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "name", ["Hill [/] School", "[link=file:///etc/passwd]Hill[/link]", "Hill [bold]School"]
)
def test_markup_in_a_team_name_stays_literal_everywhere(fl, name):
    ok(fl("team", "add", "--name", name, "--start", "2026-09-01", "--coach", "Cat Coach"))
    ok(fl("pulse", "add", "--team", name, "--month", "2026-11", "--score", "trust=4.5/12"))
    for command in (
        ("status",),
        ("team", "show", name),
        ("briefing", "plan", "--team", name),
        ("pulse", "show", "--team", name),
        ("schedule", "revise", "--team", name, "--from-stage", "2", "--shift", "+1w",
         "--reason", "Ofsted visit", "--dry-run"),
    ):  # fmt: skip
        result = fl(*command, env_extra={"FORCE_COLOR": "1", "COLUMNS": "200"})
        assert result.returncode == 0, (command, result.stderr)
        assert "\x1b]8;" not in result.stdout, command  # no hyperlink made of a name
        assert name in result.stdout, command  # shown as typed


def test_a_name_with_a_line_break_is_echoed_on_one_line(fl):
    line = one_line_error(fl("team", "show", "Hill\nside"))
    assert "'Hill\\nside'" in line


def test_confidential_notes_stay_out_of_check_in_lists_unless_asked_for(fl):
    ok(
        fl(
            "checkin",
            "add",
            "--team",
            "hillside",
            "--notes",
            "ZEBRA-7731 capability",
            "--confidential",
        )
    )
    for args in (("checkin", "list", "--json"), ("checkin", "list")):
        assert "ZEBRA-7731" not in ok(fl(*args)).stdout
    (shared,) = ok_json(fl("checkin", "list", "--json", "--include-confidential"))
    assert shared["notes"] == "ZEBRA-7731 capability"


def test_a_megabyte_csv_field_is_one_line_and_imports_nothing(fl, workspace, tmp_path):
    path = tmp_path / "pulse.csv"
    path.write_text(
        "team,month,dimension,score,responses\n"
        + f'Hillside,2026-11,trust,4.5,"{"x" * 1_100_000}"\n'
    )
    before = snapshot(workspace)
    assert "cannot be read as CSV" in one_line_error(fl("pulse", "import", str(path)))
    assert snapshot(workspace) == before


def test_stage_months_beyond_a_program_are_refused(flourish, tmp_path):
    new = tmp_path / "new"
    line = one_line_error(
        flourish("init", "--name", "N", "--timezone", "Europe/London", "--chair", "C",
                 "--stage-months", "99999,1,1", "--workspace", new)
    )  # fmt: skip
    assert "at most 60 months" in line
    assert not (new / "cluster.json").exists()
