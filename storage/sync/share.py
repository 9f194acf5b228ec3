"""Sharing one cluster through git: the verbs `share init`, `share join`, `sync`, `conflicts`
and the share's members and log.

The workspace's TinyDB files stay each person's working store. A sync:

1. EXPORT  under the workspace lock: every record that changed since the last sync is written
           as its share file, each changed field stamped, in one commit on the last synced one.
2. FETCH   the remote's main (no lock held: the app and the command line go on).
3. MERGE   our commits, the remote's, record by record (domain/sharing.py).
4. IMPORT  under the workspace lock again: whatever was edited meanwhile is exported first,
           then every record the merge changed is written into the workspace in one change.
5. PUSH    the merged commit, if the remote still has what we fetched (else back to 2).

Each step is recorded in share.json only once it is complete, so a sync killed at any point
leaves a state the next sync completes.
"""

import contextlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import filelock
import orjson
from dulwich.objects import ObjectID

from domain import sharing
from domain.errors import FlourishError, ValidationError
from domain.hlc import Hlc, stamp_datetime, stamp_replica
from domain.records import Person, slot_id
from domain.text import quoted
from storage.atomic import atomic_write, file_stamp
from storage.codec import BadRecord, from_record
from storage.paths import CLUSTER_FILE
from storage.schema import RECORD_TYPES
from storage.sync import keys, members
from storage.sync.folder import (
    BUNDLE,
    FOLDER,
    OUTBOX,
    FolderMissing,
    Outbox,
    folder_path,
    is_folder,
)
from storage.sync.layout import (
    FORMAT,
    FORMAT_FILE,
    KINDS,
    PEOPLE,
    Place,
    folder_of,
    place_of,
    share_path,
    tables_of,
    team_file,
)
from storage.sync.repo import MAIN, Race, Sha, ShareRepo, Unreachable, is_remote_repository
from storage.sync.sealing import APPROVED, PENDING, REMOVED, Sealer, circles_of
from storage.sync.state import (
    SHARE_DIR,
    STATE_FILE,
    SYNC_LOCK,
    ShareState,
    install_id,
    new_id,
)
from storage.synced import synced_note
from storage.tables import PULSE, RATINGS, TEAMS
from storage.workspace import Workspace

PUSH_TRIES = 3
DIGESTS = "sealed-digests.json"  # in the share's folder; what sealed texts say, by digest


class ShareError(FlourishError):
    """A share verb that cannot go ahead; the message says why and what to do."""


@dataclass
class SyncReport:
    received: int = 0
    senders: list[str] = field(default_factory=list)
    shared: int = 0
    to_review: int = 0
    new_conflicts: int = 0
    offline: str = ""
    skipped: list[str] = field(default_factory=list)
    skew: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # whose latest changes are on their way
    copies: list[str] = field(default_factory=list)  # conflict copies of bundles, read

    @property
    def exit_code(self) -> int:
        return 4 if self.offline or self.waiting else 3 if self.to_review else 0

    def line(self, hint: str = "") -> str:
        """The sync in one line; `hint` says where to review any conflicts."""
        parts = []
        if self.received:
            who = _names(self.senders)
            parts.append(
                f"received {_count(self.received, 'change')}" + (f" from {who}" if who else "")
            )
        if self.offline:
            parts.append(f"{_count(self.shared, 'change')} of yours not shared yet: {self.offline}")
        elif self.shared:
            parts.append(f"shared {self.shared} of yours")
        if not parts:
            parts.append("up to date")
        if self.waiting:
            parts.append(
                f"{_names(self.waiting)}'s latest changes have not fully arrived yet "
                "(the folder is still syncing; sync again later)"
            )
        if self.to_review:
            parts.append(f"{self.to_review} to review" + (f" ({hint})" if hint else ""))
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def as_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "from": self.senders,
            "shared": self.shared,
            "to_review": self.to_review,
            "new_conflicts": self.new_conflicts,
            "offline": self.offline or None,
            "skipped": self.skipped,
            "clock_warnings": self.skew,
            "waiting_for": self.waiting,
            "conflict_copies": self.copies,
        }


@dataclass(frozen=True)
class Finding:
    text: str
    fix: str = ""  # what --repair does about it: "copy", "copies", or nothing

    @property
    def fixable(self) -> bool:
        return bool(self.fix)


@dataclass
class Conflict:
    id: str
    path: str
    table: str
    record_id: str
    team_id: str | None
    field: str
    kept: Any
    kept_by: str
    kept_at: datetime | None
    other: Any
    other_by: str
    other_at: datetime | None
    note: str
    mine: str  # "kept" or "other": which one is this person's value
    kept_raw: Any = None  # the values as the share holds them (sealed text sealed)
    other_raw: Any = None

    @property
    def kept_text(self) -> str:
        return in_words(self.kept)

    @property
    def other_text(self) -> str:
        return in_words(self.other)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "record": self.record_id,
            "table": self.table,
            "team_id": self.team_id,
            "field": self.field,
            "kept": {"value": self.kept, "by": self.kept_by, "at": _iso(self.kept_at)},
            "other": {"value": self.other, "by": self.other_by, "at": _iso(self.other_at)},
            "note": self.note or None,
        }


