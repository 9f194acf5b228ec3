"""Finding a record by its id reads the one team file that holds it (storage/id_index.py), and
finds what every other process has written since, exactly as reading every team would."""

import uuid

import pytest

from domain.errors import Ambiguous, NotFound
from storage.facade import Flourish
from storage.id_index import INDEX_FILE


@pytest.fixture
def teams(add_team):
    return [add_team(f"School {i}") for i in range(4)]


def test_an_action_by_id_decodes_that_action_alone(flourish, teams, root, clock, decoded):
    for t in teams:
        for n in range(5):
            flourish.add_action(t.id, f"Action {n} of {t.name}")
    wanted = flourish.actions(teams[2].id)[3]
    Flourish.open(root, clock).action(wanted.id[:8])  # a first command builds the index
    assert (root / INDEX_FILE).exists()

    decoded.clear()  # count from here
    found = Flourish.open(root, clock).action(wanted.id[:8])

    assert found == wanted
    assert decoded.count(type(wanted)) == 1  # not the other 19 actions


def test_records_written_by_another_process_are_found(flourish, teams, root, clock):
    first = flourish.add_action(teams[0].id, "Book the room")
    other = Flourish.open(root, clock)
    assert other.action(first.id).title == "Book the room"  # index saved with one action

    later = flourish.add_action(teams[1].id, "Send the survey")
    flourish.delete_action(first.id)

    assert other.action(later.id[:6]).title == "Send the survey"
    with pytest.raises(NotFound, match="No action has an id starting"):
        other.action(first.id)


def test_a_prefix_shared_by_two_teams_records_is_ambiguous(flourish, teams, monkeypatch):
    ids = iter(["abcd1111-0000-4000-8000-000000000001", "abcd2222-0000-4000-8000-000000000002"])
    monkeypatch.setattr("domain.records.uuid.uuid4", lambda: uuid.UUID(next(ids)))
    a = flourish.add_action(teams[0].id, "One")
    b = flourish.add_action(teams[3].id, "Two")
    monkeypatch.undo()

    with pytest.raises(Ambiguous, match="matches 2 actions") as e:
        flourish.action("abcd")
    assert sorted(e.value.candidates) == [a.id, b.id]
    assert flourish.action("abcd2").title == "Two"


def test_a_damaged_index_is_ignored_and_made_again(flourish, teams, root, clock):
    action = flourish.add_action(teams[1].id, "Plan the visit")
    (root / INDEX_FILE).write_bytes(b'{"version": 1, "teams": {"x": ')

    assert Flourish.open(root, clock).action(action.id[:5]).title == "Plan the visit"
    assert (root / INDEX_FILE).read_bytes().startswith(b"{")
    assert Flourish.open(root, clock).action(action.id[:5]).title == "Plan the visit"


def test_an_archived_teams_records_are_not_found_by_id(flourish, teams, root, clock):
    action = flourish.add_action(teams[1].id, "Plan the visit")
    assert flourish.action(action.id).id == action.id
    flourish.archive_team(teams[1].id)

    with pytest.raises(NotFound):
        Flourish.open(root, clock).action(action.id)
