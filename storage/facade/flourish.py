"""The one facade: every user verb, validated, in one place. The app and the command line only
call this. Each area's verbs live in their own module, on the core (core.py); this class puts
them together, the areas that read others first so that the order is a valid one."""

from storage.facade.briefings import BriefingVerbs
from storage.facade.challenges import ChallengeVerbs
from storage.facade.checkins import CheckinVerbs
from storage.facade.cluster_plan import ClusterPlanVerbs
from storage.facade.cluster_work import ClusterWork
from storage.facade.core import FacadeCore
from storage.facade.diagnostic import DiagnosticVerbs
from storage.facade.exports import ExportVerbs
from storage.facade.findings import FindingActions
from storage.facade.goals import GoalVerbs
from storage.facade.governance import GovernanceVerbs
from storage.facade.grid import CONDITION_SETTINGS, GridVerbs
from storage.facade.invitations import InvitationVerbs
from storage.facade.journey import JourneyVerbs
from storage.facade.leaders import LeaderVerbs
from storage.facade.pulse import PULSE_SETTINGS, PulseVerbs
from storage.facade.schedule import ScheduleVerbs
from storage.facade.search import SearchVerbs
from storage.facade.status import StatusVerbs
from storage.facade.teams import TeamVerbs
from storage.facade.week import WeekVerbs
from storage.facade.workshop_exports import WorkshopExports
from storage.facade.workshops import WorkshopVerbs


class Flourish(
    WorkshopExports,
    SearchVerbs,
    WeekVerbs,
    WorkshopVerbs,
    ClusterPlanVerbs,
    JourneyVerbs,
    GovernanceVerbs,
    LeaderVerbs,
    InvitationVerbs,
    ExportVerbs,
    BriefingVerbs,
    StatusVerbs,
    ChallengeVerbs,
    TeamVerbs,
    ScheduleVerbs,
    CheckinVerbs,
    PulseVerbs,
    GridVerbs,
    DiagnosticVerbs,
    GoalVerbs,
    FindingActions,
    ClusterWork,
    FacadeCore,
):
    """Open a workspace with Flourish.open(root) (or make one with Flourish.create), then call
    its verbs: program.add_action(team, "title"), program.undo()..."""

    # The areas that keep settings in the program template: update_cluster takes their fields.
    SETTINGS_HOOKS = (PULSE_SETTINGS, CONDITION_SETTINGS)
