"""The `flourish pulse` handlers: record a month's pulse survey results by hand or from a CSV
file, a team's trend, the cluster heatmap, and an action plan item from a low or falling score.

A result that fewer people answered than the cluster's threshold is never shown: its score is
left out of every table and every JSON record (only its number of responses is given)."""

import argparse
import sys
from datetime import date
from pathlib import Path

from cli.args import Group, finding_options, json_flag, positive, team_option
from cli.context import finding_choices, open_program
from cli.output import pulse_tables, records, short
from domain.errors import RowsRejected, ValidationError
from domain.pulse import (
    PulseDimension,
    PulsePoint,
    change,
    find_dimension,
    parse_month,
    parse_responses,
    parse_score,
    shown,
)
from domain.scales import band, parse_keyed
from domain.text import quoted

SHOW_MONTHS = 6  # months in `pulse show`'s table unless --months says otherwise
MAX_REJECTED = 100  # rejected lines listed one by one; the rest are counted


def register(top: Group) -> None:
    pulse = top.group("pulse", "the monthly HPT pulse survey: record, import, trends, heatmap")

    p = pulse.add("add", add, "record a team's pulse results for a month by hand")
    team_option(p, required=True)
    p.add_argument("--month", required=True, help="the survey month: 2026-11 or Nov 2026")
    p.add_argument(
        "--score",
        action="append",
        required=True,
        metavar="KEY=MEAN/RESPONSES",
        help="one dimension's mean score (0-10) and number of responses, e.g. voice=6.5/12",
    )

    p = pulse.add("import", import_, "import results from a CSV file (all or nothing)")
    p.add_argument(
        "file",
        metavar="FILE",
        help="a CSV file (team,month,dimension,score,responses); - reads stdin",
    )

    p = pulse.add("show", show, "a team's trend per dimension, month by month")
    team_option(p, required=True)
    p.add_argument(
        "--months",
        type=positive,
        metavar="N",
        help="the last N months (default: 6 in the table, every month in JSON)",
    )
    json_flag(p)

    p = pulse.add("heatmap", heatmap, "every team by dimension for one month")
    p.add_argument("--month", help="the survey month (default: each team's latest)")
    json_flag(p)

    p = pulse.add("action", action, "turn a low or falling score into an action plan item")
    team_option(p, required=True)
    p.add_argument("--dimension", required=True, help="the dimension's key or label")
    finding_options(p)

    p = pulse.add("dimensions", dimensions, "the survey's dimensions and anonymity threshold")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar='"key=Label"',
        help="the dimensions become exactly those given, in order (repeat for each)",
    )
    p.add_argument(
        "--min-responses",
        type=positive,
        metavar="N",
        help="hide a result when fewer than N responded (default 3)",
    )
    json_flag(p)


# -- recording -------------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    month = parse_month(args.month)
    dimensions = program.pulse_dimensions()
    scores: dict[str, tuple[float, int]] = {}
    for spec in args.score:
        key, mean, responses = _score(spec, dimensions)
        if key in scores:
            raise ValidationError(f"--score {quoted(spec)}: {key} is given twice.")
        scores[key] = (mean, responses)
    before = {r.id for r in program.pulse_results(team.id)}
    results = program.record_pulse(team.id, month, scores)
    least = program.cluster().template.pulse_min_responses
    labels = {d.key: d.label for d in dimensions}
    count = len(results)
    print(f"Recorded {count} result{'s' * (count != 1)} for {team.name}, {month:%B %Y}:")
    for r in results:
        if shown(r, least) is None:
            what = f"hidden: {r.responses} response{'s' * (r.responses != 1)}, fewer than {least}"
        else:
            what = f"{r.score:g} ({band(r.score).value}), {r.responses} responses"
        again = " (replaces the earlier result)" if r.id in before else ""
        print(f"  {r.dimension} ({labels.get(r.dimension, r.dimension)}): {what}{again}")
    return 0


def _score(spec: str, dimensions: tuple[PulseDimension, ...]) -> tuple[str, float, int]:
    """`voice=6.5/12` (or `My voice is heard=6.5/12`): the dimension's key, the mean score and
    the number of responses."""
    name, sep, value = spec.rpartition("=")
    mean, slash, responses = value.partition("/")
    if not sep or not name.strip() or not slash:
        raise ValidationError(
            f"--score {quoted(spec)}: write it as DIMENSION=MEAN/RESPONSES, e.g. voice=6.5/12."
        )
    try:
        return (
            find_dimension(dimensions, name).key,
            parse_score(mean),
            parse_responses(responses),
        )
    except ValidationError as e:
        raise ValidationError(f"--score {quoted(spec)}: {e}") from None


