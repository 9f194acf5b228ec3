"""`flourish challenge`: raise implementation challenges, escalate them to the chair, record the
chair's responses, and close, reopen, edit or put them on a briefing's agenda."""

import argparse

from cli.args import LEVELS, Group, json_flag, json_list, record_id, team_option
from cli.context import find_team_id, open_program, parse_day, team_names
from cli.output import records, short, tables
from domain.challenges import ChallengeKind
from domain.errors import ValidationError
from domain.records import parse_choice
from domain.text import quoted
from storage.facade import Flourish


def register(top: Group) -> None:
    challenges = top.group("challenge", "implementation challenges and the chair's responses")
    p = challenges.add("add", challenge_add, "raise an implementation challenge")
    team_option(p, required=True)
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
    p = challenges.add("list", challenge_list, "list challenges, oldest first")
    team_option(p)
    p.add_argument("--open", action="store_true", help="only open challenges")
    p.add_argument(
        "--escalated",
        action="store_true",
        help="the chair's queue: escalated challenges, most severe and longest waiting first",
    )
    p.add_argument("--kind", help="internal or external")
    json_list(p)
    p = challenges.add("show", challenge_show, "everything about one challenge")
    record_id(p, "challenge")
    json_flag(p)
    p = challenges.add("escalate", challenge_escalate, "hand a challenge to the chair")
    record_id(p, "challenge")
    p.add_argument("--reason", required=True, help="why the team needs the chair")
    p.add_argument("--impact-on-schedule", required=True, help="what it will do to the schedule")
    p = challenges.add("respond", challenge_respond, "record what the chair did")
    record_id(p, "challenge")
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
    p = challenges.add("resolve", challenge_resolve, "close a challenge as resolved")
    record_id(p, "challenge")
    p.add_argument("--resolution", required=True, help="how it was resolved")
    p.add_argument(
        "--outcome",
        required=True,
        help="back-on-track, schedule-revised, reprioritised or accepted",
    )
    p = challenges.add("reopen", challenge_reopen, "reopen a resolved challenge")
    record_id(p, "challenge")
    p.add_argument("--reason", required=True)
    p = challenges.add("withdraw", challenge_withdraw, "close a challenge as withdrawn")
    record_id(p, "challenge")
    p.add_argument("--reason", required=True)
    p = challenges.add("edit", challenge_edit, "correct a challenge's details")
    record_id(p, "challenge")
    p.add_argument("--title")
    p.add_argument("--description")
    p.add_argument("--impact", help=LEVELS)
    p.add_argument("--urgency", help=LEVELS)
    p.add_argument("--category")
    p = challenges.add("link", challenge_link, "put a challenge on a briefing's agenda")
    record_id(p, "challenge")
    p.add_argument("--briefing", required=True, metavar="ID", help="the briefing's id")


