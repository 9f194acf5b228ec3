"""A key protected by a passphrase: `share init --passphrase` keeps it sealed with the
passphrase (never in plain on disk), every later use asks for it once, a wrong one is one
clear line, and the backup keeps the protection."""

import stat
import sys

import pytest
from cli_support import HILLSIDE, ok, one_line_error, run_cli_process
from pyrage import passphrase

from storage.sync import keys

PHRASE = "correct horse battery staple"


@pytest.fixture
def settings(tmp_path):
    return {"FLOURISH_CONFIG": str(tmp_path / "alex-settings" / "config.toml")}


@pytest.fixture
def protected(fl, settings, tmp_path):
    folder = tmp_path / "drive"
    ok(
        fl(
            "share",
            "init",
            "--folder",
            str(folder),
            "--passphrase",
            env_extra={**settings, keys.PASSPHRASE_ENV: PHRASE},
        )
    )
    return folder, tmp_path / "alex-settings" / "keys"


def test_the_key_is_kept_behind_the_passphrase(protected):
    _folder, folder_of_keys = protected
    assert sorted(p.name for p in folder_of_keys.iterdir()) == ["identity.age"]
    sealed = (folder_of_keys / "identity.age").read_text()
    assert "AGE-SECRET-KEY" not in sealed
    opened = passphrase.decrypt(keys.unarmor(sealed), PHRASE).decode()
    assert opened.startswith("AGE-SECRET-KEY-1")
    if sys.platform != "win32":
        assert stat.S_IMODE((folder_of_keys / "identity.age").stat().st_mode) == 0o600


def test_using_the_key_without_the_passphrase_is_one_line(env, workspace, settings, protected):
    # A fresh process, no terminal to ask at and no passphrase given: refused, nothing changed.
    result = run_cli_process(env, "sync", "--workspace", workspace, env_extra=settings)
    line = one_line_error(result)
    assert "protected by a passphrase" in line and keys.PASSPHRASE_ENV in line
    wrong = run_cli_process(
        env, "share", "keys", "show", env_extra={**settings, keys.PASSPHRASE_ENV: "not it at all"}
    )
    assert "That passphrase does not open your key" in one_line_error(wrong)


def test_with_the_passphrase_the_share_works_and_the_backup_stays_protected(
    env, workspace, settings, protected, tmp_path
):
    given = {**settings, keys.PASSPHRASE_ENV: PHRASE}
    ok(
        run_cli_process(
            env,
            "checkin",
            "add",
            "--team",
            HILLSIDE,
            "--notes",
            "Fine",
            "--workspace",
            workspace,
            env_extra=given,
        )
    )
    assert (
        "Shared 1 of yours"
        in ok(run_cli_process(env, "sync", "--workspace", workspace, env_extra=given)).stdout
    )
    shown = ok(run_cli_process(env, "share", "keys", "show", env_extra=given)).stdout
    assert "behind a passphrase" in shown
    backup = tmp_path / "key-backup.age"
    ok(run_cli_process(env, "share", "keys", "backup", str(backup), env_extra=given))
    assert "AGE-SECRET-KEY" not in backup.read_text()


def test_a_passphrase_too_short_makes_no_key(fl, settings, tmp_path):
    result = fl(
        "share",
        "init",
        "--folder",
        str(tmp_path / "drive"),
        "--passphrase",
        env_extra={**settings, keys.PASSPHRASE_ENV: "short"},
    )
    assert "8 characters or more" in one_line_error(result)
    assert not (tmp_path / "alex-settings" / "keys").exists()


def test_a_recovery_key_that_is_not_one_is_refused_before_anything_is_shared(fl, tmp_path):
    folder = tmp_path / "drive"
    result = fl("share", "init", "--folder", str(folder), "--recovery-key", "age1nonsense")
    assert "The recovery key is not an age public key" in one_line_error(result)
    assert not folder.exists()
    assert ok(fl("share", "init", "--folder", str(folder))).returncode == 0  # still shareable
