"""The sustainability grid's pieces: a rating's shaded cell with its band letter and change,
column headers that fit, the key findings as a table, and the highlighted cell's detail."""

from rich.console import Group
from rich.table import Table
from rich.text import Text

from domain.cluster import Team
from domain.scales import Band, band, share_words
from domain.sustainability import (
    PRIORITY_SHARE,
    Cell,
    Condition,
    ConditionFinding,
    Grid,
    KeyFindings,
    Placing,
)
from tui import cells
from tui.panes.pulse import BAND_LETTERS
from tui.screens.pulse_heatmap import SHADES

NOTHING_RATED = "Nothing is rated in {} yet: highlight a school's cell and press Enter."
MISSING = "·"  # not rated in this round


def scored(score: float, mean: bool = False) -> Text:
    """`6 medium`, or a mean `4.0 medium`, in the band's shade."""
    b = band(score)
    return Text(f"{score:.1f} {b.value}" if mean else f"{score} {b.value}", style=SHADES[b])


def arrow(change: float) -> Text:
    """`▲ 2`, `▼ 3`, `= 0`: the change since the previous round, never colour alone."""
    if change > 0:
        return Text(f"▲ {change:g}", style="bold")
    if change < 0:
        return Text(f"▼ {abs(change):g}", style=cells.WARN)
    return Text("= 0", style="dim")


def _change(change: float, mean: bool) -> str:
    if change == 0:
        return "="
    return ("▲" if change > 0 else "▼") + (f"{abs(change):.1f}" if mean else str(abs(change)))


def fit(score: str, b: Band, change: float | None, room: int) -> str:
    """The score, its band letter and (comparing) its change, as much as fits `room`:
    `6 M ▲2`, `6 M▲2`, `6M▲2`, else `6 M` and the detail says the rest."""
    letter = BAND_LETTERS[b]
    tries = []
    if change is not None:
        moved = _change(change, "." in score)
        tries = [f"{score} {letter} {moved}", f"{score} {letter}{moved}", f"{score}{letter}{moved}"]
    tries += [f"{score} {letter}", f"{score}{letter}"]
    return next((t for t in tries if len(t) <= room), tries[-1])


def shaded(shown: str, b: Band, width: int, bold: bool = False) -> Text:
    """The band's shade over all but a margin each side, where the cursor shows."""
    text = Text(" ")
    text.append(shown.center(width - 2), style=SHADES[b] + (" bold" if bold else ""))
    text.append(" ")
    return text


def mean_cell(mean: float | None, width: int) -> Text:
    if mean is None:
        return centre(Text(MISSING, style="dim"), width)
    return shaded(f"{mean:.1f} {BAND_LETTERS[band(mean)]}", band(mean), width)


def headers(conditions: tuple[Condition, ...], width: int) -> list[Text]:
    """Short column headers from each condition's key: `Impact`, `Gover.`, `Partn.`."""
    room = width - 1  # a space between neighbours
    out = []
    for c in conditions:
        word = c.key.replace("-", " ").capitalize()
        if len(c.label) <= room:
            word = c.label
        elif len(word) > room:
            word = word[: room - 1].rstrip() + "."
        out.append(centre(Text(word, style="bold"), width))
    return out


