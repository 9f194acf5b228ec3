"""The demo's challenges and briefings: raised, escalated, answered, scheduled and moved,
told through the facade's verbs on the story clock (story.py)."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from demo.clock import StoryClock
from demo.data import (
    BRIEFING_NOTE,
    BRIEFINGS,
    CASTLEFIELD,
    CASTLEFIELD_BRIEFING,
    CHAIR,
    CHALLENGE_STEPS,
    CHALLENGES,
    COACHES,
    HOLLINS_PARK,
    REVISION_REASON,
    TIMEZONE,
    BriefingSpec,
)
from demo.helpers import member_with_role, placeholders, weekday_back, weekday_forward
from domain.actions import CLOSED_STATUSES
from domain.challenges import Challenge
from domain.cluster import Team
from domain.records import Person
from storage.facade import Flourish


def add_challenges(fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date) -> None:
    """Raise each challenge; the school that lost its head gets a revised schedule."""
    raised = {}
    for spec in CHALLENGES:
        day = weekday_back(today - timedelta(days=spec.days_ago))
        story.at(day, 12, 10)
        raised[spec.title] = fl.raise_challenge(
            teams[spec.school].id,
            category=spec.category,
            title=spec.title,
            description=spec.description,
            impact=spec.impact,
            urgency=spec.urgency,
            raised_on=day,
            raised_by=spec.raised_by,
        )
    _challenge_steps(fl, story, raised, today)

    # The case study: one head takes on a second school as executive head. The chair applies
    # the shift agreed at Castlefield's briefing the next morning.
    story.at(_briefing_day(CASTLEFIELD_BRIEFING, today) + timedelta(days=1), 9, 0)
    chair = Flourish(fl.ws, user=CHAIR.name)
    castlefield, hollins = teams[CASTLEFIELD], teams[HOLLINS_PARK]
    chair.revise_schedule(
        castlefield.id,
        reason=REVISION_REASON,
        shift_days=14,
        from_stage=2,
        challenge_id=raised[CHALLENGES[0].title].id,
    )
    head = member_with_role(hollins.members, "Headteacher")
    acting = member_with_role(castlefield.members, "Deputy head")
    leaving = member_with_role(castlefield.members, "Headteacher")
    chair.update_team(
        castlefield.id,
        members=[
            Person(name=head.name, email=head.email, role="Executive headteacher"),
            Person(name=acting.name, email=acting.email, role="Acting headteacher"),
            *(m for m in castlefield.members if m not in (acting, leaving)),
        ],
    )
    for action in chair.actions(castlefield.id):
        if action.owner == leaving.name and action.status not in CLOSED_STATUSES:
            chair.update_action(
                action.id,
                owner=acting.name,
                note=f"Reassigned to {acting.name} as acting head.",
            )
    chair.update_team(
        hollins.id,
        members=[
            Person(name=m.name, email=m.email, role="Headteacher; executive head of Castlefield")
            if m == head
            else m
            for m in hollins.members
        ],
    )


def _challenge_steps(
    fl: Flourish, story: StoryClock, raised: dict[str, Challenge], today: date
) -> None:
    """Escalate, respond and resolve as CHALLENGE_STEPS tells it: escalations by the team's
    coach, the rest by the chair."""
    chair = Flourish(fl.ws, user=CHAIR.name)
    coaches = {t.id: t.coach.name for t in fl.teams()}
    for title, steps in CHALLENGE_STEPS.items():
        challenge = raised[title]
        coach = Flourish(fl.ws, user=coaches[challenge.team_id])
        for days_ago, verb, args in steps:
            story.at(weekday_back(today - timedelta(days=days_ago)), 15, 0)
            if verb == "escalate":
                coach.escalate_challenge(challenge.id, **args)
            elif verb == "respond":
                chair.respond_to_challenge(challenge.id, **args)
            else:
                chair.resolve_challenge(challenge.id, **args)


def add_briefings(fl: Flourish, story: StoryClock, teams: list[Team], today: date) -> None:
    """Stakeholder briefings past and upcoming, put in the calendar by the chair."""
    tz = ZoneInfo(TIMEZONE)
    chair = Flourish(fl.ws, user=CHAIR.name)
    for spec in BRIEFINGS:
        day = _briefing_day(spec, today)
        start = datetime.combine(day, spec.at, tzinfo=tz)
        story.at(day - timedelta(days=spec.notice_days), 11, 0)
        # Castlefield's team changed when its head left: earlier briefings had the old roster.
        roster = fl.teams() if day >= _briefing_day(CASTLEFIELD_BRIEFING, today) else teams
        team = next((t for t in roster if t.name == spec.school), None)
        attendees = (
            team_audience(team)
            if team
            else cluster_audience([t for t in roster if t.start <= day + timedelta(days=60)])
        )
        chair.add_briefing(
            spec.title,
            start=start,
            minutes=spec.minutes,
            team_id=team.id if team else None,
            attendees=attendees,
            location=spec.location,
            agenda=spec.agenda,
            plan_key=spec.plan_key,
        )
        if spec.coaches_log_it and day <= today:
            _log_briefing(fl, story, roster, day)


def change_briefings(fl: Flourish, story: StoryClock, today: date) -> None:
    """The trust asked to meet a day later, and the reading programme goes on that agenda."""
    story.at(today - timedelta(days=2), 10, 0)
    chair = Flourish(fl.ws, user=CHAIR.name)
    briefing = next(b for b in chair.briefings() if b.title.startswith("Hollins Park"))
    chair.move_briefing(briefing.id, start=briefing.start + timedelta(days=1))
    reading = next(c for c in chair.challenges() if c.title.startswith("Trust launches"))
    chair.link_briefing(reading.id, briefing.id)


def _briefing_day(spec: BriefingSpec, today: date) -> date:
    return weekday_forward(today + timedelta(days=spec.days), spec.weekday)


def _log_briefing(fl: Flourish, story: StoryClock, teams: list[Team], day: date) -> None:
    """The coaches note the cluster briefing against the teams that had started by then."""
    story.at(day, 17, 30)
    for team in teams:
        if team.start <= day:
            names = placeholders(team.members)
            Flourish(fl.ws, user=team.coach.name).log_checkin(
                team.id,
                on=day,
                kind="briefing",
                notes=BRIEFING_NOTE.format(**names),
                attendees=[member_with_role(team.members, "Headteacher").name],
            )


def cluster_audience(teams: list[Team]) -> list[Person]:
    people = [CHAIR, *COACHES]
    people += [m for t in teams for m in t.line_managers]
    people += [at_school(member_with_role(t.members, "Headteacher"), t) for t in teams]
    return unique(people)


def team_audience(team: Team) -> list[Person]:
    leaders = [m for m in team.members if "head" in m.role.lower()]
    return unique([CHAIR, *team.line_managers, *(at_school(m, team) for m in leaders), team.coach])


def at_school(person: Person, team: Team) -> Person:
    return Person(name=person.name, email=person.email, role=f"{person.role}, {team.name}")


def unique(people: Iterable[Person]) -> list[Person]:
    seen, out = set(), []
    for person in people:
        if person.email not in seen:
            seen.add(person.email)
            out.append(person)
    return out
