"""`flourish assess rate`, `grid`, `findings` and `action`: a school's 0-10 ratings of the
conditions with their evidence, the grid of every school for a round, the key findings a cluster
review asks of it, and action plan items from a rating or a priority.

User text (evidence, names) is printed as given: these handlers print plain text, and the tables
render it literally."""

import argparse

from cli.args import TEAM, Group, finding_options, json_flag, round_option, team_option
from cli.context import finding_choices, open_program
from cli.output import assess_tables, indented, quoted, records, short
from domain.errors import ValidationError
from domain.scales import band
from domain.sustainability import find_condition, key_findings


def register(assess: Group) -> None:
    p = assess.add("rate", rate, "record a school's ratings of conditions, 0-10")
    team_option(p, required=True)
    round_option(p)
    p.add_argument(
        "--rate",
        action="append",
        required=True,
        metavar="KEY=SCORE",
        help="one condition's rating, 0 to 10, e.g. impact=6 (repeat for each)",
    )
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="KEY=TEXT",
        help="why, for a condition rated (default: a rating given again keeps its evidence)",
    )

    p = assess.add("grid", grid, "every school by condition for a round")
    round_option(p)
    json_flag(p)
    p = assess.add("findings", findings, "strengths, priorities and the ranking")
    round_option(p)
    json_flag(p)

    p = assess.add("action", action, "turn a rating or a priority into action plan items")
    team_option(p, help=f"{TEAM} (with --condition)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--condition", metavar="KEY", help="the team's rating of this condition")
    which.add_argument(
        "--priority", metavar="KEY", help="this condition, for every school rating it below 8"
    )
    round_option(p)
    finding_options(p)


def rate(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    this = program.assessment_round(args.round)
    known = program.conditions()
    scores = _pairs(args.rate, "--rate", "CONDITION=SCORE, e.g. impact=6", known)
    evidence = _pairs(args.evidence, "--evidence", "CONDITION=TEXT", known)
    if extra := [k for k in evidence if k not in scores]:
        raise ValidationError(
            f"--evidence {extra[0]}: rate it too (--rate {extra[0]}=SCORE) to give its evidence."
        )
    before = {r.condition: r for r in program.ratings(team.id, this.id)}
    # A rating given again without --evidence keeps the evidence it had (None).
    given: dict[str, tuple[int | str, str | None]] = {
        k: (score, evidence.get(k)) for k, score in scores.items()
    }
    made = program.rate(team.id, given, round=this.id)
    labels = {c.key: c.label for c in known}
    count = len(made)
    print(f"Rated {count} condition{'s' * (count != 1)} for {team.name} in {this.name}:")
    for r in made:
        line = f"  {r.condition} ({labels[r.condition]}): {r.score}, {band(r.score).value}"
        if old := before.get(r.condition):
            line += f" (replaces the earlier rating, {old.score})"
        print(line)
        if r.evidence:
            print(indented(r.evidence, "    evidence: "))
    return 0


def _pairs(specs: list[str], option: str, form: str, known) -> dict[str, str]:
    """KEY=VALUE options by condition key; a condition (key or label) given twice is refused."""
    found: dict[str, str] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or not name.strip():
            raise ValidationError(f"{option} {quoted(spec)}: write it as {form}.")
        try:
            key = find_condition(known, name).key
        except ValidationError as e:
            raise ValidationError(f"{option} {quoted(spec)}: {e}") from None
        if key in found:
            raise ValidationError(f"{option} {quoted(spec)}: {key} is given twice.")
        found[key] = value
    return found


def grid(args: argparse.Namespace) -> int:
    program = open_program(args)
    g = program.sustainability_grid(args.round)
    findings = key_findings(g)
    if args.json:
        records.print_json(records.grid_record(g, findings))
        return 0
    assess_tables.assess_grid_table(program.cluster().name, g, findings)
    return 0


def findings(args: argparse.Namespace) -> int:
    program = open_program(args)
    g = program.sustainability_grid(args.round)
    found = key_findings(g)
    if args.json:
        records.print_json(records.findings_record(g, found))
        return 0
    assess_tables.print_findings(g, found)
    return 0


def action(args: argparse.Namespace) -> int:
    program = open_program(args)
    if args.priority:
        if args.team:
            raise ValidationError(
                "--priority adds the action to every school rating it below 8: leave out --team."
            )
        made = program.actions_from_priority(args.priority, args.round)
        names = {t.id: t.name for t in program.teams()}
        print(f"Added {len(made)} action{'s' * (len(made) != 1)}:")
        for item in made:
            print(f"  {names[item.team_id]}: {action_line(item)}")
        return 0
    if not args.team:
        raise ValidationError("--condition needs --team: whose rating becomes an action?")
    team = program.team(args.team)
    choices = finding_choices(program, args)
    item = program.action_from_rating(team.id, args.condition, args.round, choices)
    print(f"Added action for {team.name}: {action_line(item)}")
    return 0


def action_line(item) -> str:
    return f"{quoted(item.title)} (id {short(item.id)}), due {item.due or 'not set'}."
