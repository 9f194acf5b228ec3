"""A realistic demo workspace, built only through the facade's verbs.

The demo follows the family-of-schools case study: seven schools in a city area, a few months
into the program, with a coach's history of check-ins, an HPT action plan in every state,
internal and external challenges (one school loses its headteacher), stakeholder briefings past
and upcoming, and one revised schedule. Every date is relative to today, so the demo stays live.

Each verb runs with the facade's clock set to the moment it happened ("story time"), so records
carry believable created/updated times and progress notes carry the date of the check-in at
which they were agreed. Variation comes from a fixed seed: the same today gives the same demo.
What the story tells is in data.py; challenges and briefings are told in events.py, the survey
results in surveys.py.
"""

import random
import shutil
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from demo.clock import StoryClock
from demo.cluster_story import add_cluster_work
from demo.data import (
    ACTIONS,
    CHAIR,
    CLUSTER_NAME,
    CONFIDENTIAL_NOTES,
    COUNCIL,
    OBSERVATION_NOTE,
    SCHOOLS,
    SEED,
    STAGE_NOTES,
    TIMEZONE,
    TRUST_CEO,
    WEBINAR_NOTE,
    WORKSHOP_NOTE,
    ActionSpec,
    School,
    Step,
)
from demo.events import add_briefings, add_challenges, change_briefings
from demo.helpers import (
    attendees_for,
    cycle,
    member_with_role,
    monday,
    next_checkin,
    placeholders,
    weekday_back,
)
from demo.surveys import add_diagnostics, add_goals, add_pulse, add_self_assessments
from domain.cluster import Team
from domain.timeline import Timeline
from storage.errors import WorkspaceError, WorkspaceExists
from storage.facade import ActionChange, Clock, Flourish, NewAction, utc_now
from storage.paths import CLUSTER_FILE
from storage.workspace import Workspace


@dataclass
class _Visit:
    on: date
    kind: str
    note: str = ""  # empty: the coach's note is drawn from the pool
    confidential: bool = False
    agree_new: bool = True


def build_demo(root: Path, clock: Clock = utc_now, *, force: bool = False) -> Flourish:
    """Create the demo workspace at `root` and return it open; see the module docstring.

    An existing demo is reset only with `force`; a real workspace or a folder of other files is
    never touched.
    """
    root = Path(root)
    _make_room(root, force)
    tz = ZoneInfo(TIMEZONE)
    story = StoryClock(clock(), tz)
    today = story.real_now.astimezone(tz).date()
    starts = {s.name: monday(today - timedelta(weeks=s.weeks_ago)) for s in SCHOOLS}

    story.at(min(starts.values()) - timedelta(days=35), 10, 0)
    fl = Flourish.create(
        root, name=CLUSTER_NAME, timezone=TIMEZONE, chair=CHAIR, clock=story, demo=True
    )
    fl.update_cluster(stakeholders=[COUNCIL, TRUST_CEO])
    teams: dict[str, Team] = {}
    for school in SCHOOLS:
        story.at(starts[school.name] - timedelta(days=14), 10, 0)
        teams[school.name] = fl.add_team(
            school.name,
            start=starts[school.name],
            coach=school.coach,
            members=list(school.members),
            line_managers=list(school.line_managers),
            school_type=school.school_type,
        )
    for school in SCHOOLS:
        _history(fl, story, school, teams[school.name], today)
    add_challenges(fl, story, teams, today)
    add_briefings(fl, story, list(teams.values()), today)
    change_briefings(fl, story, today)
    for school in SCHOOLS:
        add_pulse(fl, story, school, teams[school.name], today)
    add_self_assessments(fl, story, teams, today)
    add_diagnostics(fl, story, teams, today)
    add_goals(fl, story, teams)
    add_cluster_work(fl, story, teams, today)
    return Flourish.open(root, clock)


def _make_room(root: Path, force: bool) -> None:
    """Clear the way for a new demo at `root`, or refuse; only a demo is ever deleted."""
    if (root / CLUSTER_FILE).exists():
        try:
            is_demo = Flourish(Workspace(root, utc_now)).is_demo  # read only: no backup
        except WorkspaceError as e:
            raise WorkspaceExists(
                f"{root} holds a workspace that cannot be read ({e}); refusing to overwrite it."
            ) from None
        if not is_demo:
            raise WorkspaceExists(
                f"{root} holds a workspace that is not a demo; refusing to overwrite it. "
                "Choose another folder for the demo."
            )
        if not force:
            raise WorkspaceExists(
                f"A demo workspace already exists at {root}. Use --force to reset it."
            )
        shutil.rmtree(root)
    elif root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise WorkspaceExists(
            f"{root} exists and is not a Flourish workspace; refusing to overwrite it. "
            "Choose an empty or new folder for the demo."
        )


# -- one team's history ----------------------------------------------------------------------


