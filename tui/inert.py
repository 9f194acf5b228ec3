"""User text never acts on the terminal from the app.

Textual draws whatever a string holds, so an escape sequence typed into a check-in's notes
would clear the screen when the notes are shown. Every line the app draws passes through this
filter, which drops the characters that would act (control characters and bidirectional
controls: they take no cells, so no layout changes). The panes show them visibly as escapes
where it matters (see domain.text.shown); this is the guarantee for everything else.
"""

from typing import TypeVar, cast

from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter

from domain.text import UNSAFE, shown

C = TypeVar("C")


def visible(cell: C) -> C:
    """A table cell with anything that would act shown as its escape (\u001b); a cell of
    plain text keeps its styles. Anything but text passes as it is."""
    if isinstance(cell, Text) and UNSAFE.search(cell.plain):
        return cast(C, Text(shown(cell.plain), style=cell.style, justify=cell.justify))
    if isinstance(cell, str) and UNSAFE.search(cell):
        return cast(C, shown(cell))
    return cell


class DropControls(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(s.text) for s in segments if not s.control):
            return segments
        return [
            s if s.control else Segment(UNSAFE.sub("", s.text), s.style, s.control)
            for s in segments
        ]
