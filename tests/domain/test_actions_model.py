"""HPT action plan items: overdue rules and typed statuses."""

from datetime import UTC, date, datetime

import pytest

from domain.actions import ActionItem, ActionStatus, overdue_actions, parse_status
from domain.errors import ValidationError

TODAY = date(2026, 11, 10)
AT = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def action(title="Act", due=None, status=ActionStatus.NOT_STARTED) -> ActionItem:
    return ActionItem(
        created_at=AT, updated_at=AT, team_id="team-1", title=title, due=due, status=status
    )


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (date(2026, 11, 9), ActionStatus.NOT_STARTED, True),
        (date(2026, 11, 9), ActionStatus.IN_PROGRESS, True),
        (date(2026, 11, 9), ActionStatus.BLOCKED, True),
        (date(2026, 11, 9), ActionStatus.DONE, False),
        (date(2026, 11, 9), ActionStatus.DROPPED, False),
        (TODAY, ActionStatus.NOT_STARTED, False),  # due today is not yet overdue
        (date(2026, 11, 11), ActionStatus.NOT_STARTED, False),
        (None, ActionStatus.NOT_STARTED, False),
    ],
)
def test_overdue_only_when_past_due_and_still_open(due, status, overdue):
    assert action(due=due, status=status).is_overdue(TODAY) is overdue


def test_overdue_actions_are_listed_oldest_first():
    items = [
        action("b", date(2026, 11, 1)),
        action("done", date(2026, 10, 1), ActionStatus.DONE),
        action("a", date(2026, 10, 15)),
        action("future", date(2026, 12, 1)),
        action("undated"),
    ]
    assert [a.title for a in overdue_actions(items, TODAY)] == ["a", "b"]


@pytest.mark.parametrize("text", ["in progress", "In-Progress", "in_progress", " IN  PROGRESS "])
def test_parse_status_accepts_how_people_type_it(text):
    assert parse_status(text) is ActionStatus.IN_PROGRESS


@pytest.mark.parametrize(("text", "status"), [(s.value, s) for s in ActionStatus])
def test_parse_status_accepts_every_status(text, status):
    assert parse_status(text) is status
    assert parse_status(status.label) is status


def test_parse_status_rejects_unknown_and_lists_the_valid_ones():
    with pytest.raises(ValidationError) as error:
        parse_status("finished")
    message = str(error.value)
    assert "finished" in message
    for status in ActionStatus:
        assert status.value in message
