"""What the command line prints: Rich tables and detail views (tables and its siblings) and JSON
records (records). The few text helpers here are shared by both and by the commands' messages."""

from domain.text import quoted

__all__ = ["indented", "print_pair", "quoted", "short"]


def short(record_id: str) -> str:
    """The first characters of an id: enough to tell records apart, and accepted as input."""
    return record_id[:8]


def indented(text: str, first: str) -> str:
    """Text that may run over several lines, each after the first lined up under it."""
    pad = "\n" + " " * len(first)
    return first + pad.join(text.splitlines() or [""])


def print_pair(heading: str, pair, actions, empty: str) -> None:
    """A now/want statement pair (a school's goal or the cluster's) with its evidence and its
    linked actions, under `heading`; `empty` when no action is linked."""
    print(f"\n({heading})")
    print(indented(pair.now, "  Now:  "))
    if pair.now_evidence:
        print(indented(pair.now_evidence, "    evidence: "))
    print(indented(pair.want, "  Want: "))
    if pair.want_evidence:
        print(indented(pair.want_evidence, "    evidence: "))
    for item in actions:
        print(
            f"  Action {short(item.id)}: {item.title} "
            f"({item.status.label}, due {item.due or 'not set'})"
        )
    if not actions:
        print(f"  {empty}")
