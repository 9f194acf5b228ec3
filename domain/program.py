"""The program template: the factsheet's three stages, their activities and dated milestones.

A template says where each milestone falls relative to its stage; a team's dated timeline is
computed from its start date, its cluster's template and any revisions (see timeline.py).
"""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from domain.diagnostic import DEFAULT_QUESTIONNAIRE, Section
from domain.errors import ValidationError
from domain.pulse import DEFAULT_DIMENSIONS, MIN_RESPONSES, PulseDimension
from domain.sustainability import DEFAULT_CONDITIONS, Condition

MAX_PROGRAM_MONTHS = 60  # five years: a cluster program is one to three


class EventKind(StrEnum):
    COACHING = "coaching"
    WEBINAR = "webinar"
    WORKSHOP = "workshop"
    OBSERVATION = "observation"
    BRIEFING = "briefing"
    PULSE = "pulse"
    MILESTONE = "milestone"


class Anchor(StrEnum):
    START = "start"
    MIDDLE = "middle"
    END = "end"


@dataclass(frozen=True, kw_only=True)
class StageSpec:
    number: int
    name: str
    months: int
    activities: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class MilestoneSpec:
    """Where a milestone falls: an anchor in its stage plus an offset, kept inside the stage.

    A spec with `repeat_months` recurs from its first date until the program ends.
    """

    key: str
    title: str
    kind: EventKind
    stage: int
    anchor: Anchor = Anchor.START
    offset_months: int = 0
    offset_days: int = 0
    days: int = 1
    repeat_months: int = 0


STAGES = (
    StageSpec(
        number=1,
        name="Establish foundations",
        months=3,
        activities=(
            "Flipped-classroom preparation and coaching",
            "Foundations 2-day workshops",
            "HPT action plan",
            "Leadership coaching",
            "Implementation of the HPT pulse survey",
        ),
    ),
    StageSpec(
        number=2,
        name="Drive for results",
        months=6,
        activities=(
            "Leadership team focused on the HPT action plan",
            "Staff meetings with a self-governance framework",
            "Monthly pulse survey analysis and dashboards",
            "Mid-program workshop and case presentations",
        ),
    ),
    StageSpec(
        number=3,
        name="Coach for sustainability",
        months=3,
        activities=(
            "Leadership coaching",
            "Observation of staff meetings and the self-governance system",
            "Program completion workshop and case-study outcome presentations",
        ),
    ),
)

_M = MilestoneSpec
_K = EventKind
MILESTONES = (
    _M(
        key="flipped-prep",
        title="Flipped-classroom preparation",
        kind=_K.MILESTONE,
        stage=1,
        days=14,
    ),
    _M(
        key="foundations",
        title="Foundations 2-day workshop",
        kind=_K.WORKSHOP,
        stage=1,
        offset_days=21,
        days=2,
    ),
    _M(
        key="action-plan",
        title="HPT action plan agreed",
        kind=_K.MILESTONE,
        stage=1,
        offset_days=42,
    ),
    _M(key="pulse-launch", title="HPT pulse survey launch", kind=_K.PULSE, stage=1, offset_days=56),
    _M(
        key="pulse",
        title="Monthly pulse survey",
        kind=_K.PULSE,
        stage=1,
        offset_days=56,
        offset_months=1,
        repeat_months=1,
    ),
    _M(
        key="webinar-1", title="Follow-up support webinar", kind=_K.WEBINAR, stage=1, offset_days=70
    ),
    _M(
        key="briefing-1",
        title="Stakeholder briefing: end of stage 1",
        kind=_K.BRIEFING,
        stage=1,
        anchor=Anchor.END,
        offset_days=-7,
    ),
    _M(
        key="self-governance",
        title="Staff meetings adopt the self-governance framework",
        kind=_K.MILESTONE,
        stage=2,
        offset_days=14,
    ),
    _M(
        key="webinar-2", title="Follow-up support webinar", kind=_K.WEBINAR, stage=2, offset_days=42
    ),
    _M(
        key="mid-workshop",
        title="Mid-program workshop and case presentations",
        kind=_K.WORKSHOP,
        stage=2,
        anchor=Anchor.MIDDLE,
    ),
    _M(
        key="briefing-2",
        title="Stakeholder briefing: end of stage 2",
        kind=_K.BRIEFING,
        stage=2,
        anchor=Anchor.END,
        offset_days=-7,
    ),
    _M(
        key="webinar-3", title="Follow-up support webinar", kind=_K.WEBINAR, stage=3, offset_days=21
    ),
    _M(
        key="observation",
        title="Observation of staff meetings and self-governance",
        kind=_K.OBSERVATION,
        stage=3,
        offset_days=28,
    ),
    _M(
        key="completion",
        title="Completion workshop and case-study presentations",
        kind=_K.WORKSHOP,
        stage=3,
        anchor=Anchor.END,
        offset_days=-14,
    ),
    _M(
        key="briefing-3",
        title="Stakeholder briefing: end of program",
        kind=_K.BRIEFING,
        stage=3,
        anchor=Anchor.END,
        offset_days=-3,
    ),
)


