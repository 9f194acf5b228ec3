"""What the command line prints: Rich tables and detail views (tables and its siblings) and JSON
records (records). The few text helpers here are shared by both and by the commands' messages."""

from domain.text import quoted

__all__ = ["indented", "quoted", "short"]


def short(record_id: str) -> str:
    """The first characters of an id: enough to tell records apart, and accepted as input."""
    return record_id[:8]


def indented(text: str, first: str) -> str:
    """Text that may run over several lines, each after the first lined up under it."""
    pad = "\n" + " " * len(first)
    return first + pad.join(text.splitlines() or [""])
