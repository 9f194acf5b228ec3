"""What coaches and the chair see when they share a cluster: each scenario ends in an exact
state on every replica."""

import subprocess
from datetime import date

import orjson
import pytest

from storage.sync.share import ShareError
from tests.sync.conftest import Cluster, build


def test_a_checkin_logged_on_one_laptop_reaches_the_other(two: Cluster):
    a, b = two.replicas
    logged = a.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="Went well")
    report = a.sync()
    assert report.shared == 1 and report.exit_code == 0
    report = b.sync()
    assert report.received == 1 and report.senders == ["Alex Chair"]
    assert b.fl.checkin(logged.id).notes == "Went well"
    assert a.data() == b.data()


def test_different_fields_of_one_action_both_survive(two: Cluster):
    a, b = two.replicas
    a.fl.update_action(two.action_id, owner="Deputy head")
    b.fl.update_action(two.action_id, status="in-progress")
    two.sync_all()
    for r in two.replicas:
        action = r.fl.action(two.action_id)
        assert (action.owner, action.status) == ("Deputy head", "in-progress")
        with r.share() as s:
            assert s.conflicts() == []
    assert two.converged()


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_the_same_field_edited_on_three_laptops_converges_with_one_conflict(three, order):
    for r in three.replicas:
        r.fl.update_action(three.action_id, title=f"Title from {r.name}")
    for i in order:
        three.replicas[i].sync()
    three.sync_all()
    titles = {r.fl.action(three.action_id).title for r in three.replicas}
    assert len(titles) == 1
    assert three.converged()
    for r in three.replicas:
        with r.share() as s:
            found = s.conflicts()
        # one field in question, with the two values that lost
        assert {c.field for c in found} == {"title"}
        assert sorted(c.other for c in found) == sorted(
            f"Title from {x.name}" for x in three.replicas if f"Title from {x.name}" not in titles
        )


def test_a_resolution_stays_resolved_when_a_stale_laptop_syncs_later(three: Cluster):
    a, b, c = three.replicas
    a.fl.update_action(three.action_id, title="A's title")
    b.fl.update_action(three.action_id, title="B's title")
    a.sync(), b.sync(), a.sync()
    with a.share() as s:
        (conflict,) = s.conflicts()
        assert {conflict.kept, conflict.other} == {"A's title", "B's title"}
        assert conflict.mine == ("kept" if conflict.kept == "A's title" else "other")
        wanted = conflict.other  # the value that lost, whoever's it was
        s.resolve(conflict.id, "theirs" if conflict.mine == "kept" else "mine")
    assert a.fl.action(three.action_id).title == wanted
    a.sync()
    c.sync()  # c was never in on it: it gets the resolved state
    b.sync()
    for r in three.replicas:
        with r.share() as s:
            assert s.conflicts() == []
        assert r.fl.action(three.action_id).title == wanted
    assert three.converged()


def test_three_laptops_adding_to_one_challenge_keep_every_entry(three: Cluster):
    a, b, c = three.replicas
    a.fl.update_challenge(three.challenge_id, title="Two teachers leave in spring")
    b.fl.escalate_challenge(three.challenge_id, reason="No cover", schedule_impact="Stage 2 slips")
    c.fl.update_action(three.action_id, note="Booked the hall")
    a.fl.update_action(three.action_id, note="Agenda drafted")
    three.sync_all()
    assert three.converged()
    challenge = a.fl.challenge(three.challenge_id)
    whats = [h.what for h in challenge.history]
    assert len(whats) == len(set(map(str, challenge.history))) == 3  # raised, edited, escalated
    assert challenge.is_escalated and challenge.title == "Two teachers leave in spring"
    notes = sorted(n.text for n in a.fl.action(three.action_id).notes)
    assert notes == ["Agenda drafted", "Booked the hall"]
    before = a.data()
    three.sync_all()
    assert a.data() == before  # a sync with nothing new changes nothing