@dataclass(frozen=True, kw_only=True)
class ProgramTemplate:
    """A cluster's program. Stage lengths are configurable; by default months 1-3, 4-9, 10-12."""

    stages: tuple[StageSpec, ...] = STAGES
    milestones: tuple[MilestoneSpec, ...] = MILESTONES
    checkin_cadence_weeks: int = 4
    pulse_dimensions: tuple[PulseDimension, ...] = DEFAULT_DIMENSIONS
    pulse_min_responses: int = MIN_RESPONSES  # fewer responses than this are never shown
    conditions: tuple[Condition, ...] = DEFAULT_CONDITIONS  # the self-assessment grid's
    diagnostic: tuple[Section, ...] = DEFAULT_QUESTIONNAIRE  # the collaboration diagnostic
    # Public holidays of the cluster's country (its code, e.g. GB, or GB-SCT for a region):
    # expected check-ins and default briefing slots move off them, as off weekends.
    holiday_country: str = ""
    holidays: tuple[date, ...] = ()

    @property
    def months(self) -> int:
        return sum(stage.months for stage in self.stages)

    def stage(self, number: int) -> StageSpec:
        for stage in self.stages:
            if stage.number == number:
                return stage
        raise ValidationError(
            f"Stage {number} does not exist: the program has stages 1 to {len(self.stages)}."
        )

    def with_stage_months(self, months: tuple[int, ...]) -> "ProgramTemplate":
        """A copy with new stage lengths, one whole number of months (at least 1) per stage."""
        if len(months) != len(self.stages):
            raise ValidationError(
                f"Give {len(self.stages)} stage lengths (for example 3,6,3), not {len(months)}."
            )
        if any(m < 1 for m in months):
            raise ValidationError("Every stage must last at least one month.")
        if sum(months) > MAX_PROGRAM_MONTHS:
            # Beyond this the dates run past what a calendar holds, and the program is a typo.
            raise ValidationError(
                f"The stages add up to {sum(months)} months; a program runs at most "
                f"{MAX_PROGRAM_MONTHS} months (for example 3,6,3)."
            )
        stages = tuple(replace(s, months=m) for s, m in zip(self.stages, months, strict=True))
        return replace(self, stages=stages)

    def with_holidays(self, country: str, days: tuple[date, ...]) -> "ProgramTemplate":
        return replace(self, holiday_country=country, holidays=tuple(sorted(set(days))))

    def with_cadence(self, weeks: int) -> "ProgramTemplate":
        if not 1 <= weeks <= 26:
            raise ValidationError("The check-in cadence must be between 1 and 26 weeks.")
        return replace(self, checkin_cadence_weeks=weeks)


DEFAULT_TEMPLATE = ProgramTemplate()
