"""Which actions the cluster-wide list shows: one rule for the command line and the app."""

from datetime import UTC, date, datetime

from domain.action_list import matching
from domain.actions import ActionItem, ActionStatus

TODAY = date(2026, 11, 22)
AT = datetime(2026, 11, 1, tzinfo=UTC)


def item(title: str, owner: str, due: date | None, status=ActionStatus.IN_PROGRESS, team="t1"):
    return ActionItem(
        created_at=AT, updated_at=AT, team_id=team, title=title, owner=owner, due=due,
        status=status, stage=1,
    )  # fmt: skip


ITEMS = [
    late := item("Map SEND provision", "Aisha Rahman", date(2026, 11, 1)),
    week := item("Share pulse headlines", "Tom Gallagher", date(2026, 11, 25), team="t2"),
    done := item("Book the hall", "Aisha Rahman", date(2026, 11, 2), ActionStatus.DONE),
    later := item("Plan the review", "Jo Lind", date(2027, 1, 10), ActionStatus.NOT_STARTED),
]
NAMES = {"t1": "Northgate Primary", "t2": "St Anne's"}


def shown(**options) -> list[ActionItem]:
    return matching(ITEMS, today=TODAY, team_names=NAMES, **options)


def test_late_due_this_week_and_open():
    assert shown(late=True) == [late]
    assert shown(due_week=True) == [week]
    assert shown(open_only=True) == [late, week, later]


def test_owner_by_the_start_of_any_name_and_teams_by_id():
    assert shown(owner="rahm") == [late, done]
    assert shown(team_ids={"t2"}) == [week]


def test_every_word_in_the_title_owner_or_school():
    assert shown(words="northgate aisha") == [late, done]
    assert shown(words="ANNE'S pulse") == [week]
    assert shown(words="pulse aisha") == []


def test_a_similar_action_shares_most_of_its_words():
    from domain.actions import similar

    twin = item("Raise the pulse on My voice is heard", "Jo", None)
    near = item("Raise the pulse on voice heard", "Jo", None)
    other = item("Raise attendance at parents' evenings", "Jo", None)
    assert similar(twin, [other, near]) is near
    assert similar(twin, [other]) is None
    assert similar(twin, [twin]) is None  # itself is no twin
