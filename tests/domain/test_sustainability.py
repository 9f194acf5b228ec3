"""The sustainability grid's key findings: which conditions the cluster does well on, which to
prioritise (and in what order), which schools do well or less well on each, and how a round
compares with the one before."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cluster import Team
from domain.errors import ValidationError
from domain.records import Person
from domain.sustainability import (
    AssessmentRound,
    Condition,
    Rating,
    grid,
    key_findings,
    parse_rating,
    round_order,
)

AT = datetime(2026, 11, 22, 9, tzinfo=UTC)
CONDITIONS = (
    Condition(key="vision", label="Vision"),
    Condition(key="funding", label="Funding"),
    Condition(key="impact", label="Impact"),
)
EARLIER = AssessmentRound(
    id="r1", created_at=AT, updated_at=AT, name="Summer", opened_on=date(2026, 7, 1)
)
LATER = AssessmentRound(
    id="r2", created_at=AT, updated_at=AT, name="Autumn", opened_on=date(2026, 11, 1)
)


def school(name: str) -> Team:
    return Team(
        id=name.lower(),
        created_at=AT,
        updated_at=AT,
        name=name,
        start=date(2026, 9, 1),
        coach=Person(name="Jo"),
    )


SCHOOLS = {n: school(n) for n in ("Ash", "Birch", "Cedar", "Dale")}
A, B, C, D = SCHOOLS  # tables of ratings are keyed by school name


def ratings(round_: AssessmentRound, table: dict[str, dict[str, int]]) -> list[Rating]:
    return [
        Rating(
            created_at=AT,
            updated_at=AT,
            team_id=SCHOOLS[name].id,
            round_id=round_.id,
            condition=key,
            score=score,
            evidence=f"{name} on {key}",
        )
        for name, scores in table.items()
        for key, score in scores.items()
    ]


def findings(table, before=None):
    found = ratings(LATER, table) + (ratings(EARLIER, before) if before else [])
    g = grid(CONDITIONS, list(SCHOOLS.values()), found, LATER, EARLIER if before else None)
    return g, key_findings(g)


def keys(found) -> list[str]:
    return [f.condition.key for f in found]


def test_conditions_rank_by_cluster_mean_with_strengths_and_priorities():
    _, k = findings(
        {
            A: {"vision": 9, "funding": 5, "impact": 2},
            B: {"vision": 8, "funding": 6, "impact": 3},
            C: {"vision": 8, "funding": 4, "impact": 6},
        }
    )
    assert [(f.condition.key, f.mean) for f in k.ranking] == [
        ("vision", 8.3),
        ("funding", 5.0),
        ("impact", 3.7),
    ]
    assert keys(k.strengths) == ["vision"]
    assert keys(k.priorities) == ["impact"]
    assert k.lowest is None


def test_half_the_schools_rating_a_condition_low_makes_it_a_priority_despite_its_mean():
    # funding averages 5.5, but two of four schools rate it 0-3: the grid's "nearly all" case
    _, k = findings(
        {
            A: {"funding": 3, "impact": 3},
            B: {"funding": 2, "impact": 5},
            C: {"funding": 9, "impact": 6},
            D: {"funding": 8, "impact": 5},
        }
    )
    funding = next(f for f in k.ranking if f.condition.key == "funding")
    assert funding.mean == 5.5 and funding.low_share == 0.5
    assert keys(k.priorities) == ["funding"]  # impact: one school in four is low


def test_priorities_put_the_most_schools_rating_low_first_then_the_lowest_mean():
    _, k = findings(
        {
            A: {"vision": 3, "funding": 1, "impact": 2},
            B: {"vision": 3, "funding": 9, "impact": 2},
            C: {"vision": 2, "funding": 2, "impact": 3},
        }
    )
    # vision and impact: all three low (impact lower); funding: two of three low
    assert keys(k.priorities) == ["impact", "vision", "funding"]


def test_with_no_priority_the_weakest_condition_is_named():
    _, k = findings({A: {"vision": 9, "funding": 7, "impact": 5}, B: {"vision": 8, "impact": 6}})
    assert k.priorities == []
    assert k.lowest.condition.key == "impact" and k.lowest.mean == 5.5


def test_schools_doing_well_and_less_well_on_a_condition_come_with_their_evidence():
    _, k = findings(
        {
            A: {"impact": 3},
            B: {"impact": 9},
            C: {"impact": 0},
            D: {"impact": 8},
        }
    )
    (impact,) = k.ranking
    assert [(p.team.name, p.score, p.evidence) for p in impact.doing_well] == [
        ("Birch", 9, "Birch on impact"),
        ("Dale", 8, "Dale on impact"),
    ]
    assert [(p.team.name, p.score) for p in impact.less_well] == [("Cedar", 0), ("Ash", 3)]


def test_unrated_conditions_and_schools_are_left_out_of_means_not_counted_as_zero():
    g, k = findings({A: {"vision": 6}, B: {"vision": 8}})
    assert k.unrated == (CONDITIONS[1], CONDITIONS[2])
    assert k.ranking[0].mean == 7.0 and k.ranking[0].rated == 2
    assert [(t.name, mean) for t, mean in k.schools] == [("Birch", 8.0), ("Ash", 6.0)]
    assert dict(g.rows[2][1]) == {"vision": None, "funding": None, "impact": None}


def test_a_round_compares_with_the_one_before_over_schools_rated_in_both():
    g, k = findings(
        {A: {"vision": 7}, B: {"vision": 4}, C: {"vision": 9}},
        before={A: {"vision": 5}, B: {"vision": 6}},
    )
    cells = {team.name: cells["vision"] for team, cells in g.rows}
    assert (cells["Ash"].change, cells["Birch"].change, cells["Cedar"].change) == (2, -2, None)
    assert k.ranking[0].change == 0.0  # +2 and -2; Cedar is new, so not a change


def test_rounds_are_ordered_by_when_they_opened():
    assert round_order([LATER, EARLIER]) == [EARLIER, LATER]


@pytest.mark.parametrize("text", ["11", "-1", "7.5", "", "seven"])
def test_a_rating_is_a_whole_number_from_0_to_10(text):
    with pytest.raises(ValidationError, match="whole number from 0 to 10"):
        parse_rating(text)


@given(st.dictionaries(st.sampled_from([A, B, C, D]), st.integers(0, 10), min_size=1))
def test_strength_and_priority_never_both_and_follow_the_bands(scores):
    _, k = findings({name: {"impact": score} for name, score in scores.items()})
    (impact,) = k.ranking
    mean = sum(scores.values()) / len(scores)
    assert impact.strength == (round(mean, 1) >= 8)
    assert not (impact.strength and impact.priority)
    low = sum(1 for s in scores.values() if s <= 3)
    assert impact.priority == (round(mean, 1) < 4 or low * 2 >= len(scores))
