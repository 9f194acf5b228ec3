"""The self-assessments through the facade: rounds of the sustainability grid, ratings
replaced not duplicated and refused whole, the collaboration diagnostic combined and imported
all or nothing, statement pairs linked to the plan, and every finding one undoable step from
an action plan item (never twice)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import NotFound, RowsRejected, ValidationError
from domain.records import Person
from domain.sustainability import Condition
from storage.facade import Flourish

ALL_VISION = {f"1.{i}": 1 for i in range(1, 8)}  # 7 of 28: a significant gap


@pytest.fixture
def rated(flourish, add_team):
    """Two schools rated in two rounds: impact low, vision high."""
    hill, dale = add_team("Hillside Primary"), add_team("Dale Academy")
    flourish.start_round("Summer 2026", opened_on=date(2026, 7, 1))
    flourish.rate(hill.id, {"impact": (4, "Counts events"), "vision": (7, "")})
    flourish.start_round("Autumn 2026")
    flourish.rate(hill.id, {"impact": (2, "No baselines"), "vision": (9, "Co-written")})
    flourish.rate(dale.id, {"impact": (3, ""), "vision": (8, "")})
    return hill, dale


# -- rounds ------------------------------------------------------------------------------------


def test_without_a_round_rating_says_how_to_start_one(flourish, team):
    with pytest.raises(NotFound, match="start one with `flourish assess round"):
        flourish.rate(team.id, {"impact": (3, "")})


def test_rounds_default_to_the_latest_and_are_found_by_name_in_any_case(flourish):
    first = flourish.start_round("Summer 2026", opened_on=date(2026, 7, 1))
    latest = flourish.start_round("Autumn 2026")

    assert flourish.assessment_round() == latest
    assert flourish.assessment_round("summer  2026") == first
    assert latest.opened_on == date(2026, 11, 22)  # today on the cluster's clock
    with pytest.raises(ValidationError, match="already a round called"):
        flourish.start_round("AUTUMN 2026")
    with pytest.raises(NotFound, match="Rounds: Summer 2026, Autumn 2026"):
        flourish.assessment_round("Spring")


def test_a_round_with_ratings_is_kept_but_can_be_renamed(flourish, rated):
    with pytest.raises(ValidationError, match="rename it instead"):
        flourish.delete_round("Autumn 2026")
    flourish.rename_round("Autumn 2026", "Autumn term 2026")
    assert [r.name for r in flourish.assessment_rounds()] == ["Summer 2026", "Autumn term 2026"]
    flourish.start_round("Oops")
    flourish.delete_round("oops")
    assert len(flourish.assessment_rounds()) == 2


# -- rating ------------------------------------------------------------------------------------


def test_rating_again_in_a_round_replaces_the_rating_and_undo_restores_it(flourish, rated):
    hill, _ = rated
    flourish.rate(hill.name, {"Impact measurement": (5, "A baseline for reading")})

    now = [r for r in flourish.ratings(hill.id, "Autumn 2026") if r.condition == "impact"]
    assert [(r.score, r.evidence) for r in now] == [(5, "A baseline for reading")]
    assert flourish.undo() == "Rated 1 condition for Hillside Primary (Autumn 2026)"
    again = [r for r in flourish.ratings(hill.id, "Autumn 2026") if r.condition == "impact"]
    assert [(r.score, r.evidence) for r in again] == [(2, "No baselines")]


def test_rating_again_without_evidence_keeps_the_evidence_it_had(flourish, rated):
    hill, _ = rated
    flourish.rate(hill.id, {"impact": (3, None), "funding": (5, None)})
    now = {r.condition: r.evidence for r in flourish.ratings(hill.id, "Autumn 2026")}
    assert (now["impact"], now["funding"]) == ("No baselines", "")


def test_ratings_are_refused_whole_when_any_is_wrong(flourish, rated, root, snapshot):
    hill, _ = rated
    before = snapshot(root)
    with pytest.raises(ValidationError, match="whole number from 0 to 10"):
        flourish.rate(hill.id, {"impact": (6, ""), "vision": (11, "")})
    with pytest.raises(ValidationError, match="Unknown condition 'morale'"):
        flourish.rate(hill.id, {"morale": (6, "")})
    assert snapshot(root) == before


def test_the_grid_shows_each_cell_with_its_change_since_the_round_before(flourish, rated):
    g = flourish.sustainability_grid()
    cells = {team.name: cells for team, cells in g.rows}

    assert (g.round.name, g.previous.name) == ("Autumn 2026", "Summer 2026")
    assert (
        cells["Hillside Primary"]["impact"].score,
        cells["Hillside Primary"]["impact"].change,
    ) == (2, -2)
    assert cells["Dale Academy"]["vision"].change is None  # not rated in the summer
    assert cells["Dale Academy"]["funding"] is None
    assert flourish.sustainability_grid("Summer 2026").previous is None


def test_key_findings_through_the_facade(flourish, rated):
    k = flourish.key_findings()
    assert [f.condition.key for f in k.strengths] == ["vision"]
    assert [f.condition.key for f in k.priorities] == ["impact"]
    assert len(k.unrated) == len(flourish.conditions()) - 2
    assert k.mean == 5.5  # 2, 9, 3 and 8


def test_the_conditions_are_the_clusters_to_change(flourish, rated):
    flourish.update_cluster(conditions=[Condition(key="impact", label="Measuring impact")])
    assert [c.label for c in flourish.conditions()] == ["Measuring impact"]
    assert [c for c in flourish.sustainability_grid().rows[0][1]] == ["impact"]
    with pytest.raises(ValidationError, match="at least one condition"):
        flourish.update_cluster(conditions=[])


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(evidence=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_evidence_is_kept_exactly_as_typed_apart_from_surrounding_space(flourish, rated, evidence):
    hill, _ = rated
    flourish.rate(hill.id, {"funding": (5, evidence)})
    (kept,) = [r for r in flourish.ratings(hill.id, "Autumn 2026") if r.condition == "funding"]
    assert kept.evidence == evidence.strip()


# -- findings to actions -----------------------------------------------------------------------


def test_a_rating_becomes_an_action_with_its_evidence_once(flourish, rated):
    hill, _ = rated
    action = flourish.action_from_rating(hill.id, "impact")

    assert action.title == "Develop Impact measurement (self-assessed 2/10, Autumn 2026)"
    assert action.evidence == "No baselines" and action.due == date(2027, 1, 3)
    assert action in flourish.actions(hill.id)
    flourish.rate(hill.id, {"impact": (1, None)})  # re-rated: still the same finding
    with pytest.raises(ValidationError, match="already has an open action for this"):
        flourish.action_from_rating(hill.id, "impact")
    with pytest.raises(ValidationError, match="rates Shared vision and leadership high"):
        flourish.action_from_rating(hill.id, "vision")


def test_a_cluster_priority_reaches_every_school_below_high_in_one_undoable_step(flourish, rated):
    hill, dale = rated
    flourish.action_from_rating(hill.id, "impact")  # Hillside already has it

    made = flourish.actions_from_priority("impact")

    assert [a.team_id for a in made] == [dale.id]
    assert flourish.undo().startswith("Added Impact measurement to 1 action plan")
    assert [a.title for a in flourish.actions(dale.id)] == []
    flourish.actions_from_priority("impact")
    with pytest.raises(ValidationError, match="No school needs the action"):
        flourish.actions_from_priority("impact")


# -- the collaboration diagnostic --------------------------------------------------------------


def test_respondents_in_a_school_are_combined(flourish, team):
    flourish.record_diagnostic(team.id, ALL_VISION, respondent="Head")
    flourish.record_diagnostic(team.id, {**ALL_VISION, "1.1": 3})
    flourish.record_diagnostic(team.id, {**ALL_VISION, "1.1": 4}, respondent="head")  # again

    result = flourish.diagnostic(team.name)
    vision = result.sections[0]
    assert result.respondents == 2  # the head's latest and the anonymous one
    assert (vision.questions[0].mean, vision.total, vision.gap) == (3.5, 9.5, True)


def test_a_diagnostic_import_is_all_or_nothing_and_one_undoable_step(
    flourish, add_team, root, snapshot
):
    add_team("Hillside Primary")
    add_team("Dale Academy")
    before = snapshot(root / "teams")
    with pytest.raises(RowsRejected) as raised:
        flourish.import_diagnostic("team,1.1\nHillside,3\nNowhere,2\n", "bad.csv")
    assert [r.line for r in raised.value.rejected] == [3]
    assert snapshot(root / "teams") == before

    made = flourish.import_diagnostic("team,respondent,1.1\nHillside,Jo,3\nDale,,1\n", "ok.csv")
    assert {r.source for r in made} == {"imported from ok.csv"}
    assert made[0].answered_on == date(2026, 11, 22)
    assert "ok.csv" in flourish.undo() and flourish.diagnostic_responses() == []


def test_a_section_with_a_gap_becomes_an_action_naming_its_weak_questions(flourish, team):
    flourish.record_diagnostic(team.id, {**ALL_VISION, "2.1": 4, "2.2": 4, "2.3": 4})

    action = flourish.action_from_diagnostic(team.id, "1")

    assert action.title == "Close the collaboration gap: What is our vision (7 of 28)"
    assert "1.4 We have agreed the financial implications." in action.success_criteria
    flourish.record_diagnostic(team.id, {"1.1": 3}, respondent="Deputy")  # the total moves
    with pytest.raises(ValidationError, match="already has an open action for this"):
        flourish.action_from_diagnostic(team.id, "vision")
    with pytest.raises(ValidationError, match="no gap in 'What does leadership mean to us\\?'"):
        flourish.action_from_diagnostic(team.id, "leadership")
    with pytest.raises(ValidationError, match="Nobody at Hillside Primary has answered"):
        flourish.action_from_diagnostic(team.id, "sharing")


# -- where we are now / where we want to be ----------------------------------------------------


def test_a_statement_pair_needs_both_statements(flourish, team):
    with pytest.raises(ValidationError, match="Where we want to be is required"):
        flourish.add_goal(team.id, now="Ad hoc meetings", want="  ")


def test_an_action_from_a_statement_pair_is_linked_in_one_undoable_step(flourish, team):
    pair = flourish.add_goal(
        team.id,
        now='Meetings are "ad hoc", [bold] cancelled',
        want="A weekly leadership meeting",
        want_evidence="- Every meeting held\n\n* Actions closed on time",
    )
    action = flourish.action_from_goal(pair.id)

    assert action.title == "Move towards: A weekly leadership meeting"
    assert action.success_criteria == "Every meeting held; Actions closed on time"
    assert flourish.goal_actions(flourish.goal(pair.id)) == [action]
    flourish.undo()
    assert flourish.actions(team.id) == []
    assert flourish.goal(pair.id).action_ids == []
    assert flourish.goal(pair.id).now == 'Meetings are "ad hoc", [bold] cancelled'


def test_linking_is_to_the_teams_own_actions_and_a_deleted_action_drops_out(flourish, add_team):
    hill, dale = add_team("Hillside Primary"), add_team("Dale Academy")
    pair = flourish.add_goal(hill.id, now="Now", want="Want")
    mine = flourish.add_action(hill.id, "Ours")
    theirs = flourish.add_action(dale.id, "Theirs")

    with pytest.raises(ValidationError, match="another team's plan"):
        flourish.link_action(pair.id, theirs.id)
    flourish.link_action(pair.id, mine.id)
    assert flourish.link_action(pair.id, mine.id).action_ids == [mine.id]  # no twin
    flourish.delete_action(mine.id)
    assert flourish.goal_actions(flourish.goal(pair.id)) == []


@pytest.mark.parametrize("work", ["rating", "diagnostic", "pair"])
def test_undoing_a_new_team_keeps_self_assessments_logged_for_it_elsewhere(
    flourish, root, clock, work
):
    flourish.start_round("Autumn 2026")
    made = flourish.add_team("New School", start=date(2026, 9, 1), coach=Person(name="Jo"))
    other = Flourish.open(root, clock)  # another window
    if work == "rating":
        other.rate(made.id, {"impact": (3, "")})
    elif work == "diagnostic":
        other.record_diagnostic(made.id, {"1.1": 2})
    else:
        other.add_goal(made.id, now="a", want="b")

    with pytest.raises(ValidationError, match="changed since"):
        flourish.undo()
    assert Flourish.open(root, clock).team("New School")


def test_a_section_without_a_gap_but_a_split_view_becomes_an_action_to_return_to_it(flourish, team):
    full = {f"1.{i}": 4 for i in range(1, 8)}
    flourish.record_diagnostic(team.id, full, respondent="Head")
    flourish.record_diagnostic(team.id, {**full, "1.3": 1}, respondent="Staff")

    action = flourish.action_from_diagnostic(team.id, "vision")

    assert action.title == "Return to What is our vision: question 1.3"
    assert "1.3 Roles and responsibilities are agreed and understood." in action.success_criteria
