"""Teams can be archived (a school leaves, or was added by mistake) and restored; an archived
team leaves the dashboard, status and exports, keeps its records, and can be removed for good
only when asked, with a backup kept."""

from cli_support import HILLSIDE, HILLTOP, ok, ok_json, one_line_error, snapshot


def names(fl, *extra) -> list[str]:
    return [t["name"] for t in ok_json(fl("team", "list", "--json", *extra))]


def test_an_archived_team_leaves_status_and_exports_and_comes_back_whole(fl, workspace):
    ok(fl("checkin", "add", "--team", "hilltop", "--notes", "Met the head"))
    ok(
        fl(
            "briefing",
            "add",
            "--team",
            "hilltop",
            "--title",
            "Hilltop review",
            "--start",
            "2026-12-10 15:30",
        )
    )
    assert "Hilltop review" in ok(fl("export", "ics")).stdout

    said = ok(fl("team", "archive", "hilltop")).stdout
    assert said.startswith(f"Archived {HILLTOP}:")
    assert names(fl) == [HILLSIDE]
    assert HILLTOP not in ok(fl("status")).stdout
    calendar = ok(fl("export", "ics")).stdout
    # A calendar that imported its briefing is told to remove it; nothing else of it is left.
    hilltop = [e for e in calendar.split("BEGIN:VEVENT")[1:] if "Hilltop review" in e]
    assert len(hilltop) == 1 and "STATUS:CANCELLED" in hilltop[0]
    assert HILLTOP not in calendar
    assert "is archived: restore it" in one_line_error(fl("checkin", "add", "--team", "hilltop"))
    assert [t["name"] for t in ok_json(fl("team", "list", "--archived", "--json"))] == [HILLTOP]

    ok(fl("team", "restore", "hilltop"))
    assert names(fl) == [HILLSIDE, HILLTOP]
    assert [c["notes"] for c in ok_json(fl("checkin", "list", "--team", "hilltop", "--json"))] == [
        "Met the head"
    ]
    assert "Hilltop review" in ok(fl("export", "ics")).stdout


def test_archiving_can_be_undone(fl):
    ok(fl("team", "archive", "hilltop"))
    assert ok(fl("undo")).stdout == f"Undone: Archived the team {HILLTOP}.\n"
    assert names(fl) == [HILLSIDE, HILLTOP]


def test_removing_for_good_asks_and_keeps_a_backup(fl, workspace, team_ids):
    team_file = workspace / "teams" / f"{team_ids[HILLTOP]}.json"
    assert "No archived team matches" in one_line_error(fl("team", "remove", "hilltop", "--yes"))
    ok(fl("checkin", "add", "--team", "hilltop", "--notes", "Met the head"))
    ok(fl("team", "archive", "hilltop"))
    before = snapshot(workspace)
    line = one_line_error(fl("team", "remove", "hilltop"))
    assert "for good" in line and "--yes" in line
    assert snapshot(workspace) == before

    said = ok(fl("team", "remove", "hilltop", "--yes")).stdout
    assert said.startswith(f"Removed {HILLTOP}. A copy of its records is in ")
    backup = workspace / said.rstrip(".\n").rsplit(" in ", 1)[1]
    assert not team_file.exists()
    assert b"Met the head" in (backup / "teams" / team_file.name).read_bytes()
    assert names(fl) == [HILLSIDE] and names(fl, "--archived") == []
