"""The cluster's own work through the facade: each verb validates, persists and can be undone;
a cascade is one step across the cluster file and every school's file; a change is computed
from the record on disk, so two windows keep each other's changes; refused input writes
nothing."""

from datetime import date, datetime

import pytest

from domain.errors import FlourishError, ValidationError
from domain.records import Person
from domain.workshops import IssueKind, RaisedIssue
from storage.facade import Flourish

DUE = date(2027, 1, 31)


@pytest.fixture
def schools(add_team):
    return [add_team(name) for name in ("Hillside Primary", "Hilltop Secondary", "Lakeside")]


def start(flourish: Flourish) -> datetime:
    return flourish.read_datetime("2027-01-20 09:30")


def test_a_cluster_action_cascades_to_each_school_in_one_undoable_step(flourish, schools):
    made = flourish.add_cluster_action(
        "Shared CPD calendar", owner="Chair Person", due=DUE, schools=["all"]
    )
    linked = flourish.cascade_cluster_action(made.id)
    assert sorted(a.team_id for a in linked) == sorted(t.id for t in schools)
    for a in linked:  # in each school's own plan, linked back
        assert a in flourish.actions(a.team_id)
        assert a.origin == f"cluster-action:{made.id}"
        assert (a.title, a.due) == ("Shared CPD calendar", DUE)
    flourish.update_action(linked[0].id, status="done")
    assert flourish.cascade(flourish.cluster_action(made.id)).label == "1 of 3 schools done"

    flourish.undo()  # the status
    assert flourish.undo().startswith("Cascaded")
    assert all(flourish.actions(t.id) == [] for t in schools)
    assert flourish.cluster_action(made.id).cascaded == {}
    flourish.redo()
    assert len(flourish.cascaded_actions(flourish.cluster_action(made.id))) == 3


def test_a_second_cascade_adds_only_the_schools_still_without_one(flourish, schools):
    made = flourish.add_cluster_action("Moderation", schools=[schools[0].name])
    flourish.cascade_cluster_action(made.id)
    flourish.update_cluster_action(made.id, schools=[t.name for t in schools])
    again = flourish.cascade_cluster_action(made.id)
    assert sorted(a.team_id for a in again) == sorted(t.id for t in schools[1:])
    with pytest.raises(ValidationError, match="has its linked action already"):
        flourish.cascade_cluster_action(made.id)


def test_a_cascade_without_schools_is_refused_and_writes_nothing(flourish, schools, root, snapshot):
    made = flourish.add_cluster_action("Moderation")
    before = snapshot(root)
    with pytest.raises(ValidationError, match="involves no school"):
        flourish.cascade_cluster_action(made.id)
    assert snapshot(root) == before


def test_notes_from_two_windows_on_one_cluster_action_are_both_kept(flourish, root, clock, schools):
    made = flourish.add_cluster_action("Moderation")
    other = Flourish.open(root, clock)
    other.cluster_actions()  # a warm copy, as an app holds
    flourish.update_cluster_action(made.id, note="from the chair")
    other.update_cluster_action(made.id, note="from a head", owner="Ann Able")
    found = flourish.cluster_action(made.id)
    assert [n.text for n in found.notes] == ["from the chair", "from a head"]
    assert found.owner == "Ann Able"


def test_two_windows_recording_one_workshop_keep_each_others_fields(flourish, root, clock):
    w = flourish.add_workshop("Autumn review", start(flourish))
    other = Flourish.open(root, clock)
    other.workshops()
    flourish.update_workshop(w.id, next_steps="Draft the framework")
    other.update_workshop(w.id, evaluation="Good discussion")
    other.add_issue(w.id, RaisedIssue(kind=IssueKind.POLITICAL, issue="Ranking fears"))
    found = flourish.workshop(w.id)
    assert (found.next_steps, found.evaluation) == ("Draft the framework", "Good discussion")
    assert [i.issue for i in found.issues] == ["Ranking fears"]


def test_an_agreed_action_goes_into_the_plan_from_its_workshop(flourish, schools):
    w = flourish.add_workshop("Autumn review", start(flourish), themes=["coherence"])
    action = flourish.agree_action(w.id, "Impact framework", owner="Chair Person", due=DUE)
    assert action in flourish.cluster_actions()
    assert flourish.workshop_actions(flourish.workshop(w.id)) == [action]
    assert flourish.origin_label(action) == "the workshop 'Autumn review'"
    flourish.undo()
    assert flourish.cluster_actions() == []
    assert flourish.workshop(w.id).action_ids == []


