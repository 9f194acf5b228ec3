"""First run: no workspace yet. Set up the cluster (its name, timezone, chair and program
shape), then the dashboard invites the first team."""

import contextlib
import os
import zoneinfo
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from domain.cluster import check_timezone
from domain.errors import ValidationError
from domain.program import DEFAULT_TEMPLATE
from domain.records import parse_person
from domain.text import quoted
from storage.facade import Flourish
from tui.dialogs.base import FormError, FormScreen, field
from tui.dialogs.name import remember_name

HEADING = "Welcome to Flourish — set up your cluster, then add your first team"
FALLBACK_TIMEZONE = "Europe/London"
ZONEINFO_DIRS = ("/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/")


def local_timezone() -> str:
    """The machine's IANA zone, found cheaply (TZ, /etc/timezone, /etc/localtime), else
    Europe/London."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError, UnicodeDecodeError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = os.path.realpath("/etc/localtime")
        for folder in ZONEINFO_DIRS:
            if target.startswith(folder):
                candidates.append(target.removeprefix(folder).removeprefix("posix/"))
    except OSError:
        pass
    for name in candidates:
        if name and "/" in name:
            try:
                return check_timezone(name)
            except ValidationError:
                continue
    return FALLBACK_TIMEZONE


def _stage_lengths() -> str:
    return ",".join(str(stage.months) for stage in DEFAULT_TEMPLATE.stages)


class WelcomeScreen(FormScreen):
    """Dismisses with the new `Flourish`, or None when the user leaves (the app then exits)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "cancel", "Quit", id="welcome.quit", show=False)
    ]
    save_label = "Create"

    def __init__(self, root: Path):
        super().__init__()
        self.root = Path(root)
        self.title = self.heading  # for a FormScreen that reads `title` rather than `heading`

    @property
    def heading(self) -> str:
        return HEADING

    def fields(self) -> ComposeResult:
        intro = Text()
        intro.append("A cluster is the network of schools working through the program together. ")
        intro.append("Your workspace will be kept in ")
        intro.append(str(self.root), style="bold")
        intro.append(".")
        yield Static(intro, id="welcome-intro", classes="dim")
        if not self.app.user:
            yield from field(
                "Your name",
                Input(placeholder="e.g. Priya Shah", id="your-name"),
                hint="recorded with the changes you make",
            )
        yield from field("Cluster name", Input(placeholder="e.g. Northside cluster", id="name"))
        yield from field(
            "Timezone",
            Input(
                local_timezone(),
                placeholder="e.g. Europe/London",
                suggester=SuggestFromList(
                    sorted(zoneinfo.available_timezones()), case_sensitive=False
                ),
                id="timezone",
            ),
            hint="IANA name; → accepts a suggestion",
        )
        yield from field(
            "Cluster chair", Input(placeholder="Name, email", id="chair"), hint="Name, email"
        )
        with Horizontal(classes="row"):
            yield from field(
                "Months per stage", Input(_stage_lengths(), id="stage-months"), hint="e.g. 3,6,3"
            )
            yield from field(
                "Check-in every (weeks)",
                Input(str(DEFAULT_TEMPLATE.checkin_cadence_weeks), id="cadence-weeks"),
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#your-name, #name", Input).focus()

    # -- saving ----------------------------------------------------------------------------

    def submit(self):
        if self.query("#your-name"):
            remember_name(self, "your-name")
        name = self.required("name", "The cluster's name")
        timezone = self.checked(
            "timezone", check_timezone, self.required("timezone", "The timezone")
        )
        chair = self.checked("chair", parse_person, self.required("chair", "The cluster chair"))
        months = self._stage_months()
        cadence = self._cadence()
        return Flourish.create(
            self.root,
            name=name,
            timezone=timezone,
            chair=chair,
            stage_months=months,
            cadence_weeks=cadence,
            clock=self.app.clock,
            user=self.app.user,
        )

    def _stage_months(self) -> tuple[int, ...]:
        text = self.required("stage-months", "The stage lengths")
        try:
            months = tuple(int(part) for part in text.replace(" ", "").split(","))
        except ValueError:
            raise FormError(
                "stage-months",
                f"{quoted(text)}: give whole months separated by commas, e.g. 3,6,3.",
            ) from None
        self.checked("stage-months", DEFAULT_TEMPLATE.with_stage_months, months)
        return months

    def _cadence(self) -> int:
        text = self.required("cadence-weeks", "The check-in cadence")
        try:
            weeks = int(text)
        except ValueError:
            raise FormError(
                "cadence-weeks", f"{quoted(text)}: give a whole number of weeks."
            ) from None
        self.checked("cadence-weeks", DEFAULT_TEMPLATE.with_cadence, weeks)
        return weeks

    def done(self, result) -> str:
        name = result.cluster().name
        return f"Created the workspace for {name}. Press a to add the first team."
