"""End to end through two real Syncthing instances on the loopback interface, each keeping
one laptop's copy of the shared folder, with conflict copies enabled explicitly: a chair shares
through its folder, a coach joins through theirs once Syncthing has carried the files, and a
check-in travels back. Skipped where Syncthing is not installed (Debian: `apt install
syncthing`)."""

import re
import shutil
import socket
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain.records import Person
from storage.facade import Flourish
from storage.sync.share import Share
from storage.workspace import Workspace

SYNCTHING = shutil.which("syncthing")
pytestmark = pytest.mark.skipif(
    SYNCTHING is None, reason="Syncthing is not installed here (Debian: apt install syncthing)"
)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WAIT = 90  # seconds for Syncthing to connect and carry a file

CONFIG = """<configuration version="36">
    <folder id="flourish" label="Flourish" path="{folder}" type="sendreceive"
            rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me}"></device>
        <device id="{other}"></device>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="{me}" name="me"><address>dynamic</address></device>
    <device id="{other}" name="other"><address>tcp://127.0.0.1:{other_port}</address></device>
    <gui enabled="true" tls="false"><address>127.0.0.1:{gui_port}</address></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
    </options>
</configuration>
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def device_id(home: Path) -> str:
    out = subprocess.run(
        [SYNCTHING, "generate", f"--home={home}", "--no-default-folder"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found = re.search(r"Device ID: ([A-Z0-9-]{63})", out.stdout + out.stderr)
    assert found, out.stdout + out.stderr
    return found[1]


@pytest.fixture
def two_syncthings(tmp_path):
    homes = [tmp_path / "st-a", tmp_path / "st-b"]
    folders = [tmp_path / "drive-a", tmp_path / "drive-b"]
    ids = [device_id(h) for h in homes]
    ports = [free_port() for _ in homes]
    procs = []
    for i, home in enumerate(homes):
        folders[i].mkdir()
        (folders[i] / ".stfolder").mkdir()
        (home / "config.xml").write_text(
            CONFIG.format(
                folder=folders[i],
                me=ids[i],
                other=ids[1 - i],
                port=ports[i],
                other_port=ports[1 - i],
                gui_port=free_port(),
            )
        )
        procs.append(
            subprocess.Popen(
                [SYNCTHING, "serve", f"--home={home}", "--no-browser", "--no-restart"],
                stdout=open(tmp_path / f"{home.name}.log", "wb"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
                env={"STNODEFAULTFOLDER": "1", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
            )
        )
    yield folders
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def arrived(src: Path, dst: Path) -> bool:
    """Every bundle and hint in `src`'s outbox is in `dst`'s, byte for byte."""
    box = src / "outbox"
    files = [p for p in box.iterdir() if not p.name.startswith(".")] if box.is_dir() else []
    return bool(files) and all(
        (dst / "outbox" / p.name).is_file()
        and (dst / "outbox" / p.name).read_bytes() == p.read_bytes()
        for p in files
    )


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Syncthing did not carry {what} within {WAIT} s")
        time.sleep(0.5)


def test_a_check_in_travels_through_two_real_syncthing_instances(tmp_path, two_syncthings):
    drive_a, drive_b = two_syncthings
    clock = lambda: NOW  # noqa: E731
    chair = Person(name="Alex Chair", email="alex@city.example")
    fl = Flourish.create(
        tmp_path / "chair", name="City", timezone="Europe/London", chair=chair, clock=clock
    )
    team = fl.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="Sam Coach"))
    with Share.init(fl.ws, f"folder:{drive_a / 'Flourish'}", chair):
        pass
    wait_until(lambda: arrived(drive_a / "Flourish", drive_b / "Flourish"), "the chair's bundle")
    sam = Person(name="Sam Coach", email="sam@city.example")
    with Share.join(tmp_path / "coach", f"folder:{drive_b / 'Flourish'}", sam, clock):
        pass
    coach = Flourish.open(tmp_path / "coach", clock)
    assert [t.name for t in coach.teams()] == ["Hillside"]
    coach.log_checkin(team.id, notes="Through Syncthing", on=date(2026, 11, 30))
    with Share.open(Workspace.open(tmp_path / "coach", clock)) as share:
        share.sync()
    wait_until(lambda: arrived(drive_b / "Flourish", drive_a / "Flourish"), "the coach's bundle")
    with Share.open(Workspace.open(tmp_path / "chair", clock)) as share:
        report = share.sync()
    assert report.received >= 1 and report.waiting == []
    assert [c.notes for c in Flourish.open(tmp_path / "chair", clock).checkins()] == [
        "Through Syncthing"
    ]
