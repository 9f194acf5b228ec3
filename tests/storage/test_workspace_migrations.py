"""Schema migrations: backed up first, applied once to every file, resumable, and never run on
a workspace from a newer Flourish."""

import json
from datetime import date

import orjson
import pytest

import storage.workspace
from storage.errors import SchemaTooNew
from storage.facade import Flourish

DAY = date(2026, 11, 20)


class AddMood:
    """Migration 1 -> 2: every check-in gets a `mood` field and counts how often it was migrated.
    `fail_on_team` makes the nth team file's migration raise, as a bug or a kill would."""

    def __init__(self, fail_on_team: int | None = None):
        self.calls: list[str] = []
        self.fail_on_team = fail_on_team

    def __call__(self, kind: str, data: dict) -> dict:
        self.calls.append(kind)
        if kind == "team" and self.calls.count("team") == self.fail_on_team:
            raise RuntimeError("migration interrupted")
        for checkin in data.get("checkins", {}).values():
            checkin["mood"] = "unknown"
            checkin["migrated"] = checkin.get("migrated", 0) + 1
        return data


@pytest.fixture
def v1_workspace(root, clock, add_team, snapshot):
    """Three teams with check-ins at schema 1; returns the bytes of every file."""
    f = Flourish.open(root, clock=clock)
    for name in ("Ash Primary", "Beech High", "Cedar Academy"):
        team = add_team(name)
        f.log_checkin(team.id, on=DAY, notes=f"{name}: first visit")
        f.log_checkin(team.id, on=DAY, notes=f"{name}: second visit")
    clock.advance(hours=1)  # the migration's backup gets its own timestamp
    return {k: v for k, v in snapshot(root).items() if k.endswith(".json") and "backups" not in k}


@pytest.fixture
def to_v2(monkeypatch):
    def install(migration: AddMood) -> AddMood:
        monkeypatch.setattr(storage.workspace, "SCHEMA_VERSION", 2)
        monkeypatch.setattr(storage.workspace, "MIGRATIONS", {1: migration})
        return migration

    return install


def file_versions(root) -> dict[str, int]:
    files = [root / "cluster.json", *(root / "teams").glob("*.json")]
    return {p.name: orjson.loads(p.read_bytes())["_meta"]["1"]["schema_version"] for p in files}


def stored_checkins(root) -> list[dict]:
    return [
        doc
        for path in (root / "teams").glob("*.json")
        for doc in orjson.loads(path.read_bytes())["checkins"].values()
    ]


def migration_backups(root):
    return sorted((root / "backups").glob("*-before-v2"))


def test_migration_backs_up_the_v1_files_first(root, clock, v1_workspace, to_v2, snapshot):
    to_v2(AddMood())

    Flourish.open(root, clock=clock)

    (backup,) = migration_backups(root)
    assert backup.name == "20261122T100000Z-before-v2"
    assert snapshot(backup) == v1_workspace


def test_migration_upgrades_every_file_once(root, clock, v1_workspace, to_v2):
    migration = to_v2(AddMood())

    f = Flourish.open(root, clock=clock)

    assert sorted(migration.calls) == ["cluster", "team", "team", "team"]
    assert set(file_versions(root).values()) == {2}
    assert f.ws.meta["schema_version"] == 2
    checkins = stored_checkins(root)
    assert len(checkins) == 6
    assert all(c["mood"] == "unknown" and c["migrated"] == 1 for c in checkins)
    assert len(f.checkins()) == 6  # still readable through the facade


def test_migrated_workspace_is_not_migrated_again(root, clock, v1_workspace, to_v2, snapshot):
    migration = to_v2(AddMood())
    Flourish.open(root, clock=clock)
    migrated = snapshot(root)
    migration.calls.clear()

    Flourish.open(root, clock=clock)

    assert migration.calls == []
    assert snapshot(root) == migrated
    assert len(migration_backups(root)) == 1


def test_interrupted_migration_is_finished_by_the_next_open_without_repeating_work(
    root, clock, v1_workspace, to_v2, snapshot
):
    to_v2(AddMood(fail_on_team=2))
    with pytest.raises(RuntimeError, match="migration interrupted"):
        Flourish.open(root, clock=clock)
    assert sorted(file_versions(root).values()) == [1, 1, 1, 2]  # one team file done

    clock.advance(minutes=5)
    resumed = to_v2(AddMood())
    f = Flourish.open(root, clock=clock)

    assert sorted(resumed.calls) == ["cluster", "team", "team"]  # the done file is skipped
    assert set(file_versions(root).values()) == {2}
    assert all(c["migrated"] == 1 for c in stored_checkins(root))
    assert len(f.checkins()) == 6
    first_backup = migration_backups(root)[0]
    assert snapshot(first_backup) == v1_workspace  # the v1 bytes are still there to restore


def test_workspace_from_a_newer_flourish_is_refused_and_left_unchanged(root, clock, team, snapshot):
    cluster = root / "cluster.json"
    data = orjson.loads(cluster.read_bytes())
    data["_meta"]["1"]["schema_version"] = storage.workspace.SCHEMA_VERSION + 1
    cluster.write_bytes(orjson.dumps(data))
    (root / "teams" / ".left-by-newer-version.json.x1.tmp").write_bytes(b"{}")
    before = snapshot(root)

    with pytest.raises(SchemaTooNew, match="newer Flourish"):
        Flourish.open(root, clock=clock)

    assert snapshot(root) == before
    assert not (root / "backups").exists()


def test_team_file_that_lost_its_version_is_still_migrated(root, clock, team, team_path, to_v2):
    # Older versions saved add_team's two files one after the other; killed between them, the
    # team's first check-in then created its file without a schema version.
    Flourish.open(root, clock=clock).log_checkin(team.id, on=DAY, notes="First visit")
    data = json.loads(team_path.read_text())
    del data["_meta"]
    team_path.write_text(json.dumps(data))
    to_v2(AddMood())

    f = Flourish.open(root, clock=clock)

    assert set(file_versions(root).values()) == {2}
    assert [c["mood"] for c in stored_checkins(root)] == ["unknown"]
    assert [c.notes for c in f.checkins(team.id)] == ["First visit"]
