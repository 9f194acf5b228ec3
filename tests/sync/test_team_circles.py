"""A team's notes in a shared cluster are sealed to the team's circle: its coaches (as the chair
approved them), the chair and the organisation's recovery key. Three people's laptops share
through one folder; a team canary and a private canary are in no file of the folder, no bundle
and no git object of any laptop, and each person reads exactly what their circle allows."""

import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from pyrage import passphrase, x25519

from domain.errors import ValidationError
from domain.records import Person
from storage.facade import Flourish
from storage.sync import keys
from storage.sync.sealing import NOT_SHARED
from storage.sync.share import Share, ShareError
from storage.workspace import Workspace
from tests.sync.conftest import settings_of

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TEAM = "TEAMCANARY-5d1e the head's absence"
PRIVATE = "PRIVATECANARY-a07b what the deputy said"
LATER = "LATERCANARY-77f0 written after Cara left"


class Laptop:
    def __init__(self, tmp_path: Path, name: str):
        self.name = name
        self.root = tmp_path / name
        self.config = tmp_path / f"{name}-settings" / "config.toml"
        self.clock = lambda: NOW

    @property
    def fl(self) -> Flourish:
        return Flourish.open(self.root, self.clock)

    def share(self) -> Share:
        with settings_of(self.config):
            return Share.open(Workspace.open(self.root, self.clock))

    def sync(self):
        with settings_of(self.config), self.share() as share:
            return share.sync()

    def join(self, folder: Path, who: str) -> None:
        person = Person(name=who, email=f"{who.split()[0].lower()}@city.example")
        with settings_of(self.config):
            Share.join(self.root, f"folder:{folder}", person, self.clock).close()

    def key(self):
        with settings_of(self.config):
            return keys.identity()


def sync_all(*laptops: Laptop) -> None:
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()


@pytest.fixture
def cluster(tmp_path):
    """Alex chairs; Sam coaches Hillside, Cara coaches Oakfield; both approved by Alex."""
    folder = tmp_path / "drive"
    chair, sam, cara = (Laptop(tmp_path, n) for n in ("alex", "sam", "cara"))
    recovery = x25519.Identity.generate()
    alex = Person(name="Alex Chair", email="alex@city.example")
    fl = Flourish.create(
        chair.root, name="City", timezone="Europe/London", chair=alex, clock=chair.clock
    )
    hill = fl.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="Sam Coach"))
    oak = fl.add_team("Oakfield", start=date(2026, 9, 1), coach=Person(name="Cara Coach"))
    with settings_of(chair.config):
        Share.init(fl.ws, f"folder:{folder}", alex, str(recovery.to_public())).close()
    sam.join(folder, "Sam Coach")
    cara.join(folder, "Cara Coach")
    chair.sync()
    with settings_of(chair.config), chair.share() as share:
        share.approve("Sam Coach", "coach", [hill.id])
        share.approve("cara@city.example", "coach", [oak.id])
    return folder, hill.id, oak.id, chair, sam, cara, recovery


def git_objects(git_dir: Path) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch-all-objects", "--batch"],
        capture_output=True,
        check=True,
    ).stdout


def bundle_objects(bundle: Path, tmp_path: Path) -> bytes:
    """Everything in a bundle, each object inflated (a pack is compressed)."""
    repo = tmp_path / f"unbundled-{bundle.stem}"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    subprocess.run(
        ["git", "--git-dir", str(repo), "bundle", "unbundle", str(bundle)],
        capture_output=True,
        check=True,
    )
    return git_objects(repo)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed to read the objects back")
