"""The cluster's settings from the command line: `cluster show` and `cluster set` (the chair's
response time and the executive stakeholders)."""

import pytest
from cli_support import CLUSTER_NAME, ok, ok_json, one_line_error, snapshot


def test_show(fl):
    text = ok(fl("cluster", "show")).stdout
    for piece in (
        CLUSTER_NAME,
        "Europe/London",
        "Chris Chair",
        "chair@example.org",
        "7 days",
        "Establish foundations",
        "Teams: 2",
        "none yet",
    ):
        assert piece in text, piece
    cluster = ok_json(fl("cluster", "show", "--json"))
    assert cluster["name"] == CLUSTER_NAME
    assert (cluster["response_days"], cluster["stakeholders"]) == (7, [])
    assert cluster["chair"]["name"] == "Chris Chair"


def test_set_response_days_and_stakeholders(fl):
    changed = ok(
        fl(
            "cluster",
            "set",
            "--response-days",
            "10",
            "--add-stakeholder",
            "Rae Moore, Director of Education, rae@council.example",
            "--add-stakeholder",
            "Dev Kerr, CEO [trust], dev@trust.example",
        )
    )
    assert "10 days" in changed.stdout and "Rae Moore, Dev Kerr" in changed.stdout
    cluster = ok_json(fl("cluster", "show", "--json"))
    assert cluster["response_days"] == 10
    assert cluster["stakeholders"] == [
        {"name": "Rae Moore", "email": "rae@council.example", "role": "Director of Education"},
        {"name": "Dev Kerr", "email": "dev@trust.example", "role": "CEO [trust]"},
    ]
    assert "CEO [trust]" in ok(fl("cluster", "show")).stdout

    # By name (any case) or by email.
    ok(fl("cluster", "set", "--remove-stakeholder", "rae moore"))
    ok(fl("cluster", "set", "--remove-stakeholder", "dev@trust.example"))
    assert ok_json(fl("cluster", "show", "--json"))["stakeholders"] == []


BAD = [
    (["cluster", "set"], ["Nothing to change"]),
    (["cluster", "set", "--response-days", "0"], ["--response-days"]),
    (["cluster", "set", "--response-days", "91"], ["91"]),
    (["cluster", "set", "--remove-stakeholder", "Nobody"], ["Nobody"]),
    (["cluster", "set", "--add-stakeholder", "Rae Moore, rae2@x.example"], ["already"]),
    (["cluster", "set", "--add-stakeholder", "a@x.example, b@x.example"], ["more than one"]),
    # The bad part of a change refuses all of it.
    (["cluster", "set", "--response-days", "3", "--remove-stakeholder", "Nobody"], ["Nobody"]),
]


def _stakeholder(fl) -> None:
    ok(fl("cluster", "set", "--add-stakeholder", "Rae Moore, Director, rae@council.example"))


@pytest.mark.parametrize(("args", "mentions"), BAD, ids=[str(n) for n in range(1, len(BAD) + 1)])
def test_bad_input_is_one_line_and_writes_nothing(seed, copy_of, args, mentions):
    root, _ = seed(_stakeholder)
    workspace, fl = copy_of(root)
    before = snapshot(workspace)
    line = one_line_error(fl(*args))
    for text in mentions:
        assert text in line, line
    assert snapshot(workspace) == before
    assert ok_json(fl("cluster", "show", "--json"))["response_days"] == 7
