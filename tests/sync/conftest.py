"""Replicas sharing one cluster through a bare git repository on disk: each a workspace of its
own, with its own clock, synced by the real code (no mocks)."""

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from domain.records import Person
from storage.facade import Flourish
from storage.sync.share import Share, SyncReport
from storage.workspace import Workspace

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock that moves only when told to; each replica has its own."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float = 60) -> None:
        self.now += timedelta(seconds=seconds)


@contextlib.contextmanager
def settings_of(config: Path | None) -> Iterator[None]:
    """Each laptop's own settings folder (its key, its install id) while it acts."""
    if config is None:
        yield
        return
    before = os.environ.get("FLOURISH_CONFIG")
    os.environ["FLOURISH_CONFIG"] = str(config)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FLOURISH_CONFIG", None)
        else:
            os.environ["FLOURISH_CONFIG"] = before


@dataclass
class Replica:
    name: str
    root: Path
    clock: Clock
    config: Path | None = None  # its person's own settings file, when the test gives one

    @property
    def fl(self) -> Flourish:
        """The workspace as a fresh session sees it (each call reads from disk)."""
        self.clock.tick(1)
        return Flourish.open(self.root, self.clock, user=self.name)

    def share(self) -> Share:
        with settings_of(self.config):
            return Share.open(Workspace.open(self.root, self.clock))

    def sync(self) -> SyncReport:
        self.clock.tick(1)
        with settings_of(self.config), self.share() as s:
            return s.sync()

    def data(self) -> dict:
        """Every record of the workspace, by file, table and id (confidential notes aside)."""
        found = {}
        for path in [self.root / "cluster.json", *sorted((self.root / "teams").glob("*.json"))]:
            doc = orjson.loads(path.read_bytes())
            doc.pop("_meta", None)
            # By record id: the storage's own row numbers differ with the order of arrival.
            # (An emptied table and one never written are the same: no records.)
            tables = {
                name: {r["id"]: r for r in rows.values()} for name, rows in doc.items() if rows
            }
            for checkin in tables.get("checkins", {}).values():
                if checkin.get("confidential"):
                    checkin["notes"] = ""
            found[path.relative_to(self.root).as_posix()] = tables
        return found


@dataclass
class Cluster:
    remote: Path
    replicas: list[Replica]
    team_id: str
    action_id: str
    challenge_id: str

    def sync_all(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            for r in self.replicas:
                r.sync()

    def converged(self) -> bool:
        first = self.replicas[0].data()
        return all(r.data() == first for r in self.replicas[1:])


NAMES = ("Alex Chair", "Sam Coach", "Cara Coach", "Dev Coach")


def build(
    tmp_path: Path, n: int, skews: tuple[float, ...] = (), own_settings: bool = False
) -> Cluster:
    """`n` laptops sharing one cluster; `own_settings`: each person with their own settings
    folder (and so their own key), as on real laptops."""
    remote = tmp_path / "remote.git"
    clocks = [Clock(START + timedelta(seconds=skews[i] if i < len(skews) else 0)) for i in range(n)]
    chair = Person(name=NAMES[0], email="alex@city.example")
    root = tmp_path / "r0"
    fl = Flourish.create(
        root, name="City", timezone="Europe/London", chair=chair, clock=clocks[0], user=NAMES[0]
    )
    team = fl.add_team(
        "Hillside", start=date(2026, 9, 1), coach=Person(name=NAMES[1], email="sam@city.example")
    )
    action = fl.add_action(team.id, "Plan the INSET day", owner="Head")
    challenge = fl.raise_challenge(team.id, category="staff-shortage", title="Two teachers leave")
    configs = [
        tmp_path / f"settings-{i}" / "config.toml" if own_settings else None for i in range(n)
    ]
    with settings_of(configs[0]), Share.init(fl.ws, str(remote), chair):
        pass
    replicas = [Replica(NAMES[0], root, clocks[0], configs[0])]
    for i in range(1, n):
        person = Person(name=NAMES[i], email=f"p{i}@city.example")
        with (
            settings_of(configs[i]),
            Share.join(tmp_path / f"r{i}", str(remote), person, clocks[i]),
        ):
            pass
        replicas.append(Replica(NAMES[i], tmp_path / f"r{i}", clocks[i], configs[i]))
    return Cluster(remote, replicas, team.id, action.id, challenge.id)


@pytest.fixture
def three(tmp_path: Path) -> Cluster:
    return build(tmp_path, 3)


@pytest.fixture
def two(tmp_path: Path) -> Cluster:
    return build(tmp_path, 2)


@pytest.fixture
def two_people(tmp_path: Path) -> Cluster:
    """Two laptops of two people, each with their own settings folder and key."""
    return build(tmp_path, 2, own_settings=True)
