"""The facade: every user verb, validated, in one place (see flourish.py for how the areas are
put together, core.py for what they share)."""

from storage.clock import Clock, utc_now
from storage.facade.core import ActionChange, FacadeCore, NewAction
from storage.facade.diagnostic import TeamDiagnostic
from storage.facade.exports import (
    CSV_KINDS,
    CalendarExport,
    CalendarScope,
    ExportError,
    save_export,
)
from storage.facade.findings import Choices, Finding
from storage.facade.flourish import Flourish
from storage.facade.history import UNDO_DEPTH, Change, Step
from storage.facade.invitations import InviteReport
from storage.facade.pulse import PulseHeatmap
from storage.facade.week import Week
from storage.tables import (
    ACTIONS,
    BRIEFINGS,
    CHALLENGES,
    CHECKINS,
    CLUSTER,
    PULSE,
    REVISIONS,
    TEAMS,
)

__all__ = [
    "ACTIONS",
    "BRIEFINGS",
    "CHALLENGES",
    "CHECKINS",
    "CLUSTER",
    "CSV_KINDS",
    "PULSE",
    "REVISIONS",
    "TEAMS",
    "UNDO_DEPTH",
    "ActionChange",
    "CalendarExport",
    "CalendarScope",
    "Change",
    "Choices",
    "Clock",
    "ExportError",
    "FacadeCore",
    "Finding",
    "Flourish",
    "InviteReport",
    "NewAction",
    "PulseHeatmap",
    "Step",
    "TeamDiagnostic",
    "Week",
    "save_export",
    "utc_now",
]
