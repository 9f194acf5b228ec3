"""Whose week it is: a coach's own teams, found by their name or its start; the whole
cluster for the chair or a name on no team's record; one clear line when a typed coach's
name matches nobody or more than one."""

from datetime import UTC, date, datetime

import pytest

from domain.cluster import Team
from domain.errors import ValidationError
from domain.records import Person
from domain.week import my_teams

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def team(name: str, coach: str) -> Team:
    return Team(
        created_at=NOW, updated_at=NOW, name=name, start=date(2026, 9, 1), coach=Person(name=coach)
    )


TEAMS = [team("A", "Jo Lindqvist"), team("B", "Joan Reyes"), team("C", "Jo Lindqvist")]


def test_a_coach_gets_their_own_teams():
    mine, whose = my_teams(TEAMS, "jo lindqvist", "Chair")
    assert [t.name for t in mine] == ["A", "C"] and whose == "Jo Lindqvist's teams"


def test_the_chair_nobody_and_a_stranger_get_the_cluster():
    assert my_teams(TEAMS, "Chair", "Chair")[1] == "the whole cluster"
    assert my_teams(TEAMS, "", "Chair")[1] == "the whole cluster"
    stranger = my_teams(TEAMS, "Pat", "Chair")
    assert len(stranger[0]) == 3 and "no team's coach is called Pat" in stranger[1]


def test_a_typed_coach_may_be_the_start_of_a_name_or_of_a_word_in_it():
    assert my_teams(TEAMS, "reyes", "Chair", coach=True)[1] == "Joan Reyes's teams"
    assert my_teams(TEAMS, "Jo Lindqvist", "Chair", coach=True)[1] == "Jo Lindqvist's teams"


@pytest.mark.parametrize(("typed", "said"), [("jo", "more than one coach"), ("x", "not a coach")])
def test_a_typed_coach_must_name_exactly_one(typed, said):
    with pytest.raises(ValidationError) as refused:
        my_teams(TEAMS, typed, "Chair", coach=True)
    assert said in str(refused.value) and "Jo Lindqvist" in str(refused.value)
