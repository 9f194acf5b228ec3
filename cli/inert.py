"""What the command line writes shows user text as data: a check-in's notes holding an escape
sequence print it as \\u001b[2J rather than clearing the screen.

`main` puts an InertStream over stdout and stderr for each command, so every plain `print`
is covered; the Rich consoles that draw tables write their own colours to the stream beneath
(`console()`), with user text escaped as it becomes a table cell and anything left filtered out
as it is drawn.
"""

import io
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from domain.text import UNSAFE, shown

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook
    from rich.segment import Segment


class InertStream(io.TextIOBase):
    """A text stream that writes to `raw` with control and bidi characters escaped."""

    def __init__(self, raw: Any):
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(shown(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return bool(self.raw.isatty())

    def fileno(self) -> int:
        return int(self.raw.fileno())

    def __getattr__(self, name: str) -> Any:  # encoding, buffer (binary exports), ...
        return getattr(self.raw, name)


def raw_stdout() -> Any:
    out = sys.stdout
    return out.raw if isinstance(out, InertStream) else out


# Set by `--wide`: every column whole at a terminal too, as when the output is piped.
WIDE = False
# The width a console draws at when nothing may be cut: wider than any line people write.
WHOLE = 1_000_000


def console(**options: Any) -> "Console":
    """A Rich console for tables: its colours reach the terminal; user text does not act.
    Piped or redirected (or with --wide), it is as wide as the widest line, so no value is cut
    and each record stays on one line; tables ask `whole(console)` to keep every column."""
    from rich.console import Console

    made = Console(file=raw_stdout(), **options)
    if WIDE or not made.is_terminal:
        made = Console(file=raw_stdout(), **(options | {"width": WHOLE}))
    made.push_render_hook(_filter())
    return made


def whole(console: "Console") -> bool:
    """Whether this console shows every value whole (piped, or --wide)."""
    return console.width >= WHOLE


def _filter() -> "RenderHook":
    """Drops what would act on the terminal from every segment of text drawn (its width is
    nothing, so the layout is unchanged); Rich's own control segments pass."""
    from rich.console import RenderHook

    class Filter(RenderHook):
        def process_renderables(
            self, renderables: list["ConsoleRenderable"]
        ) -> list["ConsoleRenderable"]:
            return [_Filtered(r) for r in renderables]

    return Filter()


class _Filtered:
    def __init__(self, renderable: "ConsoleRenderable"):
        self.renderable = renderable

    def __rich_console__(
        self, console: "Console", options: "ConsoleOptions"
    ) -> Iterator["Segment"]:
        from rich.segment import Segment

        segments: Iterable[Segment] = console.render(self.renderable, options)
        for segment in segments:
            if segment.control or not UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(UNSAFE.sub("", segment.text), segment.style)
