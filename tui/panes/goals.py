"""The team view's Goals tab: each statement pair, where the team is now and where
it wants to be, each with its evidence as bullets, and the action plan items linked to it
(their status and due date). Side by side when there is room, stacked below that.

`a` adds a pair, `e` (or Enter) edits it, `d` deletes it, `l` links one of the team's
actions, `u` unlinks one, `t` makes a new action towards where the team wants to be."""

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from domain.actions import ActionItem
from domain.goals import Goal, evidence_lines
from tui import cells
from tui.dialogs.finding_action import offer
from tui.panes.base import Pane

WIDE = 100  # from this many columns: now, want and actions side by side
ACTIONS = 34  # the actions column, side by side
GUTTER = 6  # `Now`, `Want`, `Plan` before the text, stacked
EMPTY = (
    "No statements yet: a adds where the team is now and where it wants to be, "
    "each with its evidence."
)


def wrapped(console, text: Text, width: int, first: str = "", rest: str = "") -> list[Text]:
    """`text` wrapped to `width`, its first line after `first` and the others after `rest`
    (a bullet and its hanging indent, say)."""
    room = max(8, width - max(len(first), len(rest)))
    lines = list(text.wrap(console, room)) or [Text()]
    out = []
    for n, line in enumerate(lines):
        lead = Text(first if n == 0 else rest, style="dim")
        line.rstrip()
        out.append(lead + line)
    return out


def statement(console, text: str, evidence: str, width: int, lead: str = "") -> list[Text]:
    """A statement in bold, then its evidence as bullets."""
    pad = " " * len(lead)
    lines = wrapped(console, Text(text, style="bold"), width, lead, pad)
    for item in evidence_lines(evidence):
        lines += wrapped(console, Text(item), width, f"{pad}• ", f"{pad}  ")
    return lines


def action_lines(
    console, actions: list[ActionItem], today: date, width: int, lead: str = ""
) -> list[Text]:
    """Each linked action: its title, then its status and due date."""
    pad = " " * len(lead)
    if not actions:
        none = Text("no linked actions: l links one, t makes one", style="dim")
        return wrapped(console, none, width, lead, pad)
    lines = []
    for n, a in enumerate(actions):
        first = lead if n == 0 else pad
        lines += wrapped(console, Text(a.title), width, f"{first}→ ", f"{pad}  ")
        due = Text(f"{pad}  ")
        due.append_text(cells.status(a.status))
        if a.due is not None:
            overdue = a.is_overdue(today)
            due.append(" · ")
            due.append(
                f"{'⚠ ' if overdue else ''}due {cells.day(a.due, today)}",
                style=cells.WARN if overdue else "",
            )
        lines.append(due)
    return lines


class GoalsPane(Pane):
    DEFAULT_CSS = """
    GoalsPane #where-empty {
        padding: 1 1;
    }
    """
    BINDINGS = [
        Binding("a", "add", "Add", id="where.add"),
        Binding("e", "edit", "Edit", id="where.edit"),
        Binding("d", "delete", "Delete", id="where.delete"),
        Binding("l", "link", "Link action", id="where.link"),
        Binding("u", "unlink", "Unlink", id="where.unlink"),
        Binding("t", "make_action", "Make action", id="where.make_action"),
    ]
    hint = (
        "{where.add} add · {where.edit} edit · {where.delete} delete · {where.link} link an "
        "action · {where.unlink} unlink · {where.make_action} make an action"
    )

    def extra(self) -> ComposeResult:
        yield Static(Text(EMPTY), id="where-empty")

    def load(self, program, team, today) -> None:
        self.program, self.team, self.today = program, team, today
        self.pairs = program.goals(team.id)
        self.linked = {a.id: program.goal_actions(a) for a in self.pairs}
        self.query_one(DataTable).display = bool(self.pairs)
        self.query_one("#where-empty", Static).display = not self.pairs
        self.refill()

    def columns(self):
        if self.size.width >= WIDE:
            return (("Where we are now", None), ("Where we want to be", None), ("Actions", ACTIONS))
        return (("Where we are now → where we want to be", None),)

    def _widths(self) -> list[int]:
        """The two statements share what the actions leave."""
        columns = self.columns()
        spare = self.size.width - sum(w or 0 for _, w in columns) - 2 * len(columns) - 2
        statements = sum(1 for _, w in columns if w is None)
        return [w or max(16, spare // statements) for _, w in columns]

    def refill(self) -> None:
        self.refill_tall(getattr(self, "pairs", []), self._row)

    def _row(self, a: Goal, widths: list[int]) -> list[list[Text]]:
        console, actions = self.app.console, self.linked.get(a.id, [])
        if len(widths) == 3:
            return [
                statement(console, a.now, a.now_evidence, widths[0]),
                statement(console, a.want, a.want_evidence, widths[1]),
                action_lines(console, actions, self.today, widths[2]),
            ]
        width = widths[0]
        return [
            statement(console, a.now, a.now_evidence, width, "Now".ljust(GUTTER))
            + statement(console, a.want, a.want_evidence, width, "Want".ljust(GUTTER))
            + action_lines(console, actions, self.today, width, "Plan".ljust(GUTTER))
        ]

    # -- keys --------------------------------------------------------------------------------

    def action_add(self) -> None:
        from tui.dialogs.goal import GoalForm

        self.push(GoalForm(self.program, self.team.id))

    def action_edit(self) -> None:
        from tui.dialogs.goal import GoalForm

        if pair := self.selected():
            self.push(GoalForm(self.program, self.team.id, pair))

    def open(self, record) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        if pair := self.selected():
            self.confirm_delete(
                f"Delete the statement pair “{cells.first_line(pair.now, 50)}”? "
                "Its linked actions stay in the plan.",
                lambda: self.program.delete_goal(pair.id),
            )

    def action_link(self) -> None:
        from tui.dialogs.goal import ActionPicker

        pair = self.selected()
        if pair is None:
            return
        choices = [x for x in self.program.actions(self.team.id) if x.id not in pair.action_ids]
        if not choices:
            self.notify(
                "Every action in the plan is linked already: t makes a new one.",
                severity="warning",
                timeout=4,
            )
            return

        def picked(action_id: str | None) -> None:
            if action_id:
                self.app.run_verb(
                    lambda: self.program.link_action(pair.id, action_id),
                    "Linked. ctrl+z takes it back.",
                )

        self.app.push_screen(
            ActionPicker(choices, self.today, f"Link an action to “{pair.want}”"), picked
        )

    def action_unlink(self) -> None:
        from tui.dialogs.goal import ActionPicker

        pair = self.selected()
        if pair is None:
            return
        linked = self.linked.get(pair.id, [])
        if not linked:
            self.notify("No action is linked to it.", severity="warning", timeout=4)
            return

        def picked(action_id: str | None) -> None:
            if action_id:
                self.app.run_verb(
                    lambda: self.program.unlink_action(pair.id, action_id),
                    "Unlinked; the action stays in the plan. ctrl+z links it again.",
                )

        self.app.push_screen(
            ActionPicker(linked, self.today, f"Unlink an action from “{pair.want}”"), picked
        )

    def action_make_action(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        program = self.program
        offer(self.app, program, lambda choices: program.action_from_goal(pair.id, "", choices))
