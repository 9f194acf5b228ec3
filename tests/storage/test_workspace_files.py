"""The workspace's files: owner-only permissions, stale temp files, and damaged files that are
reported (naming a backup to restore from) and never overwritten."""

import os
import stat
from datetime import UTC, date, datetime, timedelta

import pytest

from storage.errors import WorkspaceCorrupt
from storage.facade import Flourish

DAY = date(2026, 11, 20)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- permissions -------------------------------------------------------------------------------


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_folders_are_owner_only_and_files_owner_read_write(umask, root, clock, add_team):
    team = add_team("Hillside Primary")
    add_team("Valley High")
    f = Flourish.open(root, clock=clock)  # takes the first backup
    f.log_checkin(team.id, on=DAY, notes="Confidential: head teacher on leave")
    f.add_briefing("Term briefing", start=clock() + timedelta(days=7))

    folders = [root, root / "teams", root / "backups", *(root / "backups").rglob("*")]
    folders = [p for p in folders if p.is_dir()]
    files = [root / ".lock", *(p for p in root.rglob("*") if p.is_file())]
    assert len(folders) == 5  # root, teams, backups, backups/<stamp>, backups/<stamp>/teams
    assert len([p for p in files if p.suffix == ".json"]) == 6  # 3 live + 3 backed up
    assert {str(p.relative_to(root)): oct(mode(p)) for p in folders} == {
        str(p.relative_to(root)): "0o700" for p in folders
    }
    assert {str(p.relative_to(root)): oct(mode(p)) for p in files} == {
        str(p.relative_to(root)): "0o600" for p in files
    }


# -- stale temp files --------------------------------------------------------------------------


def test_stale_temp_files_are_removed_on_open_and_real_files_kept(
    root, clock, team, team_path, snapshot, temp_files
):
    stale = [
        root / ".cluster.json.k2j3h4.tmp",
        root / "teams" / f".{team_path.name}.a8b9c0.tmp",
    ]
    for path in stale:
        path.write_bytes(b'{"half": "writ')
    before = snapshot(root)

    f = Flourish.open(root, clock=clock)

    assert temp_files(root) == []
    after = snapshot(root)
    for name, data in before.items():
        if not name.endswith(".tmp"):
            assert after[name] == data, name
    assert [t.name for t in f.teams()] == ["Hillside Primary"]


# -- damaged files -----------------------------------------------------------------------------

GARBAGE = b'{"checkins": {"1": {"id": "5e1c'  # a file cut short mid-write


@pytest.fixture
def backed_up(root, clock, team):
    """The workspace after one session: a check-in logged and a backup taken on open."""
    Flourish.open(root, clock=clock).log_checkin(team.id, on=DAY, notes="First visit")
    (backup,) = (root / "backups").iterdir()
    return backup


def test_damaged_team_file_names_itself_and_its_backup_and_is_left_untouched(
    root, clock, team, team_path, backed_up
):
    team_path.write_bytes(GARBAGE)
    f = Flourish.open(root, clock=clock)

    with pytest.raises(WorkspaceCorrupt) as error:
        f.checkins(team.id)

    message = str(error.value)
    assert str(team_path) in message
    assert str(backed_up / "teams" / team_path.name) in message
    assert team_path.read_bytes() == GARBAGE


def test_writing_to_a_damaged_team_file_refuses_instead_of_overwriting(
    root, clock, team, team_path, backed_up
):
    team_path.write_bytes(GARBAGE)
    f = Flourish.open(root, clock=clock)

    with pytest.raises(WorkspaceCorrupt, match="left untouched"):
        f.log_checkin(team.id, on=DAY, notes="Second visit")
    with pytest.raises(WorkspaceCorrupt):
        f.add_action(team.id, "Plan staff meeting")
    with pytest.raises(WorkspaceCorrupt):
        f.raise_challenge(team.id, category="staff-shortage", title="Two teachers off")

    assert team_path.read_bytes() == GARBAGE


def test_damaged_cluster_file_stops_open_and_names_its_backup(root, clock, backed_up):
    cluster = root / "cluster.json"
    cluster.write_bytes(b"\x00\x00\x00\x00")

    with pytest.raises(WorkspaceCorrupt) as error:
        Flourish.open(root, clock=clock)

    assert str(cluster) in str(error.value)
    assert str(backed_up / "cluster.json") in str(error.value)
    assert cluster.read_bytes() == b"\x00\x00\x00\x00"


