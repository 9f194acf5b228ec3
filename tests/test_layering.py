"""The layering rule: domain, storage, exports and the command line never import Textual, so
the command line starts fast and the core can be used without a terminal UI."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

IMPORT_CORE = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    imported = []
    for name in ("domain", "storage", "exports", "cli"):  # cli: quick capture must start fast
        package = importlib.import_module(name)
        imported.append(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if module.name != "cli.__main__":  # running it would parse this script's argv
                importlib.import_module(module.name)
                imported.append(module.name)
    print(" ".join(imported))
    print(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")))
    """
)


def test_core_packages_do_not_import_textual():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CORE], cwd=REPO, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    imported, textual_modules = result.stdout.splitlines()
    assert {
        "domain",
        "storage",
        "exports",
        "storage.facade",
        "domain.timeline",
        "cli",
        "cli.commands.assess.grid",
        "cli.output.tables",
    } <= set(imported.split())
    assert textual_modules == "[]", f"Textual was imported: {textual_modules}"


IMPORT_EXPORTS = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    import exports

    for module in pkgutil.walk_packages(exports.__path__, prefix="exports."):
        importlib.import_module(module.name)
    print(sorted({m.split(".")[0] for m in sys.modules} & {"textual", "tinydb", "storage", "tui"}))
    """
)


def test_exports_take_domain_objects_and_never_touch_storage_or_the_ui():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EXPORTS], cwd=REPO, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


QUICK_CAPTURE = textwrap.dedent(
    """
    import sys
    import cli

    cli.main(sys.argv[1:])
    print(sorted({m.split(".")[0] for m in sys.modules} & {"dulwich", "textual"}))
    print(sorted({"storage.sync.share", "storage.sync.repo"} & set(sys.modules)))
    """
)


def test_quick_capture_in_a_shared_workspace_never_loads_git(tmp_path):
    """`flourish checkin add` stays as quick in a shared cluster: git loads only to sync."""
    from datetime import UTC, date, datetime

    from domain.records import Person
    from storage.facade import Flourish
    from storage.sync.share import Share

    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    fl = Flourish.create(
        tmp_path / "ws",
        name="C",
        timezone="Europe/London",
        chair=Person(name="A"),
        clock=lambda: now,
    )
    fl.add_team("Hillside", start=date(2026, 9, 1), coach=Person(name="B"))
    with Share.init(fl.ws, str(tmp_path / "remote.git"), Person(name="A")):
        pass
    args = ["--workspace", str(tmp_path / "ws"), "checkin", "add", "--team", "Hill", "--notes", "x"]
    env = {"FLOURISH_NOW": now.isoformat(), "FLOURISH_CONFIG": str(tmp_path / "c.toml")}
    result = subprocess.run(
        [sys.executable, "-c", QUICK_CAPTURE, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["[]", "[]"]
