"""The cluster's own story in the demo: a family of schools that grew from heads meeting about
learning into shared provision, shared governance and an executive team; its development
plan (one action cascaded into the schools' plans), its goals, the autumn review workshop
and the next one, its governance choice, and aspiring leaders learning beyond their schools."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from demo.clock import StoryClock
from demo.data import (
    ASHWORTH,
    CASTLEFIELD,
    CHAIR,
    COUNCIL,
    HOLLINS_PARK,
    MILLBROOK,
    NORTHGATE,
    RIVERSIDE,
    SCHOOLS,
    ST_ANNES,
)
from demo.helpers import member_with_role, weekday_forward
from domain.cluster import Team
from domain.workshops import IssueKind, RaisedIssue
from storage.facade import Flourish

# (months ago, question, what happened, schools, partners)
JOURNEY = (
    (
        78,
        "why",
        "The heads start meeting each half term about teaching and learning, not about "
        "admissions or budgets: a shared learning agenda, informally.",
        (),
        "",
    ),
    (
        72,
        "who",
        "Five schools on the estate commit; two nearby schools are kept informed and invited "
        "to events.",
        (NORTHGATE, ST_ANNES, MILLBROOK, CASTLEFIELD, RIVERSIDE),
        "",
    ),
    (66, "what", "A shared music service: one peripatetic team across the schools.", (), ""),
    (54, "what", "Shared sport: one coach, one fixtures calendar, a family sports day.", (), ""),
    (
        42,
        "what",
        "Modern languages taught by the secondary schools' staff in the primaries.",
        (CASTLEFIELD, NORTHGATE, ST_ANNES, MILLBROOK),
        "",
    ),
    (
        40,
        "lead",
        "Curriculum directors appointed from a primary and a secondary school to lead the "
        "shared provision.",
        (MILLBROOK, CASTLEFIELD),
        "",
    ),
    (
        36,
        "watch",
        "A joint governors' committee oversees the shared music, sport and languages.",
        (),
        "",
    ),
    (
        30,
        "who",
        "Hollins Park and Ashworth join; the family now has seven schools.",
        (HOLLINS_PARK, ASHWORTH),
        "",
    ),
    (
        28,
        "why",
        "A family brand and an aspiring leaders programme: staff see a career across the "
        "schools, not in one.",
        (),
        "",
    ),
    (
        24,
        "allies",
        "Shared CPD days and community engagement with the council's youth service and the "
        "library.",
        (),
        "City Council youth service\nCentral Library",
    ),
    (
        20,
        "lead",
        "Each head leads one area for the whole family: CPD, inclusion, data, community, "
        "curriculum.",
        (),
        "",
    ),
    (
        14,
        "lead",
        "Riverside's head leaves; Northgate's head becomes executive head of both schools.",
        (NORTHGATE, RIVERSIDE),
        "",
    ),
    (
        12,
        "watch",
        "An executive team of two heads leads the family day to day, answering to the joint "
        "committee.",
        (),
        "",
    ),
    (
        2,
        "lead",
        "The executive team grows to three; one place rotates each year so every head "
        "serves in turn.",
        (),
        "",
    ),
)


def add_cluster_work(fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date) -> None:
    heads = {s.name: member_with_role(list(s.members), "Headteacher").name for s in SCHOOLS}
    for months, question, what, schools, partners in JOURNEY:
        on = today - relativedelta(months=months)
        story.at(on, 17, 0)
        fl.add_journey_step(
            question,
            what,
            on=on,
            schools=[teams[s].id for s in schools],
            partners=partners,
        )
    _governance(fl, story, today)
    _plan_and_workshops(fl, story, teams, today, heads)
    _leaders(fl, story, teams, today)


def _governance(fl: Flourish, story: StoryClock, today: date) -> None:
    story.at(today - timedelta(weeks=10), 16, 0)
    fl.set_governance(
        now="alliance",
        moving_to="trust",
        notes="The joint committee works for shared provision; a trust would let the "
        "community in and make the executive team accountable.",
    )
    story.at(today - timedelta(weeks=8), 16, 0)
    fl.answer_governance(
        "trust",
        2,
        "A termly open meeting for parents and partners, and two community places on the board.",
        on=today - timedelta(weeks=8),
    )
    fl.answer_governance(
        "alliance",
        1,
        "Only for the shared provision: each school's long-term plans still stand alone.",
        on=today - timedelta(weeks=8),
    )
    fl.add_cluster_goal(
        area="governance",
        now="A joint committee of governors meets termly, for the shared provision only.",
        now_evidence="Committee minutes cover music, sport and languages only",
        want="One board oversees the family's work, with parents and partners on it.",
        want_evidence="Board terms of reference agreed by every governing body",
    )


def _plan_and_workshops(
    fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date, heads: dict[str, str]
) -> None:
    review_day = weekday_forward(today - timedelta(weeks=2), 2)  # a Wednesday
    story.at(review_day - timedelta(days=10), 10, 0)
    review = fl.add_workshop(
        "Autumn cluster review",
        fl.read_datetime(f"{review_day.isoformat()} 09:30"),
        place="Castlefield High School, library",
        attendees=[CHAIR, COUNCIL, *(p for s in SCHOOLS for p in s.members[:1])],
        themes=["capacity"],
    )
    story.at(review_day - timedelta(days=3), 15, 0)
    fl.add_reflection(
        review.id,
        teams[MILLBROOK].id,
        worked="The protected leadership meeting: actions close on time now.",
        hard="Finding cover so the team can meet in the school day.",
    )
    fl.add_reflection(
        review.id,
        teams[CASTLEFIELD].id,
        worked="Languages in the primaries: Year 7 arrive with a head start.",
        hard="Measuring the impact of anything we share.",
    )
    story.at(review_day, 12, 30)
    fl.add_issue(
        review.id,
        RaisedIssue(
            kind=IssueKind.POLITICAL,
            issue="Heads worry a shared measure will be used to rank schools.",
            approach="Agree that the measure is for the family, never published by school.",
        ),
    )
    fl.add_issue(
        review.id,
        RaisedIssue(
            kind=IssueKind.EMOTIONAL,
            issue="Staff at Riverside feel absorbed by Northgate since the executive headship.",
            approach="Riverside leads the next shared CPD day.",
        ),
    )
    fl.update_workshop(
        review.id,
        priorities=[
            "Measure the impact of what we share",
            "Grow leaders across the family",
            "Give parents a voice in governance",
        ],
        authority_response="The council will fund a data analyst for the family for a year "
        "and share its school-level measures.",
        next_steps="Executive team to bring a draft impact framework to the spring workshop.",
        evaluation="All seven schools came. Good discussion; the action planning was rushed.",
    )
    impact = fl.agree_action(
        review.id,
        "Agree one impact measure for each shared programme",
        owner=CHAIR.name,
        due=today + timedelta(weeks=10),
        schools=["all"],
        success_criteria="Each school reports the same measure for music, sport and languages",
    )
    story.at(review_day + timedelta(days=1), 9, 0)
    linked = fl.cascade_cluster_action(impact.id)
    by_team = {t.id: t for t in teams.values()}
    for action in linked:  # each school's head takes it on
        fl.update_action(action.id, owner=heads[by_team[action.team_id].name])
    story.at(today - timedelta(days=3), 16, 0)
    for action, status in zip(linked, ("done", "done", "in-progress"), strict=False):
        coach = Flourish(fl.ws, user=by_team[action.team_id].coach.name)
        evidence = "Measure in the music lead's termly report" if status == "done" else ""
        coach.update_action(
            action.id, status=status, note="Measure agreed with the music lead.", evidence=evidence
        )
    fl.agree_action(
        review.id,
        "Draft terms of reference for a family board",
        owner=heads[NORTHGATE],
        due=today + timedelta(weeks=14),
    )
    story.at(today - timedelta(weeks=6), 11, 0)
    cpd = fl.add_cluster_action(
        "Run the winter shared CPD day, led by Riverside",
        owner=heads[RIVERSIDE],
        due=today - timedelta(days=5),
        status="in-progress",
        schools=["all"],
        success_criteria="Every school's staff attend; Riverside's teachers lead half the sessions",
    )
    fl.update_cluster_action(cpd.id, note="Venue booked; sessions still to be agreed.")
    goal = fl.add_cluster_goal(
        now="We count who takes part in shared programmes, not what changes for pupils.",
        now_evidence="Attendance registers only\nNo shared baseline",
        want="Every shared programme shows its impact on pupils each year.",
        want_evidence="An annual impact report agreed by all seven heads",
    )
    fl.link_cluster_action(goal.id, impact.id)
    spring = weekday_forward(today + timedelta(weeks=9), 2)
    fl.add_workshop(
        "Spring cluster review",
        fl.read_datetime(f"{spring.isoformat()} 09:30"),
        place="Northgate Primary School, hall",
        attendees=[CHAIR, COUNCIL],
        themes=["coherence"],
    )


def _leaders(fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date) -> None:
    story.at(today - timedelta(weeks=12), 16, 0)
    megan = fl.add_leader(
        "Megan Lloyd", teams[ST_ANNES].id, role="Assistant head", mentor="Sarah Whitfield"
    )
    act = fl.add_leader_activity(
        megan.id,
        "Lead the shared sports day across the family",
        where="All seven schools, with the sports coach",
        success_criteria="Every school takes part; staff from three schools on the team",
        behaviours="leading beyond authority, planning, delegating",
        outcome="presentation",
        outcome_to="the heads' group",
        outcome_on=today + timedelta(weeks=6),
    )
    story.at(today - timedelta(weeks=4), 16, 0)
    fl.add_feedback(
        act.id,
        "A clear plan; bring the secondary PE leads in earlier.",
        on=today - timedelta(weeks=4),
    )
    james = fl.add_leader(
        "James Patel", teams[NORTHGATE].id, role="Deputy head", mentor="Catherine O'Neill"
    )
    fl.add_leader_activity(
        james.id,
        "Review transition from Riverside to Northgate",
        where="Riverside Infant & Nursery School",
        success_criteria="A transition plan both schools' staff agree",
        behaviours="listening, evidence, influencing",
        outcome="report",
        outcome_to="the executive team",
        outcome_on=today + timedelta(weeks=8),
    )
