"""Pulse survey results through the facade: recorded by hand or imported (all or nothing),
replaced not duplicated, undoable, hidden below the cluster's threshold everywhere, and turned
into an action plan item in one step."""

from datetime import date

import pytest

from domain.errors import ValidationError
from domain.pulse import PulseDimension, PulseImportError

NOV, OCT = date(2026, 11, 1), date(2026, 10, 1)
HEADER = "team,month,dimension,score,responses\n"


def test_a_month_recorded_by_hand_and_corrected_keeps_one_result(flourish, team):
    flourish.record_pulse(team.id, NOV, {"voice": (6.0, 10)})
    flourish.record_pulse(team.name, date(2026, 11, 15), {"My voice is heard": (6.5, 11)})

    (result,) = flourish.pulse_results(team.id)
    assert (result.month, result.score, result.responses) == (NOV, 6.5, 11)


def test_recording_is_refused_whole_when_any_score_is_wrong(flourish, team, root, snapshot):
    before = snapshot(root / "teams")

    with pytest.raises(ValidationError, match="0 to 10"):
        flourish.record_pulse(team.id, NOV, {"voice": (6.0, 10), "trust": (12, 10)})

    assert snapshot(root / "teams") == before


def test_an_import_is_all_or_nothing(flourish, add_team, root, snapshot):
    add_team("Hillside Primary")
    before = snapshot(root / "teams")
    mixed = HEADER + "Hillside,2026-11,voice,6,5\nHillside,2026-11,trust,6,-5\n"

    with pytest.raises(PulseImportError) as raised:
        flourish.import_pulse(mixed, "mixed.csv")

    assert [r.line for r in raised.value.rejected] == [3]
    assert snapshot(root / "teams") == before
    assert flourish.pulse_results() == []


def test_an_import_across_teams_is_one_undoable_step(flourish, add_team):
    add_team("Hillside Primary")
    add_team("Hilltop Secondary")
    text = HEADER + "Hillside,2026-11,voice,6,5\nHilltop,2026-11,voice,7,5\n"

    made = flourish.import_pulse(text, "nov.csv")

    assert {r.source for r in made} == {"imported from nov.csv"}
    assert len(flourish.pulse_results()) == 2
    assert "nov.csv" in flourish.undo()
    assert flourish.pulse_results() == []


def test_an_unknown_team_in_a_file_gets_a_short_reason(flourish, add_team):
    add_team("Hillside Primary")
    add_team("Hilltop Secondary")

    with pytest.raises(PulseImportError) as raised:
        flourish.import_pulse(HEADER + "Hill,2026-11,voice,6,5\nNowhere,2026-11,voice,6,5\n")

    reasons = [r.reason for r in raised.value.rejected]
    assert reasons == ["'Hill' matches 2 teams", "no team matches 'Nowhere'"]


def test_the_dashboard_row_follows_the_threshold_the_chair_sets(flourish, team):
    flourish.record_pulse(team.id, OCT, {"voice": (5.0, 4)})
    flourish.record_pulse(team.id, NOV, {"voice": (6.0, 4), "trust": (3.0, 12)})
    (status,) = flourish.status()
    assert (status.pulse.mean, status.pulse.change, status.pulse.low) == (4.5, 1.0, ("trust",))

    flourish.update_cluster(pulse_min_responses=5)

    (status,) = flourish.status()
    assert (status.pulse.mean, status.pulse.change) == (3.0, None)  # voice now hidden
    assert flourish.pulse_trends(team.id)["voice"][-1].score is None


def test_the_heatmap_shows_each_teams_latest_month(flourish, add_team):
    early, late = add_team("Hillside Primary"), add_team("Hilltop Secondary")
    flourish.record_pulse(early.id, OCT, {"voice": (6.0, 9)})
    flourish.record_pulse(late.id, NOV, {"voice": (2.0, 2)})

    heatmap = flourish.pulse_heatmap()

    assert heatmap.months == {early.id: OCT, late.id: NOV}
    cells = {t.name: c["voice"] for t, c in heatmap.rows}
    assert cells["Hillside Primary"].score == 6.0
    assert cells["Hilltop Secondary"].score is None and cells["Hilltop Secondary"].hidden
    assert flourish.pulse_heatmap(NOV).rows[0][1]["voice"] is None  # Hillside: none in Nov


