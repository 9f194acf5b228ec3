"""The `flourish assess` handlers: the sustainability self-assessment grid (rounds of 0-10
ratings per condition with evidence, and the key findings a cluster review asks of it), the
collaboration diagnostic (several respondents per school, combined, gaps flagged), "where we
are now / where we want to be", and an action plan item from any of them.

User text (evidence, statements, names) is printed as given: these handlers print plain text,
and the tables render it literally."""

import sys
from pathlib import Path

from domain.diagnostic import GAP_SHARE, SCALE, SPLIT, TOP, WEAK, csv_header
from domain.errors import RowsRejected, ValidationError
from domain.scales import band, share_words
from domain.sustainability import PRIORITY_SHARE, Condition, find_condition, key_findings
from tui import render
from tui.commands import open_program
from tui.pulse_commands import report_rejected

BANDS = "low 0-3, medium 4-7, high 8-10"


PRIORITY_RULE = (
    f"a cluster mean below 4, or {share_words(PRIORITY_SHARE)} the schools or more rating it 0-3"
)


# -- conditions and rounds -------------------------------------------------------------------


def conditions(args) -> int:
    program = open_program(args)
    if args.set:
        found = program.update_cluster(conditions=[_condition(s) for s in args.set])
        found = found.template.conditions
    else:
        found = program.conditions()
    if args.json:
        render.print_json({"conditions": [_keyed(c) for c in found]})
        return 0
    if args.set:
        print("Updated the self-assessment's conditions.")
    for c in found:
        print(f"  {c.key}: {c.label}")
    print(f"Each school rates each condition 0-10 with its evidence: {BANDS}.")
    return 0


def _condition(spec: str) -> Condition:
    key, sep, label = spec.partition("=")
    if not sep or not key.strip() or not label.strip():
        raise ValidationError(
            f"--set {spec!r}: write it as key=Label, e.g. impact=Impact measurement."
        )
    return Condition(key=key.strip(), label=" ".join(label.split()))


def rounds(args) -> int:
    program = open_program(args)
    found = program.assessment_rounds()
    ratings = program.ratings()
    counts = {
        r.id: (
            sum(x.round_id == r.id for x in ratings),
            len({x.team_id for x in ratings if x.round_id == r.id}),
        )
        for r in found
    }
    if args.json:
        render.print_json(
            [_round(r) | {"ratings": counts[r.id][0], "schools": counts[r.id][1]} for r in found]
        )
        return 0
    if not found:
        print("No self-assessment rounds yet. Start one with `flourish assess round add NAME`.")
        return 0
    print("Self-assessment rounds, oldest first (ratings go into the latest unless --round):")
    width = max(len(r.name) for r in found)
    for r in found:
        made, schools = counts[r.id]
        rated = f"{made} ratings from {schools} school{'s' * (schools != 1)}" if made else "none"
        latest = "  (latest)" if r is found[-1] else ""
        print(f"  {r.name:<{width}}  opened {r.opened_on}  rated: {rated}{latest}")
    return 0


def round_add(args) -> int:
    program = open_program(args)
    on = _date(program, args.on)
    made = program.start_round(args.name, on)
    latest = program.assessment_round()
    print(f"Started the self-assessment round {_quoted(made.name)}, opened {made.opened_on}.")
    if latest.id == made.id:
        print("Ratings go into it unless --round names another.")
    else:
        print(
            f"It opened before {_quoted(latest.name)}, which stays the default round for ratings."
        )
    return 0


def round_rename(args) -> int:
    program = open_program(args)
    old = program.assessment_round(args.round)
    made = program.rename_round(old.id, args.name)
    print(f"Renamed the round {_quoted(old.name)} to {_quoted(made.name)}.")
    return 0


def round_delete(args) -> int:
    program = open_program(args)
    gone = program.delete_round(args.round)
    print(f"Deleted the round {_quoted(gone.name)}.")
    return 0


def _date(program, text: str | None):
    from domain.dates import parse_date

    return parse_date(text, program.today(), "past") if text else None


# -- rating and the grid ---------------------------------------------------------------------


def rate(args) -> int:
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
    given = {k: (score, evidence.get(k)) for k, score in scores.items()}
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
            print(_indented(r.evidence, "    evidence: "))
    return 0


