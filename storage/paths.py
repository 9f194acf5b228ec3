"""Where workspaces live. Light on imports: the app reads these before it paints."""

import os
from pathlib import Path

import platformdirs

CLUSTER_FILE = "cluster.json"


def data_root() -> Path:
    return platformdirs.user_data_path("flourish", appauthor=False)


def default_workspace() -> Path:
    """FLOURISH_WORKSPACE if set, else a folder under the user's data directory."""
    env = os.environ.get("FLOURISH_WORKSPACE")
    return Path(env).expanduser() if env else data_root() / "workspace"


def demo_workspace() -> Path:
    return data_root() / "demo"
