"""Sharing through a folder the school already syncs (OneDrive, Google Drive, SharePoint, a
network drive, Syncthing): each laptop writes only its own file there, a git bundle of its
history, and reads everyone else's.

    <folder>/READ-ME.txt                  what the folder is; never edited by Flourish after
    <folder>/outbox/<workspace id>.bundle that workspace's history: only it writes the file
    <folder>/outbox/<workspace id>.json   a hint written after the bundle: whose it is, its head

A cloud client therefore never sees two writers for one file, so it never makes a conflict
copy of anything that matters. A bundle is replaced whole (written outside the folder, then
renamed in), and read only when it is whole: a half-downloaded one, an online-only placeholder
of zero bytes or one truncated fails its pack's checksum and is skipped until it arrives. A
conflict copy of a bundle (Syncthing's `.sync-conflict-`, Dropbox's `(… conflicted copy …)`,
OneDrive's `-COMPUTERNAME`) is read like any bundle: a bundle only ever adds history.
No lock file, no git repository and no workspace ever lives in the folder.
"""

import contextlib
import hashlib
import io
import os
import re
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from dulwich.bundle import read_bundle
from dulwich.objects import ObjectID
from dulwich.pack import PackData, PackInflater

from storage.atomic import fsync_dir
from storage.sync.repo import MAIN, Sha, ShareRepo, store_objects

FOLDER = "folder:"  # how share.json names a folder remote
OUTBOX = "outbox"
READ_ME = "READ-ME.txt"
BUNDLE, HINT = ".bundle", ".json"
WORKSPACE_ID = re.compile(r"[0-9a-f]{12}")  # storage.sync.state.new_id
READ_ME_TEXT = """\
This folder is kept by Flourish to share a cluster between laptops.

Each laptop writes only its own file in outbox/ and reads the others'. Do not edit, rename or
move the files here; deleting one only makes its laptop write it again at its next sync.
To share the cluster, run `flourish share join --folder` with this folder's path.
"""


class FolderMissing(Exception):
    """The folder cannot be read or written now (not mounted, offline, no permission)."""


def is_folder(remote: str) -> bool:
    return remote.startswith(FOLDER)


def folder_path(remote: str) -> Path:
    return Path(remote.removeprefix(FOLDER))


@dataclass
class Arrival:
    """What a look into the folder found."""

    heads: list[tuple[str, Sha]] = field(default_factory=list)  # (workspace id, its head)
    waiting: list[str] = field(default_factory=list)  # workspace ids whose bundle is not whole
    copies: list[str] = field(default_factory=list)  # conflict copies read (file names)
    strays: list[str] = field(default_factory=list)  # files Flourish does not know
    names: dict[str, str] = field(default_factory=dict)  # whose each workspace is, from hints


