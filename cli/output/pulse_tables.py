"""The pulse survey's tables: a team's trend per dimension, and the cluster heatmap. A result
too few people answered shows as HIDDEN, never its score."""

from cli.output.tables import _BAND_STYLE, _para, _show, _text, _title

HIDDEN = "–"  # a result too few people answered: never its score


def _pulse_score(point, letter: bool = False, missing: str = ""):
    """A shown score in its band's colour (with L/M/H when `letter`), – when hidden, and
    `missing` when there is no result."""
    from domain.scales import band

    if point is None:
        return _text(missing, "dim")
    if point.hidden or point.score is None:
        return _text(HIDDEN, "dim")
    b = band(point.score).value
    return _text(f"{point.score:g}" + (f" {b[0].upper()}" if letter else ""), _BAND_STYLE[b])


def _pulse_change(delta):
    if delta is None:
        return _text("")
    if delta > 0:
        return _text(f"▲ {delta:g}", "green")
    if delta < 0:
        return _text(f"▼ {abs(delta):g}", "red")
    return _text("= 0", "dim")


def _pulse_table(title, headers, rows, right=()) -> None:
    from rich.table import Table

    from cli.inert import console, whole

    out = console()
    cut = not whole(out)  # piped or --wide: every name and header whole
    table = Table(
        title=_title(title), title_justify="left", header_style="bold", box=None, pad_edge=False
    )
    for n, header in enumerate(headers):
        # A score column ("6.3 M") never shrinks: on a narrow terminal its header and the
        # school's name are shortened instead.
        table.add_column(
            header,
            justify="right" if n in right else "left",
            no_wrap=True,
            overflow="ellipsis",
            min_width=5 if n in right else 6 if n else None,
            max_width=(8 if n in right else 20 if n == 0 else None) if cut else None,
        )
    for row in rows:
        table.add_row(*row)
    out.print(table)


def pulse_trend_table(team_name, dimensions, trends, months, changes, latest, least) -> None:
    """Rows are dimensions, columns months (oldest first), then the change since the month
    before and the band of the latest score."""
    from domain.scales import band

    if not months:
        _show(
            _text(
                f"No pulse results for {team_name} yet. Record them with `flourish pulse add` "
                "or `flourish pulse import`."
            )
        )
        return
    rows = []
    for d in dimensions:
        points = {p.month: p for p in trends.get(d.key, [])}
        now = points.get(months[-1])
        b = "" if now is None or now.hidden or now.score is None else band(now.score).value
        rows.append(
            [
                _text(d.key, "dim"),
                _text(d.label),
                *(_pulse_score(points.get(m)) for m in months),
                _pulse_change(changes.get(d.key)),
                _text(b, _BAND_STYLE.get(b, "")),
            ]
        )
    headers = ("Key", "Dimension", *(f"{m:%b %y}" for m in months), "Change", "Band")
    span = f"{months[0]:%b %Y} to {months[-1]:%b %Y}" if len(months) > 1 else f"{months[0]:%b %Y}"
    right = range(2, 3 + len(months))
    _pulse_table(f"{team_name}: pulse survey, {span}", headers, rows, right)
    if latest is not None and latest.mean is not None:
        line = f"{latest.month:%B %Y}: mean {latest.mean:g}"
        if latest.change is not None:
            line += f", {_pulse_change(latest.change).plain} since the month before"
        _show(_text(line, "bold"))
    flagged = list(dict.fromkeys([*latest.low, *latest.falling])) if latest else []
    if flagged:
        _show(
            _para(
                f"Low or falling: {', '.join(flagged)}. Turn one into an action with "
                f"`flourish pulse action --team TEAM --dimension KEY`."
            )
        )
    _show(
        _text(
            f"{HIDDEN} fewer than {least} responses (hidden); blank: no result. "
            "Change: since the month before (▲ up, ▼ down). "
            "Band: low below 4, medium 4 to 7.9, high 8 or more.",
            "dim",
        )
    )


def pulse_heatmap_table(cluster_name, heatmap, least) -> None:
    """Teams by dimensions for one month (or each team's latest, with a Month column); each
    cell the score and its band letter."""
    if not heatmap.months:
        when = f" for {heatmap.month:%B %Y}" if heatmap.month else " yet"
        _show(_text(f"No pulse results{when}. Record them with `flourish pulse add` or `import`."))
        return
    keys = [d.key for d in heatmap.dimensions]
    each = heatmap.month is None
    rows = []
    for team, cells in heatmap.rows:
        month = heatmap.months.get(team.id)
        month_cell = [_text(f"{month:%b %y}" if month else "-", "" if month else "dim")]
        scores = [_pulse_score(cells.get(k), letter=True, missing=HIDDEN) for k in keys]
        rows.append([_text(team.name, "bold"), *(month_cell if each else []), *scores])
    span = "each team's latest month" if each else f"{heatmap.month:%B %Y}"
    headers = ("School", *(["Month"] if each else []), *keys)
    _pulse_table(
        f"{cluster_name}: pulse survey, {span}",
        headers,
        rows,
        right=range(len(headers) - len(keys), len(headers)),
    )
    _show(
        _text(
            "L low (below 4), M medium (4 to 7.9), H high (8 or more); "
            f"{HIDDEN} fewer than {least} responses, or no result.",
            "dim",
        )
    )
    _show(_para("; ".join(f"{d.key}: {d.label}" for d in heatmap.dimensions), "dim"))