def test_each_person_reads_what_their_circle_allows_and_no_file_holds_the_words(cluster, tmp_path):
    folder, hill, _oak, chair, sam, cara, recovery = cluster
    sync_all(sam, cara)
    team = sam.fl.log_checkin(hill, on=date(2026, 11, 30), notes=TEAM)
    private = sam.fl.log_checkin(hill, on=date(2026, 11, 30), notes=PRIVATE, confidential=True)
    sync_all(sam, chair, cara)

    assert chair.fl.checkin(team.id).notes == TEAM
    assert chair.fl.checkin(private.id).notes == ""
    assert cara.fl.checkin(team.id).notes == NOT_SHARED  # another team's coach
    assert cara.fl.checkin(private.id).notes == ""
    assert sam.fl.checkin(private.id).notes == PRIVATE

    bundles = sorted((folder / "outbox").glob("*.bundle"))
    assert len(bundles) == 3
    in_bundles = b"".join(bundle_objects(b, tmp_path) for b in bundles)
    for data in [in_bundles, *(git_objects(x.root / "share.git") for x in (chair, sam, cara))]:
        assert data and TEAM.encode() not in data and PRIVATE.encode() not in data
        assert b"BEGIN AGE ENCRYPTED FILE" in data  # they are there, sealed
    for path in folder.rglob("*"):
        if path.is_file():
            assert TEAM.encode() not in path.read_bytes()
    # Only the workspaces of those who may read it hold the words.
    assert TEAM.encode() in (chair.root / "teams" / f"{hill}.json").read_bytes()
    assert TEAM.encode() not in (cara.root / "teams" / f"{hill}.json").read_bytes()
    # The organisation's recovery key opens the team's text, as the chair gave it.
    with sam.share() as share:
        tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
        sealed = share.repo.read(tree, f"teams/{hill}/checkins/{team.id}.json")
    assert keys.unseal(orjson.loads(sealed)["record"]["notes"], recovery) == TEAM


def test_a_newly_approved_coach_reads_the_team_and_a_removed_one_nothing_new(cluster, tmp_path):
    folder, hill, _oak, chair, sam, cara, _recovery = cluster
    team = sam.fl.log_checkin(hill, on=date(2026, 11, 30), notes=TEAM)
    sync_all(sam, chair)
    dev = Laptop(tmp_path, "dev")
    dev.join(folder, "Dev Coach")
    assert dev.fl.checkin(team.id).notes == NOT_SHARED  # pending: nothing of the teams yet
    with dev.share() as share:
        assert share.status()["you_are"] == "pending"
    chair.sync()
    with chair.share() as share:
        waiting = share.status()["pending"]
        assert [p["name"] for p in waiting] == ["Dev Coach"]
        assert waiting[0]["fingerprint"] == keys.fingerprint(keys.recipient(dev.key()))
    with settings_of(chair.config), chair.share() as share:
        _record, count = share.approve("Dev Coach", "coach", [hill])
    assert count >= 1
    dev.sync()
    assert dev.fl.checkin(team.id).notes == TEAM

    # Cara reads Hillside for a while, then leaves.
    with settings_of(chair.config), chair.share() as share:
        share.approve("Cara Coach", "coach", [hill])
    sync_all(cara)
    assert cara.fl.checkin(team.id).notes == TEAM
    with settings_of(chair.config), chair.share() as share:
        share.remove("Cara Coach")
    sam.sync()
    later = sam.fl.log_checkin(hill, on=date(2026, 12, 1), notes=LATER)
    sync_all(sam, chair, cara, dev)
    assert cara.fl.checkin(later.id).notes == NOT_SHARED
    assert dev.fl.checkin(later.id).notes == LATER
    with sam.share() as share:
        tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
        data = share.repo.read(tree, f"teams/{hill}/checkins/{later.id}.json")
    assert keys.unseal(orjson.loads(data)["record"]["notes"], cara.key()) is None
    assert LATER.encode() not in git_objects(cara.root / "share.git")


def test_only_the_chair_approves(cluster):
    _folder, hill, _oak, _chair, sam, _cara, _recovery = cluster
    with settings_of(sam.config), sam.share() as share, pytest.raises(ShareError, match="chair"):
        share.approve("Cara Coach", "coach", [hill])


def test_approving_someone_unknown_or_without_teams_is_refused(cluster):
    _folder, _hill, _oak, chair, _sam, _cara, _recovery = cluster
    with settings_of(chair.config), chair.share() as share:
        with pytest.raises(ValidationError, match="No one called"):
            share.approve("Nobody", "coach", ["x"])
        with pytest.raises(ValidationError, match="which teams"):
            share.approve("Sam Coach", "coach", [])


