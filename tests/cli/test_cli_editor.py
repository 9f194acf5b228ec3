"""Notes typed in $EDITOR: asked for only once the check-in's other details are accepted."""

import io
from datetime import UTC, date, datetime

import pytest

from cli import build_parser
from cli.commands import checkin as commands
from domain.errors import FlourishError
from domain.records import Person
from storage.facade import Flourish

NOW = "2026-11-22T09:00:00+00:00"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOURISH_NOW", NOW)
    monkeypatch.setattr("sys.stdin", Terminal())
    root = tmp_path / "ws"
    program = Flourish.create(
        root,
        name="North Cluster",
        timezone="Europe/London",
        chair=Person(name="Chair"),
        clock=lambda: datetime.fromisoformat(NOW),
    )
    program.add_team("Hillside Primary", start=date(2026, 9, 1), coach=Person(name="Cara"))
    return root


def run(root, *args):
    parsed = build_parser().parse_args(["--workspace", str(root), "checkin", "add", *args])
    return parsed.handler(parsed)


@pytest.mark.parametrize(
    "bad",
    [
        ["--date", "tomorrow"],
        ["--kind", "chat"],
        ["--next", "2026-11-01"],
        ["--update", "ffff=done"],
    ],
)
def test_bad_details_are_refused_before_the_editor_opens(workspace, monkeypatch, bad):
    opened = []
    monkeypatch.setattr(commands, "_edit", lambda template: opened.append(template) or "notes")

    with pytest.raises(FlourishError):
        run(workspace, "--team", "hills", *bad)

    assert opened == []
    assert Flourish.open(workspace, lambda: datetime(2026, 11, 22, tzinfo=UTC)).checkins() == []


def test_notes_written_in_the_editor_are_saved(workspace, monkeypatch):
    monkeypatch.setattr(commands, "_edit", lambda template: "Reviewed [bold] plan")

    assert run(workspace, "--team", "hills") == 0

    (checkin,) = Flourish.open(workspace, lambda: datetime(2026, 11, 22, tzinfo=UTC)).checkins()
    assert checkin.notes == "Reviewed [bold] plan"