def test_withdraw_while_the_chair_responds_is_flagged_for_review(two: Cluster):
    a, b = two.replicas
    b.fl.escalate_challenge(two.challenge_id, reason="No cover", schedule_impact="Slips")
    two.sync_all()
    a.fl.respond_to_challenge(two.challenge_id, kind="meeting", outcome="Met the head")
    b.fl.withdraw_challenge(two.challenge_id, reason="Sorted ourselves")
    two.sync_all()
    assert two.converged()
    challenge = a.fl.challenge(two.challenge_id)
    statuses = [str(h.status) for h in challenge.history]
    assert "withdrawn" in statuses and len(challenge.responses) == 1
    with a.share() as s:
        (conflict,) = s.conflicts()
    assert conflict.field == "lifecycle" and "moved" in conflict.note


def test_an_edit_while_someone_deletes_brings_the_record_back_flagged(two: Cluster):
    a, b = two.replicas
    logged = a.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="First")
    two.sync_all()
    a.fl.delete_checkin(logged.id)
    b.fl.update_checkin(logged.id, notes="Corrected")
    two.sync_all()
    assert two.converged()
    assert a.fl.checkin(logged.id).notes == "Corrected"
    with a.share() as s:
        (conflict,) = s.conflicts()
        assert conflict.field == "deleted"
        s.resolve(conflict.id, "mine")  # a deleted it: delete it after all
    two.sync_all()
    assert all(r.fl.checkins(two.team_id) == [] for r in two.replicas)


def test_a_record_brought_back_can_be_kept(two: Cluster):
    a, b = two.replicas
    logged = a.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="First")
    two.sync_all()
    a.fl.delete_checkin(logged.id)
    b.fl.update_checkin(logged.id, notes="Corrected")
    two.sync_all()
    with b.share() as s:
        (conflict,) = s.conflicts()
        s.decide(conflict.id, take_other=False)  # keep it
    two.sync_all()
    assert two.converged()
    assert [c.notes for c in a.fl.checkins(two.team_id)] == ["Corrected"]
    with a.share() as s:
        assert s.conflicts() == []


def test_a_delete_on_both_sides_is_one_deletion(two: Cluster):
    a, b = two.replicas
    logged = a.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="Twice")
    two.sync_all()
    a.fl.delete_checkin(logged.id)
    b.fl.delete_checkin(logged.id)
    two.sync_all()
    assert all(r.fl.checkins(two.team_id) == [] for r in two.replicas)
    with a.share() as s:
        assert s.conflicts() == []


def test_a_clock_a_year_ahead_and_one_a_day_behind_still_converge(tmp_path):
    cluster = build(tmp_path, 3, skews=(0, 365 * 86400, -86400))
    a, b, c = cluster.replicas
    b.fl.update_action(cluster.action_id, owner="From the future")
    c.fl.update_action(cluster.action_id, owner="From yesterday")
    c.sync()
    report = b.sync()
    a_report = a.sync()
    assert a_report.skew  # the year-ahead stamp is pointed out
    assert a.fl.action(cluster.action_id).owner == "From the future"
    # An edit made after seeing the skewed value wins, whatever the wall clocks say.
    a.fl.update_action(cluster.action_id, owner="After seeing it")
    cluster.sync_all()
    assert cluster.converged()
    assert c.fl.action(cluster.action_id).owner == "After seeing it"
    assert report.exit_code in (0, 3)


def test_an_unreachable_remote_keeps_local_work_and_catches_up_later(two: Cluster):
    a, b = two.replicas
    moved = two.remote.with_name("away.git")
    two.remote.rename(moved)
    a.fl.update_action(two.action_id, owner="Offline edit")
    report = a.sync()
    assert report.exit_code == 4 and "could not be reached" in report.offline
    assert report.shared == 1  # still waiting to be shared
    assert a.fl.action(two.action_id).owner == "Offline edit"
    moved.rename(two.remote)
    assert a.sync().exit_code == 0
    b.sync()
    assert b.fl.action(two.action_id).owner == "Offline edit"