def centre(text: Text, width: int) -> Text:
    text.truncate(width, overflow="ellipsis")
    text.pad_left((width - text.cell_len) // 2)
    return text


def cut(name: str, width: int, style: str = "") -> Text:
    text = Text(name, style=style)
    text.truncate(width, overflow="ellipsis")
    text.pad_left(1)
    return text


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def findings_table(f: KeyFindings | None, grid: Grid | None, focus: Condition | None):
    """The key findings a cluster review asks of the grid, one question a row; `focus` is
    the condition whose schools doing well and less well are listed."""
    if f is None or grid is None:
        return Text()
    # The round is in the heading; the rule a priority follows is worth the room here.
    share = share_words(PRIORITY_SHARE)
    title = Text()
    title.append("Key findings", style="bold underline")
    title.append(f" · priority: mean below 4, or {share} the schools or more at 0–3", "dim")
    if not f.ranking:
        return Group(title, Text(NOTHING_RATED.format(grid.round.name), style="dim"))
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    strengths = _joined([_named(s) for s in f.strengths]) or Text("none: no mean of 8 or more")
    table.add_row("Strengths", strengths)
    if f.priorities:
        table.add_row("Priorities", _joined([_priority(p) for p in f.priorities]))
    else:
        assert f.lowest is not None  # named whenever nothing is a priority and any is rated
        table.add_row("Priorities", Text("none; the weakest is ") + _named(f.lowest))
    if focus is not None:
        _add_focus(table, focus, next((r for r in f.ranking if r.condition == focus), None))
    table.add_row("By mean", _joined([_marked(t.name, m, f"{m:.1f}") for t, m in f.schools]))
    table.add_row("Not rated", _not_rated(f, grid))
    return Group(title, table)


def _add_focus(table: Table, condition: Condition, found: ConditionFinding | None) -> None:
    heading = Text(condition.label, style="bold")
    if found is None:
        heading.append(" · no school rated it", style="dim")
        table.add_row("Condition", heading)
        return
    assert found.mean is not None  # a condition some school rated has a mean
    heading.append(" · mean ")
    heading.append_text(scored(found.mean, mean=True))
    table.add_row("Condition", heading)
    table.add_row("Doing well", _placings(found.doing_well, "none rated 8–10"))
    table.add_row("Less well", _placings(found.less_well, "none rated 0–3"))


def _placings(placings: tuple[Placing, ...], none: str) -> Text:
    if not placings:
        return Text(none, style="dim")
    lines = []
    for p in placings:
        line = _marked(p.team.name, p.score, str(p.score))
        if p.evidence:
            line.append(": ")
            line.append(p.evidence, style="italic")  # user text: literal
        lines.append(line)
    return _joined(lines)


def _marked(name: str, value: float, shown: str) -> Text:
    """A name, then its score and band letter on the band's shade: `Impact 2.5 L`."""
    text = Text(name + " ")
    text.append(f"{shown} {BAND_LETTERS[band(value)]}", style=SHADES[band(value)])
    return text


def _named(f: ConditionFinding) -> Text:
    assert f.mean is not None  # only rated conditions are named in the findings
    return _marked(f.condition.label, f.mean, f"{f.mean:.1f}")


def _priority(f: ConditionFinding) -> Text:
    text = _named(f)
    text.append(f" ({len(f.less_well)} of {f.rated} schools rate it 0–3)")
    return text


def _joined(parts: list[Text]) -> Text:
    return Text("\n").join(parts)


def with_hint(text: Text, hint: str, room: int) -> Text:
    """`text` and, if it fits, a dim hint of keys; else `text` cut to fit."""
    if text.cell_len + len(hint) <= room:
        text.append(hint, style="dim")
    text.truncate(max(20, room), overflow="ellipsis")
    return text


def _not_rated(f: KeyFindings, grid: Grid) -> Text:
    rated = {t.id for t, _ in f.schools}
    idle = [team.name for team, _ in grid.rows if team.id not in rated]
    text = Text()
    if f.unrated:
        text.append("by any school: " + ", ".join(c.label for c in f.unrated))
    else:
        text.append("every condition is rated by some school", style="dim")
    if idle:
        text.append(" · yet to rate: ")
        text.append(", ".join(idle))
    return text


# -- the highlighted cell's detail ------------------------------------------------------------


def cell_detail(grid: Grid, team: Team, row: dict[str, Cell | None], condition: Condition) -> Text:
    """A school's rating of a condition: score, change, evidence and what the keys do."""
    cell = row[condition.key]
    text = Text()
    text.append(team.name, style="bold")
    text.append(" · ")
    text.append(condition.label, style="bold")
    text.append("\n")
    if cell is None:
        text.append(f"Not rated in {grid.round.name}", style="dim")
        text.append("   Enter rates it", style="dim")
        return text
    text.append_text(scored(cell.score))
    was = cell.score - cell.change if cell.change is not None else None
    text.append_text(since(grid, cell.change, was))
    high = band(cell.score) is Band.HIGH
    text.append("   Enter re-rates" + ("" if high else " · t action"), style="dim")
    text.append("\n")
    if cell.evidence:
        text.append("Evidence: ", style="dim")
        text.append(cell.evidence)  # user text: shown as typed, never markup
    else:
        text.append("No evidence given.", style="dim")
    return text


def since(grid: Grid, change: float | None, was: float | None = None) -> Text:
    """` · ▲ 2 since Summer 2026 (was 4)`, or nothing in a first round."""
    if grid.previous is None:
        return Text()
    if change is None:
        return Text(f" · not rated in {grid.previous.name}", style="dim")
    text = Text(" · ")
    text.append_text(arrow(change))
    text.append(f" since {grid.previous.name}")
    if was is not None:
        text.append(f" (was {was:g})")
    return text


def mean_detail(grid: Grid, f: ConditionFinding | None, condition: Condition | None) -> Text:
    """The cluster's mean of a condition (`f`, its finding), or what the mean row is."""
    text = Text.assemble(("Cluster mean", "bold"))
    if condition is None:
        text.append(" · each condition's mean over the schools that rated it", style="dim")
        return text
    text.append(" · ")
    text.append(condition.label, style="bold")
    if f is None or f.mean is None:
        text.append(f" · no school rated it in {grid.round.name}", style="dim")
        return text
    text.append(" · ")
    text.append_text(scored(f.mean, mean=True))
    text.append(f" over {f.rated} school{'s' * (f.rated != 1)}")
    if f.priority:
        text.append(" · a priority", style=cells.WARN)
    elif f.strength:
        text.append(" · a strength", style="bold")
    text.append(f"\n{len(f.less_well)} of {f.rated} rate it 0–3, {len(f.doing_well)} rate it 8–10")
    if f.change is not None:  # over the schools rated in both rounds
        text.append_text(since(grid, f.change))
    text.append("\nt: an action for every school rating it below 8", style="dim")
    return text


def school_detail(
    grid: Grid, findings: KeyFindings, team: Team, row: dict[str, Cell | None]
) -> Text:
    """A school's mean over the conditions it rated, and its place among the schools."""
    text = Text.assemble((team.name, "bold"))
    team_id = team.id
    ranked = [t.id for t, _ in findings.schools]
    if team_id not in ranked:
        text.append(f" · has rated nothing in {grid.round.name}", style="dim")
        text.append("\nHighlight a condition and press Enter to rate it", style="dim")
        return text
    mean = {t.id: m for t, m in findings.schools}[team_id]
    rated = sum(1 for cell in row.values() if cell)
    text.append(" · mean ")
    text.append_text(scored(mean, mean=True))
    text.append(f" over {rated} of {len(row)} conditions")
    text.append(f" · {ordinal(ranked.index(team_id) + 1)} of {len(ranked)} schools")
    return text
