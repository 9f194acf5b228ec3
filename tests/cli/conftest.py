"""Fixtures for the command-line tests: every test runs the CLI (in this process, or with the
`_process` fixtures in a subprocess) with a pinned clock, a private data folder and a workspace
under tmp_path. A two-team workspace is
built once per session and copied for each test that needs one.
"""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import (
    CLUSTER_NAME,
    HILLSIDE,
    HILLTOP,
    TEAM_START,
    base_env,
    ok,
    ok_json,
    run_cli,
    run_cli_process,
)

# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return base_env(tmp_path / "xdg")


@pytest.fixture
def flourish(env) -> Callable[..., subprocess.CompletedProcess]:
    """flourish(*args, input=None, env_extra=None): run the CLI with exactly these arguments."""

    def run(*args, input=None, env_extra=None, timeout=20):
        return run_cli(env, *args, input=input, env_extra=env_extra, timeout=timeout)

    return run


@pytest.fixture
def fl_process(env, workspace) -> Callable[..., subprocess.CompletedProcess]:
    """Like `fl`, in a subprocess: for real stdin (a pipe, or /dev/null) and start-up."""

    def run(*args, input=None, env_extra=None, timeout=20):
        return run_cli_process(
            env, *args, "--workspace", workspace, input=input, env_extra=env_extra, timeout=timeout
        )

    return run


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A workspace with two teams, built once: (its folder, team ids by name)."""
    base = tmp_path_factory.mktemp("template")
    root = base / "workspace"
    env = base_env(base / "xdg")
    ok(
        run_cli(
            env,
            "--workspace",
            root,
            "init",
            "--name",
            CLUSTER_NAME,
            "--timezone",
            "Europe/London",
            "--chair",
            "Chris Chair, chair@example.org",
        )
    )
    ok(
        run_cli(
            env,
            "--workspace",
            root,
            "team",
            "add",
            "--name",
            HILLSIDE,
            "--start",
            TEAM_START,
            "--coach",
            "Cat Coach, cat@example.org",
            "--member",
            "Ann Able, Headteacher, ann@hillside.example",
            "--member",
            "Bo Bell, Deputy head, bo@hillside.example",
            "--line-manager",
            "Lee Lane, Line manager, lee@trust.example",
            "--type",
            "primary",
        )
    )
    # --workspace after the subcommand works as well as before it.
    ok(
        run_cli(
            env,
            "team",
            "add",
            "--name",
            HILLTOP,
            "--start",
            TEAM_START,
            "--coach",
            "Dan Drew, dan@example.org",
            "--workspace",
            root,
        )
    )
    teams = ok_json(run_cli(env, "team", "list", "--json", "--workspace", root))
    return root, {t["name"]: t["id"] for t in teams}


@pytest.fixture
def team_ids(template) -> dict[str, str]:
    return template[1]


@pytest.fixture
def workspace(template, tmp_path) -> Path:
    """A private copy of the two-team workspace."""
    root = tmp_path / "workspace"
    shutil.copytree(template[0], root)
    return root


@pytest.fixture
def fl(flourish, workspace) -> Callable[..., subprocess.CompletedProcess]:
    """Run a command against this test's workspace (--workspace goes after the command)."""

    def run(*args, input=None, env_extra=None, timeout=20):
        return flourish(
            *args, "--workspace", workspace, input=input, env_extra=env_extra, timeout=timeout
        )

    return run


# -- seeded workspaces -----------------------------------------------------------------------


def runner(env: dict[str, str], root: Path) -> Callable[..., subprocess.CompletedProcess]:
    """Like `fl`: run a command against the workspace at `root`."""

    def run(*args, input=None, env_extra=None, timeout=20):
        return run_cli(
            env, *args, "--workspace", root, input=input, env_extra=env_extra, timeout=timeout
        )

    return run


@pytest.fixture(scope="module")
def seed(template, tmp_path_factory):
    """seed(setup): a copy of the two-team workspace with `setup(fl)` run on it once per module
    (for many tests that start from the same records); returns (its folder, what setup returned).
    Copy it with `copy_of` before changing it."""
    made = {}

    def build(setup):
        if setup not in made:
            base = tmp_path_factory.mktemp("seeded")
            root = base / "workspace"
            shutil.copytree(template[0], root)
            made[setup] = root, setup(runner(base_env(base / "xdg"), root))
        return made[setup]

    return build


@pytest.fixture
def copy_of(env, tmp_path):
    """copy_of(root): a private copy of a seeded workspace and a runner for it: (folder, fl)."""

    def copy(root: Path):
        mine = tmp_path / "seeded-copy"
        shutil.copytree(root, mine)
        return mine, runner(env, mine)

    return copy
