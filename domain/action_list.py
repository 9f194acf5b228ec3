"""Which actions a cluster-wide list shows: of a status, open, late or due this week, owned by a
person (the start of a name will do), in some teams only, and holding every word typed in the
title, the owner or the school's name. One rule for the command line's `action list` and the
app's Actions screen."""

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from domain.actions import CLOSED_STATUSES, ActionItem, ActionStatus, due_this_week
from domain.week import starts


def matching(
    actions: Iterable[ActionItem],
    *,
    today: date,
    status: ActionStatus | None = None,
    open_only: bool = False,
    late: bool = False,
    due_week: bool = False,
    owner: str = "",
    team_ids: Collection[str] | None = None,
    words: str = "",
    team_names: Mapping[str, str] | None = None,
) -> list[ActionItem]:
    names = team_names or {}
    wanted = words.casefold().split()

    def shown(a: ActionItem) -> bool:
        if status is not None and a.status is not status:
            return False
        if open_only and a.status in CLOSED_STATUSES:
            return False
        if (late and not a.is_overdue(today)) or (due_week and not due_this_week(a, today)):
            return False
        if owner and not starts(a.owner, owner):
            return False
        if team_ids is not None and a.team_id not in team_ids:
            return False
        text = f"{a.title} {a.owner} {names.get(a.team_id, '')}".casefold()
        return all(word in text for word in wanted)

    return [a for a in actions if shown(a)]
