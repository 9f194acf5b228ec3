"""Add or edit a school leadership team: the school, when it starts the program, its coach, its
members and the line managers who meet it at stakeholder briefings."""

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, TextArea

from domain.cluster import Team
from domain.errors import ValidationError
from domain.records import Person, parse_person
from storage.facade import Flourish
from tui.dialogs.base import FormError, FormScreen, field

START_HINT = "or +2w, mon"
PEOPLE_HINT = "one per line: Name, Role, email"


def person_line(person: Person) -> str:
    """A person as the form shows them, so that `parse_person` reads them back the same."""
    return ", ".join(part for part in (person.name, person.role, person.email) if part)


class TeamForm(FormScreen):
    def __init__(self, program: Flourish, team: Team | None = None):
        super().__init__()
        self.program = program
        self.team = team
        self.save_label = "Add team" if team is None else "Save"
        self.title = self.heading  # for a FormScreen that reads `title` rather than `heading`

    @property
    def heading(self) -> str:
        return "Add a school leadership team" if self.team is None else f"Edit {self.team.name}"

    def fields(self) -> ComposeResult:
        team = self.team
        yield from field(
            "School",
            Input(team.name if team else "", placeholder="the school's name", id="name"),
        )
        with Horizontal(classes="row"):
            yield from field(
                "Program start",
                Input(
                    team.start.isoformat() if team else "",
                    placeholder="e.g. 2027-01-11 or +2w",
                    id="start",
                ),
                hint=START_HINT,
            )
            yield from field(
                "School type",
                Input(
                    team.school_type if team else "",
                    placeholder="primary, secondary, special...",
                    id="school-type",
                ),
            )
        yield from field(
            "Coach",
            Input(
                person_line(team.coach) if team else "",
                placeholder="Name, email",
                id="coach",
            ),
        )
        yield from field(
            "Leadership team members",
            TextArea(self._lines(team.members if team else []), id="members", soft_wrap=True),
            hint=PEOPLE_HINT,
        )
        yield from field(
            "Line managers",
            TextArea(
                self._lines(team.line_managers if team else []),
                id="line-managers",
                soft_wrap=True,
            ),
            hint=PEOPLE_HINT,
        )

    @staticmethod
    def _lines(people: list[Person]) -> str:
        return "\n".join(person_line(p) for p in people)

    # -- saving ----------------------------------------------------------------------------

    def submit(self):
        name = self.required("name", "The school's name")
        start_text = self.required("start", "The program start date")
        start = self.checked("start", self.program.read_date, start_text, "future")
        if self.team is None or start != self.team.start:
            self.question_far("start", start, "The program start")
        coach = self.checked("coach", parse_person, self.required("coach", "The coach"))
        members = self.people_in("members")
        line_managers = self.people_in("line-managers")
        school_type = self.text("school-type").strip()
        try:
            if self.team is None:
                return self.program.add_team(
                    name,
                    start=start,
                    coach=coach,
                    members=members,
                    line_managers=line_managers,
                    school_type=school_type,
                )
            # Only what the user changed: another window's change to the rest is kept.
            given = {
                "name": ("name", name),
                "start": ("start", start),
                "coach": ("coach", coach),
                "members": ("members", members),
                "line_managers": ("line-managers", line_managers),
                "school_type": ("school-type", school_type),
            }
            changes = {k: v for k, (field_id, v) in given.items() if self.changed(field_id)}
            return self.program.update_team(self.team.id, **changes) if changes else self.team
        except ValidationError as e:
            if e.field == "name":
                raise FormError("name", str(e)) from None
            raise

    def done(self, result) -> str:
        name = result.name
        if self.team is None:
            return f"Added {name}. Press Enter on it to open its plan."
        return f"Saved the changes to {name}."
