"""The base of the team view's tabs: a table of one kind of record with its own keys, the
column widths, keeping the selection across reloads, and asking before a delete."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from domain.cluster import Team
from storage.facade import Flourish
from tui.app import FlourishApp
from tui.inert import visible

HINT_KEY = re.compile(r"\{([\w.]+)\}")
# Keys as a hint names them: short, as people type them.
KEY_NAMES = {"delete": "del", "question_mark": "?", "slash": "/"}


def key_name(keys: str) -> str:
    """The first of a binding's keys ("u,delete"), as people would type it."""
    first = keys.split(",")[0].strip()
    return KEY_NAMES.get(first, first)


ROOMY = 60  # the free column's width (notes, titles) below which no column grows


class Pane(Vertical):
    """A table of records keyed by id, refilled by `load` whenever the workspace changes."""

    # The keys under the table, with {binding id} where a key goes: each is shown as the key
    # that runs it now, so a key remapped in the settings ([keys]) shows its new name.
    hint = ""

    app = getters.app(FlourishApp)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(classes="pane", **kwargs)
        self._program: Flourish | None = None
        self._team: Team | None = None
        self._today: date | None = None
        self.records: dict[str, Any] = {}

    # What `load` was given. A pane is loaded as its team view mounts, before any key of its
    # can act, so its verbs read these as given.

    @property
    def loaded(self) -> bool:
        return self._program is not None

    @property
    def program(self) -> Flourish:
        assert self._program is not None, "a pane is loaded before its keys act"
        return self._program

    @program.setter
    def program(self, program: Flourish) -> None:
        self._program = program

    @property
    def team(self) -> Team:
        assert self._team is not None, "a pane is loaded before its keys act"
        return self._team

    @team.setter
    def team(self, team: Team) -> None:
        self._team = team

    @property
    def today(self) -> date:
        assert self._today is not None, "a pane is loaded before its keys act"
        return self._today

    @today.setter
    def today(self, today: date) -> None:
        self._today = today

    def compose(self) -> ComposeResult:
        yield from self.extra()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        if self.hint:
            # Text, not markup: a key name comes from the user's settings file.
            yield Static(Text(self.hint_text()), classes="pane-hint")

    def hint_text(self) -> str:
        """The hint with each {binding id} replaced by its key, as the user has mapped it."""
        app = self.app
        bindings = [*type(self).BINDINGS, *type(app).BINDINGS]
        keys = {b.id: b.key for b in bindings if isinstance(b, Binding) and b.id}
        keys |= app.settings.keys
        return HINT_KEY.sub(lambda m: key_name(keys[m.group(1)]), self.hint)

    def extra(self) -> ComposeResult:
        return ()

    def load(self, program: Flourish, team: Team, today: date) -> None:
        self.program, self.team, self.today = program, team, today
        self.refill()

    def refill(self) -> None:
        if not self.loaded:
            return
        table = self.query_one(DataTable)
        keep = self.selected_id()
        widths = self._widths()
        if [c.width for c in table.ordered_columns] != widths:
            table.clear(columns=True)
            for (label, *_), width in zip(self.columns(), widths, strict=True):
                table.add_column(label, width=width)
        table.clear()
        rows = self.rows()
        self.records = {record.id: record for record, _ in rows}
        for record, row in rows:
            row = [visible(text) for text in row]
            for text, width in zip(row, widths, strict=True):
                text.truncate(width, overflow="ellipsis")
            table.add_row(*row, key=record.id)
        if keep in self.records:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def refill_tall(self, records: list, lines: Callable[[Any, list[int]], list[list[Text]]]):
        """Refill with rows of several lines each: `lines(record, widths)` gives each column's
        lines, already wrapped to its width."""
        if not self.loaded:
            return
        table = self.query_one(DataTable)
        keep = self.selected_id()
        widths = self._widths()
        table.clear(columns=True)
        for (label, *_), width in zip(self.columns(), widths, strict=True):
            table.add_column(label, width=width)
        self.records = {record.id: record for record in records}
        for record in records:
            row = lines(record, widths)
            height = max(len(column) for column in row)
            table.add_row(*(Text("\n").join(c) for c in row), key=record.id, height=height)
        if keep in self.records:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _widths(self) -> list[int]:
        """Fixed columns as given; the one of width None takes what is left. A column may give
        a third width, what it takes when the line has room for it (dates with their year,
        whole emails and places): each grows, in order, while the free column keeps ROOMY."""
        columns = self.columns()
        widths = [width or 0 for _, width, *_ in columns]
        spare = self.size.width - sum(widths) - 2 * len(columns) - 2
        for i, (_, width, *roomy) in enumerate(columns):
            if width and roomy and spare - (roomy[0] - width) >= ROOMY:
                widths[i], spare = roomy[0], spare - (roomy[0] - width)
        return [w or max(12, spare) for w in widths]

    def on_resize(self) -> None:
        self.refill()

    def columns(self) -> tuple[tuple[Any, ...], ...]:
        """(label, width) pairs, or (label, width, width with room): one width may be None
        to take the rest of the line."""
        raise NotImplementedError

    def rows(self) -> list[tuple[Any, list[Text]]]:
        raise NotImplementedError

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected(self):
        record = self.records.get(self.selected_id())
        if record is None:
            self.notify("Nothing is selected.", severity="warning", timeout=3)
        return record

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def push(self, screen) -> None:
        self.app.push_screen(screen)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        record = self.records.get(event.row_key.value or "")
        if record is not None:
            self.open(record)

    def open(self, record) -> None:
        pass

    def confirm_delete(self, question: str, verb) -> None:
        from tui.dialogs.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_verb(verb, "Deleted. ctrl+z brings it back.")

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)


# -- action plan -------------------------------------------------------------------------
