"""`flourish undo` takes back the last change made from the command line, and `flourish redo`
makes it again, each command being a process of its own."""

from cli_support import ok, ok_json, one_line_error, snapshot

from storage.facade import Flourish


def _json(fl) -> list[dict]:
    return ok_json(fl("checkin", "list", "--json"))


def checkin_notes(fl) -> list[str]:
    return [c["notes"] for c in _json(fl)]


def test_undo_then_redo_a_checkin_across_commands(fl, workspace):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "First visit"))
    ok(fl("checkin", "add", "--team", "hilltop", "--notes", "Second visit"))

    assert ok(fl("undo")).stdout == "Undone: Logged a check-in for Hilltop Secondary.\n"
    assert checkin_notes(fl) == ["First visit"]
    assert ok(fl("undo")).stdout == "Undone: Logged a check-in for Hillside Primary.\n"
    assert checkin_notes(fl) == []

    assert ok(fl("redo")).stdout == "Redone: Logged a check-in for Hillside Primary.\n"
    assert checkin_notes(fl) == ["First visit"]


def test_a_new_change_ends_what_can_be_redone(fl, workspace):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "First visit"))
    ok(fl("undo"))
    ok(fl("action", "add", "--team", "hillside", "--title", "Weekly SLT meeting"))
    before = snapshot(workspace)
    assert "Nothing to redo" in one_line_error(fl("redo"))
    assert snapshot(workspace) == before


def test_undo_with_nothing_done_is_one_line_and_writes_nothing(flourish, tmp_path):
    new = tmp_path / "new"
    ok(
        flourish(
            "init", "--name", "N", "--timezone", "Europe/London", "--chair", "C", "--workspace", new
        )
    )
    before = snapshot(new)
    assert "Nothing to undo" in one_line_error(flourish("undo", "--workspace", new))
    assert snapshot(new) == before


def test_undoing_a_new_team_needs_yes_without_a_terminal(fl, workspace):
    """The template's last command added Hilltop Secondary: undoing it removes a team."""
    before = snapshot(workspace)
    line = one_line_error(fl("undo"))
    assert "removes a team" in line and "flourish undo --yes" in line
    assert snapshot(workspace) == before
    assert ok(fl("undo", "--yes")).stdout == "Undone: Added the team Hilltop Secondary.\n"
    assert [t["name"] for t in ok_json(fl("team", "list", "--json"))] == ["Hillside Primary"]


def test_undo_refuses_a_change_made_since_in_the_app_or_elsewhere(fl, workspace):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "First visit"))
    (checkin,) = _json(fl)
    Flourish.open(workspace).update_checkin(checkin["id"], notes="Corrected in the app")
    before = snapshot(workspace)
    assert "changed since" in one_line_error(fl("undo"))
    assert snapshot(workspace) == before
