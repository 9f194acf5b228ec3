"""The share's git repository, through dulwich (pure-Python git: no git program needed): a bare
repository inside the workspace holding one small file per record on the branch `main`, and
the fetch and push of that branch to the cluster's remote."""

import contextlib
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from dulwich.client import get_transport_and_path
from dulwich.diff_tree import tree_changes
from dulwich.file import FileLocked
from dulwich.graph import find_merge_base
from dulwich.object_store import commit_tree_changes, tree_lookup_path
from dulwich.objects import Blob, Commit, ObjectID, Tree
from dulwich.refs import Ref
from dulwich.repo import Repo

MAIN = Ref(b"refs/heads/main")
REMOTE_MAIN = Ref(b"refs/remotes/origin/main")
FILE_MODE = 0o100644
MAX_PACKS, MAX_LOOSE = 40, 500
Sha = ObjectID


class Unreachable(Exception):
    """The remote could not be read or written; the reason is in words."""


class Race(Exception):
    """Someone pushed between our fetch and our push."""


class ShareRepo:
    def __init__(self, path: Path):
        self.path = path
        self.repo = Repo(str(path))
        self.store = self.repo.object_store

    @classmethod
    def create(cls, path: Path) -> "ShareRepo":
        Repo.init_bare(str(path), mkdir=True)
        return cls(path)

    def close(self) -> None:
        self.repo.close()

    # -- reading ---------------------------------------------------------------------------

    def ref(self, name: Ref) -> Sha | None:
        try:
            sha: Sha = self.repo.refs[name]
            return sha
        except KeyError:
            return None

    def set_ref(self, name: Ref, sha: Sha) -> None:
        self.repo.refs[name] = sha

    def commit(self, sha: Sha) -> Commit:
        obj = self.repo[sha]
        assert isinstance(obj, Commit)
        return obj

    def tree(self, commit: Sha | None) -> Sha:
        if commit is None:
            return self.empty_tree()
        tree: Sha = self.commit(commit).tree
        return tree

    def empty_tree(self) -> Sha:
        tree = Tree()
        self.store.add_object(tree)
        return tree.id

    def read(self, tree: Sha, path: str) -> bytes | None:
        try:
            _mode, sha = tree_lookup_path(self.repo.__getitem__, tree, path.encode())
        except KeyError:
            return None
        obj = self.repo[sha]
        return obj.as_raw_string() if isinstance(obj, Blob) else None

    def blob(self, sha: Sha) -> bytes:
        data: bytes = self.repo[sha].as_raw_string()
        return data

    def files_under(self, tree: Sha, prefix: str) -> dict[str, Sha]:
        """Every file below the folder `prefix` (no trailing slash), by path."""
        try:
            _mode, sub = tree_lookup_path(self.repo.__getitem__, tree, prefix.encode())
        except KeyError:
            return {}
        found: dict[str, Sha] = {}
        for entry in self.store.iter_tree_contents(sub):
            found[f"{prefix}/{entry.path.decode()}"] = entry.sha
        return found

    def changes(self, old: Sha, new: Sha) -> Iterator[tuple[str, Sha | None, Sha | None]]:
        """Each file that differs between two trees: (path, old blob, new blob)."""
        for change in tree_changes(self.store, old, new):
            entry = change.new if change.new and change.new.path else change.old
            path = (entry.path if entry else None) or b""
            old_sha = change.old.sha if change.old else None
            new_sha = change.new.sha if change.new else None
            yield path.decode(), old_sha, new_sha

    def merge_base(self, a: Sha, b: Sha) -> Sha | None:
        bases = find_merge_base(self.repo, [a, b])
        return min(bases) if bases else None  # any one, but the same one on every machine

    def contains(self, descendant: Sha, ancestor: Sha) -> bool:
        return descendant == ancestor or self.merge_base(descendant, ancestor) == ancestor

    def new_commits(self, head: Sha, known: Sha | None) -> list[Commit]:
        """Commits in `head`'s history that are not in `known`'s, newest first."""
        walker = self.repo.get_walker(include=[head], exclude=[known] if known else None)
        return [entry.commit for entry in walker]

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        tree: Sha,
        files: dict[str, bytes],
        parents: list[Sha],
        author: str,
        committer: str,
        message: str,
        when: datetime,
    ) -> Sha:
        """A commit of `tree` with `files` written into it."""
        new_tree = self.tree_with(tree, files)
        return self.commit_tree(new_tree, parents, author, committer, message, when)

    def commit_tree(
        self,
        tree: Sha,
        parents: list[Sha],
        author: str,
        committer: str,
        message: str,
        when: datetime,
    ) -> Sha:
        c = Commit()
        c.tree = tree
        c.parents = list(parents)
        c.author = author.encode()
        c.committer = committer.encode()
        c.author_time = int(when.timestamp())
        # Never older than a parent: finding the merge base walks commits newest first, and
        # a laptop whose clock is behind (or two commits in one second) would mislead it into
        # an older base, and so into conflicts no one made.
        latest = max((self.commit(p).commit_time for p in parents), default=0)
        c.commit_time = max(c.author_time, latest + 1) if parents else c.author_time
        delta = when.utcoffset()
        offset = int(delta.total_seconds()) if delta else 0
        c.author_timezone = c.commit_timezone = offset
        c.encoding = b"UTF-8"
        c.message = message.encode()
        self.store.add_object(c)
        return c.id

    def tree_with(self, tree: Sha, files: dict[str, bytes]) -> Sha:
        """`tree` with `files` (path: content) written into it."""
        blobs = {path: Blob.from_string(data) for path, data in files.items()}
        if not blobs:
            return tree
        _store(self.store, list(blobs.values()))
        changes = [(p.encode(), FILE_MODE, b.id) for p, b in sorted(blobs.items())]
        return commit_tree_changes(self.store, tree, changes)

    def tidy(self) -> None:
        """Fold the objects into one pack once there are many loose ones or many packs (each
        sync leaves a few of both), so that looking an object up stays quick."""
        loose = sum(1 for _ in self.store._iter_loose_objects())
        if len(self.store.packs) > MAX_PACKS:
            self.store.repack()
        elif loose > MAX_LOOSE:
            self.store.pack_loose_objects()

    # -- the remote ------------------------------------------------------------------------

    def fetch(self, url: str) -> Sha | None:
        """Bring the remote's main here; its head, or None when the remote has no main yet."""
        if _is_local(url):
            return self._fetch_local(Path(url))
        with _network(url):
            client, path = get_transport_and_path(url)

            seen: list[Sha] = []

            def wants(refs: dict[Ref, ObjectID], depth: Any = None) -> list[ObjectID]:
                # The head asked for, not the one the remote reports after: another push may
                # have moved it meanwhile, and its objects were not sent.
                head = refs.get(MAIN)
                if head:
                    seen.append(head)
                return [head] if head and not self._has(head) else []

            fetch: Any = client.fetch
            fetch(path, self.repo, determine_wants=wants)
        head = seen[0] if seen else None
        if head and not self._has(head):
            raise Unreachable(f"{url} did not send its latest changes; sync again")
        if head:
            self.set_ref(REMOTE_MAIN, head)
        return head

    # A repository on this computer (or a mounted share) is read and written directly, as git
    # itself does: only the objects the other side lacks are copied, without building a pack
    # (dulwich's pack builder reads every object of a large pack to reuse deltas).

    def _fetch_local(self, path: Path) -> Sha | None:
        with _network(str(path)):
            remote = Repo(str(path))
            try:
                head = _ref(remote, MAIN)
                if head and not self._has(head):
                    _copy(remote, self.repo, wants=[head])
            finally:
                remote.close()
        if head:
            self.set_ref(REMOTE_MAIN, head)
        return head

    def _push_local(self, path: Path, new: Sha, expected: Sha | None) -> None:
        with _network(str(path)):
            remote = Repo(str(path))
            try:
                if _ref(remote, MAIN) != expected:
                    raise Race()
                _copy(self.repo, remote, wants=[new])
                try:
                    moved = remote.refs.set_if_equals(MAIN, expected, new)
                except FileLocked:
                    moved = False  # another push holds the branch at this moment
                if not moved:
                    raise Race()  # another push got in between
            finally:
                remote.close()
        self.set_ref(REMOTE_MAIN, new)

    def has(self, sha: Sha) -> bool:
        try:
            self.repo[sha]
        except KeyError:
            return False
        return True

    _has = has

    def push(self, url: str, new: Sha, expected: Sha | None) -> None:
        """Make the remote's main `new`, only if it is still `expected` (else Race)."""
        if _is_local(url):
            self._push_local(Path(url), new, expected)
            return
        raced: list[bool] = []
        with _network(url):
            client, path = get_transport_and_path(url)

            def update(refs: dict[Ref, ObjectID]) -> dict[Ref, ObjectID]:
                if refs.get(MAIN) != expected:
                    raced.append(True)
                    return dict(refs)
                return {**refs, MAIN: new}

            send: Any = client.send_pack
            result = send(path, update, generate_pack_data=self.repo.generate_pack_data)
        if raced:
            raise Race()
        errors = {k: v for k, v in (getattr(result, "ref_status", None) or {}).items() if v}
        if errors:
            # The remote's main moved between its check and its update: another push won.
            raise Race()
        self.set_ref(REMOTE_MAIN, new)


