"""A team's dated timeline: its start date, its cluster's template, and any schedule revisions.

Revisions are stored records applied on top of the template (never written into it), in the
order they were made; a reverted revision is skipped. Every date a team sees comes from here.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from domain.dates import day_month_year, format_shift
from domain.errors import ValidationError
from domain.program import Anchor, EventKind, MilestoneSpec, ProgramTemplate
from domain.records import Record
from domain.text import quoted


@dataclass(kw_only=True)
class ScheduleRevision(Record):
    """A change to one team's schedule, kept on top of the template so it can be reverted.

    Either a shift (every date from `from_stage`'s start, or from `from_date`, moves by
    `shift_days`) or a move (the milestone occurrence `milestone_key` moves to `move_to`).
    """

    team_id: str
    reason: str
    shift_days: int = 0
    from_stage: int | None = None
    from_date: date | None = None
    milestone_key: str | None = None
    move_to: date | None = None
    challenge_id: str | None = None
    made_by: str = ""
    reverted_at: datetime | None = None
    # The day it was made: a shift never moves what came before it (a stage already under way
    # keeps its start; a webinar already held stays held). None in revisions made before.
    made_on: date | None = None

    @property
    def active(self) -> bool:
        return self.reverted_at is None


@dataclass(frozen=True, kw_only=True)
class StageWindow:
    number: int
    name: str
    start: date
    end: date  # inclusive
    planned_start: date
    planned_end: date

    @property
    def revised(self) -> bool:
        return (self.start, self.end) != (self.planned_start, self.planned_end)


@dataclass(frozen=True, kw_only=True)
class Milestone:
    key: str  # unique within a timeline, e.g. "foundations" or "pulse-3"
    title: str
    kind: EventKind
    stage: int
    start: date
    end: date  # inclusive; equal to start for one-day events
    planned_start: date

    @property
    def revised(self) -> bool:
        return self.start != self.planned_start


@dataclass(frozen=True, kw_only=True)
class Timeline:
    start: date
    end: date  # inclusive last day of the program
    stages: tuple[StageWindow, ...]
    milestones: tuple[Milestone, ...]  # sorted by date

    def stage_on(self, day: date) -> StageWindow | None:
        """The stage `day` falls in; None before the program starts or after it ends."""
        for stage in self.stages:
            if stage.start <= day <= stage.end:
                return stage
        return None

    @property
    def months_total(self) -> int:
        span = relativedelta(self.end + timedelta(days=1), self.start)
        return span.years * 12 + span.months + (1 if span.days else 0)

    def program_month(self, day: date) -> int:
        """1 in the first month; 0 before the start; capped at the last month after the end."""
        if day < self.start:
            return 0
        span = relativedelta(day, self.start)
        return min(span.years * 12 + span.months + 1, self.months_total)

    def percent_through(self, day: date) -> float:
        total = (self.end - self.start).days + 1
        done = (day - self.start).days + 1
        return max(0.0, min(100.0, 100.0 * done / total))

    def next_milestone(
        self, day: date, kinds: frozenset[EventKind] | None = None
    ) -> Milestone | None:
        """The first milestone on or after `day`; routine check-ins are left out by default."""
        wanted = kinds or frozenset(EventKind) - {EventKind.COACHING}
        return next((m for m in self.milestones if m.start >= day and m.kind in wanted), None)

    def milestones_by_key(self) -> list[Milestone]:
        return sorted(self.milestones, key=lambda m: m.key)

    def milestone(self, key: str) -> Milestone:
        for m in self.milestones:
            if m.key == key:
                return m
        raise ValidationError(f"The timeline has no milestone {quoted(key)}.")


def build_timeline(
    start: date, template: ProgramTemplate, revisions: Sequence[ScheduleRevision] = ()
) -> Timeline:
    """The dated timeline for a team that starts on `start`."""
    starts = _stage_starts(start, template)
    end = starts[-1] - timedelta(days=1)
    stage_ends = [s - timedelta(days=1) for s in starts[1:]]
    stages = [
        StageWindow(
            number=spec.number, name=spec.name, start=s, end=e, planned_start=s, planned_end=e
        )
        for spec, s, e in zip(template.stages, starts[:-1], stage_ends, strict=True)
    ]
    milestones = _milestones(stages, end, template)
    for revision in revisions:
        if revision.active:
            stages, end, milestones = _apply(revision, stages, end, milestones)
            _check_stages(stages)
    return Timeline(
        start=stages[0].start,
        end=end,
        stages=tuple(stages),
        milestones=tuple(sorted(milestones, key=lambda m: (m.start, m.key))),
    )


def _stage_starts(start: date, template: ProgramTemplate) -> list[date]:
    """Each stage's first day, then the day after the program ends."""
    starts, months = [start], 0
    for stage in template.stages:
        months += stage.months
        starts.append(start + relativedelta(months=months))
    return starts