def _pairs(specs: list[str], option: str, form: str, known) -> dict[str, str]:
    """KEY=VALUE options by condition key; a condition (key or label) given twice is refused."""
    found: dict[str, str] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        if not sep or not name.strip():
            raise ValidationError(f"{option} {spec!r}: write it as {form}.")
        try:
            key = find_condition(known, name).key
        except ValidationError as e:
            raise ValidationError(f"{option} {spec!r}: {e}") from None
        if key in found:
            raise ValidationError(f"{option} {spec!r}: {key} is given twice.")
        found[key] = value
    return found


def grid(args) -> int:
    program = open_program(args)
    g = program.sustainability_grid(args.round)
    findings = key_findings(g)
    if args.json:
        render.print_json(_grid_record(g, findings))
        return 0
    render.assess_grid_table(program.cluster().name, g, findings)
    return 0


def _grid_record(g, findings) -> dict:
    found = {f.condition.key: f for f in findings.ranking}
    means = {team.id: mean for team, mean in findings.schools}
    return {
        "round": _round(g.round),
        "previous": _round(g.previous) if g.previous else None,
        "cluster": _mean(findings.mean),
        "conditions": [
            _keyed(c)
            | _mean(found[c.key].mean if c.key in found else None)
            | {"change": found[c.key].change if c.key in found else None}
            for c in g.conditions
        ],
        "schools": [
            _team(team)
            | _mean(means.get(team.id))
            | {"cells": {key: _cell(cell) for key, cell in cells.items()}}
            for team, cells in g.rows
        ],
    }


def _cell(cell) -> dict | None:
    if cell is None:
        return None
    return {
        "score": cell.score,
        "band": band(cell.score).value,
        "change": cell.change,
        "evidence": cell.evidence,
    }


# -- key findings ----------------------------------------------------------------------------


def findings(args) -> int:
    program = open_program(args)
    g = program.sustainability_grid(args.round)
    found = key_findings(g)
    if args.json:
        render.print_json(_findings_record(g, found))
        return 0
    rated = len(found.schools)
    since = f"; change since {g.previous.name}" if g.previous else ""
    print(f"Key findings, {g.round.name} ({rated} of {len(g.rows)} schools rated{since})")
    if not found.ranking:
        print("No school has rated a condition in this round yet.")
        return 0
    _strengths_and_priorities(found)
    _ranking(found, g.previous)
    _schools(found)
    print("\nCondition by condition (8-10 doing well, 0-3 less well):")
    for f in found.ranking:
        _condition_detail(f)
    return 0


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
        moved = render.signed(f.change) if f.change is not None else ""
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
                print(_indented(p.evidence, "      "))
    if not (f.doing_well or f.less_well):
        print("  No school rates it 0-3 or 8-10.")


def _findings_record(g, found) -> dict:
    return {
        "round": _round(g.round),
        "previous": _round(g.previous) if g.previous else None,
        "priority_rule": PRIORITY_RULE,
        "cluster": _mean(found.mean),
        "ranking": [_finding(f) for f in found.ranking],
        "strengths": [f.condition.key for f in found.strengths],
        "priorities": [f.condition.key for f in found.priorities],
        "lowest": found.lowest.condition.key if found.lowest else None,
        "unrated": [_keyed(c) for c in found.unrated],
        "schools": [_team(team) | _mean(mean) for team, mean in found.schools],
    }


def _finding(f) -> dict:
    return (
        _keyed(f.condition)
        | _mean(f.mean)
        | {
            "rated": f.rated,
            "change": f.change,
            "strength": f.strength,
            "priority": f.priority,
            "doing_well": [_placing(p) for p in f.doing_well],
            "less_well": [_placing(p) for p in f.less_well],
        }
    )


def _placing(p) -> dict:
    return _team(p.team) | {"score": p.score, "evidence": p.evidence}


# -- findings to actions ---------------------------------------------------------------------


def action(args) -> int:
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
            print(f"  {names[item.team_id]}: {_action_line(item)}")
        return 0
    if not args.team:
        raise ValidationError("--condition needs --team: whose rating becomes an action?")
    team = program.team(args.team)
    item = program.action_from_rating(team.id, args.condition, args.round)
    print(f"Added action for {team.name}: {_action_line(item)}")
    return 0


def _action_line(item) -> str:
    return f"{_quoted(item.title)} (id {render.short(item.id)}), due {item.due or 'not set'}."


# -- the collaboration diagnostic ------------------------------------------------------------


