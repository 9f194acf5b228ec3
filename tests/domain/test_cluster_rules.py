"""The cluster's own work, as pure rules: a cascaded action's progress in the schools' plans,
where an action came from, the dashboard's line, workshop agendas whose times add up, and the
journey's six lanes with their gaps."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.actions import ActionItem, ActionStatus
from domain.cluster import Team
from domain.cluster_plan import ClusterAction, cascade_progress, check_origin, glance, to_cascade
from domain.errors import ValidationError
from domain.journey import JourneyStep, Question, axis, lane_marks, lanes, position, span
from domain.records import Person
from domain.sustainability import AssessmentRound, Condition, Grid, Rating, grid, key_findings
from domain.text import NOT_ONE_LINE
from domain.workshops import (
    AgendaItem,
    IssueKind,
    draft_agenda,
    format_agenda,
    format_issue,
    parse_agenda,
    parse_issue,
    parse_reflection,
    timed,
)

NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)
TODAY = date(2026, 11, 22)


def plan_action(**fields) -> ClusterAction:
    return ClusterAction(created_at=NOW, updated_at=NOW, title="Shared CPD", **fields)


def school_action(team: str, status: str = "not-started", due: date | None = None):
    return ActionItem(
        created_at=NOW,
        updated_at=NOW,
        team_id=team,
        title="Shared CPD",
        status=ActionStatus(status),
        due=due,
    )


# -- the cluster plan ----------------------------------------------------------------------


def test_cascade_progress_counts_done_late_and_missing_schools():
    done = school_action("a", "done")
    late = school_action("b", "in-progress", due=TODAY - timedelta(days=3))
    on_time = school_action("c", "in-progress", due=TODAY + timedelta(days=3))
    action = plan_action(
        team_ids=["a", "b", "c", "d"], cascaded={"a": done.id, "b": late.id, "c": on_time.id}
    )
    linked = {x.id: x for x in (done, late, on_time)}
    got = cascade_progress(action, linked, TODAY)
    assert (got.schools, got.done, got.late, got.missing) == (3, 1, ("b",), ("d",))
    assert got.label == "1 of 3 schools done, 1 late"
    assert got.short == "1/3 done, 1 late"


def test_a_deleted_linked_action_counts_as_missing_and_is_cascaded_again():
    kept = school_action("a")
    action = plan_action(team_ids=["a", "b"], cascaded={"a": kept.id, "b": "gone"})
    assert cascade_progress(action, {kept.id: kept}, TODAY).missing == ("b",)
    assert to_cascade(action, {kept.id: kept}) == ["b"]


def test_not_cascaded_says_so():
    assert cascade_progress(plan_action(team_ids=["a"]), {}, TODAY).label == "not cascaded"


@pytest.mark.parametrize("origin", ["workshop", "finding:", "idea:x", "goal"])
def test_an_origin_must_say_what_and_which(origin):
    with pytest.raises(ValidationError, match="finding:CONDITION"):
        check_origin(origin)


def test_origins_are_kept_as_typed_kinds():
    assert check_origin(" finding: impact ") == "finding:impact"
    assert check_origin("") == ""


def test_the_dashboard_line_counts_open_and_late_and_names_the_next_workshop():
    actions = [
        plan_action(due=TODAY - timedelta(days=1)),
        plan_action(due=TODAY + timedelta(days=9)),
        plan_action(due=TODAY - timedelta(days=9), status=ActionStatus.DONE),
    ]
    workshops = [("Autumn", TODAY - timedelta(days=10)), ("Spring", date(2027, 1, 27))]
    line = glance(actions, workshops, TODAY).line()
    assert line.startswith("Cluster plan: 2 open actions, 1 late")
    assert "next review workshop 27 Jan" in line


# -- workshops -------------------------------------------------------------------------------


def findings():
    conditions = (Condition(key="vision", label="Vision"), Condition(key="impact", label="Impact"))
    this = AssessmentRound(created_at=NOW, updated_at=NOW, name="Autumn", opened_on=TODAY)
    team = Team(created_at=NOW, updated_at=NOW, name="Hillside", start=TODAY, coach=_person())
    ratings = [
        Rating(
            created_at=NOW, updated_at=NOW, team_id=team.id, round_id=this.id, condition=k, score=s
        )
        for k, s in (("vision", 9), ("impact", 2))
    ]
    g: Grid = grid(conditions, [team], ratings, this)
    return key_findings(g)


def _person():
    return Person(name="Cat Coach")


def test_the_draft_agenda_has_the_five_parts_and_the_findings_in_its_notes():
    items = draft_agenda(findings())
    assert [i.title for i in items] == [
        "Welcome and purpose",
        "Key findings for the cluster",
        "Discussion and prioritising",
        "Action planning",
        "Evaluation and close",
    ]
    assert "Doing well: Vision" in items[1].notes
    assert "To prioritise: Impact" in items[1].notes
    assert sum(i.minutes for i in items) == 130


def test_each_discussion_theme_adds_a_timed_slot():
    items = draft_agenda(None, ["capacity", "activity"])
    assert [i.title for i in items if i.title.startswith("Discussion:")] == [
        "Discussion: capacity",
        "Discussion: activity",
    ]
    assert sum(i.minutes for i in items) == 150
    assert "No self-assessment round has ratings yet" in items[1].notes


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=12))
def test_each_item_starts_when_the_one_before_ends(minutes):
    start = datetime(2027, 1, 20, 9, 30, tzinfo=UTC)
    agenda = [AgendaItem(minutes=m, title=f"Item {n}") for n, m in enumerate(minutes)]
    times = timed(start, agenda)
    for (at, item), (next_at, _) in pairwise(times):
        assert next_at - at == timedelta(minutes=item.minutes)
    assert times[-1][0] + timedelta(minutes=minutes[-1]) == start + timedelta(minutes=sum(minutes))


TITLE = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda t: t and not t[0].isdigit() and not t.startswith("min"))
)


@given(st.lists(st.tuples(st.integers(1, 40), TITLE), min_size=1, max_size=8))
def test_an_agenda_reads_back_as_it_was_written(items):
    agenda = [AgendaItem(minutes=m, title=t, notes="a note\nanother") for m, t in items]
    if any(NOT_ONE_LINE.search(t) for _, t in items):
        return
    assert parse_agenda(format_agenda(agenda)) == agenda


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Welcome", "should start with its minutes"),
        ("0 Welcome", "1 to 480 minutes"),
        ("  a note first", "a note comes under an item"),
        ("", "at least one item"),
        ("300 Morning\n300 Afternoon", "more than 8 hours"),
        ("10 Welcome\u202e", "cannot contain"),
    ],
)
def test_a_bad_agenda_is_refused_with_the_line(text, says):
    with pytest.raises(ValidationError, match=says):
        parse_agenda(text)


def test_minutes_may_be_written_with_min():
    assert parse_agenda("15 min Welcome\n20 minutes Findings") == [
        AgendaItem(minutes=15, title="Welcome"),
        AgendaItem(minutes=20, title="Findings"),
    ]


def test_an_issue_reads_kind_issue_and_approach_and_back():
    issue = parse_issue("Emotional: staff fear losing posts => meet each team first")
    assert (issue.kind, issue.issue, issue.approach) == (
        IssueKind.EMOTIONAL,
        "staff fear losing posts",
        "meet each team first",
    )
    assert parse_issue(format_issue(issue)) == issue


@pytest.mark.parametrize("text", ["no kind here", "cultural: x", "political:  "])
def test_a_bad_issue_is_refused(text):
    with pytest.raises(ValidationError):
        parse_issue(text)


def test_a_reflection_names_its_school_and_both_sides():
    assert parse_reflection("Northgate: the visits | finding cover") == (
        "Northgate",
        "the visits",
        "finding cover",
    )
    with pytest.raises(ValidationError, match="say what worked well"):
        parse_reflection("Northgate: |")


# -- the journey ---------------------------------------------------------------------------


def step(question: str, on: date) -> JourneyStep:
    return JourneyStep(created_at=NOW, updated_at=NOW, question=Question(question), on=on, what="x")


def test_six_lanes_in_the_questions_order_with_the_gaps_marked():
    steps = [
        step("what", date(2024, 5, 1)),
        step("why", date(2021, 3, 1)),
        step("what", date(2022, 1, 1)),
    ]
    found = lanes(steps)
    assert [lane.question for lane in found] == list(Question)
    assert [lane.gap for lane in found] == [False, True, False, True, True, True]
    assert [s.on.year for s in found[2].steps] == [2022, 2024]  # by date


def test_a_lane_marks_each_step_where_it_happened():
    first, last = date(2020, 1, 1), date(2020, 12, 31)
    lane = lanes([step("why", first), step("why", last), step("why", last)])[0]
    marks = lane_marks(lane, first, last, 20)
    assert len(marks) == 20
    assert marks[0] == "●" and marks[-1] == "2" and set(marks[1:-1]) == {"·"}


@given(st.dates(date(2000, 1, 1), date(2030, 1, 1)), st.integers(1, 4000), st.integers(5, 200))
def test_every_day_of_the_span_falls_inside_the_track(first, days, width):
    last = first + timedelta(days=days)
    for day in (first, last, first + timedelta(days=days // 2)):
        assert 0 <= position(day, first, last, width) < width


def test_the_span_runs_from_the_first_steps_month_to_today():
    assert span([step("why", date(2021, 3, 9))], TODAY) == (date(2021, 3, 1), TODAY)
    assert span([], TODAY) == (TODAY.replace(day=1), TODAY)


def test_the_axis_names_years_without_running_them_together():
    line = axis(date(2020, 1, 1), date(2026, 11, 22), 60)
    assert len(line) == 60
    assert line.split() == [str(y) for y in range(2020, 2027)]
    narrow = axis(date(2020, 1, 1), date(2026, 11, 22), 12).split()
    assert narrow[0] == "2020" and len(narrow) == 2  # the rest would run into each other