def test_text_someone_cannot_read_stays_sealed_when_they_edit_the_record(cluster):
    _folder, hill, _oak, chair, sam, cara, _recovery = cluster
    made = sam.fl.raise_challenge(
        hill, category="staff-shortage", title=TEAM, description="about the head"
    )
    sam.fl.escalate_challenge(made.id, reason="cover", schedule_impact="two weeks")
    sync_all(sam, cara)
    assert cara.fl.challenge(made.id).title == NOT_SHARED
    assert cara.fl.search("not shared with you") == []  # the placeholder is no one's words
    # Exports work on what each can read: the escalated challenge's title is in the pack.
    theirs = cara.fl.briefing_pack(team="Hillside", html=True)
    assert TEAM not in theirs and "not shared with you" in theirs
    # Cara changes what she can see; the placeholder never goes over Sam's words.
    cara.fl.update_challenge(made.id, urgency="high")
    sync_all(cara, chair, sam)
    assert chair.fl.challenge(made.id).title == TEAM
    assert TEAM in chair.fl.briefing_pack(team="Hillside")
    assert sam.fl.challenge(made.id).title == TEAM
    assert sam.fl.challenge(made.id).urgency == "high"
    assert NOT_SHARED.encode() not in git_objects(sam.root / "share.git")


def test_doctor_finds_text_shared_in_plain_before_sealing_and_repair_seals_it(cluster):
    _folder, hill, _oak, chair, sam, _cara, _recovery = cluster
    made = sam.fl.log_checkin(hill, on=date(2026, 11, 30), notes=TEAM)
    sync_all(sam, chair)
    path = f"teams/{hill}/checkins/{made.id}.json"
    with settings_of(chair.config), chair.share() as share:
        # As an older Flourish shared it: the words in plain.
        head = share.repo.ref(b"refs/heads/main")
        doc = orjson.loads(share.repo.read(share.repo.tree(head), path))
        doc["record"]["notes"] = TEAM
        share._commit(head, {path: orjson.dumps(doc)}, "from an older Flourish")
        found = [f for f in share.checkup() if f.fix == "seal"]
        assert found and "1 record in the share holds text" in found[0].text
        done = share.repair_all(found)
        assert done == ["Sealed the text of 1 record to the circles that read it."]
        assert not [f for f in share.checkup() if f.fix == "seal"]
        head = share.repo.ref(b"refs/heads/main")
        sealed = orjson.loads(share.repo.read(share.repo.tree(head), path))["record"]["notes"]
    assert keys.unseal(sealed, sam.key()) == TEAM
    sync_all(sam)
    assert sam.fl.checkin(made.id).notes == TEAM


def run_age_at_a_terminal(args: list[str], phrase: str) -> None:
    """`age` with a pseudo-terminal to ask for the passphrase on, as a person would type it."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover  (the child becomes age)
        os.execvp("age", ["age", *args])
    said, deadline = b"", time.monotonic() + 20
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.2)[0]:
            try:
                said += os.read(fd, 1024)
            except OSError:
                break
            if b"passphrase" in said.lower():
                os.write(fd, phrase.encode() + b"\n")
                said = b""
    os.waitpid(pid, 0)


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed here")
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a pseudo-terminal (POSIX)")
def test_the_age_tool_opens_team_text_with_a_key_behind_a_passphrase(cluster, tmp_path):
    _folder, hill, _oak, _chair, sam, _cara, _recovery = cluster
    made = sam.fl.log_checkin(hill, on=date(2026, 11, 30), notes=TEAM)
    sam.sync()
    with sam.share() as share:
        tree = share.repo.tree(share.repo.ref(b"refs/heads/main"))
        doc = orjson.loads(share.repo.read(tree, f"teams/{hill}/checkins/{made.id}.json"))
    note = tmp_path / "note.age"
    note.write_text(doc["record"]["notes"]["age"])
    # Sam's key, sealed with a passphrase as `share join --passphrase` keeps it.
    phrase = "a phrase Sam can type"
    identity = tmp_path / "identity.age"
    identity.write_text(keys.armor(passphrase.encrypt(f"{sam.key()}\n".encode(), phrase)))
    out = tmp_path / "opened.txt"
    run_age_at_a_terminal(["--decrypt", "-i", str(identity), "-o", str(out), str(note)], phrase)
    assert out.read_text() == TEAM
