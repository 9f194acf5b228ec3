"""Opening the app from the command line, importing as little as possible before it paints."""

import argparse

from cli.context import workspace_path
from storage.clock import clock_from_env


def run_app(args: argparse.Namespace) -> int:
    """Open the terminal app; it opens the workspace itself, so its first screen paints at once."""
    from storage.settings import Settings
    from tui.app import FlourishApp

    settings = Settings.load()
    app = FlourishApp(
        workspace_path(args),
        clock=clock_from_env(),
        user=getattr(args, "user", "") or settings.user,
        demo=getattr(args, "demo", False),
        settings=settings,
    )
    return app.run() or app.return_code or 0
