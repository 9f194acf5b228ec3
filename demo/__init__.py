"""The demo workspace: a client of the facade, like the app and the command line."""

from demo.story import build_demo

__all__ = ["build_demo"]
