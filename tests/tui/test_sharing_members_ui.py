"""Membership and keys in the app: a newcomer's footer says they wait for the chair's approval
and the team's notes read "not shared with you"; the chair's footer says who asks to join, with
the key's fingerprint to compare; a key behind a passphrase is asked for once, and a wrong
passphrase is said under the field."""

from datetime import date

import pytest
from pilot_support import wait_for
from test_sharing_ui import CHAIR, footer_state, synced

from domain.records import Person
from storage.facade import Flourish
from storage.sync import keys
from storage.sync.sealing import NOT_SHARED
from storage.sync.share import Share
from storage.workspace import Workspace
from tests.sync.conftest import settings_of
from tests.tui.conftest import clock
from tui.dialogs.passphrase import PassphraseScreen

PHRASE = "lantern orchard river"


@pytest.fixture
def people(demo_root, tmp_path):
    """The demo shared by its chair with a key of her own; Pat, with another key, asked to
    join. The chair has written a note for Ashworth."""

    chair_cfg = tmp_path / "chair-settings" / "config.toml"
    pat_cfg = tmp_path / "pat-settings" / "config.toml"
    chair = Flourish.open(demo_root, clock, user="Chair")
    note = chair.log_checkin(
        chair.team("Ashworth").id, on=date(2026, 11, 20), notes="Head on leave until March"
    )
    with settings_of(chair_cfg):
        Share.init(Workspace.open(demo_root, clock), str(tmp_path / "remote.git"), CHAIR).close()
    root = tmp_path / "pat"
    with settings_of(pat_cfg):
        Share.join(root, str(tmp_path / "remote.git"), Person(name="Pat Tester"), clock).close()
        fingerprint = keys.fingerprint(keys.recipient(keys.identity()))
    return root, chair_cfg, pat_cfg, note.id, fingerprint


async def test_a_newcomer_waits_for_approval_and_reads_no_team_notes(open_app, people, monkeypatch):
    root, _chair_cfg, pat_cfg, note_id, _fingerprint = people
    monkeypatch.setenv("FLOURISH_CONFIG", str(pat_cfg))
    async with open_app(root, size=(120, 30)) as pilot:
        await synced(pilot)
        assert footer_state(pilot.app) == "◷ awaiting approval"
        assert pilot.app.program.checkin(note_id).notes == NOT_SHARED


async def test_the_chair_is_told_who_asks_to_join_with_their_fingerprint(
    open_app, demo_root, people, monkeypatch
):
    _root, chair_cfg, _pat_cfg, _note_id, fingerprint = people
    monkeypatch.setenv("FLOURISH_CONFIG", str(chair_cfg))
    async with open_app(demo_root, size=(120, 30)) as pilot:
        await synced(pilot)
        assert footer_state(pilot.app) == "☛ 1 asking to join"
        said = [n.message for n in pilot.app._notifications]
        assert any(f"Pat Tester ({fingerprint}) asks to join" in m for m in said)


async def test_an_approved_newcomer_reads_the_team_note(open_app, demo_root, people, monkeypatch):

    root, chair_cfg, pat_cfg, note_id, _fingerprint = people
    with settings_of(chair_cfg), Share.open(Workspace.open(demo_root, clock)) as share:
        team = Flourish.open(demo_root, clock).team("Ashworth").id
        share.approve("Pat Tester", "coach", [team])
    monkeypatch.setenv("FLOURISH_CONFIG", str(pat_cfg))
    async with open_app(root, size=(120, 30)) as pilot:
        await synced(pilot)
        assert footer_state(pilot.app).startswith("⇅ shared ")
        assert pilot.app.program.checkin(note_id).notes == "Head on leave until March"


async def test_a_protected_key_is_asked_for_once_and_a_wrong_passphrase_said(
    make_app, demo_root, tmp_path, monkeypatch
):

    cfg = tmp_path / "locked-settings" / "config.toml"
    with settings_of(cfg):
        keys.create(PHRASE)
        Share.init(Workspace.open(demo_root, clock), str(tmp_path / "r.git"), CHAIR).close()
    keys._opened.clear()  # a new run: the passphrase has not been given yet
    monkeypatch.setenv("FLOURISH_CONFIG", str(cfg))
    monkeypatch.delenv(keys.PASSPHRASE_ENV, raising=False)
    async with make_app(demo_root).run_test(size=(100, 30)) as pilot:
        # The first sync, on open, asks for it (the dashboard opens beneath).
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PassphraseScreen), timeout=15)
        form = pilot.app.screen
        await pilot.press(*"wrong words", "enter")
        await pilot.pause()
        said = str(form.query_one("#phrase-error").render())
        assert "That passphrase does not open your key" in said
        assert isinstance(pilot.app.screen, PassphraseScreen)
        await pilot.press(*PHRASE, "enter")
        await wait_for(pilot, lambda: pilot.app.screen is not form, timeout=10)
        await wait_for(pilot, lambda: footer_state(pilot.app).startswith("⇅ shared"), timeout=15)