@contextlib.contextmanager
def _network(url: str) -> Iterator[None]:
    """Whatever goes wrong talking to a remote becomes one reason in words."""
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield
    except (Race, KeyboardInterrupt):
        raise
    except Exception as e:  # transports raise many kinds: OSError, protocol errors, HTTP errors
        reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise Unreachable(f"{url} could not be reached ({reason})") from None


def _is_local(url: str) -> bool:
    return "://" not in url and Path(url).is_absolute()


def _ref(repo: Repo, name: Ref) -> Sha | None:
    try:
        sha: Sha = repo.refs[name]
    except KeyError:
        return None
    return sha


def _copy(source: Repo, target: Repo, wants: list[Sha]) -> None:
    """Copy to `target` every object `wants` needs that it lacks. The walk stops at anything
    the target has: a commit it has brings its whole history, a tree all that is under it."""
    have = target.object_store
    todo, seen = list(wants), set()
    found: list[Any] = []
    while todo:
        sha = todo.pop()
        if sha in seen or sha in have:
            continue
        seen.add(sha)
        obj = source.object_store[sha]
        found.append(obj)
        if isinstance(obj, Commit):
            todo.extend([obj.tree, *obj.parents])
        elif isinstance(obj, Tree):
            todo.extend(entry.sha for entry in obj.iteritems() if entry.sha)
    _store(have, found)


def _store(store: Any, objects: list[Any]) -> None:
    """A few objects as loose files (quick); many as one pack (one write instead of thousands;
    adding a pack names it from every object in the store's packs, a fixed cost)."""
    if len(objects) <= MAX_LOOSE // 2:
        for obj in objects:
            store.add_object(obj)
    elif objects:
        store.add_objects([(obj, None) for obj in objects])


def store_objects(repo: ShareRepo, objects: list[Any]) -> None:
    """Objects brought from elsewhere (a bundle), into the share's store."""
    _store(repo.store, [obj for obj in objects if obj.id not in repo.store])


def is_remote_repository(path: Path) -> bool:
    return (path / "HEAD").is_file() and (path / "objects").is_dir()
