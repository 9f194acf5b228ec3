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
from dulwich.object_format import DEFAULT_OBJECT_FORMAT
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
    formats: dict[str, int] = field(default_factory=dict)  # each workspace's share format


class Outbox:
    def __init__(
        self, folder: Path, replica: str, scratch: Path, seen: dict[str, list[Any]] | None = None
    ):
        self.folder = folder
        self.box = folder / OUTBOX
        self.replica = replica
        self.scratch = scratch  # where a bundle is written before it is renamed in
        # What was read of each workspace's bundle: [bytes of pack entries, their SHA-1 (hex),
        # objects]. A bundle only grows at its end until its writer tidies its packs, so the
        # next one is read from where this one ended (see `_objects`).
        self.seen: dict[str, list[Any]] = {} if seen is None else seen

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
            head = self._read(repo, self.box / name, None if copy else owner)
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
            if not copy and (version := self._format(owner)):
                found.formats[owner] = version
            if not copy and hinted and hinted != head and not repo.has(hinted):
                found.waiting.append(owner)  # the hint is newer: its bundle is on its way
            found.heads.append((owner, head))
        return found

    def _read(self, repo: ShareRepo, path: Path, owner: str | None) -> Sha | None:
        """The bundle's head, its objects added here; None if it is not whole yet."""
        try:
            data = path.read_bytes()
        except OSError:
            return None  # still downloading, or an online-only placeholder that cannot open
        try:
            head, pack = _split(data)
            whole = pack[:4] == b"PACK" and hashlib.sha1(pack[:-20]).digest() == pack[-20:]
            if head is None or not whole:  # cut short, or a zero-byte placeholder
                return None
            if not repo.has(head):
                store_objects(repo, self._objects(pack, owner))
        except Exception:  # any malformed bundle is one that has not arrived
            return None
        return head if repo.has(head) else None

    def _objects(self, pack: bytes, owner: str | None) -> list[Any]:
        """The objects of a whole pack not read from this workspace's bundle before: only
        those after where its last bundle ended, when the new one begins with the same bytes."""
        count = struct.unpack(">I", pack[8:12])[0]
        entries = pack[12:-20]
        start, known = 0, 0
        seen = self.seen.get(owner or "")
        same = seen and hashlib.sha1(entries[: seen[0]]).hexdigest() == seen[1]
        if seen and same and len(entries) >= seen[0] and count >= seen[2]:
            start, known = seen[0], seen[2]
        try:
            found = _inflate(pack[4:8], count - known, entries[start:])
        except Exception:  # a delta whose base is before the new part: read it all
            found = _inflate(pack[4:8], count, entries)
        if owner:
            self.seen[owner] = [len(entries), hashlib.sha1(entries).hexdigest(), count]
        return found

    def _format(self, owner: str) -> int:
        """The share format a workspace's hint says it writes; 0 when not said."""
        try:
            version = orjson.loads((self.box / f"{owner}{HINT}").read_bytes()).get("format")
        except (OSError, orjson.JSONDecodeError, AttributeError):
            return 0
        return version if isinstance(version, int) else 0

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
        """The head our bundle in the folder holds, by its header, if it is there."""
        try:
            with open(self.mine, "rb") as f:
                return _split(f.read(4096))[0]
        except (OSError, ValueError):  # missing, or damaged: write it again
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


def _split(data: bytes) -> tuple[Sha | None, bytes]:
    """A v2 bundle's head of main, and its pack: its header is a line naming the format, a
    line per ref ("<id> <ref>"), then a blank line."""
    end = data.index(b"\n\n")
    lines = data[:end].split(b"\n")
    if lines[0] != b"# v2 git bundle":
        raise ValueError("not a v2 git bundle")
    refs: dict[bytes, bytes] = {}
    for line in lines[1:]:
        if not line.startswith(b"-"):  # a prerequisite; our bundles hold whole histories
            sha, _, ref = line.partition(b" ")
            refs[ref] = sha
    head = refs.get(MAIN)
    return (ObjectID(head) if head else None), data[end + 2 :]


def _inflate(version: bytes, count: int, entries: bytes) -> list[Any]:
    """The objects of `count` pack entries, as a pack of their own."""
    if count <= 0:
        return []
    body = b"PACK" + version + struct.pack(">I", count) + entries
    whole = io.BytesIO(body + hashlib.sha1(body).digest())
    pack = PackData.from_file(whole, object_format=DEFAULT_OBJECT_FORMAT)
    return list(PackInflater.for_pack_data(pack))


def bundle_bytes(repo: ShareRepo, head: Sha) -> bytes:
    """A git bundle of `head`'s whole history, made by copying the share's packs as they are:
    a pack's entries stay valid side by side with another's (a delta names its base by a
    distance back within its own pack, or by id), so nothing is decompressed or compressed
    again. Building the pack object by object took seconds at 500 teams."""
    store = repo.store
    if any(True for _ in store._iter_loose_objects()):
        store.pack_loose_objects()
    # Oldest first: a new pack adds to the end, and readers read only what was added.
    packs = sorted(store.packs, key=lambda p: os.stat(p._data_path).st_mtime_ns)
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
