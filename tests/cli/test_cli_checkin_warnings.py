"""A check-in for a day that already has one, or before the program starts, is logged with a
visible note; `checkin add --action` says which actions it made."""

from cli_support import ok, ok_json

NOTE = "flourish: note: "


def test_a_second_checkin_on_one_day_is_logged_with_a_note(fl):
    first = ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-11-20", "--notes", "a"))
    assert NOTE not in first.stderr
    second = ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-11-20", "--notes", "b"))
    assert second.stderr == (
        f"{NOTE}Hillside Primary already had a check-in on Fri 20 Nov 2026; if it was logged "
        "twice, delete one.\n"
    )
    assert len(ok_json(fl("checkin", "list", "--json"))) == 2


def test_a_checkin_before_the_program_starts_is_logged_with_a_note(fl):
    result = ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-08-28", "--notes", "a"))
    assert result.stderr == (
        f"{NOTE}Fri 28 Aug 2026 is before Hillside Primary's program started (1 Sep 2026).\n"
    )


def test_checkin_add_names_the_actions_it_made_and_updated(fl):
    ok(fl("action", "add", "--team", "hillside", "--title", "Weekly SLT meeting"))
    (action,) = ok_json(fl("action", "list", "--json"))
    result = ok(
        fl(
            "checkin", "add", "--team", "hillside", "--notes", "n",
            "--action", "Share the timetable", "--action", "Plan the INSET day",
            "--update", f"{action['id'][:8]}=done",
        )
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Logged coaching check-in with Hillside Primary")
    assert lines[1].startswith("Added the action 'Share the timetable' (id ")
    assert lines[2].startswith("Added the action 'Plan the INSET day' (id ")
    assert lines[3] == "Updated the action 'Weekly SLT meeting': done."