def test_confidential_notes_are_nowhere_in_any_repository(two_people: Cluster):
    two = two_people
    a, b = two.replicas
    secret = a.fl.log_checkin(
        two.team_id, on=date(2026, 11, 30), notes="CANARY-7f3a private", confidential=True
    )
    a.fl.update_checkin(secret.id, notes="CANARY-7f3a private, edited")
    two.sync_all()
    assert b.fl.checkin(secret.id).confidential  # the check-in itself is shared
    assert "CANARY" not in b.fl.checkin(secret.id).notes
    assert "CANARY" in a.fl.checkin(secret.id).notes  # and kept where it was written
    for repo in (two.remote, a.root / "share.git", b.root / "share.git"):
        objects = subprocess.run(
            ["git", "--git-dir", str(repo), "cat-file", "--batch-all-objects", "--batch"],
            capture_output=True,
            check=True,
        ).stdout
        assert objects and b"CANARY" not in objects


def test_undo_after_a_sync(two: Cluster):
    a, b = two.replicas
    fl_a = a.fl
    fl_a.update_action(two.action_id, owner="Undo me")
    a.sync(), b.sync()
    fl_a.undo()  # after publishing: a new change that reaches the others
    a.sync(), b.sync()
    assert b.fl.action(two.action_id).owner == "Head"
    fl_b = b.fl
    fl_b.update_action(two.action_id, title="B's change")
    a.clock.tick(3600)  # A's edit is an hour later: it wins
    a.fl.update_action(two.action_id, title="A's later change")
    a.sync(), b.sync()
    with pytest.raises(Exception, match="Alex Chair"):
        fl_b.undo()  # someone else changed it since: refused, naming them


def test_a_copied_workspace_is_stopped_before_it_shares(two: Cluster, tmp_path, monkeypatch):
    a, _ = two.replicas
    monkeypatch.setenv("FLOURISH_CONFIG", str(tmp_path / "other-laptop" / "config.toml"))
    with pytest.raises(ShareError, match="copied from another computer"):
        a.sync()
    with a.share() as s:
        s.repair()
    assert a.sync().exit_code == 0
    with a.share() as s:
        (chair,) = [m for m in s.members() if m["role"] == "chair"]
    assert chair["workspaces"] == 2


def test_a_share_from_a_newer_flourish_is_left_alone(two: Cluster):
    a, b = two.replicas
    two.sync_all()
    with a.share() as s:
        head = s.repo.ref(b"refs/heads/main")
        newer = s.repo.write(
            s.repo.tree(head),
            {"FLOURISH-SHARE.json": b'{"format": 99}'},
            [head],
            "X <x@x>",
            "X <x@x>",
            "newer",
            a.clock(),
        )
        s.repo.push(str(two.remote), newer, head)
    before = b.data()
    with pytest.raises(ShareError, match="newer Flourish"):
        b.sync()
    assert b.data() == before


