"""Redo makes again what undo took back, on the same terms: refused, with nothing changed, when
the record has been changed since; and a new change ends what can be redone."""

from datetime import date

import pytest

from domain.errors import ValidationError
from storage.facade import Flourish

CHECKIN_DAY = date(2026, 11, 20)


def test_redo_puts_back_exactly_what_undo_took_away(root, clock, flourish, team, snapshot):
    flourish.log_checkin(team.id, on=CHECKIN_DAY, notes="Met the SLT")
    done = snapshot(root / "teams")
    assert flourish.undo() == f"Logged a check-in for {team.name}"
    assert flourish.checkins() == []
    assert flourish.next_redo().label == f"Logged a check-in for {team.name}"
    assert flourish.redo() == f"Logged a check-in for {team.name}"
    assert snapshot(root / "teams") == done
    assert flourish.next_redo() is None
    assert flourish.can_undo == f"Logged a check-in for {team.name}"


def test_redo_is_refused_when_the_record_was_changed_since(root, clock, flourish, team):
    action = flourish.add_action(team.id, "Weekly SLT meeting")
    flourish.update_action(action.id, note="Agreed the agenda")
    flourish.undo()
    Flourish.open(root, clock=clock).update_action(action.id, owner="Jo")
    with pytest.raises(ValidationError, match=r"Cannot redo .*Nothing was redone"):
        flourish.redo()
    kept = flourish.action(action.id)
    assert (kept.owner, kept.notes) == ("Jo", [])


def test_a_new_change_ends_what_can_be_redone(flourish, team):
    flourish.add_action(team.id, "Weekly SLT meeting")
    flourish.undo()
    flourish.add_action(team.id, "Termly review")
    with pytest.raises(ValidationError, match="Nothing to redo"):
        flourish.redo()
