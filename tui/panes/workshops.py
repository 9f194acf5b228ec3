"""The Cluster view's Workshops tab: cluster review workshops, planned and held."""

from rich.text import Text
from textual.binding import Binding

from domain.dates import weekday_day
from tui import cells
from tui.panes.cluster_plan import ClusterPane

ROOMY_WIDTH = 100  # from here the day of the week shows too


class WorkshopsPane(ClusterPane):
    BINDINGS = [
        Binding("a", "add", "Plan", id="workshop.add"),
        Binding("e", "edit", "Edit", id="workshop.edit"),
        Binding("r", "record", "Record", id="workshop.record"),
        Binding("t", "agree", "Agreed action", id="workshop.agree"),
        Binding("x", "export", "Pack", id="workshop.export"),
        Binding("delete", "delete", "Delete", id="workshop.delete", show=False),
    ]
    hint = (
        "{workshop.add} plan · {workshop.edit} edit, agenda · {workshop.record} record · "
        "{workshop.agree} agreed action · {workshop.export} pack · {workshop.delete} delete"
    )
    empty = (
        "No cluster review workshop yet: a plans one, with its agenda drafted from the latest "
        "self-assessment's key findings."
    )

    def read(self) -> None:
        self.workshops = self.program.workshops()
        self.tz = self.program.cluster().tz

    def rows_read(self) -> list:
        return self.workshops

    def columns(self):
        return (("When", 17, 22), ("Workshop", None), ("Place", 16, 32), ("Agreed", 10))

    def rows(self):
        out = []
        for w in self.workshops:
            start = w.start.astimezone(self.tz)
            held = start.date() < self.today
            day = (
                weekday_day(start.date())
                if self.size.width >= ROOMY_WIDTH
                else cells.day(start.date(), self.today)
            )
            when = Text(f"{day} {start:%H:%M}", style="dim" if held else "")
            agreed = Text(
                f"{len(w.action_ids)} actions" if w.action_ids else ("—" if held else "planned"),
                style="" if w.action_ids else "dim",
            )
            out.append((w, [when, Text(w.title), Text(w.place), agreed]))
        return out

    def action_add(self) -> None:
        from tui.dialogs.workshop import WorkshopForm

        self.push(WorkshopForm(self.program))

    def action_edit(self) -> None:
        from tui.dialogs.workshop import WorkshopForm

        if found := self.selected():
            self.push(WorkshopForm(self.program, found))

    def open(self, record) -> None:
        from tui.dialogs.workshop import WorkshopDetail

        self.push(WorkshopDetail(self.program, record.id))

    def action_record(self) -> None:
        from tui.dialogs.workshop import RecordForm

        if found := self.selected():
            self.push(RecordForm(self.program, found))

    def action_agree(self) -> None:
        from tui.dialogs.cluster_plan import ClusterActionForm

        if found := self.selected():
            self.push(ClusterActionForm(self.program, workshop_id=found.id))

    def action_export(self) -> None:
        from tui.dialogs.export import ExportScreen

        if found := self.selected():
            self.push(ExportScreen.for_workshop(self.program, found.id))

    def action_delete(self) -> None:
        if found := self.selected():
            self.confirm_delete(
                f"Delete the workshop “{cells.first_line(found.title, 50)}”? The actions it "
                "agreed stay in the cluster plan.",
                lambda: self.program.delete_workshop(found.id),
            )
