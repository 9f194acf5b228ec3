"""Suite-wide settings."""

import pytest
from hypothesis import settings

# Tests check behaviour, not speed (bench/ measures that): a busy machine must not fail them.
settings.register_profile("flourish", deadline=None)
settings.load_profile("flourish")


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory, monkeypatch):
    """No test reads or writes the real settings file."""
    monkeypatch.setenv("FLOURISH_CONFIG", str(tmp_path_factory.mktemp("settings") / "config.toml"))


@pytest.fixture
def inbox():
    """A real SMTP server on the loopback interface (tests/mail_server.py): its Inbox."""
    from tests.mail_server import serve

    yield from serve()
