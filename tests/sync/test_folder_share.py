"""Sharing a cluster through a folder a cloud client keeps in step. Each laptop has its own
copy of the folder, as OneDrive or Google Drive gives it; a simulator carries files between
the copies the way cloud clients do: late, cut short, as zero-byte placeholders, or as
conflict copies named the Syncthing, Dropbox and OneDrive ways. Real code throughout: the
replicas are real workspaces with real git histories."""

import os
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from domain.records import Person
from storage.facade import Flourish
from storage.sync.folder import OUTBOX, READ_ME
from storage.sync.share import Share, ShareError
from storage.synced import synced_folder, synced_note
from storage.workspace import Workspace

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NAMES = ("Alex Chair", "Sam Coach", "Cara Coach")


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=30)


class Laptop:
    def __init__(self, name: str, root: Path, folder: Path, clock: Clock):
        self.name, self.root, self.folder, self.clock = name, root, folder, clock

    @property
    def fl(self) -> Flourish:
        self.clock.tick()
        return Flourish.open(self.root, self.clock, user=self.name)

    def sync(self):
        self.clock.tick()
        with Share.open(Workspace.open(self.root, self.clock)) as share:
            return share.sync()

    def checkup(self) -> list[str]:
        with Share.open(Workspace.open(self.root, self.clock)) as share:
            return [f.text for f in share.checkup()]

    @property
    def box(self) -> Path:
        return self.folder / OUTBOX