def test_valid_json_that_is_not_a_workspace_file_is_reported_not_replaced(
    root, clock, team, team_path, backed_up
):
    team_path.write_bytes(b"[1, 2, 3]")
    f = Flourish.open(root, clock=clock)

    with pytest.raises(WorkspaceCorrupt, match="not a Flourish workspace file"):
        f.log_checkin(team.id, on=DAY, notes="Second visit")

    assert team_path.read_bytes() == b"[1, 2, 3]"


def test_no_backup_is_taken_while_a_file_is_damaged_so_good_copies_survive(
    root, clock, team, team_path, backed_up
):
    team_path.write_bytes(GARBAGE)
    for _ in range(12):  # more days than backups are kept
        clock.advance(days=2)
        f = Flourish.open(root, clock=clock)
    assert list((root / "backups").iterdir()) == [backed_up]

    with pytest.raises(WorkspaceCorrupt) as error:
        f.checkins(team.id)

    assert str(backed_up / "teams" / team_path.name) in str(error.value)


def test_damaged_file_with_no_readable_backup_says_so(root, clock, team, team_path):
    team_path.write_bytes(GARBAGE)
    f = Flourish.open(root, clock=clock)  # no backup is taken of a damaged workspace

    with pytest.raises(WorkspaceCorrupt, match="no backup") as error:
        f.log_checkin(team.id, on=DAY, notes="Visit")

    assert str(team_path) in str(error.value)
    assert team_path.read_bytes() == GARBAGE


def test_damaged_cluster_file_before_any_backup_says_there_is_none(root, flourish):
    cluster = root / "cluster.json"
    cluster.write_bytes(b"")

    with pytest.raises(WorkspaceCorrupt, match="no backup"):
        Flourish.open(root, clock=flourish.ws.clock)

    assert cluster.read_bytes() == b""


SHAPES_NOW = datetime(2026, 11, 22, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "content", [b"{}", b'{"_meta": {"format": 1}}', b'{"_meta": {"1": {"x": 1}}}', b'{"_meta": 3}']
)
def test_a_cluster_file_of_the_wrong_shape_is_refused_and_never_backed_up(tmp_path, content):
    from storage.workspace import Workspace

    root = tmp_path / "ws"
    Workspace.create(root, lambda: SHAPES_NOW)
    (root / "cluster.json").write_bytes(content)
    for _ in range(2):  # the second time, the message must not offer a copy of the damage
        with pytest.raises(WorkspaceCorrupt, match="not a Flourish workspace file") as e:
            Workspace.open(root, lambda: SHAPES_NOW)
        assert "backup of it" in str(e.value) or "no backup" in str(e.value).lower()
    assert (root / "cluster.json").read_bytes() == content
    for backup in (root / "backups").glob("*/cluster.json"):
        assert backup.read_bytes() != content


def test_a_listing_of_every_team_reads_each_table_alike_and_names_a_damaged_file(
    root, clock, team, team_path, backed_up
):
    f = Flourish.open(root, clock=clock)
    f.log_checkin(team.id, on=DAY, notes="Second visit", attendees=["Ann Able"])
    f.add_action(team.id, "Plan staff meeting")
    file = f.ws.team_file(team.id)
    # Read straight from the bytes, one table only, as listings of every team do.
    assert file.each("checkins", type(f.checkins()[0])) == file.all(
        "checkins", type(f.checkins()[0])
    )
    fresh = Flourish.open(root, clock=clock)
    assert fresh.checkins() == fresh.checkins(team.id)  # every team's listing, one team's read
    # A record no Flourish could have written: the listing names the file, as a read does.
    text = team_path.read_text().replace('"2026-11-20"', '"2026-13-45"')
    team_path.write_text(text)
    with pytest.raises(WorkspaceCorrupt) as error:
        Flourish.open(root, clock=clock).checkins()
    assert str(team_path) in str(error.value)
    team_path.write_bytes(GARBAGE)
    with pytest.raises(WorkspaceCorrupt, match="left untouched"):
        Flourish.open(root, clock=clock).actions()
