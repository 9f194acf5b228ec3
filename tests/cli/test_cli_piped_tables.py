"""Tables people can read and pipe. Piped (as every test's output is), each value is whole
and each record on one line, so `grep` finds what the screen shows; at an 80-column terminal
the least important columns go first and no id or title is cut to nothing; --wide shows
every column there too. Run on the demo workspace, whose names and titles are long."""

import re

import pytest
from cli_support import TERMINAL_80, ok

LISTS = [
    ["status"],
    ["team", "list"],
    ["checkin", "list"],
    ["action", "list"],
    ["action", "list", "--overdue"],
    ["challenge", "list"],
    ["challenge", "list", "--escalated"],
    ["briefing", "list"],
    ["schedule", "show", "--team", "hollins"],
    ["pulse", "show", "--team", "hollins"],
    ["assess", "grid"],
]
ID = re.compile(r"^[0-9a-f]{8}  ")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from cli_support import base_env, run_cli

    base = tmp_path_factory.mktemp("piped")
    env = base_env(base / "xdg")
    ok(run_cli(env, "demo", "--workspace", base / "demo"))

    def run(*args, env_extra=None):
        return ok(run_cli(env, *args, "--workspace", base / "demo", env_extra=env_extra))

    return run


@pytest.mark.parametrize("command", LISTS, ids=" ".join)
def test_piped_output_cuts_nothing(demo, command):
    out = demo(*command).stdout
    assert out.strip() and "…" not in out


def test_grep_finds_an_overdue_action_by_words_in_its_title(demo):
    lines = demo("action", "list", "--overdue").stdout.splitlines()
    found = [line for line in lines if "weekly 90" in line]
    assert len(found) == 1 and ID.match(found[0])
    assert "Protect a weekly 90-minute leadership-team meeting" in found[0]


def test_the_escalated_queue_piped_names_school_category_and_title_whole(demo):
    out = demo("challenge", "list", "--escalated").stdout
    assert "St Anne's CE Primary School" in out and "competing-priorities" in out
    assert "Inspection expected this term" in out


@pytest.mark.parametrize("command", LISTS, ids=" ".join)
def test_at_80_columns_lines_fit_and_ids_stay_whole(demo, command):
    lines = demo(*command, env_extra=TERMINAL_80).stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    if any(line.startswith("Id ") for line in lines):  # a table of records: ids never cut
        rows = lines[next(n for n, line in enumerate(lines) if line.startswith("Id ")) + 1 :]
        assert rows and all(ID.match(row) for row in rows if row.strip()), "\n".join(rows)


def test_at_80_columns_less_important_columns_go_before_the_title_is_cut(demo):
    out = demo("challenge", "list", "--escalated", env_extra=TERMINAL_80).stdout
    header = out.splitlines()[1]
    assert header.split() == ["Id", "School", "Title", "Status", "Overdue"]
    assert "Inspection expected this term" in out  # the title whole when it fits


def test_wide_shows_every_column_at_a_terminal(demo):
    out = demo("challenge", "list", "--escalated", "--wide", env_extra=TERMINAL_80).stdout
    assert "…" not in out and "Waiting on" in out and "Category" in out
