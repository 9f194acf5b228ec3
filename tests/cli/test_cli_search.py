"""`flourish search TEXT`: every record holding all the words, newest first; a confidential
note is found but never quoted."""

from cli_support import ok, ok_json, one_line_error


def test_search_finds_every_kind_of_record_holding_all_the_words(fl):
    ok(fl("action", "add", "--team", "hillside", "--title", "Phonics CPD for staff"))
    ok(fl("challenge", "add", "--team", "hillside", "--title", "Phonics scheme costs",
          "--category", "staff-shortage", "--description", "The CPD budget is gone"))  # fmt: skip
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "Talked phonics and CPD"))
    ok(fl("checkin", "add", "--team", "hilltop", "--notes", "Nothing about it"))

    found = ok_json(fl("search", "phonics", "cpd", "--json"))

    assert sorted(h["kind"] for h in found) == ["action", "challenge", "check-in"]
    assert all(h["team"] == "Hillside Primary" for h in found)
    checkin = next(h for h in found if h["kind"] == "check-in")
    assert "Talked phonics and CPD" in checkin["snippet"]


def test_a_confidential_note_is_listed_but_its_words_are_not(fl):
    ok(fl("checkin", "add", "--team", "hillside", "--notes", "Deputy on a support plan",
          "--confidential"))  # fmt: skip

    found = ok_json(fl("search", "support", "plan", "--json"))
    table = ok(fl("search", "support", "plan")).stdout

    assert [h["snippet"] for h in found] == ["🔒 confidential note"]
    assert "Deputy" not in table and "🔒" in table


def test_one_team_nothing_found_and_empty_words(fl):
    ok(fl("checkin", "add", "--team", "hilltop", "--notes", "Timetable clash"))
    assert ok_json(fl("search", "timetable", "--team", "hillside", "--json")) == []
    assert "Nothing holds 'nowhere'" in ok(fl("search", "nowhere")).stdout
    assert "Give a word" in one_line_error(fl("search", "  "))
