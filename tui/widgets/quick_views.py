"""The dashboard's quick views (all teams, overdue check-ins, late actions, escalated) as one
light row of tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.bar import Bar
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:  # the domain arrives with the statuses, after the first frame
    pass


class QuickViews(Widget):
    """The quick views as a row of tabs with the current one underlined.

    It looks and clicks like Textual's Tabs, but is one widget where Tabs is nine, so the
    first frame has less to lay out. It never takes focus: keys 1-4 switch views."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    QuickViews {
        height: 2;
        pointer: pointer;
        & > .quick-views--tab { color: $foreground 50%; }
        & > .quick-views--active { color: $foreground; }
        & > .quick-views--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            & > .quick-views--tab { text-style: dim; }
            & > .quick-views--active { text-style: not dim bold; }
            & > .quick-views--bar { color: $block-cursor-background; background: $border-blurred; }
        }
    }
    """
    COMPONENT_CLASSES = {"quick-views--tab", "quick-views--active", "quick-views--bar"}

    labels: reactive[tuple[str, ...]] = reactive(tuple)
    active: reactive[int] = reactive(0)
    hovered: reactive[int | None] = reactive(None)

    class Clicked(Message):
        """A view's label was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, labels: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(QuickViews.labels, labels)

    def _spans(self) -> list[tuple[int, int]]:
        """Where each label starts and ends; each has a cell of padding either side."""
        spans, x = [], 0
        for label in self.labels:
            spans.append((x + 1, x + 1 + len(label)))
            x += len(label) + 2
        return spans

    def _shift(self) -> int:
        """How far the labels are scrolled left to keep the current one in sight (as Tabs
        scrolls), when they are wider than the screen."""
        spans = self._spans()
        return max(0, spans[self.active][1] + 1 - self.size.width) if spans else 0

    def _at(self, x: int) -> int | None:
        x += self._shift()
        return next((i for i, (a, b) in enumerate(self._spans()) if a - 1 <= x <= b), None)

    def render_line(self, y: int) -> Strip:
        # Drawn segment by segment, as Tabs draws it: padding in the background colour only.
        width, shift = self.size.width, self._shift()
        full = max(width + shift, sum(len(label) + 2 for label in self.labels))
        background = Style(bgcolor=self.background_colors[1].rich_color)
        if y == 0:
            tab = self.get_component_rich_style("quick-views--tab")
            active = self.get_component_rich_style("quick-views--active")
            segments = []
            for i, label in enumerate(self.labels):
                style = active if i in (self.active, self.hovered) else tab
                segments += [Segment(" ", background), Segment(label, style)]
                segments.append(Segment(" ", background))
            line = Strip(segments).adjust_cell_length(full, background)
        elif y == 1:
            spans = self._spans()
            colors = self.get_component_rich_style("quick-views--bar")
            bar = Bar(
                spans[self.active] if spans else (0, 0),
                highlight_style=Style.from_color(colors.color),
                background_style=Style.from_color(colors.bgcolor),
                width=full,
            )
            console = self.app.console
            rendered = console.render(bar, console.options.update_width(full))
            line = Strip(rendered).apply_style(background)
        else:
            return Strip.blank(width, background)
        return line.crop(shift, shift + width).simplify()

    def on_click(self, event: events.Click) -> None:
        index = self._at(event.x)
        if index is not None:
            self.post_message(self.Clicked(index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._at(event.x) if event.y == 0 else None

    def on_leave(self) -> None:
        self.hovered = None