class Outbox:
    def __init__(self, folder: Path, replica: str, scratch: Path):
        self.folder = folder
        self.box = folder / OUTBOX
        self.replica = replica
        self.scratch = scratch  # where a bundle is written before it is renamed in

    @property
    def mine(self) -> Path:
        return self.box / f"{self.replica}{BUNDLE}"

    def prepare(self) -> None:
        """The folder's layout, made once (by the first laptop to share through it)."""
        try:
            self.box.mkdir(parents=True, exist_ok=True)
            read_me = self.folder / READ_ME
            if not read_me.exists():
                read_me.write_text(READ_ME_TEXT, encoding="utf-8")
        except OSError as e:
            raise FolderMissing(f"{self.folder} cannot be written ({e.strerror or e})") from None

    def fetch(self, repo: ShareRepo) -> Arrival:
        """Bring every other laptop's history here: each whole bundle's head."""
        found = Arrival()
        if not self.folder.is_dir():
            raise FolderMissing(
                f"{self.folder} cannot be read (it is not there: is the drive connected, or the "
                "cloud client running?)"
            )
        try:
            names = sorted(p.name for p in self.box.iterdir()) if self.box.is_dir() else []
        except OSError as e:
            raise FolderMissing(f"{self.folder} cannot be read ({e.strerror or e})") from None
        hints = {n.removesuffix(HINT): n for n in names if n.endswith(HINT)}
        for name in names:
            if name.startswith(".") or name in hints.values():
                continue  # a bundle being written, or a hint
            if not name.endswith(BUNDLE):
                found.strays.append(name)
                continue
            owner = _owner(name)
            copy = name != f"{owner}{BUNDLE}"
            if owner == self.replica and not copy:
                continue  # our own: everything in it is here already
            head = self._read(repo, self.box / name)
            if copy:
                found.copies.append(name)
            if head is None:
                if not copy:
                    found.waiting.append(owner)
                    found.names.setdefault(owner, self._hinted(owner)[1])
                continue
            hinted, name = self._hinted(owner)
            if name:
                found.names[owner] = name
            if not copy and hinted and hinted != head and not repo.has(hinted):
                found.waiting.append(owner)  # the hint is newer: its bundle is on its way
            found.heads.append((owner, head))
        return found

    def _read(self, repo: ShareRepo, path: Path) -> Sha | None:
        """The bundle's head, its objects added here; None if it is not whole yet."""
        try:
            data = path.read_bytes()
        except OSError:
            return None  # still downloading, or an online-only placeholder that cannot open
        try:
            with read_bundle(io.BytesIO(data)) as bundle:
                head = bundle.references.get(MAIN)
                if head is None:
                    return None
                if repo.has(head):
                    return head
                pack = bundle.pack_data
                assert isinstance(pack, PackData)
                pack.check()  # a truncated or damaged pack fails its checksum
                store_objects(repo, list(PackInflater.for_pack_data(pack)))
        except Exception:  # any malformed bundle is one that has not arrived
            return None
        return head if repo.has(head) else None

    def _hinted(self, owner: str) -> tuple[Sha | None, str]:
        """The head and owner's name a workspace's hint gives, if it is there and readable."""
        try:
            hint = orjson.loads((self.box / f"{owner}{HINT}").read_bytes())
            head = hint.get("head")
            name = hint.get("name")
            return (
                ObjectID(head.encode()) if isinstance(head, str) else None,
                name if isinstance(name, str) else "",
            )
        except (OSError, orjson.JSONDecodeError, AttributeError):
            return None, ""

    def published(self) -> Sha | None:
        """The head our bundle in the folder holds, if it is there and whole."""
        try:
            with read_bundle(io.BytesIO(self.mine.read_bytes())) as bundle:
                return bundle.references.get(MAIN)
        except Exception:  # missing, or damaged: write it again
            return None

    def publish(self, repo: ShareRepo, head: Sha, hint: dict[str, Any]) -> None:
        """Replace our bundle with our history up to `head`, then its hint."""
        data = bundle_bytes(repo, head)
        try:
            self.prepare()
            _replace(self.mine, data, self.scratch)
            data = orjson.dumps({**hint, "head": head.decode()}, option=orjson.OPT_INDENT_2)
            _replace(self.box / f"{self.replica}{HINT}", data, self.scratch)
        except OSError as e:
            raise FolderMissing(f"{self.folder} cannot be written ({e.strerror or e})") from None


def bundle_bytes(repo: ShareRepo, head: Sha) -> bytes:
    """A git bundle of `head`'s whole history, made by copying the share's packs as they are:
    a pack's entries stay valid side by side with another's (a delta names its base by a
    distance back within its own pack, or by id), so nothing is decompressed or compressed
    again. Building the pack object by object took seconds at 500 teams."""
    store = repo.store
    if any(True for _ in store._iter_loose_objects()):
        store.pack_loose_objects()
    packs = list(store.packs)
    out = io.BytesIO()
    out.write(b"# v2 git bundle\n" + head + b" " + MAIN + b"\n\n")
    digest = hashlib.sha1()  # a pack's trailer is its SHA-1, as git defines it
    header = b"PACK" + struct.pack(">II", 2, sum(len(p) for p in packs))
    digest.update(header)
    out.write(header)
    for pack in packs:
        with open(pack._data_path, "rb") as f:
            body = f.read()[12:-20]  # its entries, without its own header and trailer
        digest.update(body)
        out.write(body)
    out.write(digest.digest())
    return out.getvalue()


def _owner(name: str) -> str:
    """The workspace a bundle's file is from, from its name: a conflict copy keeps the
    original's name in front ("<id>.sync-conflict-….bundle", "<id> (Sam's conflicted copy)")."""
    found = WORKSPACE_ID.match(name)
    return found.group(0) if found else name.removesuffix(BUNDLE)


def _replace(path: Path, data: bytes, scratch: Path) -> None:
    """Write `path` whole: first to a temp file in `scratch`, outside the synced folder (the
    cloud client never uploads half a file), renamed in; where that cannot be renamed across
    (another volume), to a dotted temp file inside the folder, which readers skip."""
    temp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=".outbox-", suffix=".tmp", dir=scratch)
        temp = Path(name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        inside = path.parent / f".{path.name}.tmp"
        with open(inside, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(inside, path)
    fsync_dir(path.parent)