def test_a_workshop_agenda_comes_from_the_latest_rounds_findings(flourish, schools):
    this = flourish.start_round("Autumn 2026")
    flourish.rate(schools[0].id, {"impact": (2, "no baseline"), "vision": (9, "shared")})
    w = flourish.add_workshop("Review", start(flourish))
    assert w.round_id == this.id
    findings = w.agenda[1].notes
    assert "To prioritise: Impact measurement" in findings
    assert "Doing well: Shared vision and leadership" in findings
    assert w.end == start(flourish).replace(hour=11, minute=40)  # 2 h 10 by its agenda


def test_an_edited_agenda_is_checked_and_a_bad_one_writes_nothing(flourish, root, snapshot):
    w = flourish.add_workshop("Review", start(flourish))
    flourish.update_workshop(w.id, agenda="20 Welcome\n  coffee first\n40 Findings\n")
    assert [(i.minutes, i.title, i.notes) for i in flourish.workshop(w.id).agenda] == [
        (20, "Welcome", "coffee first"),
        (40, "Findings", ""),
    ]
    before = snapshot(root)
    with pytest.raises(ValidationError, match="Line 1"):
        flourish.update_workshop(w.id, agenda="Welcome\n")
    assert snapshot(root) == before


def test_a_reflection_names_a_real_school_and_replaces_its_last(flourish, schools):
    w = flourish.add_workshop("Review", start(flourish))
    flourish.add_reflection(w.id, "Hillside", worked="visits", hard="cover")
    flourish.add_reflection(w.id, "Hillside", worked="walks")
    assert [(r.worked, r.hard) for r in flourish.workshop(w.id).reflections] == [("walks", "")]
    with pytest.raises(FlourishError, match="No team matches"):
        flourish.add_reflection(w.id, "Nowhere", worked="x")


def test_origins_are_checked_against_what_exists(flourish):
    with pytest.raises(FlourishError, match="condition"):
        flourish.add_cluster_action("X", origin="finding:bananas")
    with pytest.raises(FlourishError, match="No cluster goal"):
        flourish.add_cluster_action("X", origin="goal:abcd1234")
    goal = flourish.add_cluster_goal(now="informal", want="a board", area="governance")
    made = flourish.add_cluster_action("X", origin=f"goal:{goal.id[:6]}")
    assert made.origin == f"goal:{goal.id}"
    assert flourish.origin_label(made) == "the cluster goal 'a board'"


def test_goals_link_cluster_actions_and_keep_their_area(flourish):
    plan = flourish.add_cluster_goal(now="we count activity", want="we show impact")
    gov = flourish.add_cluster_goal(now="a committee", want="a board", area="governance")
    action = flourish.add_cluster_action("Impact framework")
    flourish.link_cluster_action(plan.id, action.id)
    flourish.link_cluster_action(plan.id, action.id)  # again: no change, no step
    assert flourish.cluster_goal_actions(flourish.cluster_goal(plan.id)) == [action]
    assert flourish.cluster_goals("governance") == [gov]
    assert flourish.undo() == "Linked 'Impact framework'"
    with pytest.raises(ValidationError, match="not linked"):
        flourish.link_cluster_action(plan.id, action.id, unlink=True)


def test_journey_steps_take_a_question_and_real_schools(flourish, schools):
    made = flourish.add_journey_step(
        "who", "Two schools join", on=date(2024, 5, 1), schools=["Hillside", "Lake"]
    )
    assert made.team_ids == [schools[0].id, schools[2].id]
    lanes = flourish.journey_lanes()
    assert [lane.gap for lane in lanes] == [True, False, True, True, True, True]
    with pytest.raises(ValidationError, match="journey question"):
        flourish.add_journey_step("when", "x")
    flourish.update_journey_step(made.id, question="allies")
    assert flourish.journey_step(made.id).question.value == "allies"


def test_governance_is_one_choice_and_answers_are_a_dated_log(flourish, clock):
    assert flourish.governance().now == ""
    flourish.set_governance(now="alliance")
    flourish.set_governance(moving_to="Community trust")
    choice = flourish.governance()
    assert (choice.now, choice.moving_to) == ("alliance", "trust")
    flourish.answer_governance("trust", 2, "A termly open meeting")
    clock.advance(days=7)
    flourish.answer_governance("trust", "2", "Two community places on the board")
    answers = flourish.governance_answers("trust")
    assert [a.answer for a in answers] == [
        "A termly open meeting",
        "Two community places on the board",
    ]
    with pytest.raises(ValidationError, match="questions 1 to 3"):
        flourish.answer_governance("trust", 9, "x")
    with pytest.raises(ValidationError, match="No governance model"):
        flourish.set_governance(now="monarchy")


