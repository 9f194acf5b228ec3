"""The chair's queue and the week read what each team has open from one small file kept beside
the data (a team's part worked out again only when its file changes), and always show what
other processes have written since."""

from datetime import date

import pytest

from domain.actions import ActionItem
from domain.challenges import Challenge
from storage.facade import Flourish
from storage.facade.core import DESK_FILE

ESCALATE = {"reason": "Cover cancels meetings", "schedule_impact": "Stage 2 slips a month"}


@pytest.fixture
def teams(add_team):
    return [add_team(f"School {i}") for i in range(5)]


def _escalated(f: Flourish, team_id: str, title: str) -> Challenge:
    made = f.raise_challenge(team_id, category="staff-shortage", title=title)
    return f.escalate_challenge(made.id, **ESCALATE)


def test_the_queue_shows_what_another_process_escalated_and_resolved(flourish, teams, root, clock):
    first = _escalated(flourish, teams[0].id, "Two teachers off")
    chair = Flourish.open(root, clock)
    assert [c.title for c in chair.escalated()] == ["Two teachers off"]

    _escalated(flourish, teams[3].id, "Trust programme")
    flourish.resolve_challenge(first.id, resolution="Cover found", outcome="reprioritised")

    assert [c.title for c in chair.escalated()] == ["Trust programme"]
    assert [c.title for c in Flourish.open(root, clock).escalated()] == ["Trust programme"]


def test_a_new_session_decodes_only_the_teams_changed_since(flourish, teams, root, clock, decoded):
    for t in teams:
        _escalated(flourish, t.id, f"Waiting at {t.name}")
        for n in range(3):
            flourish.add_action(t.id, f"Step {n}", due=date(2026, 11, 25))
    Flourish.open(root, clock).week("")  # a session that left the file behind
    assert (root / DESK_FILE).exists()
    _escalated(flourish, teams[2].id, "Boiler broke")

    later = Flourish.open(root, clock)
    decoded.clear()  # count from here
    queue = later.escalated()

    assert len(queue) == 6 and "Boiler broke" in {c.title for c in queue}
    # School 2's file alone was read again: its 2 challenges and 3 actions.
    assert (decoded.count(Challenge), decoded.count(ActionItem)) == (2, 3)

    decoded.clear()
    week = later.week("")
    assert sum(i.kind == "action" for i in week.items) == 15
    assert decoded.count(ActionItem) == 3  # School 2's status, worked out again; no desk


def test_the_week_drops_an_action_done_elsewhere(flourish, teams, root, clock):
    action = flourish.add_action(teams[1].id, "Book the room", due=date(2026, 11, 24))
    coach = Flourish.open(root, clock)
    assert "Book the room" in [i.text for i in coach.week("").items]

    flourish.update_action(action.id, status="done")

    assert "Book the room" not in [i.text for i in coach.week("").items]


def test_a_damaged_desk_file_is_made_again(flourish, teams, root, clock):
    _escalated(flourish, teams[4].id, "Trust programme")
    (root / DESK_FILE).write_bytes(b"\x00\xff not json")
    assert [c.title for c in Flourish.open(root, clock).escalated()] == ["Trust programme"]


def test_an_archived_teams_challenges_leave_the_queue(flourish, teams, root, clock):
    _escalated(flourish, teams[0].id, "Two teachers off")
    flourish.archive_team(teams[0].id)
    assert Flourish.open(root, clock).escalated() == []
