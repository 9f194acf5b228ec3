"""The cluster development plan: actions the cluster itself owns, not one school, each able to
be cascaded into linked actions in the plans of the schools involved; and the cluster's own
goals (where it is now, where it wants to be), for the plan or for its governance."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from domain.actions import CLOSED_STATUSES, ActionItem, ActionStatus, ProgressNote
from domain.errors import ValidationError
from domain.records import Record
from domain.text import quoted

CASCADE_ORIGIN = "cluster-action:"  # a school's action made by cascading a cluster action


@dataclass(kw_only=True)
class ClusterAction(Record):
    title: str
    owner: str = ""  # the chair, a stakeholder, a head or a coach
    due: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    success_criteria: str = ""  # what will the difference look like
    evidence: str = ""
    notes: list[ProgressNote] = field(default_factory=list)
    team_ids: list[str] = field(default_factory=list)  # the schools involved
    # Where it came from: "finding:<condition key>", "workshop:<id>", "goal:<id>", or "".
    origin: str = ""
    # Each involved school's linked action, by team id, once cascaded.
    cascaded: dict[str, str] = field(default_factory=dict)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status not in CLOSED_STATUSES


class GoalArea(StrEnum):
    PLAN = "plan"  # the cluster development plan
    GOVERNANCE = "governance"  # how the cluster is governed


@dataclass(kw_only=True)
class ClusterGoal(Record):
    """Where the cluster is now and where it wants to be, each with its evidence, linked to
    the cluster actions that will move it."""

    area: GoalArea = GoalArea.PLAN
    now: str
    want: str
    now_evidence: str = ""
    want_evidence: str = ""
    action_ids: list[str] = field(default_factory=list)


ORIGIN_KINDS = ("finding", "workshop", "goal")


def check_origin(origin: str) -> str:
    """`kind:ref`, kind one of ORIGIN_KINDS, or "" for none."""
    origin = origin.strip()
    if not origin:
        return ""
    kind, _, ref = origin.partition(":")
    if kind not in ORIGIN_KINDS or not ref.strip():
        raise ValidationError(
            f"{quoted(origin)} is not where an action came from: write finding:CONDITION, "
            "workshop:ID or goal:ID."
        )
    return f"{kind}:{ref.strip()}"


@dataclass(frozen=True, kw_only=True)
class Linked:
    """What a cluster action's progress needs of a school's linked action."""

    id: str
    team_id: str
    status: ActionStatus
    due: date | None = None

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status not in CLOSED_STATUSES


@dataclass(frozen=True, kw_only=True)
class Cascaded:
    """A school's actions made by cascading cluster actions: kept per team file by storage,
    so a cluster plan's progress across 500 schools reads one small file."""

    actions: tuple[Linked, ...] = ()


def cascaded_of(actions: Iterable[ActionItem]) -> Cascaded:
    return Cascaded(
        actions=tuple(
            Linked(id=a.id, team_id=a.team_id, status=a.status, due=a.due)
            for a in actions
            if a.origin.startswith(CASCADE_ORIGIN)
        )
    )


@dataclass(frozen=True, kw_only=True)
class Cascade:
    """How a cascaded cluster action stands in the schools' own plans."""

    schools: int  # involved schools with a linked action
    done: int
    late: tuple[str, ...]  # team ids whose linked action is late
    missing: tuple[str, ...]  # involved schools with no linked action (not cascaded, deleted)

    @property
    def label(self) -> str:
        if not self.schools:
            return "not cascaded"
        text = f"{self.done} of {self.schools} schools done"
        return text + (f", {len(self.late)} late" if self.late else "")

    @property
    def short(self) -> str:
        """For a narrow column: "2/7 done, 1 late", or "—" when not cascaded."""
        if not self.schools:
            return "—"
        return f"{self.done}/{self.schools} done" + (
            f", {len(self.late)} late" if self.late else ""
        )


def cascade_progress(
    action: ClusterAction, linked: Mapping[str, ActionItem | Linked], today: date
) -> Cascade:
    """`linked`: the schools' actions by id (those that still exist)."""
    found = {t: linked[i] for t, i in action.cascaded.items() if i in linked}
    return Cascade(
        schools=len(found),
        done=sum(1 for a in found.values() if a.status is ActionStatus.DONE),
        late=tuple(t for t, a in found.items() if a.is_overdue(today)),
        missing=tuple(t for t in action.team_ids if t not in found),
    )


def to_cascade(action: ClusterAction, linked: Mapping[str, ActionItem | Linked]) -> list[str]:
    """The involved schools still without a linked action (never cascaded, or deleted)."""
    return [t for t in action.team_ids if action.cascaded.get(t) not in linked]


def cascade_origin(action: ClusterAction) -> str:
    return CASCADE_ORIGIN + action.id


@dataclass(frozen=True, kw_only=True)
class Glance:
    """The cluster's own work in a line, for the dashboard."""

    open: int  # cluster actions not done or dropped
    late: int
    next_workshop: tuple[str, date] | None  # its title and day

    def line(self) -> str:
        if not self.open and not self.next_workshop:
            return "The cluster's own plan is empty: p opens it"
        parts = [f"Cluster plan: {self.open} open action{'s' * (self.open != 1)}"]
        if self.late:
            parts[0] += f", {self.late} late"
        if self.next_workshop:
            _, day = self.next_workshop
            parts.append(f"next review workshop {day.day} {day:%b}")
        return " · ".join(parts) + " · p opens it"


def glance(actions: list[ClusterAction], workshops: list[tuple[str, date]], today: date) -> Glance:
    """`workshops`: each workshop's title and day."""
    still = [a for a in actions if a.status not in CLOSED_STATUSES]
    coming = sorted((w for w in workshops if w[1] >= today), key=lambda w: w[1])
    return Glance(
        open=len(still),
        late=sum(1 for a in still if a.is_overdue(today)),
        next_workshop=coming[0] if coming else None,
    )
