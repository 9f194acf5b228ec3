"""Pick a team by typing any part of its name: matches are ranked fuzzily as you type."""

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

MAX_SHOWN = 5


class TeamPicker(Vertical):
    DEFAULT_CSS = """
    TeamPicker { height: auto; }
    TeamPicker OptionList { height: auto; max-height: 7; }
    """

    @dataclass
    class Changed(Message):
        picker: "TeamPicker"
        team_id: str | None

    def __init__(self, teams: list, team_id: str | None = None, *, id: str):
        super().__init__(id=f"{id}-picker")
        self.teams = teams  # Team records
        self.team_id = team_id
        self.input_id = id

    def compose(self) -> ComposeResult:
        chosen = self._team(self.team_id)
        yield Input(
            value=chosen.name if chosen else "",
            placeholder="type part of the school's name",
            id=self.input_id,
        )
        yield OptionList(id=f"{self.input_id}-matches")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False

    def _team(self, team_id: str | None):
        return next((t for t in self.teams if t.id == team_id), None)

    def matches(self, query: str) -> list:
        query = query.strip()
        if not query:
            return list(self.teams)
        matcher = Matcher(query)
        scored = [(matcher.match(t.name), t) for t in self.teams]
        return [t for score, t in sorted(scored, key=lambda p: -p[0]) if score > 0]

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        chosen = self._team(self.team_id)
        if chosen and chosen.name == event.value:
            return
        found = self.matches(event.value)
        exact = [t for t in found if t.name.casefold() == event.value.strip().casefold()]
        self._choose(exact[0].id if exact else None, update_input=False)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(Text(t.name), id=t.id) for t in found[:MAX_SHOWN])
        options.display = bool(found) and not exact
        if found:
            options.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.display and options.option_count:
            event.stop()
            self._choose(options.get_option_at_index(options.highlighted or 0).id)
        if self.team_id:
            event.stop()
            self.screen.focus_next()  # picked: on to the next field

    def on_key(self, event) -> None:
        # Down from the text box walks the matches; Enter picks one.
        options = self.query_one(OptionList)
        if event.key == "down" and options.display and self.query_one(Input).has_focus:
            event.stop()
            options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)
        self.query_one(Input).focus()
        self.screen.focus_next()

    def _choose(self, team_id: str | None, update_input: bool = True) -> None:
        changed = team_id != self.team_id
        self.team_id = team_id
        team = self._team(team_id)
        if team and update_input:
            self.query_one(Input).value = team.name
        if team:
            self.query_one(OptionList).display = False
        if changed:
            self.post_message(self.Changed(self, team_id))