class Share:
    """The share of one workspace; open it with Share.open(workspace)."""

    def __init__(self, ws: Workspace, state: ShareState):
        self.ws = ws
        self.state = state
        self.repo = ShareRepo(ws.root / SHARE_DIR)
        self.clock = Hlc.from_stamp(state.replica, state.clock)
        self.report = SyncReport()
        self._made: set[str] = set()
        self._pending: dict[tuple[str, str], dict[str, Any]] = {}
        self._known: dict[str, dict[str, dict[str, Any]]] = {}
        self._identity = keys.identity()  # this person's key, which opens their sealed notes
        self._sealer: Sealer | None = None
        self._digests_saved = 0

    def close(self) -> None:
        self.repo.close()

    def __enter__(self) -> "Share":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, ws: Workspace) -> "Share":
        state = ShareState.load(ws.root)
        if state is None or not (ws.root / SHARE_DIR).is_dir():
            raise ShareError(
                f"The workspace at {ws.root} is not shared. The chair shares it with "
                "`flourish share init --git URL`; a coach joins with `flourish share join`."
            )
        return cls(ws, state)

    @classmethod
    def init(cls, ws: Workspace, url: str, person: Person, recovery: str = "") -> "Share":
        """Make this workspace the cluster's share at `url` (an empty remote). `recovery`: an
        organisation's recovery key (age1…), which can open everything sealed in the share."""
        if recovery:
            keys.check_recipient(recovery, "The recovery key")
        if (ws.root / STATE_FILE).exists():
            raise ShareError(f"The workspace at {ws.root} is already shared.")
        url = _folder_remote(url, ws.root, create=True) if is_folder(url) else _remote(url, True)
        share = cls._start(ws, url, person)
        try:
            if share._holds_cluster():
                how = "--folder" if is_folder(url) else "--git"
                where = folder_path(url) if is_folder(url) else url
                raise ShareError(
                    f"{where} already holds a shared cluster. To work on it, join it: "
                    f'flourish share join {how} {where} --as "Name, email".'
                )
            share._add_person(person, "chair", first=True, recovery=recovery)
            _slot_ids(ws)
            with share._sync_lock():
                share._run(publish_only=True)
        except Unreachable as e:
            share._undo_start()
            raise ShareError(f"Could not share the cluster: {e}. Nothing was shared.") from None
        except BaseException:
            share._undo_start()
            raise
        return share

    @classmethod
    def join(cls, root: Path, url: str, person: Person, clock: Callable[[], datetime]) -> "Share":
        """A new workspace at `root` holding the cluster shared at `url`."""
        from storage.workspace import holds_workspace

        if holds_workspace(root) or (root / STATE_FILE).exists():
            raise ShareError(
                f"{root} already holds a workspace; join into a new folder with --workspace PATH."
            )
        folder = is_folder(url)
        url = _folder_remote(url, root, create=False) if folder else _remote(url, create=False)
        created = not root.exists()
        share_dir = root / SHARE_DIR
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            repo = ShareRepo.create(share_dir)
            try:
                head = _first_head(repo, url, root)
            except Unreachable as e:
                raise ShareError(f"Could not join: {e}. Nothing was created.") from None
            if not head:
                how = "--folder PATH" if folder else "--git URL"
                raise ShareError(
                    f"{folder_path(url) if folder else url} holds no shared cluster yet. The "
                    f"chair shares one first with `flourish share init {how}`."
                )
            _check_format(repo, head)
            repo.set_ref(MAIN, head)
            repo.close()
            ws = Workspace.create(root, clock, created_at=clock().isoformat())
            share = cls._start(ws, url, person, have_repo=True)
            share._enter(person)
            with share._sync_lock():
                share._run()
        except BaseException:
            _remove_joined(root, created)
            raise
        return share

    @classmethod
    def _start(cls, ws: Workspace, url: str, person: Person, have_repo: bool = False) -> "Share":
        key = keys.identity(create=True)  # this person's key: made once, in their settings folder
        state = ShareState(
            replica=new_id(),
            person=new_id(),
            install=install_id(),
            remote=url,
            name=person.name,
            email=person.email,
            opened_with=keys.recipient(key),  # what the first import brings, it opens
        )
        if not have_repo:
            ShareRepo.create(ws.root / SHARE_DIR).close()
        state.save(ws.root)
        return cls(ws, state)

    def _undo_start(self) -> None:
        import shutil

        self.repo.close()
        shutil.rmtree(self.ws.root / SHARE_DIR, ignore_errors=True)
        (self.ws.root / STATE_FILE).unlink(missing_ok=True)

    def _add_person(
        self, person: Person, role: str, first: bool = False, recovery: str = ""
    ) -> None:
        """This person's file in the share, naming this workspace as one of theirs. The
        chair's is approved as they share; anyone else's waits for the chair's approval."""
        record = {
            "id": self.state.person,
            "name": person.name,
            "email": person.email,
            "role": role,
            "status": APPROVED if first else PENDING,
            "teams": [],
            "replicas": [self.state.replica],
        }
        if key := keys.identity():
            record["recipient"] = keys.recipient(key)
        doc = sharing.stamped(PEOPLE, None, record, self._tick_now)
        assert doc is not None
        files = {f"{PEOPLE}/{self.state.person}.json": sharing.encode(doc)}
        if first:
            info: dict[str, Any] = {"format": FORMAT, "cluster": new_id()}
            if recovery:
                info["recovery"] = [recovery]
            files[FORMAT_FILE] = orjson.dumps(info, option=orjson.OPT_INDENT_2)
        parent = self.repo.ref(MAIN)
        tree = self.repo.tree(parent)
        head = self.repo.write(
            tree,
            files,
            [parent] if parent else [],
            self._author(),
            self._committer(),
            f"{person.name} shared the cluster as chair"
            if first
            else f"{person.name} asked to join the share",
            self.ws.clock(),
        )
        self.repo.set_ref(MAIN, head)
        self.state.unshared += 1
        self.state.save(self.ws.root)

    def _enter(self, person: Person) -> None:
        """A joiner with the email and the key of someone already in the share (their other
        laptop, with `--key`) joins as that person; anyone else asks to join."""
        mine = self.state.opened_with
        for record in self._people_records(self._head()):
            same = (record.get("email") or record.get("name")) == (person.email or person.name)
            if (
                same
                and mine
                and record.get("recipient") == mine
                and members.status_of(record) != REMOVED
            ):
                self.state.person = record["id"]
                self.state.save(self.ws.root)
                self._update_person(
                    lambda r: {"replicas": [*r.get("replicas", []), self.state.replica]},
                    "added a laptop",
                )
                return
        self._add_person(person, "")

    # -- syncing ---------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Exchange changes with the remote; see the module's docstring."""
        with self._sync_lock():
            self._check_copy()
            self._run()
        return self.report

    def _run(self, publish_only: bool = False) -> None:
        if is_folder(self.state.remote):
            self._run_folder(publish_only)
            return
        self.report = SyncReport()
        exported = self._export()
        head = self._merge(exported, self.repo.ref(MAIN))
        if head is None:
            raise ShareError("The share holds nothing yet; run `flourish share init` again.")
        remote_head: Sha | None = None
        for _ in range(PUSH_TRIES):
            try:
                if not publish_only:
                    remote_head = self.repo.fetch(self.state.remote)
                    if remote_head:
                        _check_format(self.repo, remote_head)
                        head = self._merge(head, remote_head) or head
            except Unreachable as e:
                self.report.offline = str(e)
            self.repo.set_ref(MAIN, head)
            head = self._import(head) or head
            self._reopen_sealed(head)
            if self.report.offline:
                break
            if head == remote_head:
                self._shared()
                break
            try:
                self.repo.push(self.state.remote, head, remote_head)
            except Race:
                continue  # someone pushed meanwhile: fetch, merge and try again
            except Unreachable as e:
                self.report.offline = str(e)
                break
            self._shared()
            break
        else:
            self.report.offline = "others kept sharing changes meanwhile; sync again"
        self.report.shared = self.report.shared or self.state.unshared
        self.state.last_attempt = self.ws.clock().isoformat()
        self.state.offline = self.report.offline
        self.report.to_review = self.state.to_review()
        self._note_standing()
        self._save_digests()
        self.state.save(self.ws.root)
        with contextlib.suppress(OSError):
            self.repo.tidy()

    def _run_folder(self, publish_only: bool = False) -> None:
        """A sync through a synced folder: read every other laptop's bundle, merge, import,
        then replace our own bundle. No one else writes our file, so there is no race."""
        self.report = SyncReport()
        exported = self._export()
        head = self._merge(exported, self.repo.ref(MAIN))
        if head is None:
            raise ShareError("The share holds nothing yet; run `flourish share init` again.")
        outbox = self._outbox()
        received: set[Sha] = set()
        try:
            if not publish_only:
                arrival = outbox.fetch(self.repo)
                received = {h for _, h in arrival.heads}
                for _, theirs in arrival.heads:
                    _check_format(self.repo, theirs)
                    head = self._merge(head, theirs) or head
                people = self._people(head)
                self.report.waiting = sorted(
                    {_whose(r, people, arrival.names) for r in arrival.waiting}
                )
                self.report.copies = arrival.copies
        except FolderMissing as e:
            self.report.offline = str(e)
        self.repo.set_ref(MAIN, head)
        head = self._import(head) or head
        self._reopen_sealed(head)
        if not self.report.offline:
            try:
                # Nothing of ours beyond what a bundle there holds already: no need to write
                # 60 MB again (at 500 teams) for the others to read it all once more.
                if outbox.published() != head and head not in received:
                    outbox.publish(self.repo, head, self._hint())
                self._shared()
            except FolderMissing as e:
                self.report.offline = str(e)
        self.report.shared = self.report.shared or self.state.unshared
        self.state.last_attempt = self.ws.clock().isoformat()
        self.state.offline = self.report.offline
        self.state.waiting = self.report.waiting
        self.report.to_review = self.state.to_review()
        self._note_standing()
        self._save_digests()
        self.state.save(self.ws.root)
        with contextlib.suppress(OSError):
            self.repo.tidy()

    def _outbox(self) -> Outbox:
        return Outbox(
            folder_path(self.state.remote), self.state.replica, self.ws.root, self.state.bundles
        )

    def _hint(self) -> dict[str, Any]:
        return {
            "workspace": self.state.replica,
            "person": self.state.person,
            "name": self.state.name,
            "format": FORMAT,
            "written": self.ws.clock().isoformat(),
        }

    def _holds_cluster(self) -> bool:
        """Whether the remote already holds a shared cluster (before `share init`)."""
        if not is_folder(self.state.remote):
            return self.repo.fetch(self.state.remote) is not None
        try:
            arrival = Outbox(folder_path(self.state.remote), "", self.ws.root).fetch(self.repo)
        except FolderMissing:
            return False
        return bool(arrival.heads or arrival.waiting)

    def _shared(self) -> None:
        self.report.shared = self.state.unshared
        self.state.unshared = 0
        self.state.last_sync = self.ws.clock().isoformat()

    # -- 1. export -------------------------------------------------------------------------

    def _export(self) -> Sha | None:
        """Commit every record changed here since the last sync; the new synced commit."""
        synced = self._synced()
        self._sealing(self.repo.ref(MAIN) or synced)  # the people as they are now
        with self.ws.lock():
            files, stamps = self._changed_records(synced)
            if files:
                synced = self.repo.write(
                    self.repo.tree(synced),
                    files,
                    [synced] if synced else [],
                    self._author(),
                    self._committer(),
                    _describe(files),
                    self.ws.clock(),
                )
                self.state.synced = synced.decode()
                self.state.unshared += len(files)
            self.state.stamps = stamps
            self.state.clock = self.clock.stamp()
            self.state.save(self.ws.root)
        return synced

    def _changed_records(self, synced: Sha | None) -> tuple[dict[str, bytes], dict[str, list[int]]]:
        tree = self.repo.tree(synced)
        files: dict[str, bytes] = {}
        stamps: dict[str, list[int]] = {}
        names = [CLUSTER_FILE] + [team_file(t) for t in self.ws.team_ids_on_disk()]
        for name in names:
            stamp = file_stamp(self.ws.root / name)
            if stamp is None:
                continue
            stamps[name] = list(stamp)
            if self.state.stamps.get(name) == list(stamp):
                continue  # not saved since the last sync
            data = self.ws.read(self.ws.file_at(name).storage.read) or {}
            files.update(self._file_changes(tree, name, data))
        return files, stamps

    def _file_changes(self, tree: Sha, name: str, data: dict[str, Any]) -> dict[str, bytes]:
        shared_before = self.repo.files_under(tree, folder_of(name))
        sealer = self._sealer or self._sealing(self._synced())
        team = None if name == CLUSTER_FILE else name.removeprefix("teams/").removesuffix(".json")
        files: dict[str, bytes] = {}
        seen = set()
        for table in tables_of(name):
            for doc in (data.get(table) or {}).values():
                path = share_path(Place(name, table, doc["id"]))
                seen.add(path)
                sha = shared_before.get(path)
                old = sharing.decode(self.repo.blob(sha)) if sha else None
                wall = _when(doc.get("updated_at")) or self.ws.clock()
                was = None if old is None or sharing.is_deleted(old) else old["record"]
                shared = sealer.seal(table, doc, was, team)
                new = sharing.stamped(table, old, shared, partial(self.clock.tick, wall))
                if new is not None:
                    files[path] = sharing.encode(new)
        for path, sha in shared_before.items():
            if path in seen or place_of(path) is None:
                continue
            old = sharing.decode(self.repo.blob(sha))
            if not sharing.is_deleted(old):
                files[path] = sharing.encode(sharing.tombstone(old, self._tick_now()))
        return files

    # -- 3. merge --------------------------------------------------------------------------

    def _merge(self, ours: Sha | None, theirs: Sha | None) -> Sha | None:
        if ours is None or theirs is None or ours == theirs:
            return ours or theirs
        base = self.repo.merge_base(ours, theirs)
        if base == theirs:
            return ours
        if base == ours:
            return theirs
        base_tree = self.repo.tree(base)
        ours_tree, theirs_tree = self.repo.tree(ours), self.repo.tree(theirs)
        mine = {path: (old, new) for path, old, new in self.repo.changes(base_tree, ours_tree)}
        yours = {path: (old, new) for path, old, new in self.repo.changes(base_tree, theirs_tree)}
        files: dict[str, bytes] = {}
        for path, (old, new) in yours.items():
            if path not in mine:
                if new is not None:
                    files[path] = self.repo.blob(new)
                continue
            my_new = mine[path][1]
            if my_new == new or new is None:
                continue
            if my_new is None:
                files[path] = self.repo.blob(new)
                continue
            files[path] = self._merge_file(path, old, my_new, new)
        for side, other, other_tree in ((mine, yours, theirs_tree), (yours, mine, ours_tree)):
            files.update(self._teams_still_used(side, other, other_tree))
        # Both orders give the same tree; the parents are in a fixed order too.
        parents = sorted([ours, theirs])
        tree = self.repo.tree_with(ours_tree, files)
        return self.repo.commit_tree(
            tree, parents, self._author(), self._committer(), "Merged", self.ws.clock()
        )

    def _teams_still_used(
        self, side: dict[str, Any], other: dict[str, Any], other_tree: Sha
    ) -> dict[str, bytes]:
        """Teams `side` removed while `other` added or changed their records: brought back,
        flagged for review (their records would otherwise be lost to the remover)."""
        found: dict[str, bytes] = {}
        for path, (_old, new) in side.items():
            place = place_of(path)
            if new is None or place is None or place.table != TEAMS or path in other:
                continue
            gone = sharing.decode(self.repo.blob(new))
            if not sharing.is_deleted(gone):
                continue
            if any(p.startswith(f"teams/{place.record_id}/") for p in other):
                kept = self.repo.read(other_tree, path)
                if kept is not None:
                    restored = sharing.restore(sharing.decode(kept), gone)
                    found[path] = sharing.encode(restored)
        return found

    def _merge_file(self, path: str, base: Sha | None, ours: Sha, theirs: Sha) -> bytes:
        if path == FORMAT_FILE:
            return max(self.repo.blob(ours), self.repo.blob(theirs))
        docs = [sharing.decode(self.repo.blob(s)) if s else None for s in (base, ours, theirs)]
        merged = sharing.merge(*docs)
        assert merged is not None
        return sharing.encode(merged)

    # -- 4. import -------------------------------------------------------------------------

    def _import(self, head: Sha | None) -> Sha | None:
        """Bring the workspace in line with `head`, after exporting anything edited since the
        first export (so nothing edited meanwhile is overwritten). The new synced commit."""
        if head is None:
            return head
        with self.ws.lock():
            synced = self._export()
            if synced != head:
                head = self._merge(synced, head)
                assert head is not None
                self.repo.set_ref(MAIN, head)
            if synced != head:
                self._apply(synced, head)
            self.state.synced = head.decode()
            self.state.clock = self.clock.stamp()
            self.state.save(self.ws.root)
        return head

    def _apply(self, synced: Sha | None, head: Sha) -> None:
        people = self._people(head)
        changes = list(self.repo.changes(self.repo.tree(synced), self.repo.tree(head)))
        incoming: list[tuple[Place, str, dict[str, Any]]] = []
        for path, _old, new in changes:
            if new is None:
                continue
            doc = sharing.decode(self.repo.blob(new)) if path != FORMAT_FILE else None
            if doc is None:
                continue
            self._observe(doc)
            self._note_conflicts(path, doc)
            if (place := place_of(path)) is not None:
                incoming.append((place, path, doc))
        incoming += self._whole_teams(head, incoming)
        # Teams first: a new team's file is made before its records are written into it.
        incoming.sort(key=lambda item: (item[0].file != CLUSTER_FILE, item[0].table != TEAMS))
        removed: list[str] = []
        self._made.clear()
        senders: Counter[str] = Counter()
        with self.ws.writing():
            # The cluster's records first (a team's file is made when its team arrives), then
            # each team's; each table is written in one pass.
            for in_cluster in (True, False):
                self._pending, self._known = {}, {}
                for place, _path, doc in incoming:
                    if (place.file == CLUSTER_FILE) != in_cluster:
                        continue
                    stamp = self._write(place, doc, removed)
                    if not stamp:
                        continue  # unchanged here, or our own change coming back
                    self.report.received += 1
                    if who := people.get(stamp_replica(stamp), ""):
                        senders[who] += 1
                        self.state.changed_by[place.record_id] = who
                for (name, table), docs in self._pending.items():
                    if docs:  # an empty write would still save the file again
                        self.ws.file_at(name).put_many(table, docs)
        for team_id in removed:
            self.ws.remove_team_file(team_id)
        self.report.senders = [name for name, _ in senders.most_common()]
        names = [CLUSTER_FILE] + [team_file(t) for t in self.ws.team_ids_on_disk()]
        self.state.stamps = {
            n: list(s) for n in names if (s := file_stamp(self.ws.root / n)) is not None
        }

    def _whole_teams(
        self, head: Sha, incoming: list[tuple[Place, str, dict[str, Any]]]
    ) -> list[tuple[Place, str, dict[str, Any]]]:
        """Every record of a team this workspace has no file for (one brought back after it
        was removed here): not only those that changed."""
        paths = {path for _place, path, _doc in incoming}
        more = []
        tree = self.repo.tree(head)
        for place, _path, doc in incoming:
            if place.table != TEAMS or sharing.is_deleted(doc):
                continue
            if (self.ws.root / team_file(place.record_id)).exists():
                continue
            for path, sha in self.repo.files_under(tree, f"teams/{place.record_id}").items():
                if path not in paths and (found := place_of(path)) is not None:
                    more.append((found, path, sharing.decode(self.repo.blob(sha))))
        return more

    def _write(self, place: Place, doc: dict[str, Any], removed: list[str]) -> str:
        """Put one shared record into the workspace. The stamp of the newest change someone
        else made to it, or "" when nothing of anyone else's changed here."""
        if place.file != CLUSTER_FILE and not (self.ws.root / place.file).exists():
            team_id = place.file.removeprefix("teams/").removesuffix(".json")
            if self.ws.cluster_file.raw(TEAMS, team_id) is None:
                return ""  # a team removed here, or not arrived: its records wait
            self._team_file_for(team_id)
        mine = self._record_here(place)
        pending = self._pending.setdefault((place.file, place.table), {})
        if sharing.is_deleted(doc):
            if mine is None:
                return ""
            pending[place.record_id] = None
            if place.table == TEAMS:
                removed.append(place.record_id)
            return self._theirs([doc["_meta"]["deleted"]])
        record = self._unsealed(place.table, doc["record"], mine)
        try:
            from_record(RECORD_TYPES[place.table], record)
        except BadRecord as e:
            self.report.skipped.append(f"{share_path(place)}: {e}")
            return ""
        if record == mine:
            return ""
        pending[place.record_id] = record
        if place.table == TEAMS:
            self._team_file_for(place.record_id)
        stamps = doc["_meta"].get("f", {})
        before = mine or {}
        changed = [k for k in record if k != "updated_at" and record[k] != before.get(k)]
        return self._theirs([stamps.get(k, "") for k in changed])

    def _record_here(self, place: Place) -> dict[str, Any] | None:
        """The record as this workspace holds it, from one read of its file per import."""
        if place.file not in self._known:
            data = self.ws.file_at(place.file).storage.read() or {}
            self._known[place.file] = {
                table: {d["id"]: d for d in (data.get(table) or {}).values()}
                for table in tables_of(place.file)
            }
        return self._known[place.file].get(place.table, {}).get(place.record_id)

    # -- sealed text -------------------------------------------------------------------------

    def _sealing(self, head: Sha | None) -> Sealer:
        """Who each level's text is sealed to, from the share's people as of `head`."""
        people = self._people_records(head)
        recovery = _share_info(self.repo, head).get("recovery") or []
        key = self._key()
        sealer = Sealer(key, circles_of(people, recovery, keys.recipient(key) if key else ""))
        if self._sealer is not None and self._sealer.key is key:
            sealer.remember(self._sealer)  # what was opened already need not be opened again
        else:
            sealer.digests = self._load_digests(sealer.circles.me)
            self._digests_saved = len(sealer.digests)
        self._sealer = sealer
        return sealer

    def _digests_path(self) -> Path:
        return self.ws.root / SHARE_DIR / DIGESTS

    def _load_digests(self, me: str) -> dict[str, str]:
        """What each sealed text said at the last sync, by digest (this laptop's, never
        shared), if it was made with the key in use now."""
        try:
            data = orjson.loads(self._digests_path().read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        ok = isinstance(data, dict) and data.get("key") == me
        return dict(data.get("digests") or {}) if ok else {}

    def _save_digests(self) -> None:
        sealer = self._sealer
        if sealer is None or len(sealer.digests) == self._digests_saved:
            return
        body = {"key": sealer.circles.me, "digests": sealer.digests}
        with contextlib.suppress(OSError):  # a cache: the next sync opens what it needs
            atomic_write(self._digests_path(), orjson.dumps(body))
            self._digests_saved = len(sealer.digests)

    def _opener(self) -> Sealer:
        return self._sealer or self._sealing(self.repo.ref(MAIN))

    def _unsealed(
        self, table: str, shared: dict[str, Any], mine: dict[str, Any] | None
    ) -> dict[str, Any]:
        """A shared record as this workspace stores it: sealed text opened where this
        person's key can open it; a confidential note written here is kept here."""
        return sharing.local_fields(table, self._opener().open_record(table, shared), mine)

    def _reopen_sealed(self, head: Sha | None) -> None:
        """Once a laptop has a key it did not have at its last sync (restored from a backup),
        open the text it brought in before and could not read."""
        key = self._key()
        if key is None or head is None or self.state.opened_with == keys.recipient(key):
            return
        opener = self._sealing(head)
        found = []
        tree = self.repo.tree(head)
        for top in ("cluster", "teams"):
            for path, sha in self.repo.files_under(tree, top).items():
                place = place_of(path)
                doc = sharing.decode(self.repo.blob(sha)) if place else None
                if place is None or doc is None or sharing.is_deleted(doc):
                    continue
                here = self._record_here(place)
                if here is None:
                    continue
                opened = sharing.local_fields(
                    place.table, opener.open_record(place.table, doc["record"]), here
                )
                if opened != here:
                    found.append((place, opened))
        if found:
            with self.ws.writing():
                for place, record in found:
                    self.ws.file_at(place.file).put_raw(place.table, place.record_id, record)
            self._known.clear()
        self.state.opened_with = keys.recipient(key)
        self.state.save(self.ws.root)

    def _key(self) -> Any:
        """This person's key (read when the share was opened), or None."""
        return self._identity

    def _team_file_for(self, team_id: str) -> None:
        """A team that arrives gets its file, in the same change (never a team without one)."""
        name = team_file(team_id)
        if name not in self._made and not (self.ws.root / name).exists():
            self.ws.stamp(self.ws.team_file(team_id))
            self._made.add(name)

    def _theirs(self, stamps: list[str]) -> str:
        return max((s for s in stamps if s and stamp_replica(s) != self.state.replica), default="")

    def _observe(self, doc: dict[str, Any]) -> None:
        stamp = _last_stamp(doc)
        if not stamp:
            return
        self.clock.observe(stamp)
        ahead = (stamp_datetime(stamp) - self.ws.clock()).total_seconds()
        if ahead > 300 and stamp_replica(stamp) != self.state.replica:
            note = f"a change stamped {stamp_datetime(stamp):%Y-%m-%d %H:%M} UTC"
            if note not in self.report.skew:
                self.report.skew.append(note)

    def _note_conflicts(self, path: str, doc: dict[str, Any]) -> None:
        open_ids = [c["id"] for c in sharing.open_conflicts(doc)]
        known = set(self.state.conflicts.get(path, []))
        self.report.new_conflicts += len(set(open_ids) - known)
        if open_ids:
            self.state.conflicts[path] = open_ids
        else:
            self.state.conflicts.pop(path, None)

    # -- conflicts -------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        head = self.repo.ref(MAIN)
        if head is None:
            return []
        tree = self.repo.tree(head)
        people = self._people(head)
        found = []
        for path in sorted(self.state.conflicts):
            data = self.repo.read(tree, path)
            if data is None:
                continue
            doc = sharing.decode(data)
            for c in sharing.open_conflicts(doc):
                found.append(self._conflict_view(path, doc, c, people))
        return found

    def conflict(self, ref: str) -> Conflict:
        ref = ref.strip().lower()
        matches = [c for c in self.conflicts() if c.id.startswith(ref)] if ref else []
        if len(matches) != 1:
            what = "No conflict" if not matches else "More than one conflict"
            raise ShareError(
                f"{what} to review has an id starting {quoted(ref)}; see flourish conflicts."
            )
        return matches[0]

    def resolve(self, ref: str, keep: str) -> Conflict:
        """Decide a clash: keep "mine" or "theirs" (see Conflict.mine), as a new change."""
        if keep not in ("mine", "theirs"):
            raise ValidationError(f"--keep takes mine or theirs, not {quoted(keep)}.")
        chosen = self.conflict(ref)
        return self.decide(chosen.id, take_other=(keep == "mine") == (chosen.mine == "other"))

    def decide(self, ref: str, take_other: bool) -> Conflict:
        """Decide a clash: keep the value that won, or take the other one instead. Either way
        it is a new change, shared at the next sync, and the clash stays decided."""
        with self._sync_lock():
            self._check_copy()
            self._run_local()
            chosen = self.conflict(ref)
            head = self.repo.ref(MAIN)
            assert head is not None
            doc = sharing.decode(self.repo.read(self.repo.tree(head), chosen.path) or b"")
            if chosen.field == "deleted":
                stamp = self._tick_now()
                resolved = sharing.resolve(doc, chosen.id, None, stamp)
                if take_other:
                    resolved = sharing.tombstone(resolved, stamp)
            else:
                value = chosen.other_raw if take_other else chosen.kept_raw
                resolved = sharing.resolve(doc, chosen.id, value, self._tick_now())
            files = {chosen.path: sharing.encode(resolved)}
            new = self.repo.write(
                self.repo.tree(head),
                files,
                [head],
                self._author(),
                self._committer(),
                f"Resolved a conflict in {chosen.field}",
                self.ws.clock(),
            )
            self.repo.set_ref(MAIN, new)
            self.state.unshared += 1
            self._import(new)
        return chosen

    def _run_local(self) -> None:
        """Export and bring in what the last sync merged, without the network."""
        head = self._merge(self._export(), self.repo.ref(MAIN))
        if head is not None:
            self.repo.set_ref(MAIN, head)
            self._import(head)

    def _conflict_view(
        self, path: str, doc: dict[str, Any], c: dict[str, Any], people: dict[str, str]
    ) -> Conflict:
        place = place_of(path)
        record = doc["record"]
        field = c["field"]
        stamps = doc["_meta"].get("f", {})
        if field == "lifecycle":
            group = sharing.LIFECYCLE.get(doc["_meta"].get("table", ""), ())
            kept: Any = {n: record.get(n) for n in group}
            kept_stamp = max((stamps.get(n, "") for n in group), default="")
        elif field == "deleted":
            kept, kept_stamp = "kept", _last_stamp(doc)
        else:
            kept, kept_stamp = record.get(field), stamps.get(field, "")
        other_stamp = c["stamp"]
        mine = "other" if stamp_replica(other_stamp) in self._my_replicas(people) else "kept"
        team_id = record.get("team_id") if place and place.file != CLUSTER_FILE else None
        other = c["value"] if field != "deleted" else "deleted"
        shown = self._opener().open_any
        return Conflict(
            id=c["id"],
            path=path,
            table=place.table if place else doc["_meta"].get("table", ""),
            record_id=record.get("id", ""),
            team_id=team_id,
            field=field,
            kept=shown(kept),
            kept_raw=kept,
            kept_by=people.get(stamp_replica(kept_stamp), "someone"),
            kept_at=stamp_datetime(kept_stamp) if kept_stamp else None,
            other=shown(other),
            other_raw=other,
            other_by=people.get(stamp_replica(other_stamp), "someone"),
            other_at=stamp_datetime(other_stamp) if other_stamp else None,
            note=c.get("note", ""),
            mine=mine,
        )

    def _my_replicas(self, people: dict[str, str]) -> set[str]:
        return {r for r, name in people.items() if name == self.state.name} | {self.state.replica}

    # -- people, history and status ---------------------------------------------------------

    def members(self) -> list[dict[str, Any]]:
        found = [members.row(p, self.state.person) for p in self._people_records(self._head())]
        order = {"chair": 0, "coach": 1, "viewer": 2}
        return sorted(
            found,
            key=lambda p: (p["status"] != "pending", order.get(p["role"], 3), p["name"].casefold()),
        )

    def approve(self, ref: str, role: str, teams: list[str]) -> tuple[dict[str, Any], int]:
        """Let `ref` in with `role` for `teams` (the chair only): the person as approved, and
        how many records' text was sealed again to include them."""
        with self._sync_lock():
            self._check_copy()
            self._run()  # the newest people and text first
            person = members.find(self._people_records(self._head()), ref)
            record = members.approved(person, role, teams, self.state.name, self._today())
            count = self._membership(record, f"Approved {person.get('name', '?')} as {role}")
            self._run()
        return record, count

    def remove(self, ref: str) -> dict[str, Any]:
        """Take `ref` out of every circle (the chair only). Text written from now on is not
        sealed to them; what they could read before stays readable to their old key."""
        with self._sync_lock():
            self._check_copy()
            self._run()
            person = members.find(self._people_records(self._head()), ref)
            if person["id"] == self.state.person:
                raise ShareError("You cannot remove yourself; another chair can.")
            record = members.removed(person, self.state.name, self._today())
            self._membership(record, f"Removed {person.get('name', '?')} from the share")
            self._run()
        return record

    def _membership(self, record: dict[str, Any], what: str) -> int:
        """Write `record` (a person, as the chair changed them) and, for an approval, every
        record of the teams they join with its text sealed again to include them."""
        head = self._head()
        assert head is not None
        people = self._people_records(head)
        mine = next((p for p in people if p["id"] == self.state.person), {})
        if mine.get("role") != "chair" or members.status_of(mine) != APPROVED:
            chair = next((p.get("name") for p in people if p.get("role") == "chair"), "the chair")
            raise ShareError(f"Only the chair approves and removes members; ask {chair}.")
        tree = self.repo.tree(head)
        person_path = f"{PEOPLE}/{record['id']}.json"
        old_person = sharing.decode(self.repo.read(tree, person_path) or b"")
        new_person = sharing.stamped(PEOPLE, old_person, record, self._tick_now)
        files = {person_path: sharing.encode(new_person)} if new_person else {}
        sealer = self._sealing(head)
        sealer.circles = circles_of(
            [record if p["id"] == record["id"] else p for p in people],
            sealer.circles.recovery,
            sealer.circles.me,
        )
        count = 0
        if record["status"] == APPROVED:
            teams = None if record["role"] == "chair" else set(record["teams"])
            for path, sha in self._records_for(tree, teams):
                place = place_of(path)
                old = sharing.decode(self.repo.blob(sha))
                if place is None or sharing.is_deleted(old):
                    continue
                team = None if place.file == CLUSTER_FILE else _team_of(place)
                again = sealer.reseal(place.table, old["record"], team)
                if again != old["record"]:
                    new = sharing.stamped(place.table, old, again, self._tick_now)
                    if new is not None:
                        files[path] = sharing.encode(new)
                        count += 1
        if files:
            self._commit(head, files, what)
        return count

    def _records_for(self, tree: Sha, teams: set[str] | None) -> Iterator[tuple[str, Sha]]:
        """The share's records a person reading `teams` (None: every team) newly reads."""
        yield from self.repo.files_under(tree, "cluster").items()
        for path, sha in self.repo.files_under(tree, "teams").items():
            if teams is None or path.split("/")[1] in teams:
                yield path, sha

    def _head(self) -> Sha | None:
        return self.repo.ref(MAIN)

    def _today(self) -> str:
        return self.ws.clock().date().isoformat()

    def log(self, team_id: str | None = None, limit: int = 30) -> list[dict[str, Any]]:
        """Who changed what, newest first: one entry per commit that changed records."""
        head = self.repo.ref(MAIN)
        if head is None:
            return []
        entries = []
        for commit in self.repo.new_commits(head, None):
            if len(commit.parents) > 1:
                continue  # a merge joins others' changes; it makes none of its own
            parent_tree = self.repo.tree(commit.parents[0]) if commit.parents else None
            old = parent_tree if parent_tree is not None else self.repo.empty_tree()
            paths = [p for p, _, _ in self.repo.changes(old, commit.tree)]
            if team_id:
                paths = [p for p in paths if team_id in p]
                if not paths:
                    continue
            author = commit.author.decode(errors="replace").split(" <")[0]
            entries.append(
                {
                    "commit": commit.id.decode()[:10],
                    "by": author,
                    "at": datetime.fromtimestamp(commit.author_time).astimezone().isoformat(),
                    "what": commit.message.decode(errors="replace").strip(),
                    "records": len(paths),
                }
            )
            if len(entries) >= limit:
                break
        return entries

    def status(self) -> dict[str, Any]:
        return {
            "remote": self.state.remote,
            "waiting_for": self.state.waiting,
            "you": self.state.name,
            "workspace_id": self.state.replica,
            "last_shared": self.state.last_sync or None,
            "not_shared": self.state.unshared,
            "to_review": self.state.to_review(),
            "offline": self.state.offline or None,
            "you_are": self._my_status(),
            "pending": [
                {"name": p.get("name", ""), "fingerprint": keys.fingerprint(p["recipient"])}
                for p in members.pending(self._people_records(self._head()))
                if p.get("recipient") and p["id"] != self.state.person
            ],
        }

    def _note_standing(self) -> None:
        """Whether this person is approved yet and, for a chair, who asks to join: shown in
        the app's footer without opening the share."""
        people = self._people_records(self._head())
        mine = next((p for p in people if p["id"] == self.state.person), None)
        self.state.standing = members.status_of(mine) if mine else PENDING
        chair = mine is not None and mine.get("role") == "chair"
        self.state.asking = [
            f"{p.get('name', '?')} ({keys.fingerprint(p['recipient'])})"
            for p in members.pending(people)
            if chair and p.get("recipient")
        ]

    def _my_status(self) -> str:
        mine = [p for p in self._people_records(self._head()) if p["id"] == self.state.person]
        return members.status_of(mine[0]) if mine else PENDING

    def _people_records(self, head: Sha | None) -> list[dict[str, Any]]:
        if head is None:
            return []
        return [
            sharing.decode(self.repo.blob(sha))["record"]
            for sha in self.repo.files_under(self.repo.tree(head), PEOPLE).values()
        ]

    def _people(self, head: Sha | None) -> dict[str, str]:
        """Each workspace's owner's name, by workspace (replica) id."""
        names: dict[str, str] = {}
        if head is None:
            return names
        for sha in self.repo.files_under(self.repo.tree(head), PEOPLE).values():
            record = sharing.decode(self.repo.blob(sha))["record"]
            for replica in record.get("replicas", []):
                names[replica] = record.get("name", "")
        return names

    def _who(self, doc: dict[str, Any], people: dict[str, str]) -> str:
        return people.get(stamp_replica(_last_stamp(doc)), "")

    # -- guards ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _sync_lock(self) -> Iterator[None]:
        lock = filelock.FileLock(self.ws.root / SYNC_LOCK, mode=0o600)
        try:
            lock.acquire(timeout=30)
        except filelock.Timeout:
            raise ShareError(
                "Another sync of this workspace is still running; try again when it is done."
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _check_copy(self) -> None:
        """A workspace copied to another computer must not publish as the original."""
        if self.state.install != install_id():
            raise ShareError(
                "This workspace was copied from another computer, so it cannot share as the "
                "original. Run `flourish share doctor --repair` to make this copy a workspace "
                "of its own; nothing was shared."
            )

    def checkup(self) -> list[Finding]:
        """What is wrong with this workspace's share, each in words, and whether --repair
        fixes it: a workspace copied from another computer, and for a folder share a folder
        that cannot be read, conflict copies of bundles, files Flourish does not know, and
        laptops whose changes had not fully arrived at the last sync."""
        found: list[Finding] = []
        if self.state.install != install_id():
            found.append(
                Finding(
                    "This workspace was copied from another computer: it cannot share as the "
                    "original until it becomes a workspace of its own.",
                    "copy",
                )
            )
        if synced := synced_note(self.ws.root):
            found.append(Finding(synced))
        if not keys.exists():
            found.append(
                Finding(
                    f"There is no key on this laptop ({keys.key_path()}), so your confidential "
                    "notes from your other laptops cannot be read here. Bring your key with "
                    "`flourish share keys restore FILE` (a copy made by `share keys backup` on "
                    "the laptop that has it); --repair makes a new one instead, and notes "
                    "sealed to the old one stay unreadable here.",
                    "key",
                )
            )
        found += self._membership_findings()
        if not is_folder(self.state.remote):
            return found
        folder = folder_path(self.state.remote)
        try:
            arrival = Outbox(folder, self.state.replica, self.ws.root).fetch(self.repo)
        except FolderMissing as e:
            found.append(Finding(f"{e}: is the drive or cloud client running?"))
            return found
        mine = [c for c in arrival.copies if c.startswith(self.state.replica)]
        for copy in arrival.copies:
            own = " (of this workspace's; --repair removes it)" if copy in mine else ""
            found.append(
                Finding(
                    f"{copy} is a sync tool's conflict copy; it is harmless{own}.",
                    "copies" if copy in mine else "",
                )
            )
        for name in arrival.strays:
            found.append(Finding(f"{folder / OUTBOX / name} is not Flourish's; it is never read."))
        people = self._people(self.repo.ref(MAIN))
        for replica, version in arrival.formats.items():
            if version > FORMAT:
                who = _whose(replica, people, arrival.names)
                found.append(
                    Finding(
                        f"{who}'s Flourish writes a newer kind of share (format {version}); "
                        "upgrade Flourish on this laptop to keep sharing with them."
                    )
                )
        for replica in arrival.waiting:
            who = _whose(replica, people, arrival.names)
            found.append(Finding(f"{who}'s latest changes have not fully arrived in {folder} yet."))
        return found

    def repair_all(self, found: list[Finding]) -> list[str]:
        """Fix what `checkup` found that can be fixed; what was done, in words."""
        done = []
        if any(f.fix == "copy" for f in found):
            done.append(self.repair())
        if any(f.fix == "key" for f in found):
            key = keys.identity(create=True)
            self._identity = key
            public = keys.recipient(key)
            self._update_person(lambda record: {"recipient": public}, "made a new key")
            done.append(
                f"Made a new key ({keys.fingerprint(keys.recipient(key))}); back it up with "
                "`flourish share keys backup FILE`."
            )
        if any(f.fix == "seal" for f in found):
            count = self.seal_plain()
            done.append(
                f"Sealed the text of {_count(count, 'record')} to the circles that read it."
            )
        if any(f.fix == "copies" for f in found):
            box = folder_path(self.state.remote) / OUTBOX
            for path in sorted(box.glob(f"{self.state.replica}*{BUNDLE}")):
                if path.name != f"{self.state.replica}{BUNDLE}":
                    with contextlib.suppress(OSError):
                        path.unlink()
                        done.append(f"Removed {path.name}: everything in it is shared already.")
        return done or ["Nothing here can be fixed by Flourish; the list above says what to do."]

    def _membership_findings(self) -> list[Finding]:
        found = []
        people = self._people_records(self._head())
        mine = next((p for p in people if p["id"] == self.state.person), None)
        if mine is not None and members.status_of(mine) == PENDING:
            public = mine.get("recipient", "")
            found.append(
                Finding(
                    "The chair has not approved you yet, so teams' notes read 'not shared with "
                    "you'. Read the chair your key's fingerprint by phone: "
                    f"{keys.fingerprint(public) if public else '(no key)'}."
                )
            )
        if mine is not None and mine.get("role") == "chair":
            for p in members.pending(people):
                public = p.get("recipient", "")
                found.append(
                    Finding(
                        f"{p.get('name', '?')} asked to join (key "
                        f"{keys.fingerprint(public) if public else 'missing'}). Compare it with "
                        f"them by phone, then: flourish share approve {quoted(p.get('name', ''))} "
                        "--role coach --teams TEAM"
                    )
                )
        if plain := len(self._plain_records()):
            found.append(
                Finding(
                    f"{_count(plain, 'record')} in the share {'holds' if plain == 1 else 'hold'} "
                    "text shared before sealing "
                    "existed, readable by anyone who can read the folder or repository; "
                    "--repair seals what you can read (earlier versions stay in its history).",
                    "seal",
                )
            )
        return found

    def _plain_records(self) -> list[tuple[str, Place, dict[str, Any]]]:
        head = self._head()
        if head is None:
            return []
        sealer = self._opener()
        found = []
        for path, sha in self._records_for(self.repo.tree(head), None):
            place = place_of(path)
            if place is None:
                continue
            doc = sharing.decode(self.repo.blob(sha))
            if not sharing.is_deleted(doc) and sealer.holds_plain(place.table, doc["record"]):
                found.append((path, place, doc))
        return found

    def seal_plain(self) -> int:
        """Seal the text the share holds in plain (from before sealing existed)."""
        with self._sync_lock():
            self._check_copy()
            self._run_local()
            head = self._head()
            assert head is not None
            sealer = self._sealing(head)
            files = {}
            for path, place, doc in self._plain_records():
                team = None if place.file == CLUSTER_FILE else _team_of(place)
                sealed = sealer.seal(place.table, doc["record"], None, team)
                new = sharing.stamped(place.table, doc, sealed, self._tick_now)
                if new is not None:
                    files[path] = sharing.encode(new)
            if files:
                self._commit(head, files, f"Sealed the text of {_count(len(files), 'record')}")
            self._run()
        return len(files)

    def _commit(self, head: Sha, files: dict[str, bytes], what: str) -> None:
        """One commit of `files` on `head`, shared at the next sync."""
        commit = self.repo.write(
            self.repo.tree(head),
            files,
            [head],
            self._author(),
            self._committer(),
            what,
            self.ws.clock(),
        )
        self.repo.set_ref(MAIN, commit)
        if self.state.synced == head.decode():
            self.state.synced = commit.decode()
        self.state.unshared += 1
        self.state.save(self.ws.root)

    def _update_person(
        self, changes: Callable[[dict[str, Any]], dict[str, Any]], what: str
    ) -> None:
        """Change this person's file in the share (`changes` of its record as it is), as one
        commit shared at the next sync."""
        people_path = f"{PEOPLE}/{self.state.person}.json"
        head = self.repo.ref(MAIN)
        data = self.repo.read(self.repo.tree(head), people_path) if head else None
        if not data or not head:
            return
        old = sharing.decode(data)
        record = {**old["record"], **changes(old["record"])}
        new = sharing.stamped(PEOPLE, old, record, self._tick_now)
        if new is None:
            return
        self._commit(head, {people_path: sharing.encode(new)}, f"{self.state.name} {what}")

    def repair(self) -> str:
        """Give a copied workspace its own id, so it shares as itself from now on."""
        with self._sync_lock():
            if self.state.install == install_id():
                return "Nothing to repair: this workspace is the one that joined the share."
            self.state.replica = new_id()
            self.state.install = install_id()
            self.clock = Hlc.from_stamp(self.state.replica, self.state.clock)
            self.state.save(self.ws.root)
            self._update_person(
                lambda record: {"replicas": [*record.get("replicas", []), self.state.replica]},
                "added a workspace",
            )
        return "This copy now shares as a workspace of its own; run `flourish sync`."

    # -- helpers -----------------------------------------------------------------------------

    def _synced(self) -> Sha | None:
        return ObjectID(self.state.synced.encode()) if self.state.synced else None

    def _tick_now(self) -> str:
        return self.clock.tick(self.ws.clock())

    def _author(self) -> str:
        email = self.state.email or "unknown@flourish.invalid"
        return f"{_header(self.state.name or 'Unknown')} <{_header(email)}>"

    def _committer(self) -> str:
        email = self.state.email or "unknown@flourish.invalid"
        return (
            f"{_header(self.state.name or 'Unknown')} ({self.state.replica[:6]}) <{_header(email)}>"
        )


def _slot_ids(ws: Workspace) -> None:
    """Give pulse results and ratings made before their ids came from their slot the id of
    their slot (nothing refers to them by id), so that a slot filled again elsewhere after
    sharing is the same record."""
    keys: dict[str, Callable[[dict[str, Any]], tuple[str, ...]]] = {
        PULSE: lambda d: ("pulse", d["team_id"], d["month"], d["dimension"]),
        RATINGS: lambda d: ("rating", d["team_id"], d["round_id"], d["condition"]),
    }
    with ws.writing():
        for team_id in ws.team_ids_on_disk():
            f = ws.team_file(team_id)
            data = f.storage.read() or {}
            for table, key in keys.items():
                for doc in list((data.get(table) or {}).values()):
                    wanted = slot_id(*key(doc))
                    if doc["id"] != wanted:
                        f.put_raw(table, doc["id"], None)
                        f.put_raw(table, wanted, {**doc, "id": wanted})


def in_words(value: Any) -> str:
    """A field's value as a person reads it: a lifecycle's fields, a list's names."""
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return "; ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
    return "—" if value in (None, "") else str(value)


def _header(text: str) -> str:
    return "".join(ch for ch in text if ch not in "<>\n\r\0")


def _remote(url: str, create: bool) -> str:
    """The remote as dulwich reads it; a local path is made absolute, and for `share init` an
    empty repository is made there if nothing is."""
    url = url.strip()
    if not url:
        raise ValidationError("--git needs the remote's URL or a path to a bare repository.")
    if "://" in url and not url.startswith("file://"):
        return url
    if ":" in url.split("/")[0] and not Path(url).exists() and len(url.split(":")[0]) > 1:
        return url  # scp-like user@host:path
    path = Path(url.removeprefix("file://")).expanduser().resolve()
    if not path.exists() and create:
        ShareRepo.create(path).close()
    elif not is_remote_repository(path):
        raise ShareError(f"{path} is not a git repository.")
    return str(path)


def _folder_remote(path: str, root: Path, create: bool) -> str:
    """A synced folder to share through, as share.json names it. Never the workspace, nor in
    it, nor a git repository; `create` (share init) makes it if only its parent exists."""
    folder = Path(path.removeprefix(FOLDER).strip()).expanduser().resolve()
    if not str(path.removeprefix(FOLDER)).strip():
        raise ValidationError("--folder needs the path of a folder your cloud client syncs.")
    workspace = root.resolve()
    if folder == workspace or folder.is_relative_to(workspace):
        raise ShareError(f"{folder} is inside the workspace; share through a folder elsewhere.")
    if workspace.is_relative_to(folder):
        raise ShareError(
            f"The workspace {workspace} is inside {folder}; keep the workspace out of the synced "
            "folder and share through a folder of its own."
        )
    if is_remote_repository(folder) or (folder / ".git").exists():
        raise ShareError(f"{folder} is a git repository; use --git for it, or another folder.")
    if not folder.is_dir():
        if not create or not folder.parent.is_dir():
            raise ShareError(
                f"{folder} is not a folder. Give the folder your cloud client syncs (e.g. in "
                "OneDrive or Google Drive) as it is on this computer."
            )
        try:
            folder.mkdir()
        except OSError as e:
            raise ShareError(
                f"Cannot make {folder}: {e.strerror or e}. Nothing was shared."
            ) from None
    return FOLDER + str(folder)


def _whose(replica: str, people: dict[str, str], hinted: dict[str, str]) -> str:
    return people.get(replica) or hinted.get(replica) or f"the workspace {replica[:6]}"


def _first_head(repo: ShareRepo, url: str, root: Path) -> Sha | None:
    """The shared cluster's head, to join from: the remote's main, or in a folder the first
    laptop's whole bundle (the others are merged by the first sync)."""
    if not is_folder(url):
        return repo.fetch(url)
    try:
        arrival = Outbox(folder_path(url), "", root).fetch(repo)
    except FolderMissing as e:
        raise Unreachable(str(e)) from None
    if not arrival.heads and arrival.waiting:
        raise Unreachable(
            "the folder's files have not fully arrived on this computer yet; wait for your "
            "cloud client to finish, then join again"
        )
    return arrival.heads[0][1] if arrival.heads else None


def _team_of(place: Place) -> str:
    return folder_of(place.file).removeprefix("teams/")


def _share_info(repo: ShareRepo, head: Sha | None) -> dict[str, Any]:
    """The share's own file: its format, and the cluster's recovery key if it has one."""
    data = repo.read(repo.tree(head), FORMAT_FILE) if head else None
    try:
        info = orjson.loads(data) if data else {}
    except orjson.JSONDecodeError:
        return {}
    return info if isinstance(info, dict) else {}


def _check_format(repo: ShareRepo, head: Sha) -> None:
    data = repo.read(repo.tree(head), FORMAT_FILE)
    try:
        version = orjson.loads(data)["format"] if data else None
    except (orjson.JSONDecodeError, KeyError, TypeError):
        version = None
    if version is None:
        raise ShareError("The remote does not hold a Flourish cluster.")
    if version > FORMAT:
        raise ShareError(
            "The shared cluster was written by a newer Flourish; nothing was imported. "
            "Upgrade Flourish to keep sharing with this cluster."
        )


def _remove_joined(root: Path, created: bool) -> None:
    import shutil

    if created:
        shutil.rmtree(root, ignore_errors=True)
        return
    for name in (SHARE_DIR,):
        shutil.rmtree(root / name, ignore_errors=True)
    for name in (STATE_FILE, CLUSTER_FILE, ".lock", SYNC_LOCK):
        (root / name).unlink(missing_ok=True)
    shutil.rmtree(root / "teams", ignore_errors=True)


def _last_stamp(doc: dict[str, Any]) -> str:
    stamps = list(doc["_meta"].get("f", {}).values())
    if deleted := doc["_meta"].get("deleted"):
        stamps.append(deleted)
    return max(stamps, default="")


def _when(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _describe(files: dict[str, bytes]) -> str:
    """A commit's message: what kinds of record it changed, e.g. "Changed 2 check-ins"."""
    tables = Counter(p.split("/")[-2] for p in files if place_of(p))
    parts = [_count(n, KINDS.get(table, table)) for table, n in sorted(tables.items())]
    return "Changed " + ", ".join(parts) if parts else "Changed the share"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:2]) + f" and {len(names) - 2} more"


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None