def test_removing_a_leader_takes_their_activities_and_undo_brings_both_back(flourish, schools):
    sam = flourish.add_leader("Sam Patel", "Hillside", role="Deputy head")
    act = flourish.add_leader_activity(
        "Sam", "Lead the music project", behaviours="influencing, planning", outcome="report"
    )
    flourish.add_feedback(act.id[:6], "Clear plan", on=date(2026, 11, 1))
    assert flourish.leader_activity(act.id).behaviours == ["influencing", "planning"]
    flourish.delete_leader("sam")
    assert flourish.leaders() == [] and flourish.leader_activities() == []
    flourish.undo()
    assert [p.id for p in flourish.leaders()] == [sam.id]
    assert [f.text for f in flourish.leader_activity(act.id).feedback] == ["Clear plan"]


@pytest.mark.parametrize(
    "verb",
    [
        lambda f: f.add_cluster_action("Title\nwith a break"),
        lambda f: f.add_cluster_action("ok", owner="\x1b[31mred"),
        lambda f: f.add_cluster_action("ok", schools=["Nowhere"]),
        lambda f: f.add_workshop("Review\u202e", f.read_datetime("2027-01-20 09:30")),
        lambda f: f.add_workshop("Review", f.read_datetime("2027-01-20 09:30"), themes=["joy"]),
        lambda f: f.add_leader("Sam", "Hillside", email="not an email"),
        lambda f: f.add_cluster_goal(now="", want="x"),
    ],
)
def test_refused_input_writes_nothing(flourish, schools, root, snapshot, verb):
    before = snapshot(root)
    with pytest.raises(FlourishError):
        verb(flourish)
    assert snapshot(root) == before


def test_the_whole_cluster_week_lists_cluster_actions_and_workshops(flourish, schools):
    flourish.add_cluster_action("Mine", owner="Chair Person", due=date(2026, 11, 24))
    flourish.add_cluster_action("Theirs", owner="Ann Able", due=date(2026, 11, 25))
    flourish.add_workshop(
        "Review",
        flourish.read_datetime("2026-11-26 09:30"),
        attendees=[Person(name="Ann Able")],
    )
    everyone = [i.text for i in flourish.week().items]
    assert {"Mine", "Theirs", "Review at 09:30"} <= set(everyone)
    ann = [i.text for i in flourish.week("Ann Able").items]
    assert "Theirs" in ann and "Review at 09:30" in ann and "Mine" not in ann


def test_the_cluster_pack_has_the_plan_and_a_workshop_pack_no_check_in_note(flourish, schools):
    flourish.log_checkin(
        schools[0].id, notes="CANARY-CONFIDENTIAL", confidential=True, on=date(2026, 11, 20)
    )
    flourish.log_checkin(schools[0].id, notes="CANARY-TEAM-NOTE", on=date(2026, 11, 21))
    made = flourish.add_cluster_action("Shared *CPD*", owner="Chair Person", schools=["all"])
    flourish.cascade_cluster_action(made.id)
    pack = flourish.briefing_pack()
    assert "## The cluster development plan" in pack
    assert "Shared \\*CPD\\* (Chair Person" in pack  # literal, not emphasis
    assert "0 of 3 schools done" in pack
    w = flourish.add_workshop("Review", start(flourish))
    flourish.add_reflection(w.id, "Hillside", worked="visits")
    for html in (False, True):
        text = flourish.workshop_pack(w.id, html=html)
        assert "CANARY" not in text
        assert "visits" in text


def test_progress_follows_a_school_changing_its_linked_action_in_another_window(
    flourish, root, clock, schools
):
    made = flourish.add_cluster_action("Shared CPD", schools=["all"], due=DUE)
    linked = flourish.cascade_cluster_action(made.id)
    assert flourish.cascade(flourish.cluster_action(made.id)).label == "0 of 3 schools done"
    school = Flourish.open(root, clock)
    school.update_action(linked[1].id, status="done")
    school.delete_action(linked[2].id)
    got = flourish.cascade(flourish.cluster_action(made.id))
    assert (got.done, got.schools, got.missing) == (1, 2, (linked[2].team_id,))
    assert [a.team_id for a in flourish.cascade_cluster_action(made.id)] == [linked[2].team_id]


def test_search_finds_the_clusters_own_work_across_the_cluster_only(flourish, schools):
    flourish.add_cluster_action("Moderate writing together", evidence="shared rubric")
    w = flourish.add_workshop("Review", start(flourish))
    flourish.add_issue(w.id, RaisedIssue(kind=IssueKind.POLITICAL, issue="rubric ownership"))
    flourish.add_journey_step("what", "A shared rubric for writing", on=date(2025, 3, 1))
    sam = flourish.add_leader("Sam Patel", "Hillside")
    flourish.add_leader_activity(sam.id, "Chair the rubric working group")
    kinds = sorted(h.kind.value for h in flourish.search("rubric"))
    assert kinds == ["aspiring leader", "cluster action", "journey step", "workshop"]
    assert flourish.search("rubric", team="Hillside") == []  # one team's: its own records
