"""The self-assessments' views: the sustainability grid, its key findings, a school's
collaboration diagnostic and the cluster's overview of it. User text (evidence, names) is
printed as given."""

from cli.output import indented
from cli.output.records import PRIORITY_RULE
from cli.output.tables import _BAND_STYLE, _para, _show, _text
from domain.diagnostic import GAP_SHARE, SCALE, SPLIT, WEAK
from domain.scales import band, share_words

UNRATED = "·"  # a condition a school has not rated; a section nobody has answered


def signed(delta) -> str:
    """A change as +2, -1.5 or =0."""
    return "=0" if delta == 0 else f"{delta:+g}"


def _short_keys(keys: list[str]) -> list[str]:
    """The shortest prefixes, of 4 characters or more, that still tell the keys apart."""
    for n in range(4, max(map(len, keys), default=4) + 1):
        short = [k[:n] for k in keys]
        if len(set(short)) == len(short):
            return short
    return list(keys)


def _keyed_table(title, first: str, keys: list[str], extras: tuple, rows) -> list[str]:
    """Rows of Text: a name, a cell per key, then the `extras` columns, all but the name on the
    right. The keys head their columns whole when that fits the terminal, else shortened; the
    headers used are returned for a key line. Score columns never shrink: the name does."""
    from rich.table import Table

    from cli.inert import console as new_console
    from cli.inert import whole

    console = new_console()

    def widths(headers):
        return [max([len(h), *(row[i].cell_len for row in rows)]) for i, h in enumerate(headers)]

    heads = list(keys)
    w = widths([first, *heads, *extras])
    if sum(w) + 2 * (len(w) - 1) > console.width:
        heads = _short_keys(keys)
        w = widths([first, *heads, *extras])
    # Two spaces between columns when the names still get 8 characters, else one.
    gap = 2 if sum(w[1:]) + 2 * (len(w) - 1) + 8 <= console.width else 1
    if not whole(console):  # at a terminal: the names give way to the scores
        w[0] = max(6, min(w[0], 24, console.width - sum(w[1:]) - gap * (len(w) - 1)))
    table = Table(
        title=_para(title),  # a round's name is user text, never markup
        title_justify="left",
        header_style="bold",
        box=None,
        pad_edge=False,
        padding=(0, 1) if gap == 2 else (0, 1, 0, 0),
    )
    for n, (header, width) in enumerate(zip([first, *heads, *extras], w, strict=True)):
        table.add_column(
            header, width=width, justify="right" if n else "left", no_wrap=True, overflow="ellipsis"
        )
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return heads


def _key_line(heads: list[str], items: list[tuple[str, str]]) -> None:
    """What each column's header stands for: `key: label`, or `short key: label`."""
    parts = [
        f"{key}: {label}" if head == key else f"{head} {key}: {label}"
        for head, (key, label) in zip(heads, items, strict=True)
    ]
    _show(_para("; ".join(parts), "dim"))


def _scored(text: str, score):
    from domain.scales import band

    return _text(text, _BAND_STYLE[band(score).value]) if score is not None else _text("")


def _letter(score) -> str:
    from domain.scales import band

    return band(score).value[0].upper()


