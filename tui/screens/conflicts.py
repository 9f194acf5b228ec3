"""Sync conflicts to review: each value two people changed at once, with the value kept (who,
when) and the other one (who, when). `k` keeps the value shown in the workspace, `o` takes the
other instead; either is a new change, shared at the next sync, and stays decided."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from domain.errors import FlourishError
from storage.sync.layout import KINDS
from tui.base import WorkspaceScreen
from tui.inert import visible
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish
    from storage.sync.share import Conflict


class ConflictsScreen(WorkspaceScreen):
    AUTO_FOCUS = "#conflicts"
    DEFAULT_CSS = """
    ConflictsScreen #conflicts-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    ConflictsScreen #conflicts {
        height: 1fr;
    }
    ConflictsScreen #conflict-detail {
        height: auto;
        max-height: 8;
        padding: 0 1;
        background: $boost;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="conflicts.back"),
        Binding("k", "decide(False)", "Keep shown", id="conflicts.keep"),
        Binding("o", "decide(True)", "Use other", id="conflicts.other"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Conflict] = []
        self.schools: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="conflicts-heading")
        yield DataTable(id="conflicts", cursor_type="row", zebra_stripes=True)
        yield Static(id="conflict-detail")
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        from storage.sync.share import Share

        teams = [*program.teams(), *program.teams(archived=True)]
        self.schools = {t.id: t.name for t in teams}
        try:
            with Share.open(program.ws) as share:
                self.found = share.conflicts()
        except FlourishError:
            self.found = []
            raise

    def fill(self) -> None:
        n = len(self.found)
        heading = Text.styled("Sync conflicts", "bold")
        heading.append(f"  {n} to review" if n else "  nothing to review")
        heading.append(" · k keeps the value shown, o takes the other", style="dim")
        self.query_one("#conflicts-heading", Static).update(heading)
        table = self.query_one("#conflicts", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for label in ("School", "Record", "Field", "Kept", "By", "Other", "By"):
            table.add_column(label, key=label if label != "By" else None)
        for c in self.found:
            cells = (
                self.schools.get(c.team_id or "", "Cluster"),
                KINDS.get(c.table, c.table),
                c.field,
                c.kept_text,
                _who(c.kept_by, c.kept_at),
                c.other_text,
                _who(c.other_by, c.other_at),
            )
            # Text, never a str: a table reads a str as markup, and these are people's words.
            table.add_row(
                *(
                    visible(Text(_one_line(cell), no_wrap=True, overflow="ellipsis"))
                    for cell in cells
                ),
                key=c.id,
            )
        if self.found:
            table.move_cursor(row=min(row, len(self.found) - 1))
        self._detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _current(self) -> Conflict | None:
        table = self.query_one("#conflicts", DataTable)
        if not self.found or table.cursor_row < 0:
            return None
        return self.found[min(table.cursor_row, len(self.found) - 1)]

    def _detail(self) -> None:
        c = self._current()
        detail = self.query_one("#conflict-detail", Static)
        if c is None:
            detail.update(Text("Nothing to review: every change arrived without a clash."))
            return
        text = Text()
        if c.note:
            text.append(visible(c.note) + "\n", style="italic")
        yours = " (yours)"
        text.append(f"Kept{yours if c.mine == 'kept' else ''}: ", style="bold")
        text.append(visible(c.kept_text))
        text.append(f"  {visible(_who(c.kept_by, c.kept_at))}\n", style="dim")
        text.append(f"Other{yours if c.mine == 'other' else ''}: ", style="bold")
        text.append(visible(c.other_text))
        text.append(f"  {visible(_who(c.other_by, c.other_at))}", style="dim")
        detail.update(text)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "decide":
            return bool(self.found)
        return super().check_action(action, parameters)

    def action_decide(self, take_other: bool) -> None:
        from storage.sync.share import Share

        c = self._current()
        if c is None:
            return

        try:
            with Share.open(self.program.ws) as share:
                share.decide(c.id, take_other)
        except FlourishError as e:
            self.notify(str(e), title="Not saved", severity="error", timeout=8, markup=False)
            return
        # Counted by the share as not shared yet, not as a change of the workspace's own.
        self.app.data_changed(saved_here=False)
        self.app.syncer.changed(by_share=True)
        kept = "the other value" if take_other else "the value shown"
        self.notify(f"Kept {kept} for {c.field}; shared at the next sync.", markup=False)


def _who(by: str, when: datetime | None) -> str:
    return f"{by}, {when.astimezone():%d %b %H:%M}" if when else by


def _one_line(text: str) -> str:
    return " ⏎ ".join(text.splitlines()) if "\n" in text else text
