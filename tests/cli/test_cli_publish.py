"""`flourish export ics --publish FOLDER`: a calendar per audience under names that never
change, for calendar apps that subscribe; an audience that goes is published once more with
its events cancelled. Read back with icalendar and vobject."""

import vobject
from cli_support import HILLTOP, ok, one_line_error
from icalendar import Calendar

from storage.facade import Flourish


def published(folder) -> dict[str, Calendar]:
    found = {}
    for path in sorted(folder.glob("*.ics")):
        vobject.readOne(path.read_text(encoding="utf-8"))  # a second parser reads each
        found[path.name] = Calendar.from_ical(path.read_bytes())
    return found


def index(folder) -> dict[str, str]:
    lines = (folder / "index.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines)


def test_every_audience_gets_a_file_and_the_index_says_whose(fl, tmp_path, team_ids):
    folder = tmp_path / "site"
    folder.mkdir()

    said = ok(fl("export", "ics", "--publish", str(folder))).stdout

    files = published(folder)
    whose = index(folder)
    assert set(whose) == set(files)
    assert whose["briefings.ics"].endswith(": stakeholder briefings")
    for name, team_id in team_ids.items():
        assert whose[f"team-{team_id[:8]}.ics"] == f"{name}: program schedule"
    people = [w for f, w in whose.items() if f.startswith("person-")]
    assert any(w.startswith("Ann Able:") for w in people)
    assert all("@" not in f for f in whose)  # no one's email in a file name
    assert f"Published {len(files)} calendars" in said


def test_publishing_again_keeps_every_name_and_unchanged_bytes(fl, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    ok(fl("export", "ics", "--publish", str(folder)))
    first = {p.name: p.read_bytes() for p in folder.iterdir()}

    ok(fl("export", "ics", "--publish", str(folder)))

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_a_renamed_team_keeps_its_file_and_an_archived_one_is_cancelled(
    fl, tmp_path, team_ids, workspace
):
    folder = tmp_path / "site"
    folder.mkdir()
    ok(fl("export", "ics", "--publish", str(folder)))
    hilltop = f"team-{team_ids[HILLTOP][:8]}.ics"
    assert all(str(e["status"]) == "CONFIRMED" for e in published(folder)[hilltop].walk("VEVENT"))

    Flourish.open(workspace).update_team(team_ids[HILLTOP], name="Hilltop Academy")
    ok(fl("export", "ics", "--publish", str(folder)))
    assert index(folder)[hilltop] == "Hilltop Academy: program schedule"

    ok(fl("team", "archive", "hilltop"))
    ok(fl("export", "ics", "--publish", str(folder)))

    events = published(folder)[hilltop].walk("VEVENT")
    assert events and all(str(e["status"]) == "CANCELLED" for e in events)
    assert index(folder)[hilltop].endswith("(no longer published)")


def test_publish_refuses_a_missing_folder_and_an_output_file(fl, tmp_path):
    line = one_line_error(fl("export", "ics", "--publish", str(tmp_path / "nowhere")))
    assert "is not a folder" in line
    line = one_line_error(fl("export", "ics", "--publish", str(tmp_path), "-o", "x.ics"))
    assert "leave out -o" in line


def test_published_calendars_ask_to_be_refreshed_hourly(fl, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    ok(fl("export", "ics", "--publish", str(folder)))
    text = (folder / "briefings.ics").read_text(encoding="utf-8")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text and "X-PUBLISHED-TTL:PT1H" in text