def _history(fl: Flourish, story: StoryClock, school: School, team: Team, today: date) -> None:
    """The team's check-ins since its start, and the action plan agreed and worked at them."""
    rng = random.Random(f"{SEED}:{school.name}")
    names = placeholders(team.members)
    coach = Flourish(fl.ws, user=team.coach.name)
    notes = {stage: cycle(pool, rng) for stage, pool in STAGE_NOTES.items()}
    secrets = cycle(CONFIDENTIAL_NOTES, rng)
    timeline = fl.timeline(team.id)
    plan = [_twisted(spec, school) for spec in ACTIONS]
    agreed: dict[str, tuple[str, list[Step], ActionSpec]] = {}

    for visit in _visits(school, team, today, timeline, rng):
        story.at(visit.on)
        stage = timeline.stage_on(visit.on)
        note, confidential = visit.note, visit.confidential
        if not note:
            if rng.random() < 0.15:
                note, confidential = next(secrets), True
            else:
                note = next(notes[min(stage.number if stage else 1, 2)])
        changes, new, evidence = [], [], []
        contact = visit.kind in ("coaching", "observation", "workshop")
        if visit.kind in ("coaching", "observation"):
            for action_id, steps, spec in agreed.values():
                if steps:
                    status, text = steps.pop(0)
                    changes.append(ActionChange(action_id=action_id, status=status, note=text))
                    if status == "done" and spec.evidence:
                        evidence.append((action_id, spec.evidence))
        if contact and visit.agree_new:
            day = (visit.on - team.start).days
            new = [s for s in plan if s.key not in agreed and s.agree_after <= day]
        checkin = coach.log_checkin(
            team.id,
            on=visit.on,
            kind=visit.kind,
            notes=note.format(**names),
            attendees=attendees_for(visit.kind, team.members, rng),
            confidential=confidential,
            next_checkin=next_checkin(visit.on) if contact else None,
            new_actions=[_new_action(s, team, names) for s in new],
            action_changes=changes,
        )
        # The check-in lists the actions it agreed first, then the ones it changed.
        for spec, action_id in zip(new, checkin.action_ids, strict=False):
            agreed[spec.key] = (action_id, list(spec.steps), spec)
        for action_id, text in evidence:  # ActionChange carries no evidence
            coach.update_action(action_id, evidence=text)
    _direct_action(fl, story, team, timeline, today)


def _visits(
    school: School, team: Team, today: date, timeline: Timeline, rng: random.Random
) -> list[_Visit]:
    """Coaching roughly every 3-5 weeks up to the last contact, plus the program's events."""
    start = team.start
    last = weekday_back(today - timedelta(days=school.last_contact_days_ago))
    fixed = [
        _Visit(
            weekday_back(today - timedelta(days=s.days_ago)),
            s.kind,
            s.note,
            s.confidential,
            s.agree_new,
        )
        for s in school.stories
    ]
    foundations = timeline.milestone("foundations").start
    if foundations <= last:
        fixed.append(_Visit(foundations, "workshop", WORKSHOP_NOTE))
    webinars = [timeline.milestone(key).start for key in ("webinar-1", "webinar-2")]

    coaching, day = [], last
    while day >= start + timedelta(days=7):
        coaching.append(day)
        day = weekday_back(day - timedelta(days=rng.randint(21, 35)))
    if not coaching or min(coaching) > start + timedelta(days=14):
        coaching.append(start + timedelta(days=3))
    taken = [v.on for v in fixed]
    coaching = sorted(d for d in coaching if all(abs((d - t).days) > 5 for t in taken))
    fixed += [
        _Visit(w, "webinar", WEBINAR_NOTE)
        for w in webinars
        if w <= today and all(abs((w - d).days) > 1 for d in coaching)
    ]

    stage2 = timeline.stages[1].start
    in_stage2 = [d for d in coaching if d >= stage2]
    observed = in_stage2[0] if len(in_stage2) >= 2 else None
    visits = fixed + [
        _Visit(d, "observation", OBSERVATION_NOTE) if d == observed else _Visit(d, "coaching")
        for d in coaching
    ]
    return sorted(visits, key=lambda v: v.on)


def _twisted(spec: ActionSpec, school: School) -> ActionSpec:
    """The action as this school lives it: some schools' plans take a different turn."""
    steps = school.twists.get(spec.key)
    return spec if steps is None else replace(spec, steps=steps)


def _new_action(spec: ActionSpec, team: Team, names: dict[str, str]) -> NewAction:
    return NewAction(
        title=spec.title,
        owner=member_with_role(team.members, spec.owner_role).name,
        due=weekday_back(team.start + timedelta(days=spec.due_after)),
        stage=spec.stage,
        success_criteria=spec.criteria.format(**names),
    )


def _direct_action(
    fl: Flourish, story: StoryClock, team: Team, timeline: Timeline, today: date
) -> None:
    """One action a team member typed in themselves, outside a check-in."""
    foundations = timeline.milestone("foundations").start
    deputy = member_with_role(team.members, "Deputy head")
    member = Flourish(fl.ws, user=deputy.name)
    if foundations + timedelta(days=2) <= today:
        story.at(foundations + timedelta(days=2), 17, 15)
        member.add_action(
            team.id,
            "Write up the team norms from the Foundations workshop",
            owner=deputy.name,
            stage=1,
            due=foundations + timedelta(days=7),
            status="done",
            success_criteria="Norms are on the meeting-room wall and used to close meetings.",
            evidence="Norms poster in the meeting room; the last five agendas end with a check.",
        )
    else:
        story.at(team.start + timedelta(days=1), 8, 40)
        member.add_action(
            team.id,
            "Arrange cover so the whole team can attend the Foundations workshop",
            owner=member_with_role(team.members, "Business manager").name,
            stage=1,
            due=foundations,
            status="in-progress",
            success_criteria="Every leader attends both days with no call-outs.",
        )