class Drive:
    """The cloud: what one laptop's copy of the folder holds reaches another's, how and when
    the test says."""

    def __init__(self, laptops: list[Laptop]):
        self.laptops = laptops

    def carry(self, src: Laptop, dst: Laptop, how: str = "whole") -> None:
        """Each file newer in `src`'s copy than in `dst`'s reaches `dst`, as `how` says."""
        dst.box.mkdir(parents=True, exist_ok=True)
        for path in sorted(src.box.iterdir()):
            if path.name.startswith("."):
                continue
            target = dst.box / path.name
            stat = path.stat()
            if target.exists():
                there = target.stat()
                newer = stat.st_mtime_ns > there.st_mtime_ns
                if not newer and (
                    stat.st_mtime_ns < there.st_mtime_ns or stat.st_size == there.st_size
                ):
                    continue
            data = path.read_bytes()
            if path.suffix == ".bundle" and how == "truncated":
                data = data[: len(data) // 2]
            elif path.suffix == ".bundle" and how == "placeholder":
                data = b""
            elif path.suffix == ".bundle" and how == "hint-first":
                continue  # the small hint arrives; the bundle is still uploading
            target.write_bytes(data)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    def everywhere(self) -> None:
        for src in self.laptops:
            for dst in self.laptops:
                if src is not dst:
                    self.carry(src, dst)

    def round(self) -> None:
        """Every laptop syncs, the drive carries everything, and again (two rounds converge)."""
        for _ in range(2):
            for laptop in self.laptops:
                laptop.sync()
                self.everywhere()


def build(tmp_path: Path, n: int = 3) -> tuple[Drive, list[Laptop], str]:
    clocks = [Clock() for _ in range(n)]
    folders = [tmp_path / f"drive-{i}" / "Flourish" for i in range(n)]
    chair = Person(name=NAMES[0], email="alex@city.example")
    root = tmp_path / "laptop-0"
    fl = Flourish.create(
        root, name="City", timezone="Europe/London", chair=chair, clock=clocks[0], user=NAMES[0]
    )
    team = fl.add_team(
        "Hillside", start=date(2026, 9, 1), coach=Person(name=NAMES[1], email="sam@city.example")
    )
    folders[0].parent.mkdir()
    with Share.init(fl.ws, f"folder:{folders[0]}", chair):
        pass
    laptops = [Laptop(NAMES[0], root, folders[0], clocks[0])]
    drive = Drive(laptops)
    for i in range(1, n):
        folders[i].parent.mkdir()
        laptop = Laptop(NAMES[i], tmp_path / f"laptop-{i}", folders[i], clocks[i])
        for other in laptops:
            drive.carry(other, laptop)
        person = Person(name=NAMES[i], email=f"p{i}@city.example")
        with Share.join(laptop.root, f"folder:{folders[i]}", person, clocks[i]):
            pass
        laptops.append(laptop)
        drive.everywhere()
    return drive, laptops, team.id


def test_three_laptops_converge_through_their_copies_of_the_folder(tmp_path):
    drive, (a, b, c), team_id = build(tmp_path)
    b.fl.log_checkin(team_id, notes="from Sam", on=date(2026, 11, 30))
    c.fl.add_action(team_id, "From Cara")
    a.fl.add_cluster_action("From Alex")
    drive.round()
    for laptop in (a, b, c):
        fl = laptop.fl
        assert [x.notes for x in fl.checkins()] == ["from Sam"]
        assert [x.title for x in fl.actions()] == ["From Cara"]
        assert [x.title for x in fl.cluster_actions()] == ["From Alex"]
    # Each laptop wrote only its own two files; nothing else is in the folder.
    names = sorted(p.name for p in a.box.iterdir())
    assert len(names) == 6 and all(n.endswith((".bundle", ".json")) for n in names)
    assert (a.folder / READ_ME).exists()


@pytest.mark.parametrize("how", ["truncated", "placeholder", "hint-first"])
def test_a_bundle_not_whole_yet_is_skipped_and_said_then_read_when_it_arrives(tmp_path, how):
    drive, (a, b, _c), team_id = build(tmp_path)
    b.fl.log_checkin(team_id, notes="half way", on=date(2026, 11, 30))
    b.sync()
    drive.carry(b, a, how)
    report = a.sync()
    assert report.waiting == ["Sam Coach"] and report.exit_code == 4
    assert "Sam Coach's latest changes have not fully arrived yet" in report.line()
    assert a.fl.checkins() == []  # nothing half-read
    assert any("Sam Coach's latest changes have not fully arrived" in t for t in a.checkup())
    drive.carry(b, a)
    report = a.sync()
    assert report.waiting == [] and report.exit_code == 0
    assert [x.notes for x in a.fl.checkins()] == ["half way"]


CONFLICT_NAMES = [
    "{id}.sync-conflict-20261204-233701-ABCDEFG.bundle",  # Syncthing
    "{id} (Sam Coach's conflicted copy 2026-12-04).bundle",  # Dropbox
    "{id}-LAPTOP-SAM.bundle",  # OneDrive
]


@pytest.mark.parametrize("pattern", CONFLICT_NAMES, ids=["syncthing", "dropbox", "onedrive"])
def test_a_conflict_copy_of_a_bundle_is_harmless_and_reported(tmp_path, pattern):
    _drive, (a, b, _c), team_id = build(tmp_path)
    b.fl.add_action(team_id, "Only in the copy")
    b.sync()
    with Share.open(Workspace.open(b.root, b.clock)) as share:
        replica = share.state.replica
    copy = pattern.format(id=replica)
    shutil.copy(b.box / f"{replica}.bundle", a.box / copy)  # the copy arrives, not the file
    report = a.sync()
    assert report.copies == [copy]
    assert [x.title for x in a.fl.actions()] == ["Only in the copy"]  # it only adds history
    assert any(copy in t and "harmless" in t for t in a.checkup())


def test_doctor_removes_a_conflict_copy_of_our_own_bundle(tmp_path):
    _drive, (a, _b, _c), _team = build(tmp_path)
    with Share.open(Workspace.open(a.root, a.clock)) as share:
        replica = share.state.replica
    copy = a.box / f"{replica}.sync-conflict-20261204-233701-ABCDEFG.bundle"
    shutil.copy(a.box / f"{replica}.bundle", copy)
    (a.box / "notes.txt").write_text("someone's file")
    found = a.checkup()
    assert any("of this workspace's" in t for t in found)
    assert any("notes.txt is not Flourish's" in t for t in found)
    with Share.open(Workspace.open(a.root, a.clock)) as share:
        share.repair_all(share.checkup())
    assert not copy.exists() and (a.box / f"{replica}.bundle").exists()
    assert (a.box / "notes.txt").exists()  # not ours to delete


def test_an_unmounted_folder_is_offline_and_keeps_the_changes(tmp_path):
    drive, (a, b, _c), team_id = build(tmp_path)
    a.fl.add_action(team_id, "Written offline")
    shutil.move(a.folder, tmp_path / "unmounted")
    report = a.sync()
    assert report.offline and report.exit_code == 4 and "cannot be read" in report.offline
    shutil.move(tmp_path / "unmounted", a.folder)
    assert a.sync().offline == ""
    drive.everywhere()
    b.sync()
    assert [x.title for x in b.fl.actions()] == ["Written offline"]


def test_an_unchanged_sync_does_not_rewrite_the_bundle(tmp_path):
    drive, (a, _b, _c), _team = build(tmp_path)
    drive.round()
    bundle = next(a.box.glob("*.bundle"))
    mine = [p for p in a.box.glob("*.bundle") if p.stat().st_mtime_ns]
    before = {p.name: p.stat().st_mtime_ns for p in mine}
    a.sync()
    assert {p.name: p.stat().st_mtime_ns for p in a.box.glob("*.bundle")} == before
    assert bundle.exists()


def test_init_and_join_refuse_what_would_go_wrong(tmp_path):
    _drive, (a, _b, _c), _team = build(tmp_path)
    clock = Clock()
    other = Flourish.create(
        tmp_path / "other",
        name="Other",
        timezone="Europe/London",
        chair=Person(name="Pat"),
        clock=clock,
    )
    with pytest.raises(ShareError, match="already holds a shared cluster"):
        Share.init(other.ws, f"folder:{a.folder}", Person(name="Pat"))
    with pytest.raises(ShareError, match="inside the workspace"):
        Share.init(other.ws, f"folder:{tmp_path / 'other' / 'drive'}", Person(name="Pat"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ShareError, match="holds no shared cluster yet"):
        Share.join(tmp_path / "new", f"folder:{tmp_path / 'empty'}", Person(name="Jo"), clock)
    assert not (tmp_path / "new").exists()  # nothing left behind
    with pytest.raises(ShareError, match="is not a folder"):
        Share.join(
            tmp_path / "new", f"folder:{tmp_path / 'nowhere' / 'x'}", Person(name="Jo"), clock
        )


@pytest.mark.parametrize("marker", ["OneDrive - City Council", "Google Drive", "Dropbox"])
def test_a_workspace_inside_a_synced_folder_is_warned_about(tmp_path, marker):
    root = tmp_path / marker / "flourish"
    root.mkdir(parents=True)
    assert synced_folder(root) == tmp_path / marker
    assert "Keep the workspace out of it" in (synced_note(root) or "")


def test_a_syncthing_folder_is_known_by_its_marker(tmp_path):
    (tmp_path / "shared" / ".stfolder").mkdir(parents=True)
    assert synced_folder(tmp_path / "shared" / "ws") == tmp_path / "shared"
    assert synced_note(tmp_path / "elsewhere") is None


def test_a_bundle_is_read_from_where_the_last_one_ended_and_whole_after_a_repack(tmp_path):
    drive, (a, b, _c), team_id = build(tmp_path)
    with Share.open(Workspace.open(b.root, b.clock)) as share:
        b_id = share.state.replica
    b.fl.add_action(team_id, "First")
    b.sync()
    drive.everywhere()
    a.sync()
    with Share.open(Workspace.open(a.root, a.clock)) as share:
        before = list(share.state.bundles[b_id])
    b.fl.add_action(team_id, "Second")
    b.sync()
    drive.everywhere()
    a.sync()
    with Share.open(Workspace.open(a.root, a.clock)) as share:
        after = share.state.bundles[b_id]
    assert after[0] > before[0] and after[2] > before[2]  # the same beginning, more at the end
    assert "Second" in [x.title for x in a.fl.actions()]
    with Share.open(Workspace.open(b.root, b.clock)) as share:
        share.repo.store.repack()  # the writer tidies its packs: its bundle starts anew
    b.fl.add_action(team_id, "Third")
    b.sync()
    drive.everywhere()
    a.sync()
    assert {"Second", "Third"} <= {x.title for x in a.fl.actions()}
