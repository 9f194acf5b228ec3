"""Fixtures for app tests: the demo workspace on a fixed clock, and an app factory."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilot_support import running

from demo import build_demo
from storage.settings import Settings
from tui.app import FlourishApp

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo-template") / "ws"
    build_demo(root, clock)
    return root


@pytest.fixture
def demo_root(_demo_template, tmp_path) -> Path:
    """A fresh copy of the demo workspace for each test."""
    root = tmp_path / "demo"
    shutil.copytree(_demo_template, root, symlinks=True)
    return root


@pytest.fixture(autouse=True)
def _no_animations(monkeypatch):
    """Snapshots must not catch a tab underline halfway through its slide."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def _settings_file(tmp_path, monkeypatch) -> Path:
    """The user's settings: they have told Flourish their name (test_identity.py covers the
    first run, when they have not)."""
    path = tmp_path / "config.toml"
    path.write_text('user = "Pat Tester"\n', encoding="utf-8")
    monkeypatch.setenv("FLOURISH_CONFIG", str(path))
    return path


@pytest.fixture
def make_app(demo_root, _settings_file):
    def make(root: Path | None = None, **kwargs) -> FlourishApp:
        kwargs.setdefault("settings", Settings.load(_settings_file))
        kwargs.setdefault("poll_seconds", 0.1)
        return FlourishApp(root or demo_root, clock=clock, **kwargs)

    return make


@pytest.fixture
def open_app(make_app):
    """`async with open_app(size=...) as pilot:` runs the app (made as `make_app` does) until
    the workspace is open and the dashboard filled."""

    def open_(root: Path | None = None, *, size: tuple[int, int] = (80, 24), **kwargs):
        return running(make_app(root, **kwargs), size)

    return open_
