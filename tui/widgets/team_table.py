"""The dashboard's table of teams, with fixed column widths so a refill measures nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from tui.inert import visible

if TYPE_CHECKING:  # the domain arrives with the statuses, after the first frame
    pass


class TeamTable(DataTable):
    """The teams' table. Every column has a fixed width and every row one line, so, unlike a
    plain DataTable, it does not measure each cell of the rows added (about 100 ms for 500
    rows, on every refill) to size columns it never resizes."""

    def __init__(self, cursor_moved: Callable[[], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._cursor_moved = cursor_moved

    def _update_dimensions(self, new_rows) -> None:
        super()._update_dimensions(())  # the table's size only: rows x fixed widths

    def refill(self, rows: list[tuple[str, list]], keep: str | None) -> None:
        """Replace the rows, the cursor on the row `keep` if it is still there."""
        self.clear()
        for key, cells in rows:
            self.add_row(*(visible(cell) for cell in cells), key=key)
        # Sized now rather than when idle (there is nothing to measure), the cursor scrolls
        # into view before the next frame, not after it: the table is painted once, not twice.
        self._update_dimensions(())
        self._require_update_dimensions = False
        self._new_rows.clear()
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        # Tell the screen now, so the detail line changes in the frame that shows the cursor
        # moved (RowHighlighted arrives a frame later). Also called, unchanged, per row added.
        if old.row != new.row:
            self._cursor_moved()