def diagnostic_questions(args) -> int:
    program = open_program(args)
    sections = program.questionnaire()
    if args.json:
        render.print_json(
            {
                "scale": [{"answer": n, "means": word} for n, word in enumerate(SCALE)],
                "sections": [
                    {
                        "key": s.key,
                        "number": n,
                        "title": s.title,
                        "maximum": s.maximum,
                        "questions": [{"key": q.key, "text": q.text} for q in s.questions],
                    }
                    for n, s in enumerate(sections, 1)
                ],
            }
        )
        return 0
    print(f"The collaboration diagnostic: each person answers each question 0 to {TOP}:")
    print("  " + ", ".join(f"{n} {word}" for n, word in enumerate(SCALE)))
    for n, s in enumerate(sections, 1):
        print(f"\n{n} {s.key}: {s.title} (out of {s.maximum})")
        for q in s.questions:
            print(f"  {q.key}  {q.text}")
    return 0


def diagnostic_template(args) -> int:
    program = open_program(args)
    print(",".join(csv_header(program.questionnaire())))
    return 0


def diagnostic_add(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    answers: dict[str, str] = {}
    for spec in args.answers:
        key, sep, value = spec.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"{spec!r}: write each answer as QUESTION=ANSWER, e.g. 1.3=2.")
        if key.strip() in answers:
            raise ValidationError(f"{spec!r}: question {key.strip()} is answered twice.")
        answers[key.strip()] = value
    before = program.diagnostic(team.id).respondents
    made = program.record_diagnostic(team.id, answers, respondent=args.respondent, on=args.on)
    after = program.diagnostic(team.id).respondents
    who = f"{made.respondent}'s" if made.respondent else "An anonymous respondent's"
    count = len(made.answers)
    print(
        f"Recorded {who} answers to {count} question{'s' * (count != 1)} for {team.name}, "
        f"{made.answered_on} (id {render.short(made.id)})."
    )
    if made.respondent and after == before:
        print(f"{made.respondent} answered before: only their latest answers are combined.")
    print(f"Answers combined for {team.name}: {_people(after)}.")
    return 0


def diagnostic_import(args) -> int:
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
        print(f"  {result.team.name}: {_people(result.respondents)} combined")
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


def diagnostic_show(args) -> int:
    program = open_program(args)
    result = program.diagnostic(args.team)
    if args.json:
        render.print_json(_diagnostic_record(result))
        return 0
    name = result.team.name
    if not result.respondents:
        print(
            f"Nobody at {name} has answered the collaboration diagnostic yet. Record answers "
            "with `flourish assess diagnostic add` or `import`."
        )
        return 0
    print(f"{name}: collaboration diagnostic, {_people(result.respondents)} combined")
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
        return 0
    print("\nQuestions to return to:")
    for q in flagged:
        why = ", ".join(w for w, on in (("weak", q.weak), ("respondents differ", q.split)) if on)
        print(f"  {q.question.key}  mean {q.mean:g}, spread {q.spread}: {why}")
        print(f"       {q.question.text}")
    print(
        f"Weak: a mean below {WEAK:g} ({SCALE[int(WEAK)]}). "
        f"Respondents differ: answers {SPLIT} or more points apart."
    )
    return 0


def _people(count: int) -> str:
    return f"{count} respondent{'s' * (count != 1)}"


def diagnostic_overview(args) -> int:
    program = open_program(args)
    results = program.diagnostic_overview()
    if args.json:
        render.print_json([_diagnostic_record(r) for r in results])
        return 0
    render.diagnostic_overview_table(program.cluster().name, results, program.questionnaire())
    return 0


def _diagnostic_record(result) -> dict:
    return _team(result.team) | {
        "respondents": result.respondents,
        "sections": [
            {
                "key": s.section.key,
                "title": s.section.title,
                "total": s.total,
                "maximum": s.maximum,
                "gap": s.gap,
                "flagged": [q.question.key for q in s.flagged],
                "questions": [
                    {
                        "key": q.question.key,
                        "text": q.question.text,
                        "mean": q.mean,
                        "answered": q.answered,
                        "spread": q.spread,
                        "weak": q.weak,
                        "split": q.split,
                    }
                    for q in s.questions
                ],
            }
            for s in result.sections
        ],
    }