def test_two_laptops_pushing_at_once_both_get_through(two: Cluster):
    a, b = two.replicas
    a.fl.update_action(two.action_id, owner="A")
    b.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="B's")
    procs = [
        subprocess.Popen(
            [".venv/bin/flourish", "--workspace", str(r.root), "sync"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for r in (a, b)
    ]
    codes = [p.wait(timeout=60) for p in procs]
    assert codes == [0, 0], [p.stderr.read() for p in procs]
    two.sync_all()
    assert two.converged()
    assert b.fl.action(two.action_id).owner == "A"
    assert len(a.fl.checkins(two.team_id)) == 1


def test_the_same_pulse_month_entered_on_two_laptops_is_one_result(two: Cluster):
    a, b = two.replicas
    a.fl.record_pulse(two.team_id, date(2026, 11, 1), {"trust": (3.8, 12)})
    b.fl.record_pulse(two.team_id, date(2026, 11, 1), {"trust": (3.8, 12)})
    two.sync_all()
    assert two.converged()
    results = a.fl.pulse_results(two.team_id)
    assert [(r.dimension, r.score) for r in results] == [("trust", 3.8)]
    with a.share() as s:
        assert s.conflicts() == []  # the same score twice is no clash


def test_a_pulse_recorded_before_sharing_is_the_slot_a_later_entry_replaces(tmp_path):
    from domain.records import Person
    from storage.facade import Flourish
    from storage.sync.share import Share
    from tests.sync.conftest import START, Clock

    clock = Clock(START)
    fl = Flourish.create(
        tmp_path / "a",
        name="City",
        timezone="Europe/London",
        chair=Person(name="Alex", email="a@x.example"),
        clock=clock,
    )
    team = fl.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="Sam"))
    fl.record_pulse(team.id, date(2026, 10, 1), {"trust": (3.0, 9)})
    # As a workspace from before slot ids holds it: an id of its own.
    path = fl.ws.root / "teams" / f"{team.id}.json"
    data = orjson.loads(path.read_bytes())
    (key,) = data["pulse"]
    slot = data["pulse"][key]["id"]
    old = data["pulse"][key] = {**data["pulse"][key], "id": "0b7e5f0e-1c7a-4c59-a0a4-8d1e6a2f9c11"}
    path.write_bytes(orjson.dumps(data))
    with Share.init(fl.ws, str(tmp_path / "remote.git"), Person(name="Alex")):
        pass
    (new,) = fl.record_pulse(team.id, date(2026, 10, 1), {"trust": (3.5, 10)})
    assert new.id == slot != old["id"]  # re-keyed to its slot when the cluster was shared
    assert [r.score for r in Flourish.open(fl.ws.root, clock).pulse_results(team.id)] == [3.5]


def test_a_sync_with_nothing_new_writes_no_workspace_file(two: Cluster):
    a, b = two.replicas
    a.fl.update_action(two.action_id, owner="Once")
    two.sync_all()
    files = [*sorted(b.root.glob("teams/*.json")), b.root / "cluster.json"]
    before = [f.stat().st_mtime_ns for f in files]
    assert b.sync().received == 0
    assert [f.stat().st_mtime_ns for f in files] == before


def test_a_team_removed_while_a_coach_logs_for_it_comes_back_whole(two: Cluster):
    a, b = two.replicas
    kept = a.fl.log_checkin(two.team_id, on=date(2026, 11, 28), notes="Before")
    two.sync_all()
    fl = a.fl
    fl.archive_team(two.team_id)
    fl.remove_team(two.team_id)
    new = b.fl.log_checkin(two.team_id, on=date(2026, 11, 30), notes="Logged meanwhile")
    two.sync_all()
    assert two.converged()
    for r in two.replicas:
        notes = sorted(c.notes for c in r.fl.checkins(two.team_id))
        assert notes == ["Before", "Logged meanwhile"]
        assert r.fl.action(two.action_id).title == "Plan the INSET day"
    with a.share() as s:
        (conflict,) = s.conflicts()
    assert conflict.field == "deleted" and conflict.table == "teams"
    assert kept.id and new.id


def test_notes_joined_by_one_merge_survive_the_next(tmp_path):
    # Cara's clock is a minute ahead: the list Sam's merge joins keeps Cara's stamp, which her
    # own later edit starts from; Sam's note must not be taken for unchanged.
    cluster = build(tmp_path, 3, skews=(0, 0, 60))
    _, sam, cara = cluster.replicas
    sam.fl.update_action(cluster.action_id, note="Sam's note")
    cara.fl.update_action(cluster.action_id, note="Cara's first")
    cara.sync()
    cara.fl.update_action(cluster.action_id, note="Cara's second")
    cluster.sync_all()
    assert cluster.converged()
    notes = sorted(n.text for n in sam.fl.action(cluster.action_id).notes)
    assert notes == ["Cara's first", "Cara's second", "Sam's note"]
