"""The status cache (storage/status_cache.py): a new session reads each team's facts from one
small file, and works out again exactly the teams whose file, profile or template changed. A
new day reads the same facts on the new date: no team file is parsed, yet the figures are the
new day's. A damaged cache is ignored and replaced, never reported. Nothing here reads the real
clock."""

import os
import stat
from dataclasses import replace
from datetime import date, timedelta

import msgspec
import pytest

import storage.facade.status
from domain.records import Person
from domain.status import team_facts, team_status
from storage import status_cache
from storage.atomic import AtomicJSONStorage
from storage.facade import CLUSTER, Flourish
from storage.status_cache import CACHE_FILE

DAY = date(2026, 11, 20)


@pytest.fixture
def teams(add_team) -> list:
    return [add_team("Hillside Primary"), add_team("Valley High"), add_team("Brook Infants")]


@pytest.fixture
def reworked(monkeypatch) -> list[str]:
    """The ids of the teams whose facts the facade works out from their records."""
    calls: list[str] = []

    def spy(team, *args, **kwargs):
        calls.append(team.id)
        return team_facts(team, *args, **kwargs)

    monkeypatch.setattr(storage.facade.status, "team_facts", spy)
    return calls


@pytest.fixture
def team_files_read(monkeypatch) -> list[str]:
    """The names of the team files read from disk (and parsed), in order."""
    reads: list[str] = []
    load = AtomicJSONStorage._load

    def spy(self):
        if self.path.parent.name == "teams":
            reads.append(self.path.name)
        return load(self)

    monkeypatch.setattr(AtomicJSONStorage, "_load", spy)
    return reads


def worked_out(f: Flourish) -> dict:
    """Every team's status worked out from its records, with no cache involved."""
    cluster, today = f.cluster(), f.today()
    return {
        t.id: team_status(
            t,
            cluster.template,
            today,
            checkins=f.checkins(t.id),
            actions=f.actions(t.id),
            challenges=f.challenges(t.id),
            revisions=f.revisions(t.id),
            response_days=cluster.response_days,
        )
        for t in f.teams()
    }


def by_team(statuses) -> dict:
    return {s.team.id: s for s in statuses}


# -- reading ---------------------------------------------------------------------------------


def test_a_new_session_reads_every_status_from_the_cache(
    root, clock, teams, reworked, team_files_read
):
    first = Flourish.open(root, clock=clock)
    first.log_checkin(teams[0].id, on=DAY, notes="First visit")
    first.add_action(teams[1].id, "Draft the plan", due=DAY - timedelta(days=3))
    expected = by_team(first.status())
    assert sorted(reworked) == sorted(t.id for t in teams)
    assert (root / CACHE_FILE).exists()

    reworked.clear()
    team_files_read.clear()
    again = Flourish.open(root, clock=clock)
    assert by_team(again.status()) == expected
    assert reworked == [] and team_files_read == []  # nothing parsed: all from the cache
    assert expected == worked_out(again)


def test_the_cache_file_is_owner_only(root, clock, teams):
    old = os.umask(0)
    try:
        Flourish.open(root, clock=clock).status()
    finally:
        os.umask(old)
    assert stat.S_IMODE((root / CACHE_FILE).stat().st_mode) == 0o600


# -- what makes a saved status stale ---------------------------------------------------------


def test_a_checkin_logged_by_another_session_shows_at_once(root, clock, teams, reworked):
    tui = Flourish.open(root, clock=clock)  # as the app holds one
    tui.status()
    cli = Flourish.open(root, clock=clock)  # as `flourish checkin add` does
    cli.log_checkin(teams[1].id, on=DAY, notes="Logged from the shell")

    reworked.clear()
    statuses = by_team(tui.status())
    assert statuses[teams[1].id].last_checkin == DAY
    assert statuses == worked_out(tui)
    assert reworked == [teams[1].id]  # only the team whose file changed

    reworked.clear()
    later = Flourish.open(root, clock=clock)  # and the next session reads the new figures
    assert by_team(later.status()) == statuses
    assert reworked == []


