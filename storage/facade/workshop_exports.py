"""A workshop's pack (Markdown or HTML) and its calendar: the workshop verbs meet the exports'."""

from domain.calendar_ledger import settle
from domain.schedule import workshop_event
from storage.calendar_ledger import CalendarLedger
from storage.facade.exports import CalendarExport, ExportVerbs
from storage.facade.workshops import WorkshopVerbs


class WorkshopExports(WorkshopVerbs, ExportVerbs):
    def workshop_pack(self, ref: str, html: bool = False) -> str:
        """The workshop's pack; it never holds a check-in note (it reads no check-in)."""
        from exports.workshop_pack import workshop_html, workshop_markdown

        w = self.workshop(ref)
        markdown = workshop_markdown(
            w,
            cluster=self.cluster(),
            names={t.id: t.name for t in [*self.teams(), *self.teams(archived=True)]},
            findings=self.workshop_findings(w),
            actions=self.workshop_actions(w),
        )
        return workshop_html(markdown, title=w.title) if html else markdown

    def workshop_calendar(self, ref: str, record: bool = False) -> CalendarExport:
        """The workshop as a calendar of its own, for attendees to import; `record`: note it
        as sent, so that a later export of a changed workshop has a higher sequence."""
        w = self.workshop(ref)
        cluster = self.cluster()
        key = f"workshop:{w.id}"
        with self.ws.lock():
            ledger = CalendarLedger.load(self.ws.root)
            events = settle(
                [workshop_event(w)], ledger.sent, ledger.calendars.get(key, ()), self.now()
            )
            export = CalendarExport(
                key=key,
                name=f"{cluster.name}: {w.title}",
                events=events,
                timezone=cluster.timezone,
                organizer=cluster.chair,
                year=w.start.year,
            )
            if record:
                ledger.record(key, events)
                self._save_ledger(ledger)
        return export
