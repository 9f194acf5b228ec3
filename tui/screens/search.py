"""Search the cluster (or one team, from its view): type words, and every check-in note,
action, challenge, goal and briefing agenda holding all of them is listed, newest first.
Enter in the box goes to the results; Enter on a result opens it. A confidential note is
listed as 🔒, never quoted: its check-in shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from domain.errors import FlourishError
from domain.search import LOCKED, Hit
from tui.base import WorkspaceScreen
from tui.inert import visible
from tui.opening import open_record
from tui.sharing import AppFooter

if TYPE_CHECKING:
    from storage.facade import Flourish


class SearchScreen(WorkspaceScreen):
    ENTER = "In the box: search. On a result: open it"
    AUTO_FOCUS = "#search-box"
    SHOWS = frozenset({"actions", "checkins", "challenges", "briefings", "goals"})
    DEFAULT_CSS = """
    SearchScreen #search-box {
        margin: 0 1;
    }
    SearchScreen #search-heading {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    SearchScreen #results {
        height: 1fr;
    }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="search.back"),
        Binding("slash", "focus_box", "New search", id="search.again", key_display="/"),
    ]

    def __init__(self, team_id: str | None = None, query: str = "") -> None:
        super().__init__()
        self.scope = team_id
        self.query_text = query
        self.hits: list[Hit] = []
        self.names: dict[str, str] = {}
        self.error = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.query_text, placeholder="words to find, e.g. reading programme", id="search-box"
        )
        yield Static(id="search-heading")
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def load(self, program: Flourish) -> None:
        self.names = {t.id: t.name for t in program.teams()}
        self.error = ""
        self.hits = []
        if self.query_text.strip():
            try:
                self.hits = program.search(self.query_text, self.scope)
            except FlourishError as e:  # said on the screen: the box is right there to fix it
                self.error = str(e)

    def fill(self) -> None:
        where = self.names.get(self.scope or "", "") if self.scope else "the whole cluster"
        heading = Text.styled(f"Search {where}", "bold")
        if self.error:
            heading.append(f" · {self.error}", style="red")
        elif self.query_text.strip():
            heading.append(f" · {len(self.hits)} found, newest first")
        heading.append(" · enter opens · / searches again", style="dim")
        self.query_one("#search-heading", Static).update(heading)
        table = self.query_one("#results", DataTable)
        table.clear(columns=True)
        for label, width in (("Date", 10), ("Kind", 9), ("School", 20), ("Title", 30)):
            table.add_column(label, width=width)
        table.add_column("Found in")
        for n, hit in enumerate(self.hits):
            table.add_row(*_cells(hit, self.names), key=str(n))

    @on(Input.Submitted, "#search-box")
    def _search(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        self.reload()
        if self.hits:
            self.query_one("#results", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = event.cursor_row
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            open_record(self.app, hit.kind.value, hit.ref, hit.team_id)

    def action_focus_box(self) -> None:
        self.query_one("#search-box", Input).focus()

    @property
    def team_id(self) -> str | None:
        return self.scope


def _cells(hit: Hit, names: dict[str, str]) -> list[Text]:
    found = Text(hit.snippet, style="dim" if hit.snippet != LOCKED else "bold")
    return [
        Text(f"{hit.day}"),
        Text(hit.kind.value),
        *(
            visible(Text(v, no_wrap=True, overflow="ellipsis"))
            for v in (names.get(hit.team_id or "", "cluster"), hit.title)
        ),
        visible(found),
    ]
