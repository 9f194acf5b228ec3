"""The layering rule: domain, storage, exports and the command line never import Textual, so
the command line starts fast and the core can be used without a terminal UI."""

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
