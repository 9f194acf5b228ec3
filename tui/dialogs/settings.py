"""The chair's settings for the cluster, in one form: the response time for escalated
challenges, the check-in cadence and whose public holidays it avoids, the executive
stakeholders, the pulse survey's dimensions and anonymity threshold, and the conditions the
schools rate in the self-assessment. The facade checks each as the command line's do."""

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, TextArea

from domain.cluster import Cluster, check_response_days
from domain.pulse import PulseDimension, check_dimensions, check_min_responses
from domain.scales import Keyed, parse_keyed
from domain.sustainability import Condition, check_conditions
from domain.text import quoted
from storage.facade import Flourish
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.team import PEOPLE_HINT, person_line

KEYED_HINT = "one per line: key=Label"
# Each field's id, the facade's name for it, and what it is called in a message.
FIELDS = {
    "response-days": "response_days",
    "cadence": "cadence_weeks",
    "holidays": "holiday_country",
    "stakeholders": "stakeholders",
    "dimensions": "pulse_dimensions",
    "min-responses": "pulse_min_responses",
    "conditions": "conditions",
}


def keyed_lines(items: tuple[Keyed, ...]) -> str:
    return "\n".join(f"{item.key}={item.label}" for item in items)


class SettingsForm(FormScreen):
    title = "Cluster settings"

    def __init__(self, program: Flourish, focus: str | None = None):
        super().__init__()
        self.program = program
        self.cluster: Cluster = program.cluster()
        self.first = focus  # a field to start on ("stakeholders"), else the first

    def fields(self) -> ComposeResult:
        cluster, template = self.cluster, self.cluster.template
        with Horizontal(classes="row"):
            yield from field(
                "Response (days)", Input(str(cluster.response_days), id="response-days")
            )
            yield from field(
                "Cadence (weeks)", Input(str(template.checkin_cadence_weeks), id="cadence")
            )
            yield from field(
                "Holidays of",
                Input(template.holiday_country or "none", id="holidays"),
                hint="GB, none",
            )
        yield from field(
            "Executive stakeholders",
            TextArea(
                "\n".join(person_line(p) for p in cluster.stakeholders),
                id="stakeholders",
                soft_wrap=True,
            ),
            hint=PEOPLE_HINT,
        )
        yield from field(
            "Pulse survey dimensions",
            TextArea(keyed_lines(template.pulse_dimensions), id="dimensions"),
            hint=KEYED_HINT,
        )
        yield from field(
            "Hide a pulse result with fewer responses than",
            Input(str(template.pulse_min_responses), id="min-responses"),
        )
        yield from field(
            "Self-assessment conditions",
            TextArea(keyed_lines(template.conditions), id="conditions"),
            hint=KEYED_HINT,
        )

    def on_mount(self) -> None:
        super().on_mount()
        if self.first:
            self.query_one(f"#{self.first}").focus()

    # -- saving ----------------------------------------------------------------------------

    def submit(self) -> Cluster:
        # Only what the user changed: another window's change to the rest is kept.
        changes = {FIELDS[f]: self._value(f) for f in FIELDS if self.changed(f)}
        if not changes:
            return self.cluster
        if len(changes) == 1:  # what the facade refuses belongs under the one field changed
            (field_id,) = (f for f in FIELDS if self.changed(f))
            return self.checked(field_id, lambda: self.program.update_cluster(**changes))
        return self.program.update_cluster(**changes)

    def _value(self, field_id: str) -> object:
        """A field's value, checked by the domain's rule for it (the error under the field)."""
        template = self.cluster.template
        if field_id == "response-days":
            return self.checked(field_id, check_response_days, self._whole(field_id))
        if field_id == "cadence":
            weeks = self._whole(field_id)
            self.checked(field_id, template.with_cadence, weeks)
            return weeks
        if field_id == "min-responses":
            return self.checked(field_id, check_min_responses, self._whole(field_id))
        if field_id == "holidays":
            return self.text(field_id).strip() or "none"
        if field_id == "stakeholders":
            return self.people_in(field_id)
        if field_id == "dimensions":
            dims = self.lines(field_id, lambda s: parse_keyed(s, PulseDimension, "voice=Voice"))
            return self.checked(field_id, check_dimensions, dims)
        found = self.lines(field_id, lambda s: parse_keyed(s, Condition, "impact=Impact"))
        return self.checked(field_id, check_conditions, found)

    def _whole(self, field_id: str) -> int:
        text = self.text(field_id).strip()
        if not text.isdigit():
            raise FormError(field_id, f"Type a whole number, such as 4, not {quoted(text)}.")
        return int(text)

    def done(self, result) -> str:
        return f"Saved the settings of {result.name}."