def assess_grid_table(cluster_name, grid, findings) -> None:
    """Schools by conditions for one round: each cell the score, its band letter and its
    change since the round before; each school's mean; the cluster's mean per condition."""
    if not any(cell for _, cells in grid.rows for cell in cells.values()):
        _show(
            _text(
                f"No school has rated a condition in {grid.round.name} yet. "
                "Rate with `flourish assess rate --team TEAM --rate KEY=SCORE`."
            )
        )
        return
    keys = [c.key for c in grid.conditions]
    school_means = {team.id: mean for team, mean in findings.schools}
    found = {f.condition.key: f for f in findings.ranking}
    rows = []
    for team, cells in grid.rows:
        mean = school_means.get(team.id)
        rows.append(
            [
                _text(team.name, "bold"),
                *(_rating_cell(cells[k]) for k in keys),
                _mean_cell(mean),
            ]
        )
    means = [found[k].mean if k in found else None for k in keys]
    rows.append(
        [_text("Cluster", "bold"), *(_mean_cell(m) for m in means), _mean_cell(findings.mean)]
    )
    if grid.previous:
        changes = [found[k].change if k in found else None for k in keys]
        moved = [_text(signed(c) if c is not None else "") for c in changes]
        rows.append([_text("Change", "dim"), *moved, _text("")])
    since = f", change since {grid.previous.name}" if grid.previous else ""
    heads = _keyed_table(
        f"{cluster_name}: self-assessment, {grid.round.name}{since}",
        "School",
        keys,
        ("Mean",),
        rows,
    )
    change = f"; +2 or -1: the change since {grid.previous.name}" if grid.previous else ""
    _show(
        _text(
            f"L low (0-3), M medium (4-7), H high (8-10){change}; {UNRATED} not rated. "
            "Mean: over the conditions a school rated. Cluster: each condition's mean over the "
            "schools rating it, and every rating's.",
            "dim",
        )
    )
    _key_line(heads, [(c.key, c.label) for c in grid.conditions])


def _mean_cell(mean):
    return _scored(f"{mean:g} {_letter(mean)}", mean) if mean is not None else _text(UNRATED)


def _rating_cell(cell):
    if cell is None:
        return _text(UNRATED, "dim")
    text = f"{cell.score} {_letter(cell.score)}"
    if cell.change is not None:
        text += f" {signed(cell.change)}"
    return _scored(text, cell.score)


# -- key findings ----------------------------------------------------------------------------


def print_findings(g, found) -> None:
    """The key findings as text: strengths and priorities, the rankings, then each condition
    with the schools doing well and less well, and their evidence."""
    rated = len(found.schools)
    since = f"; change since {g.previous.name}" if g.previous else ""
    print(f"Key findings, {g.round.name} ({rated} of {len(g.rows)} schools rated{since})")
    if not found.ranking:
        print("No school has rated a condition in this round yet.")
        return
    _strengths_and_priorities(found)
    _ranking(found, g.previous)
    _schools(found)
    print("\nCondition by condition (8-10 doing well, 0-3 less well):")
    for f in found.ranking:
        _condition_detail(f)


def _strengths_and_priorities(found) -> None:
    print("\nStrengths (a cluster mean of 8 or more):")
    if not found.strengths:
        print("  none yet")
    for f in found.strengths:
        print(f"  {f.condition.key}: {f.condition.label}, mean {f.mean:g}")
    print(f"Priorities ({PRIORITY_RULE}):")
    for f in found.priorities:
        low = len(f.less_well)
        print(
            f"  {f.condition.key}: {f.condition.label}, mean {f.mean:g}; "
            f"{low} of {f.rated} school{'s' * (f.rated != 1)} rate it 0-3"
        )
    if found.lowest:
        w = found.lowest
        print(
            f"  Nothing is a priority; the weakest is {w.condition.label} "
            f"({w.condition.key}), mean {w.mean:g}."
        )


def _ranking(found, previous) -> None:
    change = f", change since {previous.name}" if previous else ""
    print(f"\nConditions ranked by mean (best first{change}):")
    width = max(len(f.condition.key) for f in found.ranking)
    for n, f in enumerate(found.ranking, 1):
        moved = signed(f.change) if f.change is not None else ""
        print(
            f"  {n:>2}. {f.condition.key:<{width}}  {f.mean:>4g} {band(f.mean).value[0].upper()}"
            f"  {moved:>5}  {f.condition.label}"
        )
    if found.unrated:
        names = ", ".join(f"{c.key} ({c.label})" for c in found.unrated)
        print(f"Not rated by any school: {names}.")


def _schools(found) -> None:
    print("\nSchools ranked by mean:")
    width = max(len(team.name) for team, _ in found.schools)
    for n, (team, mean) in enumerate(found.schools, 1):
        print(f"  {n:>2}. {team.name:<{width}}  {mean:>4g} {band(mean).value[0].upper()}")