def import_(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.file == "-":
        data, source = sys.stdin.buffer.read(), "standard input"
    else:
        path = Path(args.file).expanduser()
        data, source = path.read_bytes(), path.name
    try:
        text = data.decode("utf-8")  # a BOM (as Excel writes) is dropped when the file is read
    except UnicodeDecodeError:
        raise ValidationError(
            f"{source} is not UTF-8 text: save it from your spreadsheet as CSV UTF-8."
        ) from None
    before = {r.id for r in program.pulse_results()}
    try:
        results = program.import_pulse(text, source=source)
    except RowsRejected as e:
        report_rejected(e)
        return 2
    least = program.cluster().template.pulse_min_responses
    teams = {r.team_id for r in results}
    months = ", ".join(f"{m:%b %Y}" for m in sorted({r.month for r in results}))
    count = len(results)
    print(
        f"Imported {count} result{'s' * (count != 1)} for {len(teams)} "
        f"team{'s' * (len(teams) != 1)} (months {months})."
    )
    replaced = sum(r.id in before for r in results)
    if replaced:
        print(f"{replaced} of them replace results recorded before.")
    hidden = sum(shown(r, least) is None for r in results)
    if hidden:
        print(
            f"{hidden} {'has' if hidden == 1 else 'have'} fewer than {least} responses "
            "and will stay hidden."
        )
    return 0


def report_rejected(e: RowsRejected) -> None:
    """The one-line summary first (as for any bad input), then each rejected line."""
    lines = [f"flourish: {e}"]
    lines += [f"line {r.line}: {r.reason}" for r in e.rejected[:MAX_REJECTED]]
    if len(e.rejected) > MAX_REJECTED:
        lines.append(f"... and {len(e.rejected) - MAX_REJECTED} more rejected lines.")
    sys.stderr.write("\n".join(lines) + "\n")


# -- reading ---------------------------------------------------------------------------------


def show(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    dimensions = program.pulse_dimensions()
    trends = program.pulse_trends(team.id)
    latest = program.pulse_latest(team.id)
    least = program.cluster().template.pulse_min_responses
    last = latest.month if latest else None
    changes = {k: _change_now(points, last) for k, points in trends.items()}
    if args.json:
        window = None
        if latest and args.months:
            window = set(_months_back(latest.month, args.months, _first_month(trends)))
        records.print_json(
            records.pulse_trend_record(team, dimensions, trends, latest, least, window, changes)
        )
        return 0
    months = _months_back(last, args.months or SHOW_MONTHS, _first_month(trends)) if last else []
    pulse_tables.pulse_trend_table(team.name, dimensions, trends, months, changes, latest, least)
    return 0


def heatmap(args: argparse.Namespace) -> int:
    program = open_program(args)
    month = parse_month(args.month) if args.month else None
    found = program.pulse_heatmap(month)
    least = program.cluster().template.pulse_min_responses
    if args.json:
        records.print_json(records.pulse_heatmap_record(found, least))
        return 0
    pulse_tables.pulse_heatmap_table(program.cluster().name, found, least)
    return 0


# -- acting on it ----------------------------------------------------------------------------


def action(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    item = program.action_from_pulse(team.id, args.dimension, finding_choices(program, args))
    print(
        f"Added action {quoted(item.title)} for {team.name} (id {short(item.id)}), "
        f"due {item.due or 'not set'}."
    )
    return 0


def dimensions(args: argparse.Namespace) -> int:
    program = open_program(args)
    changes: dict = {}
    if args.set:
        changes["pulse_dimensions"] = [_dimension(spec) for spec in args.set]
    if args.min_responses is not None:
        changes["pulse_min_responses"] = args.min_responses
    template = program.update_cluster(**changes).template if changes else None
    template = template or program.cluster().template
    if args.json:
        records.print_json(
            {
                "dimensions": [{"key": d.key, "label": d.label} for d in template.pulse_dimensions],
                "min_responses": template.pulse_min_responses,
            }
        )
        return 0
    if changes:
        print("Updated the pulse survey.")
    for d in template.pulse_dimensions:
        print(f"  {d.key}: {d.label}")
    least = template.pulse_min_responses
    print(f"A result is hidden when fewer than {least} people responded.")
    return 0


def _dimension(spec: str) -> PulseDimension:
    return parse_keyed(spec, PulseDimension, "voice=My voice is heard")


# -- months ----------------------------------------------------------------------------------


def _first_month(trends: dict[str, list[PulsePoint]]) -> date | None:
    return min((points[0].month for points in trends.values() if points), default=None)


def _months_back(last: date, count: int, first: date | None) -> list[date]:
    """Up to `count` calendar months ending with `last`, none before `first`; oldest first."""
    months, year, month = [], last.year, last.month
    for _ in range(count):
        d = date(year, month, 1)
        if first and d < first:
            break
        months.append(d)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _change_now(points: list[PulsePoint], last: date | None) -> float | None:
    """The change since the month before, for a dimension surveyed in the team's latest month."""
    if not points or points[-1].month != last:
        return None
    return change(points)
