"""Dates as people type them: 03/12/2026 in the cluster's day/month order, a day and month
to the nearest such date, and confirmations that say the year."""

from cli_support import ok, ok_json


def due_of(fl) -> str:
    (action,) = ok_json(fl("action", "list", "--json"))
    return action["due"]


def test_a_uk_cluster_reads_03_12_2026_as_the_3rd_of_december(fl):
    said = ok(fl("action", "add", "--team", "hillside", "--title", "Audit", "--due", "03/12/2026"))
    assert due_of(fl) == "2026-12-03"
    assert "due Thu 3 Dec 2026" in said.stdout


def test_a_us_cluster_reads_03_12_2026_as_march_12th(flourish, tmp_path):
    ws = ["--workspace", str(tmp_path / "us")]
    ok(flourish("init", "--name", "N", "--timezone", "America/Chicago", "--chair", "C", *ws))
    ok(flourish("team", "add", "--name", "Lincoln", "--start", "09/01/2026", "--coach", "C", *ws))
    ok(
        flourish(
            "action", "add", "--team", "lincoln", "--title", "Audit", "--due", "03/12/2027", *ws
        )
    )
    (action,) = ok_json(flourish("action", "list", "--json", *ws))
    assert action["due"] == "2027-03-12"
    (team,) = ok_json(flourish("team", "list", "--json", *ws))
    assert team["start"] == "2026-09-01"


def test_a_day_and_month_a_few_days_back_is_this_year(fl):
    """On 22 Nov 2026, "20 Nov" is two days ago, not next year."""
    ok(fl("checkin", "add", "--team", "hillside", "--date", "20 Nov", "--notes", "Visit"))
    (checkin,) = ok_json(fl("checkin", "list", "--json"))
    assert checkin["date"] == "2026-11-20"
