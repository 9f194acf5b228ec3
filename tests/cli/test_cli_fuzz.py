"""Nothing a user can type produces a traceback: every command's options, filled with wide
text (control characters, markup, line breaks, huge numbers, other scripts) or with sensible
values, either succeed or give exit 2 with one line on stderr, and a refusal changes no file."""

import pytest
from cli_support import run_cli, snapshot
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

WIDE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(
        [
            "",
            " ",
            "[/]",
            "[link=file:///etc/passwd]x[/link]",
            "\x1b[2J",
            "a\nb",
            "Name, a@",
            "C, c@x.org\r\nBcc: e",
            "99999,1,1",
            "-1",
            "0",
            "1e9",
            "+99999d",
            "31 Feb",
            "\u202eevil",
            "x" * 5000,
        ]
    ),
)

# Each command with its options: a sensible value, to be replaced by wide text or left out.
COMMANDS = {
    ("team", "add"): {
        "--name": "Oak Primary",
        "--start": "2026-09-01",
        "--coach": "Cat Coach, cat@oak.example",
        "--member": "Ann Able, Head, ann@oak.example",
        "--type": "primary",
    },
    ("action", "add"): {
        "--team": "hillside",
        "--title": "Weekly SLT meeting",
        "--owner": "Jo",
        "--due": "+2w",
        "--stage": "2",
        "--status": "in-progress",
    },
    ("checkin", "add"): {
        "--team": "hillside",
        "--date": "yesterday",
        "--notes": "Met the SLT",
        "--attendee": "Ann Able",
        "--next": "+4w",
        "--kind": "coaching",
    },
    ("challenge", "add"): {
        "--team": "hillside",
        "--category": "staff-shortage",
        "--title": "Cover",
        "--description": "Two posts frozen",
        "--impact": "high",
    },
    ("briefing", "add"): {
        "--title": "Termly review",
        "--start": "2026-12-10 15:30",
        "--minutes": "45",
        "--location": "Library",
        "--attendee": "Sam Lee, Governor, sam@oak.example",
    },
    ("cluster", "set"): {
        "--response-days": "10",
        "--add-stakeholder": "Pat Lead, Director, pat@la.example",
    },
    ("pulse", "add"): {"--team": "hillside", "--month": "2026-11", "--score": "trust=4.5/12"},
    ("schedule", "revise"): {
        "--team": "hillside",
        "--from-stage": "2",
        "--shift": "+1w",
        "--reason": "Ofsted visit",
    },
}


# Options a command cannot run without: never left out, or argparse alone would answer.
REQUIRED = {"--name", "--start", "--coach", "--title", "--category", "--month", "--score"}


@st.composite
def commands(draw):
    command = draw(st.sampled_from(sorted(COMMANDS)))
    args: list[str] = [*command]
    for option, sensible in COMMANDS[command].items():
        kept = option in REQUIRED or (option == "--team" and command != ("briefing", "add"))
        choice = draw(st.sampled_from(["sensible", "wide"] + ([] if kept else ["left out"])))
        if choice == "sensible":
            args += [option, sensible]
        elif choice == "wide":
            args += [option, draw(WIDE)]
    return args


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=commands())
def test_any_options_give_success_or_one_line_and_no_change(env, workspace, args):
    before = snapshot(workspace)
    result = run_cli(env, *args, "--workspace", str(workspace))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), (args, result.returncode, result.stderr)
    event(f"exit {result.returncode}")
    if result.returncode == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (args, result.stderr)
        assert snapshot(workspace) == before, args
    assert not any(c in result.stdout + result.stderr for c in "\x1b\x07\x9b"), args


@pytest.mark.parametrize(
    "args",
    [
        ["team", "add", "--name", "Oak", "--start", "2026-09-01", "--coach", "C, c@x.org\r\nB"],
        ["init", "--name", "N", "--timezone", "Europe/London", "--chair", "C", "--stage-months",
         "99999,1,1"],
        ["team", "show", "Hill\nside"],
    ],
)  # fmt: skip
def test_the_inputs_that_once_gave_tracebacks_or_two_lines(env, workspace, args):
    result = run_cli(
        env, *args, "--workspace", str(workspace / "new" if args[0] == "init" else workspace)
    )
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
