"""The cluster's own work on the command line: its plan, goals, workshops, journey,
governance and aspiring leaders, as tables and detail views in which user text is data."""

from datetime import date

from cli.output import indented, print_pair, short
from cli.output.tables import Cell, _print_table
from domain.dates import day_month_year
from domain.journey import Question


def cluster_action_table(rows, today: date) -> None:
    """`rows`: (action, its cascade) pairs."""
    cells = []
    for a, cascade in rows:
        late = a.is_overdue(today)
        cells.append(
            [
                Cell(short(a.id), "dim"),
                Cell(a.title),
                Cell(a.owner),
                Cell(f"{a.due} late" if late else str(a.due or "-"), "bold red" if late else ""),
                Cell(a.status.label),
                Cell(str(len(a.team_ids))),
                Cell(cascade.label, "red" if cascade.late else ""),
            ]
        )
    _print_table(
        None,
        ("Id", "Cluster action", "Owner", "Due", "Status", "Schools", "In the schools' plans"),
        cells,
        flex=(("Owner", 8), ("Cluster action", 16)),
        drop=("Schools",),
    )


def cluster_action_detail(a, *, names, cascade, linked, origin: str, today: date) -> None:
    late = " (late)" if a.is_overdue(today) else ""
    print(f"{a.title}  (id {short(a.id)})")
    print(f"  Status:  {a.status.label}")
    print(f"  Owner:   {a.owner or 'not set'}")
    print(f"  Due:     {a.due or 'not set'}{late}")
    if origin:
        print(f"  From:    {origin}")
    schools = ", ".join(names.get(t, "?") for t in a.team_ids) or "none yet"
    print(indented(schools, "  Schools: "))
    if a.success_criteria:
        print(indented(a.success_criteria, "  What will the difference look like: "))
    if a.evidence:
        print(indented(a.evidence, "  Evidence: "))
    print(f"  In the schools' plans: {cascade.label}")
    for team_id, item in sorted(linked.items(), key=lambda kv: names.get(kv[0], "")):
        state = "late" if item.is_overdue(today) else item.status.label
        print(f"    {names.get(team_id, '?')}: {state} (action {short(item.id)})")
    for team_id in cascade.missing:
        print(f"    {names.get(team_id, '?')}: no linked action yet")
    for note in a.notes:
        by = f" ({note.by})" if note.by else ""
        print(indented(note.text, f"  {note.date}{by}: "))


def cluster_goal_lines(g, actions) -> None:
    print_pair(f"{g.area.value}, id {short(g.id)}", g, actions, "No cluster action linked yet.")


def workshop_table(workshops) -> None:
    cells = [
        [
            Cell(short(w.id), "dim"),
            Cell(w.start.strftime("%Y-%m-%d %H:%M")),
            Cell(w.title),
            Cell(w.place),
            Cell(str(len(w.attendees))),
            Cell(str(len(w.action_ids))),
        ]
        for w in workshops
    ]
    _print_table(
        None,
        ("Id", "When", "Workshop", "Place", "Attendees", "Actions agreed"),
        cells,
        flex=(("Place", 8), ("Workshop", 16)),
    )


def journey_table(steps, names) -> None:
    cells = [
        [
            Cell(short(s.id), "dim"),
            Cell(str(s.on)),
            Cell(s.question.short),
            Cell(s.what),
            Cell(", ".join(names.get(t, "?") for t in s.team_ids) or "all"),
        ]
        for s in steps
    ]
    _print_table(
        None,
        ("Id", "When", "Question", "What happened", "Schools"),
        cells,
        flex=(("Schools", 10), ("What happened", 16)),
    )


def journey_lanes(lanes) -> None:
    for lane in lanes:
        q: Question = lane.question
        print(f"{q.asks}  ({q.about})")
        if lane.gap:
            print("  no step yet")
        for s in lane.steps:
            print(indented(s.what, f"  {day_month_year(s.on)}  "))
        print()


def leader_table(rows, names) -> None:
    """`rows`: (leader, their activities) pairs."""
    cells = [
        [
            Cell(short(p.id), "dim"),
            Cell(p.name),
            Cell(names.get(p.team_id, "?")),
            Cell(p.role),
            Cell(str(len(acts))),
        ]
        for p, acts in rows
    ]
    _print_table(
        None,
        ("Id", "Aspiring leader", "School", "Role", "Activities"),
        cells,
        flex=(("Role", 8), ("School", 10)),
    )


def activity_lines(a) -> None:
    print(f"\n  {a.title}  (activity {short(a.id)})")
    if a.where:
        print(f"    Where: {a.where}")
    if a.success_criteria:
        print(indented(a.success_criteria, "    Success criteria: "))
    if a.behaviours:
        print(f"    Behaviours: {', '.join(a.behaviours)}")
    if a.outcome.value != "none":
        to = f" to {a.outcome_to}" if a.outcome_to else ""
        when = f" on {a.outcome_on}" if a.outcome_on else ""
        print(f"    Outcome: a {a.outcome.value}{to}{when}")
    for f in a.feedback:
        by = f" ({f.by})" if f.by else ""
        print(indented(f.text, f"    {f.on}{by}: "))