def diagnostic_action(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    item = program.action_from_diagnostic(team.id, args.section)
    print(f"Added action for {team.name}: {_action_line(item)}")
    print(f"Success criteria: {item.success_criteria}")
    return 0


# -- where we are now / where we want to be --------------------------------------------------


def where_show(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    pairs = [(a, program.aspiration_actions(a)) for a in program.aspirations(team.id)]
    if args.json:
        render.print_json(
            _team(team) | {"pairs": [_aspiration(a, actions) for a, actions in pairs]}
        )
        return 0
    if not pairs:
        print(
            f"{team.name} has not said where it is and where it wants to be yet. Add a pair "
            "with `flourish assess where add --team TEAM --now TEXT --want TEXT`."
        )
        return 0
    print(f"{team.name}: where we are now, where we want to be")
    for a, actions in pairs:
        print(f"\n(id {render.short(a.id)})")
        print(_indented(a.now, "  Now:  "))
        if a.now_evidence:
            print(_indented(a.now_evidence, "    evidence: "))
        print(_indented(a.want, "  Want: "))
        if a.want_evidence:
            print(_indented(a.want_evidence, "    evidence: "))
        for item in actions:
            print(
                f"  Action {render.short(item.id)}: {item.title} "
                f"({item.status.label}, due {item.due or 'not set'})"
            )
        if not actions:
            print("  No action linked yet.")
    return 0


def _aspiration(a, actions) -> dict:
    return {
        "id": a.id,
        "now": a.now,
        "want": a.want,
        "now_evidence": a.now_evidence,
        "want_evidence": a.want_evidence,
        "actions": [
            {
                "id": item.id,
                "title": item.title,
                "status": item.status.value,
                "due": item.due.isoformat() if item.due else None,
            }
            for item in actions
        ],
    }


def where_add(args) -> int:
    program = open_program(args)
    team = program.team(args.team)
    made = program.add_aspiration(
        team.id,
        now=args.now,
        want=args.want,
        now_evidence=args.now_evidence,
        want_evidence=args.want_evidence,
    )
    print(f"Added where {team.name} is and wants to be (id {render.short(made.id)}).")
    return 0


WHERE_FIELDS = ("now", "want", "now_evidence", "want_evidence")


def where_edit(args) -> int:
    program = open_program(args)
    changes = {f: getattr(args, f) for f in WHERE_FIELDS if getattr(args, f) is not None}
    if not changes:
        raise ValidationError("Give what changes: --now, --want, --now-evidence, --want-evidence.")
    made = program.update_aspiration(args.id, **changes)
    print(f"Changed the statement pair (id {render.short(made.id)}).")
    return 0


def where_delete(args) -> int:
    program = open_program(args)
    gone = program.delete_aspiration(args.id)
    print(f"Deleted the statement pair (id {render.short(gone.id)}).")
    return 0


def where_link(args) -> int:
    program = open_program(args)
    before = program.aspiration(args.id)
    item = program.action(args.action)
    program.link_action(before.id, item.id)
    again = " (it already was)" if item.id in before.action_ids else ""
    print(
        f"Linked {_quoted(item.title)} to the statement pair (id {render.short(before.id)}){again}."
    )
    return 0


def where_unlink(args) -> int:
    program = open_program(args)
    pair = program.aspiration(args.id)
    item = program.action(args.action)
    program.unlink_action(pair.id, item.id)
    print(f"Unlinked {_quoted(item.title)} from the statement pair (id {render.short(pair.id)}).")
    return 0


def where_action(args) -> int:
    program = open_program(args)
    pair = program.aspiration(args.id)
    item = program.action_from_aspiration(pair.id, args.title or "")
    team = program.team(item.team_id)
    print(f"Added action for {team.name}, linked to the pair: {_action_line(item)}")
    return 0


# -- records ---------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """User text in quotes, as typed (a repr would escape its quotes and newlines)."""
    return f"'{text}'"


def _indented(text: str, first: str) -> str:
    """Text that may run over several lines, each after the first lined up under it."""
    pad = "\n" + " " * len(first)
    return first + pad.join(text.splitlines() or [""])


def _keyed(c) -> dict:
    return {"key": c.key, "label": c.label}


def _round(r) -> dict:
    return {"id": r.id, "name": r.name, "opened_on": r.opened_on.isoformat()}


def _team(team) -> dict:
    return {"team_id": team.id, "team": team.name}


def _mean(mean) -> dict:
    return {"mean": mean, "band": band(mean).value if mean is not None else None}
