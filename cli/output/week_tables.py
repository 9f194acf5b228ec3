"""The week across my teams as a table: late things first, then by day."""

from cli.output import short
from cli.output.tables import Cell, _print_table, _show, _text
from domain.dates import day_month
from domain.week import ItemKind

KIND_STYLE = {
    ItemKind.CHALLENGE: "magenta",
    ItemKind.BRIEFING: "cyan",
    ItemKind.WORKSHOP: "green",
    ItemKind.CLUSTER_ACTION: "yellow",
}


def week_table(week) -> None:
    last = week.first.toordinal() + week.days - 1
    title = f"Due for {week.whose}, {day_month(week.first)} to {day_month(_day(last))}"
    if not week.items:
        _show(_text(f"{title}: nothing due and nothing late."))
        return
    cells = [
        [
            _when(i),
            Cell(i.kind.value, KIND_STYLE.get(i.kind, "")),
            Cell(i.team),
            Cell(i.text),
            Cell(i.who),
            Cell(short(i.ref) if _opens(i) else "", "dim"),
        ]
        for i in week.items
    ]
    _print_table(
        title,
        ("When", "What", "School", "Item", "Who", "Id"),
        cells,
        flex=(("School", 10), ("Item", 16)),
        drop=("Who",),
    )


_OPENS = (ItemKind.ACTION, ItemKind.BRIEFING, ItemKind.CHALLENGE, ItemKind.CLUSTER_ACTION)


def _opens(i) -> bool:
    """Whether the line names a record by its id (a cluster review workshop does; a team's
    program workshop is a date in its timeline)."""
    return i.kind in _OPENS or (i.kind is ItemKind.WORKSHOP and i.team_id is None and bool(i.ref))


def _when(i):
    if i.late:
        return Cell(f"⚠ {i.late_days}d late", "bold red")
    return Cell(f"{i.day:%a} {day_month(i.day)}")


def _day(ordinal: int):
    from datetime import date

    return date.fromordinal(ordinal)
