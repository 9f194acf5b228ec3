"""`flourish assess diagnostic`: the collaboration diagnostic. Several people at a school answer
each question 0-4 (by hand or from a survey export); their answers are combined per section and
the gaps flagged, and a section's gap can become an action plan item."""

import argparse
import sys
from pathlib import Path

from cli.args import Group, finding_options, json_flag, team_option
from cli.commands.assess.grid import action_line
from cli.commands.pulse import report_rejected
from cli.context import finding_choices, open_program
from cli.editing import edit
from cli.output import assess_tables, records, short
from domain.diagnostic import SCALE, TOP, csv_header
from domain.errors import RowsRejected, ValidationError
from domain.questionnaire import questionnaire_text
from domain.text import quoted


def register(assess: Group) -> None:
    diagnostic = assess.group("diagnostic", "the collaboration diagnostic: answers 0-4, gaps")
    p = diagnostic.add("questions", diagnostic_questions, "the questionnaire and scale")
    json_flag(p)
    change = p.add_mutually_exclusive_group()
    change.add_argument("--edit", action="store_true", help="change the questions in your $EDITOR")
    change.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="replace the questions with those in FILE, as --edit shows them (- for stdin)",
    )
    diagnostic.add("template", diagnostic_template, "the CSV header a survey export needs")
    p = diagnostic.add("add", diagnostic_add, "record one person's answers by hand")
    team_option(p, required=True)
    p.add_argument(
        "--respondent", default="", metavar="NAME", help="a name or role (default: anonymous)"
    )
    p.add_argument("--on", metavar="DATE", help="the day they answered (default today)")
    p.add_argument("answers", nargs="+", metavar="KEY=N", help="e.g. 1.3=2 (0 to 4)")
    p = diagnostic.add("import", diagnostic_import, "import a survey export (all or nothing)")
    p.add_argument("file", metavar="FILE", help="a CSV file (see `template`); - reads stdin")
    p = diagnostic.add("show", diagnostic_show, "a school's answers combined, gaps flagged")
    team_option(p, required=True)
    json_flag(p)
    p = diagnostic.add("overview", diagnostic_overview, "every school by section")
    json_flag(p)
    p = diagnostic.add("action", diagnostic_action, "turn a section's gap into an action")
    team_option(p, required=True)
    p.add_argument("--section", required=True, help="the section's key, number or title")
    finding_options(p)


EDIT_HELP = """\
# The collaboration diagnostic's questions. A line at the margin starts a section
# (key: Title); each indented line is a question, its key first. Reword a question and its
# answers stay with it; write a new question without a key and it gets the next one. A
# question someone has answered cannot be removed. Lines starting with # are ignored.
"""


def diagnostic_questions(args: argparse.Namespace) -> int:
    program = open_program(args)
    sections = program.questionnaire()
    if args.edit or args.source:
        if args.edit:
            text = edit(EDIT_HELP + questionnaire_text(sections), "the questionnaire")
        else:
            text = _read_text(args.source)[0].lstrip("\ufeff")
        sections = program.set_questionnaire(text)
        count = sum(len(s.questions) for s in sections)
        print(f"Saved the questionnaire: {len(sections)} sections, {count} questions.")
    if args.json:
        records.print_json(records.questionnaire_record(sections))
        return 0
    print(f"The collaboration diagnostic: each person answers each question 0 to {TOP}:")
    print("  " + ", ".join(f"{n} {word}" for n, word in enumerate(SCALE)))
    for n, s in enumerate(sections, 1):
        print(f"\n{n} {s.key}: {s.title} (out of {s.maximum})")
        for q in s.questions:
            print(f"  {q.key}  {q.text}")
    return 0


def diagnostic_template(args: argparse.Namespace) -> int:
    program = open_program(args)
    print(",".join(csv_header(program.questionnaire())))
    return 0


def diagnostic_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    answers: dict[str, str] = {}
    for spec in args.answers:
        key, sep, value = spec.partition("=")
        if not sep or not key.strip():
            raise ValidationError(
                f"{quoted(spec)}: write each answer as QUESTION=ANSWER, e.g. 1.3=2."
            )
        if key.strip() in answers:
            raise ValidationError(f"{quoted(spec)}: question {key.strip()} is answered twice.")
        answers[key.strip()] = value
    before = program.diagnostic(team.id).respondents
    made = program.record_diagnostic(team.id, answers, respondent=args.respondent, on=args.on)
    after = program.diagnostic(team.id).respondents
    who = f"{made.respondent}'s" if made.respondent else "An anonymous respondent's"
    count = len(made.answers)
    print(
        f"Recorded {who} answers to {count} question{'s' * (count != 1)} for {team.name}, "
        f"{made.answered_on} (id {short(made.id)})."
    )
    if made.respondent and after == before:
        print(f"{made.respondent} answered before: only their latest answers are combined.")
    print(f"Answers combined for {team.name}: {assess_tables.people(after)}.")
    return 0


def diagnostic_import(args: argparse.Namespace) -> int:
    program = open_program(args)
    text, source = _read_text(args.file)
    try:
        made = program.import_diagnostic(text, source=source)
    except RowsRejected as e:  # a summary, then each rejected line
        report_rejected(e)
        return 2
    teams = list(dict.fromkeys(r.team_id for r in made))
    print(
        f"Imported {len(made)} response{'s' * (len(made) != 1)} for {len(teams)} "
        f"team{'s' * (len(teams) != 1)} from {source}."
    )
    for team_id in teams:
        result = program.diagnostic(team_id)
        print(f"  {result.team.name}: {assess_tables.people(result.respondents)} combined")
    return 0


def _read_text(file: str) -> tuple[str, str]:
    if file == "-":
        data, source = sys.stdin.buffer.read(), "standard input"
    else:
        path = Path(file).expanduser()
        data, source = path.read_bytes(), path.name
    try:
        return data.decode("utf-8"), source  # a BOM is dropped when the file is parsed
    except UnicodeDecodeError:
        raise ValidationError(
            f"{source} is not UTF-8 text: save it from your survey tool as CSV UTF-8."
        ) from None


def diagnostic_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    result = program.diagnostic(args.team)
    if args.json:
        records.print_json(records.diagnostic_record(result))
        return 0
    assess_tables.print_diagnostic(result)
    return 0


def diagnostic_overview(args: argparse.Namespace) -> int:
    program = open_program(args)
    results = program.diagnostic_overview()
    if args.json:
        records.print_json([records.diagnostic_record(r) for r in results])
        return 0
    assess_tables.diagnostic_overview_table(
        program.cluster().name, results, program.questionnaire()
    )
    return 0


def diagnostic_action(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    choices = finding_choices(program, args)
    item = program.action_from_diagnostic(team.id, args.section, choices)
    print(f"Added action for {team.name}: {action_line(item)}")
    print(f"Success criteria: {item.success_criteria}")
    return 0
