"""The demo workspace: realistic content through the facade, and safe resets."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from demo import build_demo
from domain.actions import CLOSED_STATUSES, ActionStatus
from domain.challenges import Category, ChallengeKind, Severity
from domain.checkins import CheckInKind
from domain.records import Person
from storage.errors import WorkspaceExists
from storage.facade import Flourish

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # a Sunday; never the real clock


def clock() -> datetime:
    return NOW


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Flourish:
    return build_demo(tmp_path_factory.mktemp("demo") / "ws", clock)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# -- content ---------------------------------------------------------------------------------


def test_the_demo_is_marked_as_a_demo_and_opens_with_the_given_clock(demo):
    assert demo.is_demo
    assert demo.today() == NOW.date()
    cluster = demo.cluster()
    assert cluster.timezone == "Europe/London"
    assert cluster.chair.name and "@" in cluster.chair.email


def test_seven_schools_primary_and_secondary_with_full_teams(demo):
    teams = demo.teams()
    assert len(teams) == 7
    assert {t.school_type for t in teams} == {"primary", "secondary"}
    for team in teams:
        assert 3 <= len(team.members) <= 5, team.name
        assert 1 <= len(team.line_managers) <= 2, team.name
        assert all(m.name and m.role and "@" in m.email for m in team.members)
        assert team.start <= demo.today()
    assert 2 <= len({t.coach.email for t in teams}) <= 3


def test_teams_are_a_few_months_in_with_staggered_starts(demo):
    starts = sorted(t.start for t in demo.teams())
    ago = [(demo.today() - s).days for s in starts]
    assert 90 <= ago[0] <= 180  # the first started 3-6 months ago
    assert ago[-1] < 30  # one joined recently
    assert len(set(starts)) >= 5


def test_every_action_status_is_present_with_owners_from_the_team(demo):
    actions = demo.actions()
    assert {a.status for a in actions} == set(ActionStatus)
    members = {t.id: {m.name for m in t.members} for t in demo.teams()}
    for action in actions:
        if action.status not in CLOSED_STATUSES:  # a head who left keeps what they finished
            assert action.owner in members[action.team_id], action.title
        assert action.success_criteria
        assert action.due is not None
    done = [a for a in actions if a.status is ActionStatus.DONE]
    assert all(a.evidence for a in done)
    assert any(a.notes for a in actions)
    assert any(a.is_overdue(demo.today()) for a in actions)


def test_progress_notes_are_dated_when_they_were_agreed(demo):
    notes = [n for a in demo.actions() for n in a.notes]
    assert all(n.date <= demo.today() for n in notes)
    assert len({n.date for n in notes}) > 5  # not all stamped with today
    assert all(n.by for n in notes)


def test_checkins_are_in_the_past_varied_and_some_confidential(demo):
    checkins = demo.checkins()
    assert all(c.date <= demo.today() for c in checkins)
    kinds = Counter(c.kind for c in checkins)
    assert kinds.most_common(1)[0][0] is CheckInKind.COACHING
    assert {CheckInKind.WORKSHOP, CheckInKind.WEBINAR, CheckInKind.BRIEFING} <= set(kinds)
    assert any(c.confidential for c in checkins)
    assert not all(c.confidential for c in checkins)
    assert any(c.attendees for c in checkins)
    assert any(c.action_ids for c in checkins)
    for team in demo.teams():
        assert len(demo.checkins(team.id)) >= 2, team.name


def test_a_note_carries_markup_like_text_literally(demo):
    notes = [c.notes for c in demo.checkins()]
    tricky = [n for n in notes if '"[bold] is not a priority"' in n]
    assert tricky
    assert "🎉" in tricky[0] and "," in tricky[0]
    assert not any("{" in n or "}" in n for n in notes)  # every placeholder was filled


def test_some_teams_are_overdue_a_checkin_and_others_are_not(demo):
    overdue = [s for s in demo.status() if s.checkin_overdue]
    assert 1 <= len(overdue) <= 2
    assert len(overdue) < len(demo.teams())
    for s in overdue:
        assert (demo.today() - s.last_checkin) > timedelta(weeks=4)


def test_internal_and_external_challenges_in_the_past(demo):
    challenges = demo.challenges()
    assert {c.kind for c in challenges} == set(ChallengeKind)
    categories = {c.category for c in challenges}
    assert {Category.LEADERSHIP_CHANGE, Category.STAFF_SHORTAGE, Category.CRITICAL_INCIDENT} <= (
        categories
    )
    assert {Category.COMPETING_PRIORITIES, Category.NEW_INITIATIVES} <= categories
    assert all(c.raised_on < demo.today() and c.description and c.raised_by for c in challenges)
    assert len({c.team_id for c in challenges}) >= 5


def test_the_school_that_loses_its_head_gets_a_revised_schedule(demo):
    (lost,) = [
        c
        for c in demo.challenges()
        if c.category is Category.LEADERSHIP_CHANGE and c.severity is Severity.CRITICAL
    ]
    (revision,) = demo.revisions(lost.team_id)
    assert revision.challenge_id == lost.id
    assert (revision.shift_days, revision.from_stage) == (14, 2)
    assert demo.timeline(lost.team_id).stages[1].revised
    roles = {m.role for m in demo.team(lost.team_id).members}
    assert {"Acting headteacher", "Executive headteacher"} <= roles


def test_briefings_past_and_upcoming_with_people_and_places(demo):
    briefings = demo.briefings()
    assert len(briefings) >= 5
    now = demo.now()
    assert any(b.start < now for b in briefings)
    assert any(b.start > now for b in briefings)
    assert any(b.team_id is None for b in briefings)
    assert any(b.team_id is not None for b in briefings)
    for b in briefings:
        assert 30 <= b.minutes <= 60
        assert b.start.tzinfo is not None
        assert b.start.weekday() < 5
        assert b.location and b.agenda
        assert b.attendees and all(p.name and "@" in p.email and p.role for p in b.attendees)


# -- determinism -----------------------------------------------------------------------------


def test_the_same_today_gives_the_same_demo(tmp_path, demo):
    again = build_demo(tmp_path / "again", clock)
    assert _shape(again) == _shape(demo)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 3, 29, 23, 30, tzinfo=UTC),  # the night the clocks go forward
        datetime(2027, 6, 18, 15, 0, tzinfo=UTC),  # a Friday in summer
        datetime(2028, 2, 29, 6, 0, tzinfo=UTC),  # a leap day
    ],
)
def test_any_today_gives_a_complete_demo(tmp_path, now):
    fl = build_demo(tmp_path / "ws", lambda: now)
    assert len(fl.teams()) == 7
    assert {a.status for a in fl.actions()} == set(ActionStatus)
    assert 1 <= sum(s.checkin_overdue for s in fl.status()) <= 2


def _shape(fl: Flourish):
    return (
        [(t.name, t.start, len(t.members)) for t in fl.teams()],
        sorted((a.title, a.status, a.due) for a in fl.actions()),
        sorted((c.date, c.kind, c.notes) for c in fl.checkins()),
        [(b.title, b.start) for b in fl.briefings()],
        [(c.title, c.raised_on) for c in fl.challenges()],
    )


# -- resetting -------------------------------------------------------------------------------


def test_an_existing_demo_is_kept_without_force(tmp_path):
    root = tmp_path / "ws"
    build_demo(root, clock)
    before = snapshot(root)
    with pytest.raises(WorkspaceExists, match="--force"):
        build_demo(root, clock)
    assert snapshot(root) == before


def test_force_resets_a_demo(tmp_path):
    root = tmp_path / "ws"
    first_ids = {t.id for t in build_demo(root, clock).teams()}
    (root / "stray.txt").write_text("left by an old demo")
    again = build_demo(root, clock, force=True)
    assert again.is_demo
    assert not (root / "stray.txt").exists()
    assert len(again.teams()) == 7
    assert {t.id for t in again.teams()}.isdisjoint(first_ids)


@pytest.mark.parametrize("force", [False, True])
def test_a_real_workspace_is_never_overwritten(tmp_path, force):
    root = tmp_path / "ws"
    real = Flourish.create(
        root, name="My cluster", timezone="Europe/London", chair=Person(name="Me"), clock=clock
    )
    real.add_team("My school", start=NOW.date(), coach=Person(name="Coach"))
    before = snapshot(root)
    with pytest.raises(WorkspaceExists, match="not a demo; refusing to overwrite it"):
        build_demo(root, clock, force=force)
    assert snapshot(root) == before


@pytest.mark.parametrize("force", [False, True])
def test_a_folder_of_other_files_is_never_overwritten(tmp_path, force):
    root = tmp_path / "ws"
    root.mkdir()
    (root / "notes.txt").write_text("mine")
    with pytest.raises(WorkspaceExists, match="not a Flourish workspace"):
        build_demo(root, clock, force=force)
    assert snapshot(root) == {"notes.txt": b"mine"}


def test_an_empty_folder_is_used(tmp_path):
    root = tmp_path / "ws"
    root.mkdir()
    assert build_demo(root, clock).is_demo