def _milestones(stages: list[StageWindow], end: date, template: ProgramTemplate) -> list[Milestone]:
    out = []
    for spec in template.milestones:
        stage = stages[spec.stage - 1]
        first = _clamp(_anchor_date(spec, stage), stage.start, stage.end)
        if spec.repeat_months:
            dates = _monthly(first, spec.repeat_months, end)
            # Each occurrence belongs to the stage it falls in (a May pulse is a stage-2 event).
            out += [
                _milestone(spec, f"{spec.key}-{n}", d, _stage_of(stages, d))
                for n, d in enumerate(dates, 1)
            ]
        else:
            out.append(_milestone(spec, spec.key, first))
    out += _cadence_checkins(stages[0].start, end, template.checkin_cadence_weeks)
    return out


def _anchor_date(spec: MilestoneSpec, stage: StageWindow) -> date:
    base = {
        Anchor.START: stage.start,
        Anchor.MIDDLE: stage.start + (stage.end - stage.start) / 2,
        Anchor.END: stage.end,
    }[spec.anchor]
    return base + relativedelta(months=spec.offset_months, days=spec.offset_days)


def _clamp(day: date, low: date, high: date) -> date:
    return max(low, min(high, day))


def _monthly(first: date, every: int, end: date) -> list[date]:
    # Count from `first` each time so that the 31st falls back to month ends, not drifting.
    dates, n = [], 0
    while (day := first + relativedelta(months=n * every)) <= end:
        dates.append(day)
        n += 1
    return dates


def _cadence_checkins(start: date, end: date, weeks: int) -> list[Milestone]:
    out, n = [], 1
    while (day := start + timedelta(weeks=weeks * n)) <= end:
        out.append(
            Milestone(
                key=f"checkin-{n}",
                title="Coaching check-in",
                kind=EventKind.COACHING,
                stage=0,
                start=day,
                end=day,
                planned_start=day,
            )
        )
        n += 1
    return out


def _stage_of(stages: list[StageWindow], day: date) -> int:
    return next(s.number for s in stages if s.start <= day <= s.end)


def _milestone(spec: MilestoneSpec, key: str, day: date, stage: int | None = None) -> Milestone:
    return Milestone(
        key=key,
        title=spec.title,
        kind=spec.kind,
        stage=spec.stage if stage is None else stage,
        start=day,
        end=day + timedelta(days=spec.days - 1),
        planned_start=day,
    )


