"""The cluster's own work shared through git: each laptop's plan, journey, workshop and
leaders' records reach the others, and what two laptops add to one record is all kept."""

from datetime import date

from domain.workshops import IssueKind, RaisedIssue
from tests.sync.conftest import Cluster


def test_the_cluster_plan_journey_and_governance_reach_every_laptop(three: Cluster):
    a, b, c = three.replicas
    made = a.fl.add_cluster_action("Shared CPD", owner="Alex Chair", schools=["all"])
    b.fl.add_journey_step("why", "Heads meet about learning", on=date(2021, 3, 1))
    c.fl.set_governance(now="alliance", moving_to="trust")
    three.sync_all()
    for r in three.replicas:
        fl = r.fl
        assert [x.id for x in fl.cluster_actions()] == [made.id]
        assert [s.what for s in fl.journey()] == ["Heads meet about learning"]
        assert (fl.governance().now, fl.governance().moving_to) == ("alliance", "trust")
    assert three.converged()


def test_notes_issues_and_feedback_added_on_two_laptops_are_all_kept(two: Cluster):
    a, b = two.replicas
    action = a.fl.add_cluster_action("Shared CPD")
    w = a.fl.add_workshop("Review", a.fl.read_datetime("2027-01-20 09:30"))
    leader = a.fl.add_leader("Sam Patel", "Hillside")
    activity = a.fl.add_leader_activity(leader.id, "Lead the music project")
    two.sync_all()
    a.fl.update_cluster_action(action.id, note="from the chair")
    b.fl.update_cluster_action(action.id, note="from the coach")
    a.fl.add_issue(w.id, RaisedIssue(kind=IssueKind.POLITICAL, issue="ranking fears"))
    b.fl.add_issue(w.id, RaisedIssue(kind=IssueKind.EMOTIONAL, issue="feeling absorbed"))
    a.fl.add_feedback(activity.id, "clear plan", on=date(2026, 11, 1))
    b.fl.add_feedback(activity.id, "bring staff in", on=date(2026, 11, 2))
    two.sync_all()
    for r in two.replicas:
        fl = r.fl
        notes = sorted(n.text for n in fl.cluster_action(action.id).notes)
        assert notes == ["from the chair", "from the coach"]
        assert sorted(i.issue for i in fl.workshop(w.id).issues) == [
            "feeling absorbed",
            "ranking fears",
        ]
        assert [f.text for f in fl.leader_activity(activity.id).feedback] == [
            "clear plan",
            "bring staff in",
        ]
        with r.share() as s:
            assert s.conflicts() == []
    assert two.converged()
