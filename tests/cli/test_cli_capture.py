"""Quick capture from the terminal: `flourish checkin add`, its notes, dates, team references and
the actions agreed in the same step."""

from cli_support import HILLSIDE, HILLTOP, TODAY, ok, ok_json

TRICKY_NOTES = (
    'Talked about [bold]priorities[/] and [red]the "plan"[/red], then [/] alone.\n'
    "Second line, with commas, 'single' quotes and a tab\there.\n"
    "  indented third line \\n not a newline 🌱🎉 — café"
)


def test_quick_capture_confirms_and_lists_the_checkin(fl, team_ids):
    added = ok(
        fl(
            "checkin",
            "add",
            "--team",
            "Hillside",
            "--date",
            "today",
            "--kind",
            "coaching",
            "--notes",
            "Reviewed the action plan.",
        )
    )
    assert HILLSIDE in added.stdout
    assert TODAY in added.stdout
    assert added.stderr == ""

    checkins = ok_json(fl("checkin", "list", "--json"))
    assert isinstance(checkins, list) and len(checkins) == 1
    (checkin,) = checkins
    assert checkin["team_id"] == team_ids[HILLSIDE]
    assert checkin["date"] == TODAY
    assert checkin["kind"] == "coaching"
    assert checkin["notes"] == "Reviewed the action plan."
    assert checkin["coach"] == "Cat Coach"  # the team's coach by default
    assert checkin["id"][:8] in added.stdout


def test_notes_with_markup_quotes_newlines_and_emoji_round_trip(fl):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", TRICKY_NOTES))

    (checkin,) = ok_json(fl("checkin", "list", "--json"))
    assert checkin["notes"] == TRICKY_NOTES

    table = ok(fl("checkin", "list")).stdout
    assert "[bold]priorities[/]" in table  # user text is never treated as Rich markup


def test_notes_from_stdin_and_no_notes_without_a_terminal(fl, fl_process):
    typed = 'Notes typed into a pipe: [b]x[/b], "quoted", 🙂\nsecond line\n'
    ok(fl_process("checkin", "add", "--team", HILLSIDE, "--notes", "-", input=typed))
    # No --notes and stdin is not a terminal (it is /dev/null): no editor, no waiting.
    quiet = ok(fl_process("checkin", "add", "--team", HILLTOP, "--date", "yesterday", timeout=20))
    assert HILLTOP in quiet.stdout

    by_team = {c["team_id"]: c for c in ok_json(fl("checkin", "list", "--json"))}
    notes = sorted(c["notes"] for c in by_team.values())
    # Trailing whitespace (the newline a pipe ends with) is trimmed; the rest is kept exactly.
    assert notes == ["", typed.rstrip()]


def test_team_by_id_prefix_and_exact_name(fl, team_ids):
    by_id = ok(fl("checkin", "add", "--team", team_ids[HILLTOP], "--notes", "by id"))
    assert f"with {HILLTOP} on" in by_id.stdout
    by_prefix = ok(fl("checkin", "add", "--team", "hillS", "--notes", "by prefix"))
    assert f"with {HILLSIDE} on" in by_prefix.stdout
    by_name = ok(fl("checkin", "add", "--team", "HILLTOP SECONDARY", "--notes", "by name"))
    assert f"with {HILLTOP} on" in by_name.stdout


# -- dates -----------------------------------------------------------------------------------


def test_relative_and_weekday_dates(fl):
    yesterday = ok(fl("checkin", "add", "--team", "hillside", "--date", "yesterday"))
    assert "on 2026-11-21" in yesterday.stdout
    # Sunday 22 Nov: "mon" for a check-in means the Monday just gone (check-ins prefer the past).
    monday = ok(
        fl("checkin", "add", "--team", "hilltop", "--date", "mon", "--next", "+3w", "--notes", "m")
    )
    assert "on 2026-11-16" in monday.stdout
    assert "Next check-in due 2026-12-13" in monday.stdout
    iso = ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-10-05", "--notes", "i"))
    assert "on 2026-10-05" in iso.stdout

    checkins = ok_json(fl("checkin", "list", "--json"))
    assert [c["date"] for c in checkins] == ["2026-11-21", "2026-11-16", "2026-10-05"]
    assert [c["next_checkin"] for c in checkins] == [None, "2026-12-13", None]


def test_negative_offset_date_as_its_own_argument(fl):
    # DATE_HINT itself suggests "-2w"; `--date -1w` must not be taken for an option.
    result = fl("checkin", "add", "--team", "hillside", "--date", "-1w", "--notes", "n")
    ok(result)
    assert "on 2026-11-15" in result.stdout


# -- actions agreed at a check-in -------------------------------------------------------------


def test_actions_agreed_and_updated_in_one_step(fl, team_ids):
    ok(
        fl(
            "checkin",
            "add",
            "--team",
            "hillside",
            "--notes",
            "Agreed two actions",
            "--action",
            "Draft comms plan",
            "--action",
            "Book staff meeting",
        )
    )
    (first,) = ok_json(fl("checkin", "list", "--json"))
    actions = ok_json(fl("action", "list", "--json"))
    assert sorted(a["title"] for a in actions) == ["Book staff meeting", "Draft comms plan"]
    assert sorted(first["action_ids"]) == sorted(a["id"] for a in actions)
    assert {a["team_id"] for a in actions} == {team_ids[HILLSIDE]}
    assert {a["status"] for a in actions} == {"not-started"}

    draft = next(a for a in actions if a["title"] == "Draft comms plan")
    ok(
        fl(
            "checkin",
            "add",
            "--team",
            "hillside",
            "--notes",
            "Plan drafted",
            "--update",
            f"{draft['id'][:8]}=done",
        )
    )
    done = ok_json(fl("action", "list", "--status", "done", "--json"))
    assert [a["id"] for a in done] == [draft["id"]]
    second = next(
        c for c in ok_json(fl("checkin", "list", "--json")) if c["notes"] == "Plan drafted"
    )
    assert second["action_ids"] == [draft["id"]]
