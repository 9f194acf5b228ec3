"""`flourish schedule`: a team's dated schedule, revising it (a shift or one milestone moved,
with a dry run) and reverting a revision."""

import argparse

from cli.args import Group, json_flag, record_id, team_option
from cli.context import open_program, parse_day, team_names
from cli.output import records, schedule_tables, short
from domain.dates import parse_shift
from domain.errors import ValidationError
from domain.text import quoted
from domain.timeline import describe_revision, kept_in_place


def register(top: Group) -> None:
    schedule = top.group("schedule", "a team's dated schedule and its revisions")
    p = schedule.add("show", schedule_show, "stages, milestones and revisions")
    team_option(p, required=True)
    json_flag(p)
    p = schedule.add("revise", schedule_revise, "shift the schedule or move a milestone")
    team_option(p, required=True)
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
    p = schedule.add("revert", schedule_revert, "undo a schedule revision")
    record_id(p, "revision")


def schedule_show(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    timeline = program.schedule(team.id)
    revisions = program.revisions(team.id)
    titles = {c.id: c.title for c in program.challenges(team.id)}
    if args.json:
        records.print_json(records.schedule_record(team, timeline, revisions))
    else:
        schedule_tables.schedule_detail(team, timeline, revisions, titles, program.cluster().tz)
    return 0


def schedule_revise(args: argparse.Namespace) -> int:
    program = open_program(args)
    team = program.team(args.team)
    proposal: dict = {"reason": args.reason or ""}
    if args.move:
        if args.from_stage is not None or args.from_date:
            raise ValidationError("--from-stage and --from go with --shift, not --move.")
        if not args.to:
            raise ValidationError("--move needs --to DATE: the milestone's new date.")
        proposal |= {"milestone_key": args.move, "move_to": parse_day(program, args.to)}
    else:
        if args.to:
            raise ValidationError("--to goes with --move; a shift moves dates by --shift.")
        proposal["shift_days"] = parse_shift(args.shift)
        if args.from_stage is not None:
            proposal["from_stage"] = args.from_stage
        else:  # without a stage, from a date; without either, the rest of the program
            proposal["from_date"] = parse_day(program, args.from_date) or program.today()
    if args.challenge:
        proposal["challenge_id"] = program.challenge(args.challenge).id
    if not args.dry_run and not (args.reason or "").strip():
        raise ValidationError("Give --reason: why the schedule changes (it is kept with it).")
    before, after, revision = program.preview_revision(team.id, **proposal)
    moves = schedule_tables.timeline_moves(before, after)
    if not moves:
        raise ValidationError(
            f"That revision ({describe_revision(revision)}) moves no date of {team.name}'s "
            "schedule; nothing was changed."
        )
    title = f"{team.name}: {describe_revision(revision)}"
    kept = kept_in_place(before, revision)
    if args.dry_run:
        schedule_tables.moves_table(title, moves)
        _say_kept(kept)
        print("Dry run: nothing was saved.")
        return 0
    was = program.challenge(revision.challenge_id) if revision.challenge_id else None
    saved = program.revise_schedule(team.id, **proposal)
    schedule_tables.moves_table(title, moves)  # once saved: a refusal prints its one line only
    _say_kept(kept)
    print(f"Revised {team.name}'s schedule (revision {short(saved.id)}).")
    if was is not None:
        now = program.challenge(was.id)
        if len(now.responses) > len(was.responses):
            print(
                f"Recorded as the chair's response to {quoted(was.title)} (now {now.status.label})."
            )
        else:
            print(f"Noted in the history of {quoted(was.title)}.")
    return 0


def schedule_revert(args: argparse.Namespace) -> int:
    program = open_program(args)
    revision = program.revert_revision(None, args.id)
    name = team_names(program).get(revision.team_id, "?")
    print(
        f"Reverted revision {short(revision.id)} of {name}'s schedule: "
        f"{describe_revision(revision)}."
    )
    return 0


def _say_kept(kept: list) -> None:
    """What the shift leaves where it was, because it has already happened."""
    if kept:
        said = "; ".join(f"{m.title} ({m.start})" for m in kept)
        print(f"Not moved, already past: {said}.")