def _apply(
    rev: ScheduleRevision, stages: list[StageWindow], end: date, milestones: list[Milestone]
) -> tuple[list[StageWindow], date, list[Milestone]]:
    if rev.milestone_key:
        assert rev.move_to is not None  # a milestone's move always names its date
        return (
            stages,
            end,
            [_moved(m, rev.move_to) if m.key == rev.milestone_key else m for m in milestones],
        )
    pivot = _pivot(rev, stages)
    shift = timedelta(days=rev.shift_days)

    def later(day: date) -> date:
        return day + shift if day >= pivot else day

    new_end_of_program = later(end)  # a shift from after the last day leaves the end alone
    new_stages = []
    for i, stage in enumerate(stages):
        new_start = later(stage.start)
        # A stage ends the day before the next starts, so it grows when the next one moves.
        if i + 1 < len(stages):
            new_end = later(stages[i + 1].start) - timedelta(days=1)
        else:
            new_end = new_end_of_program
        new_stages.append(replace(stage, start=new_start, end=new_end))
    moved = [_moved(m, later(m.start)) for m in milestones]
    return new_stages, new_end_of_program, moved


def _check_stages(stages: list[StageWindow]) -> None:
    # A shift that pulls a stage earlier must not swallow the stage before it.
    for stage in stages:
        if stage.end < stage.start:
            raise ValidationError(
                f"That revision would leave stage {stage.number} ({stage.name}) with no days; "
                "choose a smaller shift."
            )


def _pivot(rev: ScheduleRevision, stages: list[StageWindow]) -> date:
    """The first day a shift moves: its stage's start or its date, but never before the day
    the revision was made, so the past stays where it was."""
    return max(_asked_from(rev, stages), rev.made_on or date.min)


def _asked_from(rev: ScheduleRevision, stages: list[StageWindow]) -> date:
    if rev.from_stage is not None:
        return stages[rev.from_stage - 1].start
    if rev.from_date is None:
        raise ValidationError("A schedule shift needs a stage or a date to shift from.")
    return rev.from_date


def kept_in_place(before: Timeline, rev: ScheduleRevision) -> list[Milestone]:
    """What a shift would have moved had it reached back to its stage's start or its date,
    but leaves where it was because it is already past."""
    if rev.milestone_key or rev.made_on is None:
        return []
    asked = _asked_from(rev, list(before.stages))
    return [m for m in before.milestones if asked <= m.start < rev.made_on]


def _moved(m: Milestone, to: date) -> Milestone:
    return replace(m, start=to, end=to + (m.end - m.start))


def describe_revision(rev: ScheduleRevision) -> str:
    """A revision in a few words: "stage 2 onward +2w", "from 3 Dec 2026 +4w",
    "foundations moved to 3 Mar 2027"."""
    if rev.milestone_key and rev.move_to:
        return f"{rev.milestone_key} moved to {day_month_year(rev.move_to)}"
    span = format_shift(rev.shift_days)
    if rev.from_stage or rev.from_date is None:
        where = f"stage {rev.from_stage} onward"
    else:
        where = f"from {day_month_year(rev.from_date)}"
    return f"{where} {span}"


def check_effect(before: Timeline, after: Timeline, today: date) -> None:
    """Refuse a revision that moves nothing, or that moves a date still to come into the past
    (a schedule can be pulled in, never behind the people following it)."""
    if before == after:
        raise ValidationError(
            "That revision moves no date: nothing falls on or after where it starts."
        )
    pairs = zip(before.milestones_by_key(), after.milestones_by_key(), strict=True)
    for old, new in pairs:
        if old.start >= today > new.start:
            raise ValidationError(
                f"That would move {new.title} ({day_month_year(old.start)}) to "
                f"{day_month_year(new.start)}, "
                "which has passed; choose a smaller shift."
            )
    for old_stage, new_stage in zip(before.stages, after.stages, strict=True):
        if old_stage.start >= today > new_stage.start:
            raise ValidationError(
                f"That would start stage {new_stage.number} on "
                f"{day_month_year(new_stage.start)}, which has passed; choose a smaller shift."
            )
    if not after.start <= min(m.start for m in after.milestones) <= after.end:
        raise ValidationError("That would move a milestone outside the program's dates.")
    if max(m.end for m in after.milestones) > after.end:
        raise ValidationError("That would move a milestone past the end of the program.")