def test_a_falling_score_becomes_an_action_in_one_step(flourish, team):
    flourish.record_pulse(team.id, OCT, {"voice": (6.0, 10)})
    flourish.record_pulse(team.id, NOV, {"voice": (4.5, 10), "trust": (8.0, 2)})

    action = flourish.action_from_pulse(team.id, "voice")

    assert action in flourish.actions(team.id)
    assert action.title == "Raise the pulse on My voice is heard (4.5 in Nov 2026, down 1.5)"
    assert action.due == date(2026, 12, 20)  # four weeks from today, 22 Nov
    with pytest.raises(ValidationError, match="hidden"):
        flourish.action_from_pulse(team.id, "trust")
    with pytest.raises(ValidationError, match="no pulse results"):
        flourish.action_from_pulse(team.id, "wellbeing")


def test_a_months_score_makes_one_open_action_until_that_one_is_closed(flourish, team):
    flourish.record_pulse(team.id, NOV, {"voice": (3.0, 10)})
    first = flourish.action_from_pulse(team.id, "voice")
    flourish.record_pulse(team.id, NOV, {"voice": (2.5, 10)})  # corrected: the same finding

    with pytest.raises(ValidationError, match="already has an open action for this"):
        flourish.action_from_pulse(team.id, "voice")
    flourish.update_action(first.id, status="done")
    assert flourish.action_from_pulse(team.id, "voice").origin == "pulse:2026-11:voice"


def test_the_chair_can_set_the_dimensions(flourish, team):
    flourish.update_cluster(pulse_dimensions=[PulseDimension(key="energy", label="Energy")])

    assert [d.key for d in flourish.pulse_dimensions()] == ["energy"]
    flourish.record_pulse(team.id, NOV, {"Energy": (7.0, 5)})
    with pytest.raises(ValidationError, match="energy"):
        flourish.record_pulse(team.id, NOV, {"voice": (7.0, 5)})
    with pytest.raises(ValidationError, match="at least one"):
        flourish.update_cluster(pulse_dimensions=[])


def test_the_briefing_pack_shows_pulse_trends_without_hidden_scores(flourish, team):
    flourish.record_pulse(team.id, OCT, {"voice": (6.0, 10), "trust": (9.7, 2)})
    flourish.record_pulse(team.id, NOV, {"voice": (4.5, 10)})

    pack = flourish.briefing_pack(team.id)

    assert "My voice is heard: Oct 6, Nov 4.5 (down 1.5)" in pack
    assert "Trust and safety: Oct hidden" in pack and "9.7" not in pack


def test_the_latest_pulse_survives_the_status_cache(flourish, team, root, clock):
    from storage.facade import Flourish

    flourish.record_pulse(team.id, NOV, {"voice": (4.5, 10), "trust": (3.0, 12)})
    (first,) = flourish.status()

    (again,) = Flourish.open(root, clock).status()  # read from .status-cache

    assert (root / ".status-cache").exists()
    assert again.pulse == first.pulse and again.pulse.low == ("trust",)


def test_a_high_steady_score_needs_no_action(flourish, team):
    flourish.record_pulse(team.id, OCT, {"voice": (9.6, 10), "trust": (8.5, 10)})
    flourish.record_pulse(team.id, NOV, {"voice": (8.2, 10), "trust": (8.6, 10)})

    with pytest.raises(ValidationError, match="nothing to raise"):
        flourish.action_from_pulse(team.id, "trust")
    assert "down 1.4" in flourish.action_from_pulse(team.id, "voice").title  # high but falling