def test_a_team_edited_by_another_session_is_worked_out_again(root, clock, teams):
    tui = Flourish.open(root, clock=clock)
    tui.status()
    Flourish.open(root, clock=clock).update_team(teams[2].id, start=date(2026, 10, 5))

    for f in (tui, Flourish.open(root, clock=clock)):
        statuses = by_team(f.status())
        assert statuses[teams[2].id].timeline.start == date(2026, 10, 5)
        assert statuses == worked_out(f)


def test_a_new_day_reads_no_team_file_yet_gives_the_new_days_figures(
    root, clock, teams, reworked, team_files_read
):
    f = Flourish.open(root, clock=clock)
    f.log_checkin(teams[0].id, on=DAY, notes="First visit")  # next one due on 18 December
    f.add_action(teams[1].id, "Draft the plan", due=DAY + timedelta(days=5))
    before = by_team(f.status())
    assert not before[teams[0].id].checkin_overdue
    assert before[teams[1].id].actions_overdue == 0

    clock.advance(days=30)  # the same session, as an app left open for a month
    reworked.clear()
    team_files_read.clear()
    after = by_team(f.status())
    assert (reworked, team_files_read) == ([], [])
    assert after[teams[0].id].checkin_due == before[teams[0].id].checkin_due == date(2026, 12, 18)
    assert f.today() == date(2026, 12, 22)
    assert after[teams[0].id].checkin_overdue_days == 4
    assert after[teams[1].id].actions_overdue == 1
    assert after[teams[0].id].percent > before[teams[0].id].percent
    assert after == worked_out(f)

    clock.advance(days=1)  # and the next session, the next day: the first open of a day
    reworked.clear()
    team_files_read.clear()
    later = Flourish.open(root, clock=clock)
    statuses = by_team(later.status())
    assert (reworked, team_files_read) == ([], [])
    assert statuses[teams[0].id].checkin_overdue_days == 5
    assert statuses == worked_out(later)


def test_the_cache_holds_no_day(root, clock, teams):
    Flourish.open(root, clock=clock).status()
    assert b"today" not in (root / CACHE_FILE).read_bytes()
    clock.advance(days=400)  # long after every program has finished
    f = Flourish.open(root, clock=clock)
    assert set(status_cache.load(root, f.cluster().template)) == {t.id for t in teams}
    statuses = by_team(f.status())
    assert all(s.checkin_due is None and s.phase == "finished" for s in statuses.values())
    assert statuses == worked_out(f)


def test_a_changed_template_works_every_status_out_again(root, clock, teams):
    f = Flourish.open(root, clock=clock)
    due = {k: s.checkin_due for k, s in by_team(f.status()).items()}
    cluster = f.cluster()
    with f.ws.writing():  # as an edit of the cluster's cadence would
        f.ws.cluster_file.put(CLUSTER, replace(cluster, template=cluster.template.with_cadence(1)))

    statuses = by_team(Flourish.open(root, clock=clock).status())
    assert all(statuses[k].checkin_due < due[k] for k in due)
    assert statuses == worked_out(f)


# -- challenges overdue: the cluster's response time, read on each day -------------------------


def test_challenges_overdue_after_the_response_days_without_reparsing(
    root, clock, teams, reworked, team_files_read
):
    f = Flourish.open(root, clock=clock)
    team = teams[0].id
    waiting = f.raise_challenge(team, category="staff-shortage", title="Two teachers off")
    f.escalate_challenge(waiting.id, reason="Cover gone", schedule_impact="Stage 2 slips")
    answered = f.raise_challenge(team, category="staff-shortage", title="Head on leave")
    f.escalate_challenge(answered.id, reason="No cover", schedule_impact="A month late")
    f.respond_to_challenge(answered.id, kind="meeting", outcome="Met the deputy")
    assert by_team(f.status())[team].challenges_overdue == 0
    assert by_team(f.status())[team].challenges_escalated == 2

    reworked.clear()
    team_files_read.clear()
    clock.advance(days=7)  # the response time: not overdue yet
    assert f.cluster().response_days == 7
    assert by_team(Flourish.open(root, clock=clock).status())[team].challenges_overdue == 0
    clock.advance(days=1)  # a day past it: overdue (the answered one never is)
    statuses = by_team(Flourish.open(root, clock=clock).status())
    assert statuses[team].challenges_overdue == 1
    assert (reworked, team_files_read) == ([], [])
    assert f.challenge_overdue(f.challenge(waiting.id))
    assert not f.challenge_overdue(f.challenge(answered.id))
    assert statuses == worked_out(f)

    f.update_cluster(response_days=10)  # the cluster file changes, no team file does
    reworked.clear()
    team_files_read.clear()
    later = Flourish.open(root, clock=clock)
    assert by_team(later.status())[team].challenges_overdue == 0
    clock.advance(days=3)  # 11 days waiting: past 10
    assert by_team(later.status())[team].challenges_overdue == 1
    assert (reworked, team_files_read) == ([], [])
    assert by_team(later.status()) == worked_out(later)

    f.update_cluster(response_days=30)  # the long-lived session follows it too
    assert by_team(f.status())[team].challenges_overdue == 0


