"""The cluster's public holidays follow its timezone and can be set: check-ins expected on a
bank holiday move to the next working day, and every view and the calendar agree."""

import re

from cli_support import HILLSIDE, ok, ok_json, one_line_error, snapshot


def test_a_new_cluster_takes_its_timezones_holidays(fl):
    shown = ok(fl("cluster", "show")).stdout
    assert re.search(r"Public holidays: GB \(\d+ days known", shown)


def test_the_holiday_country_can_be_set_or_turned_off(fl):
    assert "public holidays: IE." in ok(fl("cluster", "set", "--holiday-country", "ie")).stdout
    assert ok_json(fl("cluster", "show", "--json"))["template"]["holiday_country"] == "IE"
    assert "public holidays: none." in ok(fl("cluster", "set", "--holiday-country", "none")).stdout
    assert ok_json(fl("cluster", "show", "--json"))["template"]["holidays"] == []
    assert "GB-SCT" in ok(fl("cluster", "set", "--holiday-country", "GB-SCT")).stdout


def test_an_unknown_holiday_country_is_one_line_and_changes_nothing(fl, workspace):
    before = snapshot(workspace)
    assert "No public holidays are known for 'XX'" in one_line_error(
        fl("cluster", "set", "--holiday-country", "XX")
    )
    assert snapshot(workspace) == before


def test_every_view_gives_the_same_next_checkin(fl):
    """A check-in on Mon 30 Nov: four weeks on is Boxing Day's substitute, Mon 28 Dec."""
    ok(fl("checkin", "add", "--team", "hillside", "--date", "2026-11-30", "--notes", "n",
          env_extra={"FLOURISH_NOW": "2026-12-01T09:00:00+00:00"}))  # fmt: skip
    now = {"FLOURISH_NOW": "2026-12-01T09:00:00+00:00"}
    (team,) = [t for t in ok_json(fl("status", "--json", env_extra=now)) if t["team"] == HILLSIDE]
    assert team["checkin_due"] == "2026-12-29"
    assert "Next check-in: 29 Dec" in ok(fl("team", "show", "hillside", env_extra=now)).stdout
    schedule = ok(fl("schedule", "show", "--team", "hillside", env_extra=now)).stdout
    assert re.search(r"2026-12-29\s+checkin-\d+\s+Coaching check-in", schedule)
    calendar = ok(fl("export", "ics", "--team", "hillside", env_extra=now)).stdout
    assert (
        "DTSTART;VALUE=DATE:20261229" in calendar and "DTSTART;VALUE=DATE:20261228" not in calendar
    )


def test_the_cadence_can_be_changed_and_moves_the_next_checkin(fl, workspace):
    before = ok_json(fl("status", "--json"))
    said = ok(fl("cluster", "set", "--cadence-weeks", "2")).stdout
    assert "check-ins every 2 weeks" in said
    after = ok_json(fl("status", "--json"))
    due = {t["team"]: t["checkin_due"] for t in before}
    assert any(t["checkin_due"] < due[t["team"]] for t in after if t["checkin_due"])

    kept = snapshot(workspace)
    assert "between 1 and 26 weeks" in one_line_error(fl("cluster", "set", "--cadence-weeks", "30"))
    assert snapshot(workspace) == kept
