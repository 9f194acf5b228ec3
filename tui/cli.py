"""The `flourish` command line. It parses, calls the storage facade, and prints.

No Textual here: quick capture from a terminal must start fast.
"""

import argparse
import os
import re
import sys

from domain.errors import FlourishError

# Values such as "-1w" (a week ago) or "-3d" are dates, not options.
_NEGATIVE_OFFSET = re.compile(r"^-\d+\s*[a-z]*$")


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_OFFSET

    def error(self, message: str):
        # One clear line and exit 2, as for every other bad input.
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _Version(argparse.Action):
    # Looked up only when asked: package metadata is slow to import on every run.
    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import version

        parser.exit(0, f"flourish {version('flourish')}\n")


LEVELS = "low, medium or high"
ATTENDEE_GROUPS = ("stakeholders", "line-managers", "members", "all")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _common() -> argparse.ArgumentParser:
    """Options accepted before or after the command; SUPPRESS keeps one from hiding the other."""
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument(
        "--workspace",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the workspace folder (default: $FLOURISH_WORKSPACE, else your data folder)",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use the demo workspace, creating it if missing",
    )
    common.add_argument(
        "--as",
        dest="user",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is making the change (recorded in histories)",
    )
    return common


def build_parser() -> Parser:
    from tui import commands as c

    common = _common()
    parser = Parser(
        prog="flourish",
        parents=[common],
        description="Run a school-leadership cluster program from the terminal.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(parent, name: str, handler, help: str) -> Parser:
        p = parent.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(handler=handler)
        return p

    def group(name: str, help: str):
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(handler=lambda args: p.print_help() or 2)
        return p.add_subparsers(metavar="ACTION", parser_class=Parser)

    def json_flag(p: Parser) -> None:
        p.add_argument("--json", action="store_true", help="print a JSON array of records")

    p = command(sub, "init", c.init, "create a workspace for a cluster")
    p.add_argument("--name", required=True, help="the cluster's name")
    p.add_argument("--timezone", required=True, help="IANA timezone, e.g. Europe/London")
    p.add_argument("--chair", required=True, help='the cluster chair: "Name, email"')
    p.add_argument("--stage-months", default="3,6,3", help="stage lengths (default 3,6,3)")
    p.add_argument("--cadence-weeks", type=int, default=4, help="weeks between check-ins")

    p = command(sub, "demo", c.demo, "create the demo workspace (seven schools)")
    p.add_argument("--force", action="store_true", help="reset an existing demo workspace")

    p = command(sub, "status", c.status, "each team's stage, check-ins, actions, challenges")
    json_flag(p)

    teams = group("team", "add, list and show school leadership teams")
    p = command(teams, "add", c.team_add, "add a school's leadership team")
    p.add_argument("--name", required=True, help="the school")
    p.add_argument("--start", required=True, help="program start date")
    p.add_argument("--coach", required=True, help='the coach: "Name, email"')
    p.add_argument("--member", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--line-manager", action="append", default=[], help='"Name, Role, email"')
    p.add_argument("--type", default="", help="primary, secondary...")
    p = command(teams, "list", c.team_list, "list the teams")
    json_flag(p)
    p = command(teams, "show", c.team_show, "a team's people, stage and timeline")
    p.add_argument("team", help="name prefix or id")
    p.add_argument("--json", action="store_true", help="print JSON")

    checkins = group("checkin", "log and list coaching check-ins")
    p = command(checkins, "add", c.checkin_add, "log a check-in")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--date", default="today", help="when it happened (default today)")
    p.add_argument("--kind", default="coaching", help="coaching, webinar, workshop...")
    p.add_argument("--notes", help="the notes; - reads them from stdin")
    p.add_argument("--attendee", action="append", default=[], help="who attended")
    p.add_argument("--confidential", action="store_true", help="keep notes out of exports")
    p.add_argument("--next", help="when the next check-in is due")
    p.add_argument("--coach", help="who coached (default: the team's coach)")
    p.add_argument("--action", action="append", default=[], help="a new action agreed")
    p.add_argument(
        "--update", action="append", default=[], metavar="ID=STATUS", help="an action's new status"
    )
    p = command(checkins, "list", c.checkin_list, "list check-ins, newest first")
    p.add_argument("--team", help="name prefix or id")
    p.add_argument("--limit", type=_positive, help="at most this many")
    json_flag(p)

    actions = group("action", "the HPT action plan")
    p = command(actions, "add", c.action_add, "add an action plan item")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--title", required=True)
    p.add_argument("--owner", default="")
    p.add_argument("--stage", type=int, help="1-3 (default: the current stage)")
    p.add_argument("--due", help="due date")
    p.add_argument("--status", default="not-started")
    p.add_argument("--criteria", default="", help="what will the difference look like")
    p = command(actions, "list", c.action_list, "list action plan items")
    p.add_argument("--team", help="name prefix or id")
    p.add_argument("--status", help="only this status")
    p.add_argument("--overdue", action="store_true", help="only overdue items")
    json_flag(p)
    p = command(actions, "update", c.action_update, "change an action plan item")
    p.add_argument("id", help="the action's id (or its first characters)")
    p.add_argument("--status")
    p.add_argument("--note", default="", help="a dated progress note")
    p.add_argument("--title")
    p.add_argument("--owner")
    p.add_argument("--stage", type=int)
    p.add_argument("--due")
    p.add_argument("--criteria")
    p.add_argument("--evidence")

    challenges = group("challenge", "implementation challenges and the chair's responses")
    p = command(challenges, "add", c.challenge_add, "raise an implementation challenge")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--category", required=True, help="e.g. staff-shortage, new-initiatives")
    p.add_argument("--kind", help="internal or external (checked against the category)")
    p.add_argument("--title", required=True)
    p.add_argument("--description", default="")
    p.add_argument(
        "--impact", default="medium", help=f"impact on the program: {LEVELS} (default medium)"
    )
    p.add_argument(
        "--urgency", default="medium", help=f"how soon it bites: {LEVELS} (default medium)"
    )
    p.add_argument("--date", help="when it was raised (default today)")
    p = command(challenges, "list", c.challenge_list, "list challenges, oldest first")
    p.add_argument("--team", help="name prefix or id")
    p.add_argument("--open", action="store_true", help="only open challenges")
    p.add_argument(
        "--escalated",
        action="store_true",
        help="the chair's queue: escalated challenges, most severe and longest waiting first",
    )
    p.add_argument("--kind", help="internal or external")
    json_flag(p)
    p = command(challenges, "show", c.challenge_show, "everything about one challenge")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command(challenges, "escalate", c.challenge_escalate, "hand a challenge to the chair")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--reason", required=True, help="why the team needs the chair")
    p.add_argument("--impact-on-schedule", required=True, help="what it will do to the schedule")
    p = command(challenges, "respond", c.challenge_respond, "record what the chair did")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument(
        "--kind", required=True, help="meeting, liaise, revised-schedule or reprioritise"
    )
    p.add_argument("--outcome", required=True, help="what came of it")
    p.add_argument("--date", help="when it happened (default today)")
    p.add_argument(
        "--with",
        dest="with_whom",
        action="append",
        default=[],
        metavar="NAME",
        help="who took part",
    )
    p.add_argument(
        "--waiting-on", help="team, chair or stakeholder (default: follows from the kind)"
    )
    p = command(challenges, "resolve", c.challenge_resolve, "close a challenge as resolved")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--resolution", required=True, help="how it was resolved")
    p.add_argument(
        "--outcome",
        required=True,
        help="back-on-track, schedule-revised, reprioritised or accepted",
    )
    p = command(challenges, "reopen", c.challenge_reopen, "reopen a resolved challenge")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--reason", required=True)
    p = command(challenges, "withdraw", c.challenge_withdraw, "close a challenge as withdrawn")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--reason", required=True)
    p = command(challenges, "edit", c.challenge_edit, "correct a challenge's details")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--title")
    p.add_argument("--description")
    p.add_argument("--impact", help=LEVELS)
    p.add_argument("--urgency", help=LEVELS)
    p.add_argument("--category")
    p = command(challenges, "link", c.challenge_link, "put a challenge on a briefing's agenda")
    p.add_argument("id", help="the challenge's id (or its first characters)")
    p.add_argument("--briefing", required=True, metavar="ID", help="the briefing's id")

    schedule = group("schedule", "a team's dated schedule and its revisions")
    p = command(schedule, "show", c.schedule_show, "stages, milestones and revisions")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command(schedule, "revise", c.schedule_revise, "shift the schedule or move a milestone")
    p.add_argument("--team", required=True, help="name prefix or id")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--shift",
        metavar="SPAN",
        help="move dates by +4w, -1w, +10d... (from today on, unless --from-stage or --from)",
    )
    how.add_argument("--move", metavar="MILESTONE_KEY", help="move one milestone (see show)")
    start = p.add_mutually_exclusive_group()
    start.add_argument("--from-stage", type=int, metavar="N", help="shift from this stage on")
    start.add_argument(
        "--from", dest="from_date", metavar="DATE", help="shift dates from this day on"
    )
    p.add_argument("--to", metavar="DATE", help="the milestone's new date (with --move)")
    p.add_argument("--reason", metavar="TEXT", help="why (required unless --dry-run)")
    p.add_argument("--challenge", metavar="ID", help="the challenge this answers")
    p.add_argument("--dry-run", action="store_true", help="show what would move; save nothing")
    p = command(schedule, "revert", c.schedule_revert, "undo a schedule revision")
    p.add_argument("id", help="the revision's id (or its first characters)")

    briefings = group("briefing", "stakeholder briefings")
    p = command(briefings, "plan", c.briefing_plan, "propose (and accept) the default briefings")
    p.add_argument("--team", help="for one team (default: the whole cluster)")
    p.add_argument("--time", default="15:30", help="start time (default 15:30)")
    p.add_argument("--minutes", type=int, default=45, help="30 to 60 (default 45)")
    p.add_argument("--accept", metavar="all|1,3", help="schedule these proposals")
    p = command(briefings, "add", c.briefing_add, "schedule a stakeholder briefing")
    p.add_argument("--title", required=True)
    p.add_argument("--start", required=True, help='e.g. "2026-12-03 15:30" or "tue 9am"')
    p.add_argument("--minutes", type=int, default=45, help="30 to 60 (default 45)")
    p.add_argument("--team", help="for one team (default: the whole cluster)")
    p.add_argument("--attendee", action="append", default=[], help='"Name, Role, email"')
    p.add_argument(
        "--attendee-group",
        action="append",
        default=[],
        choices=ATTENDEE_GROUPS,
        help="invite a whole group",
    )
    p.add_argument("--location", default="", help="a room or a meeting link")
    p.add_argument("--agenda", help="the agenda; - reads it from stdin (default: drafted)")
    p = command(briefings, "move", c.briefing_move, "reschedule (or reinstate) a briefing")
    p.add_argument("id", help="the briefing's id (or its first characters)")
    p.add_argument("--start", help='e.g. "2026-12-03 15:30" or "tue 9am"')
    p.add_argument("--minutes", type=int, help="30 to 60")
    p.add_argument("--location", help="a room or a meeting link")
    p = command(briefings, "cancel", c.briefing_cancel, "cancel a briefing (the record stays)")
    p.add_argument("id", help="the briefing's id (or its first characters)")
    p.add_argument("--reason", default="")
    p = command(briefings, "list", c.briefing_list, "list briefings")
    p.add_argument("--team", help="name prefix or id")
    json_flag(p)
    p = command(briefings, "show", c.briefing_show, "a briefing with its agenda and attendees")
    p.add_argument("id", help="the briefing's id (or its first characters)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command(briefings, "agenda", c.briefing_agenda, "print a briefing's agenda")
    p.add_argument("id", help="the briefing's id (or its first characters)")
    p.add_argument(
        "--draft", action="store_true", help="print a fresh draft instead (nothing is saved)"
    )
    p = command(briefings, "edit", c.briefing_edit, "change a briefing's title or agenda")
    p.add_argument("id", help="the briefing's id (or its first characters)")
    p.add_argument("--title")
    p.add_argument("--agenda", help="the new agenda; - reads it from stdin")

    _export_commands(group, command)
    _pulse_commands(group, command)
    _assess_commands(group, command)

    cluster = group("cluster", "the cluster's settings")
    p = command(cluster, "show", c.cluster_show, "the cluster, its chair and stakeholders")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command(cluster, "set", c.cluster_set, "change the cluster's settings")
    p.add_argument(
        "--response-days",
        type=_positive,
        metavar="N",
        help="days before an escalated challenge with no response is overdue",
    )
    p.add_argument(
        "--add-stakeholder",
        action="append",
        default=[],
        metavar='"Name, Role, email"',
        help="add an executive stakeholder",
    )
    p.add_argument(
        "--remove-stakeholder",
        action="append",
        default=[],
        metavar="NAME",
        help="remove an executive stakeholder (by name or email)",
    )
    return parser


def _export_commands(group, command) -> None:
    from tui import export_commands as x

    exports = group("export", "calendars (iCal), spreadsheets (CSV) and briefing packs")

    def output(p: Parser, example: str) -> None:
        p.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help=f"write to FILE, e.g. {example} (default: standard output)",
        )

    p = command(exports, "ics", x.ics, "a calendar to import into Google, Outlook or Apple")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--team", help="one team's whole program (name prefix or id)")
    who.add_argument("--person", metavar="EMAIL", help="one person's events, by email")
    p.add_argument("--from", dest="start", metavar="DATE", help="only events on or after DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="only events on or before DATE")
    p.epilog = "Without --team or --person: the cluster's stakeholder briefings."
    output(p, "briefings.ics")

    p = command(exports, "csv", x.csv, "actions, check-ins or challenges for a spreadsheet")
    p.add_argument("kind", choices=("actions", "checkins", "challenges"), help="which table")
    p.add_argument("--team", help="one team (default: every team)")
    p.add_argument(
        "--include-confidential",
        action="store_true",
        help="include confidential check-in notes (for your own records only)",
    )
    output(p, "actions.csv")

    p = command(exports, "briefing-pack", x.briefing_pack, "a summary for a stakeholder briefing")
    p.add_argument("--team", help="one team (default: every team)")
    p.add_argument("--briefing", metavar="ID", help="for this briefing: its title and teams")
    p.add_argument(
        "--format", choices=("md", "html"), help="Markdown or HTML (default: from -o, else md)"
    )
    output(p, "pack.html")


def _pulse_commands(group, command) -> None:
    from tui import pulse_commands as pc

    pulse = group("pulse", "the monthly HPT pulse survey: record, import, trends, heatmap")

    p = command(pulse, "add", pc.add, "record a team's pulse results for a month by hand")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--month", required=True, help="the survey month: 2026-11 or Nov 2026")
    p.add_argument(
        "--score",
        action="append",
        required=True,
        metavar="KEY=MEAN/RESPONSES",
        help="one dimension's mean score (0-10) and number of responses, e.g. voice=6.5/12",
    )

    p = command(pulse, "import", pc.import_, "import results from a CSV file (all or nothing)")
    p.add_argument(
        "file",
        metavar="FILE",
        help="a CSV file (team,month,dimension,score,responses); - reads stdin",
    )

    p = command(pulse, "show", pc.show, "a team's trend per dimension, month by month")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument(
        "--months",
        type=_positive,
        metavar="N",
        help="the last N months (default: 6 in the table, every month in JSON)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(pulse, "heatmap", pc.heatmap, "every team by dimension for one month")
    p.add_argument("--month", help="the survey month (default: each team's latest)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command(pulse, "action", pc.action, "turn a low or falling score into an action plan item")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--dimension", required=True, help="the dimension's key or label")

    p = command(
        pulse, "dimensions", pc.dimensions, "the survey's dimensions and anonymity threshold"
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar='"key=Label"',
        help="the dimensions become exactly those given, in order (repeat for each)",
    )
    p.add_argument(
        "--min-responses",
        type=_positive,
        metavar="N",
        help="hide a result when fewer than N responded (default 3)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")


def _assess_commands(group, command) -> None:
    from tui import assess_commands as ac

    assess = group("assess", "self-assessments: the sustainability grid, diagnostic, where we are")

    def subgroup(name: str, help: str):
        p = assess.add_parser(name, help=help, description=help)
        p.set_defaults(handler=lambda args: p.print_help() or 2)
        return p.add_subparsers(metavar="ACTION", parser_class=Parser)

    def json_flag(p: Parser) -> None:
        p.add_argument("--json", action="store_true", help="print JSON")

    def round_flag(p: Parser) -> None:
        p.add_argument("--round", metavar="NAME", help="the round's name (default: the latest)")

    p = command(assess, "conditions", ac.conditions, "the grid's conditions for success")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar='"key=Label"',
        help="the conditions become exactly those given, in order (repeat for each)",
    )
    json_flag(p)

    p = command(assess, "rounds", ac.rounds, "the self-assessment rounds, oldest first")
    json_flag(p)
    rounds = subgroup("round", "start, rename or delete a self-assessment round")
    p = command(rounds, "add", ac.round_add, "start a round (ratings go into the latest)")
    p.add_argument("name", metavar="NAME", help='e.g. "Autumn 2026"')
    p.add_argument("--on", metavar="DATE", help="the day it opened (default today)")
    p = command(rounds, "rename", ac.round_rename, "rename a round")
    p.add_argument("round", metavar="ROUND", help="the round's name")
    p.add_argument("name", metavar="NEW", help="its new name")
    p = command(rounds, "delete", ac.round_delete, "delete a round nobody has rated in")
    p.add_argument("round", metavar="ROUND", help="the round's name")

    p = command(assess, "rate", ac.rate, "record a school's ratings of conditions, 0-10")
    p.add_argument("--team", required=True, help="name prefix or id")
    round_flag(p)
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

    p = command(assess, "grid", ac.grid, "every school by condition for a round")
    round_flag(p)
    json_flag(p)
    p = command(assess, "findings", ac.findings, "strengths, priorities and the ranking")
    round_flag(p)
    json_flag(p)

    p = command(assess, "action", ac.action, "turn a rating or a priority into action plan items")
    p.add_argument("--team", help="name prefix or id (with --condition)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--condition", metavar="KEY", help="the team's rating of this condition")
    which.add_argument(
        "--priority", metavar="KEY", help="this condition, for every school rating it below 8"
    )
    round_flag(p)

    diagnostic = subgroup("diagnostic", "the collaboration diagnostic: answers 0-4, gaps")
    p = command(diagnostic, "questions", ac.diagnostic_questions, "the questionnaire and scale")
    json_flag(p)
    command(diagnostic, "template", ac.diagnostic_template, "the CSV header a survey export needs")
    p = command(diagnostic, "add", ac.diagnostic_add, "record one person's answers by hand")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument(
        "--respondent", default="", metavar="NAME", help="a name or role (default: anonymous)"
    )
    p.add_argument("--on", metavar="DATE", help="the day they answered (default today)")
    p.add_argument("answers", nargs="+", metavar="KEY=N", help="e.g. 1.3=2 (0 to 4)")
    p = command(
        diagnostic, "import", ac.diagnostic_import, "import a survey export (all or nothing)"
    )
    p.add_argument("file", metavar="FILE", help="a CSV file (see `template`); - reads stdin")
    p = command(diagnostic, "show", ac.diagnostic_show, "a school's answers combined, gaps flagged")
    p.add_argument("--team", required=True, help="name prefix or id")
    json_flag(p)
    p = command(diagnostic, "overview", ac.diagnostic_overview, "every school by section")
    json_flag(p)
    p = command(diagnostic, "action", ac.diagnostic_action, "turn a section's gap into an action")
    p.add_argument("--team", required=True, help="name prefix or id")
    p.add_argument("--section", required=True, help="the section's key, number or title")

    where = subgroup("where", "where a school is now and where it wants to be")
    p = command(where, "show", ac.where_show, "a school's statement pairs and their actions")
    p.add_argument("--team", required=True, help="name prefix or id")
    json_flag(p)
    p = command(where, "add", ac.where_add, "add a statement pair")
    p.add_argument("--team", required=True, help="name prefix or id")
    fields = (
        ("--now", "where we are now"),
        ("--want", "where we want to be"),
        ("--now-evidence", "what shows it (one item per line)"),
        ("--want-evidence", "what will show we are there (one item per line)"),
    )
    for flag, help in fields:
        p.add_argument(
            flag, required=flag in ("--now", "--want"), default="", metavar="TEXT", help=help
        )
    p = command(where, "edit", ac.where_edit, "change a statement pair")
    p.add_argument("id", help="the pair's id (or its first characters)")
    for flag, help in fields:
        p.add_argument(flag, metavar="TEXT", help=help)
    p = command(where, "delete", ac.where_delete, "delete a statement pair")
    p.add_argument("id", help="the pair's id (or its first characters)")
    p = command(where, "link", ac.where_link, "link one of the school's actions to a pair")
    p.add_argument("id", help="the pair's id (or its first characters)")
    p.add_argument("action", metavar="ACTION_ID", help="the action's id (or its first characters)")
    p = command(where, "unlink", ac.where_unlink, "unlink an action from a pair")
    p.add_argument("id", help="the pair's id (or its first characters)")
    p.add_argument("action", metavar="ACTION_ID", help="the action's id (or its first characters)")
    p = command(where, "action", ac.where_action, "add an action towards a pair, linked to it")
    p.add_argument("id", help="the pair's id (or its first characters)")
    p.add_argument("--title", help="the action's title (default: Move towards: WANT)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:  # no command: the app at a terminal, the cluster at a glance elsewhere
        if sys.stdin.isatty() and sys.stdout.isatty():
            from tui.launch import run_app as handler
        else:
            from tui.commands import status as handler

            args.json = False
    try:
        return handler(args) or 0
    except FlourishError as e:
        print(f"flourish: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `| head`) has gone; say nothing more and exit as tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        print(f"flourish: {e.strerror or e}{where}. Nothing was changed.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