# -- a cache that cannot be used --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'{"version": 2, "template": {"stages": [',  # cut short mid-write
        b"\x00\xff not json at all",
        b"[]",
        b'{"version": 1}',
        b'{"version": 999, "template": {}, "teams": {}}',
    ],
    ids=["empty", "cut-short", "binary", "a-list", "missing-fields", "other-version"],
)
def test_a_damaged_cache_is_ignored_and_replaced(root, clock, teams, content):
    Flourish.open(root, clock=clock).status()
    (root / CACHE_FILE).write_bytes(content)

    f = Flourish.open(root, clock=clock)
    assert by_team(f.status()) == worked_out(f)  # no error, the right figures

    assert set(status_cache.load(root, f.cluster().template)) == {t.id for t in teams}


def test_a_cache_of_the_first_version_is_ignored(root, clock, teams, reworked):
    """Version 1 saved one day's statuses; they must not be read as facts."""
    f = Flourish.open(root, clock=clock)
    old = {
        "version": 1,
        "today": f.today(),
        "template": f.cluster().template,
        "teams": {s.team.id: {"stamp": [1, 2, 3], "status": s} for s in f.status()},
    }
    (root / CACHE_FILE).write_bytes(msgspec.json.encode(old))
    assert status_cache.load(root, f.cluster().template) == {}

    reworked.clear()
    again = Flourish.open(root, clock=clock)
    assert by_team(again.status()) == worked_out(again)
    assert sorted(reworked) == sorted(t.id for t in teams)


def test_a_cache_that_cannot_be_read_or_saved_is_not_an_error(root, clock, teams):
    (root / CACHE_FILE).mkdir()  # neither readable as a file nor replaceable
    f = Flourish.open(root, clock=clock)
    assert by_team(f.status()) == worked_out(f)


def test_a_failed_save_is_not_an_error(root, clock, teams, monkeypatch):
    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(status_cache, "atomic_write", disk_full)
    f = Flourish.open(root, clock=clock)
    assert by_team(f.status()) == worked_out(f)
    assert not (root / CACHE_FILE).exists()


# -- the cache is not workspace data ----------------------------------------------------------


def test_the_cache_is_neither_a_team_file_nor_backed_up_nor_a_change(root, clock, teams):
    f = Flourish.open(root, clock=clock)  # takes the day's backup
    fingerprint = f.ws.fingerprint()
    f.status()
    assert (root / CACHE_FILE).exists()
    # Saving it must not look like a change to the app, which would reload, save it...
    assert f.ws.fingerprint() == fingerprint
    assert sorted(f.ws.team_ids_on_disk()) == sorted(t.id for t in teams)

    clock.advance(days=1)
    later = Flourish.open(root, clock=clock)  # the next day's backup
    backup = later.ws.backups()[0]
    assert not list(backup.rglob(CACHE_FILE))
    assert len(later.status()) == len(teams)


def test_a_new_team_gets_a_status_and_a_saved_one(root, clock, teams):
    f = Flourish.open(root, clock=clock)
    f.status()
    team = f.add_team("New Academy", start=DAY, coach=Person(name="Coach"))
    assert team.id in by_team(f.status())
    assert team.id in status_cache.load(root, f.cluster().template)