def challenge_add(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    challenge = program.raise_challenge(
        team.id,
        category=args.category,
        kind=args.kind,
        title=args.title,
        description=args.description,
        impact=args.impact,
        urgency=args.urgency,
        raised_on=parse_day(program, args.date, prefer="past"),
    )
    print(
        f"Raised {challenge.kind} challenge {quoted(challenge.title)} for {team.name}, severity "
        f"{tables.severity_text(challenge)} (id {short(challenge.id)})."
    )
    return 0


def challenge_list(args: argparse.Namespace) -> int:
    program = open_program(args)
    team_id = find_team_id(program, args.team)
    if args.escalated:
        challenges = program.escalated(args.kind)  # the chair's queue, in queue order
        if team_id:
            challenges = [c for c in challenges if c.team_id == team_id]
    else:
        challenges = program.challenges(team_id)
        if args.kind:
            wanted = parse_choice(ChallengeKind, args.kind, "challenge kind")
            challenges = [c for c in challenges if c.kind is wanted]
        if args.open:
            challenges = [c for c in challenges if c.is_open]
    names = team_names(program)
    facts = _challenge_facts(program, challenges)
    if args.json:
        records.print_json(
            [
                records.challenge_record(c, names, **f)
                for c, f in zip(challenges, facts, strict=True)
            ]
        )
    else:
        tables.challenge_table(challenges, facts, names, queue=args.escalated)
    return 0


def _challenge_facts(program: Flourish, challenges: list) -> list[dict]:
    """What the list and show commands add to each challenge's record: its age, and whether
    (and by how many days) the chair's response is overdue, as the facade judges it."""
    today, allowed = program.today(), program.cluster().response_days
    facts = []
    for c in challenges:
        facts.append(
            {
                "age_days": c.age_days(today),
                "overdue": c.is_overdue(today, allowed),
                "overdue_days": c.overdue_days(today, allowed),
            }
        )
    return facts


def challenge_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.challenge(args.id)
    names = team_names(program)
    (facts,) = _challenge_facts(program, [challenge])
    linked = _linked_briefings(program, challenge)
    if args.json:
        record = records.challenge_record(challenge, names, **facts)
        record["briefings"] = [records.briefing_summary(b) for b in linked]
        records.print_json(record)
    else:
        tables.challenge_detail(
            challenge,
            names,
            linked,
            program.cluster(),
            program.today(),
            **facts,
        )
    return 0


def _linked_briefings(program: Flourish, challenge) -> list:
    by_id = {b.id: b for b in program.briefings()}
    return [by_id[i] for i in challenge.briefing_ids if i in by_id]


def challenge_escalate(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.escalate_challenge(
        args.id, reason=args.reason, schedule_impact=args.impact_on_schedule
    )
    days = program.cluster().response_days
    print(
        f"Escalated {quoted(challenge.title)} to the chair ({_team_name(program, challenge)}); "
        f"a response is due within {days} day{'' if days == 1 else 's'}."
    )
    return 0


def challenge_respond(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.respond_to_challenge(
        args.id,
        kind=args.kind,
        outcome=args.outcome,
        on=parse_day(program, args.date, prefer="past"),
        with_whom=args.with_whom,
        awaiting=args.waiting_on,
    )
    response = challenge.last_response()
    assert response is not None  # the one just recorded
    print(
        f"Recorded the chair's response to {quoted(challenge.title)} ({response.kind.value} on "
        f"{response.on}); now {challenge.status.label}, waiting on {challenge.waiting_on}."
    )
    return 0


def challenge_resolve(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.resolve_challenge(args.id, resolution=args.resolution, outcome=args.outcome)
    assert challenge.outcome is not None  # a resolved challenge has one
    print(f"Resolved {quoted(challenge.title)}: {challenge.outcome.label}.")
    return 0


def challenge_reopen(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.reopen_challenge(args.id, reason=args.reason)
    print(
        f"Reopened {quoted(challenge.title)}: {challenge.status.label}, waiting on "
        f"{challenge.waiting_on}."
    )
    return 0


def challenge_withdraw(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.withdraw_challenge(args.id, reason=args.reason)
    print(f"Withdrew {quoted(challenge.title)}.")
    return 0


def challenge_edit(args: argparse.Namespace) -> int:
    program = open_program(args)
    fields = {
        "title": args.title,
        "description": args.description,
        "impact": args.impact,
        "urgency": args.urgency,
        "category": args.category,
    }
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise ValidationError(
            "Nothing to change: give --title, --description, --impact, --urgency or --category."
        )
    before = program.challenge(args.id)
    challenge = program.update_challenge(before.id, **changes)
    if len(challenge.history) == len(before.history):  # the facade found nothing different
        print(f"Nothing changed: {quoted(challenge.title)} already has those details.")
        return 0
    print(f"Updated {quoted(challenge.title)}: {challenge.history[-1].note}.")
    return 0


def challenge_link(args: argparse.Namespace) -> int:
    program = open_program(args)
    challenge = program.link_briefing(args.id, args.briefing)
    briefing = program.briefing(challenge.briefing_ids[-1])
    print(
        f"Put {quoted(challenge.title)} on the briefing {quoted(briefing.title)} "
        f"({briefing.start:%a %d %b %Y %H:%M})."
    )
    return 0


def _team_name(program: Flourish, record) -> str:
    return team_names(program).get(record.team_id, "?")