def _condition_detail(f) -> None:
    print(f"{f.condition.key}: {f.condition.label}, mean {f.mean:g}, rated by {f.rated}")
    for heading, placings in (("Doing well", f.doing_well), ("Less well", f.less_well)):
        if not placings:
            continue
        print(f"  {heading}:")
        for p in placings:
            print(f"    {p.team.name}: {p.score}")
            if p.evidence:
                print(indented(p.evidence, "      "))
    if not (f.doing_well or f.less_well):
        print("  No school rates it 0-3 or 8-10.")


# -- the collaboration diagnostic ------------------------------------------------------------


_GAP_STYLE = {"!": "red", "?": "yellow", "": "green"}


def section_flag(result) -> str:
    """! a significant gap; ? no gap but a question to return to; blank: neither."""
    return "!" if result.gap else "?" if result.flagged else ""


def diagnostic_overview_table(cluster_name, results, questionnaire) -> None:
    """Schools by sections of the collaboration diagnostic: each section's combined total,
    flagged when it has a gap or a question to return to."""
    if not any(r.respondents for r in results):
        _show(
            _text(
                "Nobody has answered the collaboration diagnostic yet. Record answers with "
                "`flourish assess diagnostic add` or `flourish assess diagnostic import`."
            )
        )
        return
    rows = []
    for r in results:
        cells = []
        for s in r.sections:
            if s.total is None:
                cells.append(_text(UNRATED, "dim"))
                continue
            flag = section_flag(s)
            cells.append(_text(f"{s.total:g}{' ' + flag if flag else ''}", _GAP_STYLE[flag]))
        rows.append([_text(r.team.name, "bold"), *cells, _text(str(r.respondents))])
    keys = [s.key for s in questionnaire]
    heads = _keyed_table(
        f"{cluster_name}: collaboration diagnostic", "School", keys, ("People",), rows
    )
    _show(
        _text(
            "! a gap: less than half the section's maximum; ? no gap, but a question to return "
            f"to; {UNRATED} not answered. People: respondents combined.",
            "dim",
        )
    )
    _key_line(heads, [(s.key, f"{s.title} (of {s.maximum})") for s in questionnaire])


def print_diagnostic(result) -> None:
    """A school's answers combined, section by section, then the questions to return to."""
    name = result.team.name
    if not result.respondents:
        print(
            f"Nobody at {name} has answered the collaboration diagnostic yet. Record answers "
            "with `flourish assess diagnostic add` or `import`."
        )
        return
    print(f"{name}: collaboration diagnostic, {people(result.respondents)} combined")
    key_w = max(len(s.section.key) for s in result.sections)
    title_w = max(len(s.section.title) for s in result.sections)
    totals = [f"{s.total:g} of {s.maximum}" if s.total is not None else "" for s in result.sections]
    total_w = max(map(len, totals))
    for n, (s, total) in enumerate(zip(result.sections, totals, strict=True), 1):
        head = f"  {n} {s.section.key:<{key_w}}  {s.section.title:<{title_w}}"
        if s.total is None:
            print(f"{head}  not answered")
            continue
        answered = sum(q.answered > 0 for q in s.questions)
        part = (
            f" ({answered} of {len(s.questions)} questions answered)"
            if answered < len(s.questions)
            else ""
        )
        print(f"{head}  {total:>{total_w}}  {'GAP' if s.gap else ''}{part}".rstrip())
    print(f"GAP: the section totals less than {share_words(GAP_SHARE)} its maximum.")
    flagged = [q for s in result.sections for q in s.flagged]
    if not flagged:
        print("No question is weak or seen differently.")
        return
    print("\nQuestions to return to:")
    for q in flagged:
        why = ", ".join(w for w, on in (("weak", q.weak), ("respondents differ", q.split)) if on)
        print(f"  {q.question.key}  mean {q.mean:g}, spread {q.spread}: {why}")
        print(f"       {q.question.text}")
    print(
        f"Weak: a mean below {WEAK:g} ({SCALE[int(WEAK)]}). "
        f"Respondents differ: answers {SPLIT} or more points apart."
    )


def people(count: int) -> str:
    return f"{count} respondent{'s' * (count != 1)}"
