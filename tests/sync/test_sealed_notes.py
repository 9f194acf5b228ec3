"""Confidential check-in notes in a shared cluster are sealed to their author's key: the
author's own laptops read them (the second one with the key's backup), no one else does, and
the text is in no file of the shared folder and no git object of any laptop. A sealed note
opens with the standard `age` tool and the author's key."""

import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from domain.records import Person
from storage.facade import Flourish
from storage.sync import keys
from storage.sync.share import Share
from storage.workspace import Workspace
from tests.sync.conftest import settings_of

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CANARY = "CANARY-91c2 about a member of staff"


class Laptop:
    def __init__(self, tmp_path: Path, name: str, settings: str):
        self.root = tmp_path / name
        self.config = tmp_path / settings / "config.toml"
        self.clock = lambda: NOW

    @property
    def fl(self) -> Flourish:
        return Flourish.open(self.root, self.clock)

    def sync(self):
        with settings_of(self.config), Share.open(Workspace.open(self.root, self.clock)) as share:
            return share.sync()


@pytest.fixture
def laptops(tmp_path):
    """The chair's laptop, and two laptops of one coach (Sam), all through one folder."""
    folder = tmp_path / "drive"
    chair, sam1, sam2 = (
        Laptop(tmp_path, "chair", "chair-settings"),
        Laptop(tmp_path, "sam-office", "sam-office-settings"),
        Laptop(tmp_path, "sam-home", "sam-home-settings"),
    )
    alex = Person(name="Alex Chair", email="alex@city.example")
    fl = Flourish.create(
        chair.root, name="City", timezone="Europe/London", chair=alex, clock=chair.clock
    )
    team = fl.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="Sam Coach"))
    with settings_of(chair.config), Share.init(fl.ws, f"folder:{folder}", alex):
        pass
    sam = Person(name="Sam Coach", email="sam@city.example")
    with settings_of(sam1.config), Share.join(sam1.root, f"folder:{folder}", sam, sam1.clock):
        backup = keys.backup(tmp_path / "sam-key-backup.txt")
    with settings_of(sam2.config):
        keys.restore(backup)
        with Share.join(sam2.root, f"folder:{folder}", sam, sam2.clock):
            pass
    return folder, team.id, chair, sam1, sam2


def every_git_object(root: Path) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(root / "share.git"), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True,
        check=True,
    ).stdout


def test_only_the_authors_laptops_read_a_confidential_note(laptops):
    folder, team_id, chair, sam1, sam2 = laptops
    made = sam1.fl.log_checkin(team_id, on=date(2026, 11, 30), notes=CANARY, confidential=True)
    for _ in range(2):
        for laptop in (sam1, chair, sam2):
            laptop.sync()
    assert sam2.fl.checkin(made.id).notes == CANARY  # Sam's other laptop, with Sam's key
    assert chair.fl.checkin(made.id).confidential
    assert chair.fl.checkin(made.id).notes == ""  # the chair sees it happened, not what it says
    for laptop in (chair, sam1, sam2):
        objects = every_git_object(laptop.root)
        assert objects and CANARY.encode() not in objects
        assert b"BEGIN AGE ENCRYPTED FILE" in objects  # it is there, sealed
    for path in folder.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes()
    assert CANARY.encode() not in (chair.root / "teams" / f"{team_id}.json").read_bytes()


def test_a_sealed_note_is_sealed_again_only_when_it_changes(laptops):
    _folder, team_id, _chair, sam1, _sam2 = laptops
    made = sam1.fl.log_checkin(team_id, on=date(2026, 11, 30), notes=CANARY, confidential=True)
    sam1.sync()

    def sealed() -> str:
        with settings_of(sam1.config):
            share = Share.open(Workspace.open(sam1.root, sam1.clock))
        with share:
            tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
            data = share.repo.read(tree, f"teams/{team_id}/checkins/{made.id}.json")
        return orjson.loads(data)["record"]["notes"]["age"]

    first = sealed()
    sam1.fl.update_checkin(made.id, attendees=["Ann Able"])  # another field changes
    sam1.sync()
    assert sealed() == first  # the same bytes: nothing for the others to fetch again
    sam1.fl.update_checkin(made.id, notes=CANARY + ", followed up")
    sam1.sync()
    assert sealed() != first


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed here")
def test_the_age_tool_opens_a_sealed_note_with_the_authors_key(laptops, tmp_path):
    _folder, team_id, _chair, sam1, _sam2 = laptops
    made = sam1.fl.log_checkin(team_id, on=date(2026, 11, 30), notes=CANARY, confidential=True)
    sam1.sync()
    with settings_of(sam1.config):
        share = Share.open(Workspace.open(sam1.root, sam1.clock))
        key_file = keys.key_path()
    with share:
        tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
        data = share.repo.read(tree, f"teams/{team_id}/checkins/{made.id}.json")
    note = tmp_path / "note.age"
    note.write_text(orjson.loads(data)["record"]["notes"]["age"])
    opened = subprocess.run(
        ["age", "--decrypt", "--identity", str(key_file), str(note)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert opened.stdout == CANARY


def test_a_key_is_private_and_backed_up_once(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOURISH_CONFIG", str(tmp_path / "settings" / "config.toml"))
    key = keys.identity(create=True)
    assert keys.identity() is not None and keys.recipient(keys.identity()) == keys.recipient(key)
    if os.name == "posix":
        assert keys.key_path().stat().st_mode & 0o777 == 0o600
    copy = keys.backup(tmp_path / "backup.txt")
    with pytest.raises(Exception, match="exists already"):
        keys.backup(copy)
    monkeypatch.setenv("FLOURISH_CONFIG", str(tmp_path / "other" / "config.toml"))
    keys.identity(create=True)  # this laptop made a key of its own first
    with pytest.raises(Exception, match="different key already"):
        keys.restore(copy)
    assert len(keys.fingerprint(keys.recipient(key)).split()) == 3


def test_a_key_brought_later_opens_the_notes_already_synced(laptops, tmp_path):
    folder, team_id, _chair, sam1, _sam2 = laptops
    late = Laptop(tmp_path, "sam-tablet", "sam-tablet-settings")
    sam = Person(name="Sam Coach", email="sam@city.example")
    with settings_of(late.config), Share.join(late.root, f"folder:{folder}", sam, late.clock):
        pass  # joined without the backup: a key of its own
    made = sam1.fl.log_checkin(team_id, on=date(2026, 11, 30), notes=CANARY, confidential=True)
    sam1.sync()
    late.sync()
    assert late.fl.checkin(made.id).notes == ""
    with settings_of(late.config):
        keys.key_path().rename(tmp_path / "tablet-own-key.txt")
        keys.restore(tmp_path / "sam-key-backup.txt")
    late.sync()
    assert late.fl.checkin(made.id).notes == CANARY


def test_doctor_says_a_key_is_missing_and_repair_makes_a_new_one(laptops):
    _folder, _team_id, _chair, sam1, _sam2 = laptops
    with settings_of(sam1.config):
        keys.key_path().unlink()
        with Share.open(Workspace.open(sam1.root, sam1.clock)) as share:
            found = share.checkup()
            assert any("There is no key on this laptop" in f.text for f in found)
            done = share.repair_all(found)
        assert any(line.startswith("Made a new key") for line in done)
        new = keys.recipient(keys.identity())
        with Share.open(Workspace.open(sam1.root, sam1.clock)) as share:
            assert not any("no key" in f.text for f in share.checkup())
            person = f"people/{share.state.person}.json"
            tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
            assert orjson.loads(share.repo.read(tree, person))["record"]["recipient"] == new
