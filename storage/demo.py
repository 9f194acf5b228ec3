"""A realistic demo workspace, built only through the facade's verbs.

The demo follows the family-of-schools case study: seven schools in a city area, a few months
into the program, with a coach's history of check-ins, an HPT action plan in every state,
internal and external challenges (one school loses its headteacher), stakeholder briefings past
and upcoming, and one revised schedule. Every date is relative to today, so the demo stays live.

Each verb runs with the facade's clock set to the moment it happened ("story time"), so records
carry believable created/updated times and progress notes carry the date of the check-in at
which they were agreed. Variation comes from a fixed seed: the same today gives the same demo.
"""

import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.actions import CLOSED_STATUSES
from domain.challenges import Challenge
from domain.cluster import Team
from domain.records import Person
from domain.timeline import Timeline
from storage.errors import WorkspaceError, WorkspaceExists
from storage.facade import ActionChange, Clock, Flourish, NewAction, utc_now
from storage.paths import CLUSTER_FILE
from storage.workspace import Workspace

SEED = 20260901
CLUSTER_NAME = "City Family of Schools"
TIMEZONE = "Europe/London"
MON, TUE, WED, THU, FRI = range(5)


# -- people ----------------------------------------------------------------------------------


def _email(name: str, domain: str) -> str:
    words = [w for w in name.split() if w not in ("Dr", "Revd", "Cllr")]
    return ".".join(w.lower().replace("'", "") for w in words) + "@" + domain


def _people(domain: str, *pairs: tuple[str, str]) -> tuple[Person, ...]:
    return tuple(Person(name=n, email=_email(n, domain), role=r) for n, r in pairs)


CHAIR = Person(
    name="Dr Margaret Ellison",
    email="margaret.ellison@cityfamily.example",
    role="Cluster chair and executive program sponsor",
)
COACHES = _people(
    "lfs-coaching.example",
    ("Helen Okafor", "Leadership coach"),
    ("Mark Brennan", "Leadership coach"),
    ("Jo Lindqvist", "Leadership coach"),
)
(COUNCIL,) = _people("city-council.example", ("Dr Rachel Moore", "Executive Director of Education"))
(TRUST_CEO,) = _people("citylearning.example", ("David Kerr", "CEO, City Learning Partnership"))


# -- schools ---------------------------------------------------------------------------------

Step = tuple[str, str]  # (status, progress note) applied at one check-in


@dataclass(frozen=True, kw_only=True)
class Story:
    """A check-in the demo tells on purpose, `days_ago` before today."""

    days_ago: int
    note: str
    kind: str = "coaching"
    confidential: bool = False
    agree_new: bool = True  # False: the team agreed no new actions that day


@dataclass(frozen=True, kw_only=True)
class School:
    name: str
    school_type: str
    weeks_ago: int  # the team started on the Monday of that week
    last_contact_days_ago: int  # over 28 days: the team is overdue a check-in
    coach: Person
    members: tuple[Person, ...]
    line_managers: tuple[Person, ...]
    twists: dict[str, tuple[Step, ...]] = field(default_factory=dict)  # action key -> steps
    stories: tuple[Story, ...] = ()


NORTHGATE = "Northgate Primary School"
ST_ANNES = "St Anne's CE Primary School"
MILLBROOK = "Millbrook Primary Academy"
CASTLEFIELD = "Castlefield High School"
HOLLINS_PARK = "Hollins Park Academy"
RIVERSIDE = "Riverside Infant & Nursery School"
ASHWORTH = "Ashworth Community College"

BOLD_NOTE = (
    'Agreed wording for staff bulletin: "[bold] is not a priority" -- it\'s the pulse survey, '
    "not the [i]staff[/i], that we measure. Also agreed: rota, cover & the 3:30 slot "
    "<b>stay</b> as they are 🎉. {deputy} sends it on Friday; draft saved in S:\\Leadership\\HPT."
)

SCHOOLS = (
    School(
        name=NORTHGATE,
        school_type="primary",
        weeks_ago=22,
        last_contact_days_ago=9,
        coach=COACHES[0],
        members=_people(
            "northgate.sch.example",
            ("Sarah Whitfield", "Headteacher"),
            ("James Patel", "Deputy head"),
            ("Aisha Rahman", "SENCo"),
            ("Tom Gallagher", "Business manager"),
        ),
        line_managers=(COUNCIL,),
        twists={"parents": (("dropped", "Governors asked to wait for a full term of data."),)},
    ),
    School(
        name=ST_ANNES,
        school_type="primary",
        weeks_ago=22,
        last_contact_days_ago=12,
        coach=COACHES[0],
        members=_people(
            "stannes.sch.example",
            ("Catherine O'Neill", "Headteacher"),
            ("Daniel Hughes", "Deputy head"),
            ("Megan Lloyd", "Assistant head"),
        ),
        line_managers=(
            *_people("diocese.example", ("Revd Andrew Clarke", "Diocesan director of education")),
            COUNCIL,
        ),
        twists={
            "selfgov": (
                ("in-progress", "Two teams trialling rotating chairs."),
                ("blocked", "Paused: governors want staff meetings for inspection preparation."),
            ),
        },
        stories=(Story(days_ago=12, note=BOLD_NOTE),),
    ),
    School(
        name=MILLBROOK,
        school_type="primary",
        weeks_ago=20,
        last_contact_days_ago=44,
        coach=COACHES[1],
        members=_people(
            "millbrook.academy.example",
            ("Gareth Evans", "Headteacher"),
            ("Priya Shah", "Deputy head"),
            ("Laura Bennett", "Assistant head"),
            ("Nadia Kowalski", "SENCo"),
            ("Steve Marsh", "Business manager"),
        ),
        line_managers=_people(
            "millbrooktrust.example", ("Joanne Fletcher", "CEO, Millbrook Trust")
        ),
        twists={
            "slot": (
                ("in-progress", "Tuesday 3:45-5:15 is in every leader's calendar."),
                ("blocked", "Lost three weeks running to cover; needs supply budget we lack."),
            ),
        },
    ),
    School(
        name=CASTLEFIELD,
        school_type="secondary",
        weeks_ago=16,
        last_contact_days_ago=38,
        coach=COACHES[1],
        members=_people(
            "castlefield.sch.example",
            ("Michael Osei", "Headteacher"),
            ("Fiona Grant", "Deputy head"),
            ("Ravi Chandra", "Assistant head"),
            ("Emma Doyle", "Assistant head"),
            ("Karen Walsh", "Business manager"),
        ),
        line_managers=(
            COUNCIL,
            *_people("castlefield.sch.example", ("Paul Adeyemi", "Chair of governors")),
        ),
        twists={
            "cpd": (("blocked", "On hold while the headship is resolved."),),
        },
        stories=(
            Story(
                days_ago=38,
                confidential=True,
                agree_new=False,
                note=(
                    "Met {deputy} with the cluster chair after {head}'s resignation. The team is "
                    "shaken and worried about being seen to fail. Agreed to keep the pulse survey "
                    "going, pause new actions, and ask the line managers for a two-week shift "
                    "before stage 2."
                ),
            ),
        ),
    ),
    School(
        name=HOLLINS_PARK,
        school_type="secondary",
        weeks_ago=18,
        last_contact_days_ago=6,
        coach=COACHES[2],
        members=_people(
            "hollinspark.academy.example",
            ("Elizabeth Mensah", "Headteacher"),
            ("Chris Rowley", "Deputy head"),
            ("Hannah Price", "Assistant head"),
            ("Owen Jenkins", "SENCo"),
        ),
        line_managers=(TRUST_CEO,),
        twists={
            "parents": (("dropped", "The trust now publishes pulse headlines for all schools."),),
        },
    ),
    School(
        name=RIVERSIDE,
        school_type="primary",
        weeks_ago=14,
        last_contact_days_ago=15,
        coach=COACHES[2],
        members=_people(
            "riverside.sch.example",
            ("Beth Collins", "Headteacher"),
            ("Sam Ahmed", "Deputy head"),
            ("Lucy Ward", "SENCo"),
        ),
        line_managers=(COUNCIL,),
    ),
    School(
        name=ASHWORTH,
        school_type="secondary",
        weeks_ago=2,  # joined recently: the Foundations workshop is still ahead
        last_contact_days_ago=4,
        coach=COACHES[0],
        members=_people(
            "ashworth.college.example",
            ("Martin Hale", "Headteacher"),
            ("Yasmin Begum", "Deputy head"),
            ("Ian Forbes", "Assistant head"),
            ("Claire Dunn", "Business manager"),
        ),
        line_managers=(
            TRUST_CEO,
            *_people("citylearning.example", ("Susan Tait", "School improvement partner")),
        ),
    ),
)


# -- the HPT action plan ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ActionSpec:
    key: str
    title: str
    owner_role: str
    stage: int
    agree_after: int  # agreed at the first check-in this many days after the start
    due_after: int  # due this many days after the start
    criteria: str
    steps: tuple[Step, ...] = ()  # one applied at each later coaching check-in
    evidence: str = ""


ACTIONS = (
    ActionSpec(
        key="plan",
        title="Agree the HPT action plan and share it with governors",
        owner_role="Headteacher",
        stage=1,
        agree_after=0,
        due_after=42,
        criteria="Every leader can name the plan's three priorities and their own part in them.",
        steps=(
            ("in-progress", "Draft priorities shared with the team; governors see it next."),
            ("done", "Approved by the governing board."),
        ),
        evidence="Board minutes record approval; the plan is on the staff shared drive.",
    ),
    ActionSpec(
        key="slot",
        title="Protect a weekly 90-minute leadership-team meeting",
        owner_role="Headteacher",
        stage=1,
        agree_after=0,
        due_after=28,
        criteria="The meeting happens every week for a half-term, starts on time, never covers.",
        steps=(
            ("in-progress", "Slot in every leader's calendar."),
            ("done", "Held every week this half-term."),
        ),
        evidence="Meeting log: 12 of 13 weeks held, agenda sent the day before.",
    ),
    ActionSpec(
        key="pulse",
        title="Launch the HPT pulse survey with all staff",
        owner_role="Deputy head",
        stage=1,
        agree_after=14,
        due_after=56,
        criteria="80% of staff respond and the team reviews the dashboard within a week.",
        steps=(
            ("in-progress", "Questions agreed; launch at Monday's staff briefing."),
            ("done", "Launched; 84% responded in the first fortnight."),
        ),
        evidence="First pulse dashboard (84% response) reviewed at the leadership meeting.",
    ),
    ActionSpec(
        key="cpd",
        title="Align the CPD calendar with the action plan priorities",
        owner_role="Assistant head",
        stage=1,
        agree_after=30,
        due_after=80,
        criteria="Every CPD session names the priority it serves, and staff can say why.",
        steps=(
            ("in-progress", "Autumn sessions mapped; spring still to do."),
            ("in-progress", "Spring sessions drafted with middle leaders."),
            ("done", "Calendar published to staff."),
        ),
        evidence="Published CPD calendar with each session tagged to a priority.",
    ),
    ActionSpec(
        key="send",
        title="Map SEND provision against the family's shared inclusion standards",
        owner_role="SENCo",
        stage=1,
        agree_after=45,
        due_after=95,
        criteria="A one-page map shows where provision meets, exceeds or misses each standard.",
        steps=(("in-progress", "Audit under way; half the standards reviewed."),),
    ),
    ActionSpec(
        key="parents",
        title="Share pulse survey headlines with the parent forum",
        owner_role="Headteacher",
        stage=1,
        agree_after=60,
        due_after=110,
        criteria="Parents hear what staff told us and what we are changing, in plain words.",
        steps=(("in-progress", "Headlines drafted for the next parent forum."),),
    ),
    ActionSpec(
        key="selfgov",
        title="Introduce the self-governance framework at staff meetings",
        owner_role="Assistant head",
        stage=2,
        agree_after=75,
        due_after=120,
        criteria="Staff meetings run to a shared agenda, with rotating chairs and a decision log.",
        steps=(
            ("in-progress", "Two teams trialling rotating chairs."),
            ("in-progress", "Decision log in use; follow-up still patchy."),
        ),
    ),
    ActionSpec(
        key="dashboard",
        title="Build a monthly pulse dashboard for staff briefings",
        owner_role="Business manager",
        stage=2,
        agree_after=85,
        due_after=130,
        criteria="Staff see the month's pulse results on one page within a week of closing.",
        steps=(("in-progress", "Template built from the survey export."),),
    ),
    ActionSpec(
        key="case",
        title="Prepare the school's case presentation for the mid-program workshop",
        owner_role="Deputy head",
        stage=2,
        agree_after=100,
        due_after=185,
        criteria="A 10-minute case with before-and-after pulse data another school can use.",
    ),
)


# -- what coaches write ----------------------------------------------------------------------

STAGE_NOTES = {
    1: (
        "Worked through the flipped-classroom pre-reading on high-performing teams. {head} "
        "wants each leader to bring one decision that stalled last term. Agreed to draft team "
        "norms before the Foundations workshop.",
        "Drafted the HPT action plan around three priorities: behaviour, staff voice and "
        "transition. {deputy} will test the wording with middle leaders before governors see it.",
        "Reviewed the pulse survey questions. Some worry that staff will read it as a "
        "performance measure, so {head} will introduce it at Monday's briefing as a team health "
        "check.",
        "First pulse results are in: workload and clarity of roles scored lowest. The team was "
        "candid about meetings that overrun. Agreed to trial a 45-minute meeting with a fixed "
        "agenda.",
        "Coaching on how the team handles disagreement. {assistant} said decisions get reopened "
        "in the corridor afterwards. Agreed a simple rule: once decided, we all own it in public.",
    ),
    2: (
        "Read the monthly pulse dashboard together: trust in the leadership team is up, workload "
        "is flat. Staff meetings now open with a two-minute review of last month's decisions.",
        "Prepared the self-governance framework for staff meetings: rotating chairs, a decision "
        "log and owned actions. {assistant} will model it first with the maths team.",
        "Reviewed the action plan; two items are slipping because of cover. Talked about what to "
        "stop rather than what to add. {head} will raise the cover pressure with the line manager.",
        "Coaching on distributing leadership: middle leaders now chair two of the four staff "
        "meetings each half-term. 'My voice is heard' rose for the second month running.",
        "The mid-year data drop collided with the action plan. Agreed to fold the pulse "
        "dashboard into the existing data meeting rather than run a separate one.",
        "Chose the staff meeting redesign as the story for the mid-program case presentation, "
        "with pulse data as evidence. {deputy} will draft the slides.",
    ),
}
CONFIDENTIAL_NOTES = (
    "{deputy} is finding the dual role with cover very hard and is close to burnout. Talked "
    "through what can come off their plate; {head} will look at the timetable this week.",
    "Tension between {head} and {bm} over budget decisions made outside the team. Agreed a "
    "facilitated conversation at the next check-in; not for the stakeholder report.",
)
WORKSHOP_NOTE = (
    "Foundations 2-day workshop with the other family schools. The team mapped where it stands "
    "and drafted the first version of its HPT action plan. Strong energy on day two; {deputy} "
    "presented for the team."
)
WEBINAR_NOTE = (
    "Two of the team joined the follow-up support webinar on reading pulse dashboards. They will "
    "walk the others through it at the next leadership meeting."
)
OBSERVATION_NOTE = (
    "Observed this week's staff meeting under the self-governance framework. {assistant} chaired "
    "well and the decision log was used, but the last item overran by 15 minutes. Fed back to "
    "the team the same afternoon."
)
BRIEFING_NOTE = (
    "Attended the cluster stakeholder briefing with {head}. Line managers saw the stage 1 pulse "
    "dashboards and asked for a one-page update per school before the mid-program workshop."
)
ROLE_KEYS = {
    "head": "Headteacher",
    "deputy": "Deputy head",
    "assistant": "Assistant head",
    "bm": "Business manager",
    "senco": "SENCo",
}


# -- challenges, the revised schedule and briefings ------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ChallengeSpec:
    school: str
    category: str
    impact: str
    urgency: str
    title: str
    description: str
    days_ago: int
    raised_by: str


CHALLENGES = (
    ChallengeSpec(
        school=CASTLEFIELD,
        category="leadership-change",
        impact="high",
        urgency="high",
        title="Headteacher has resigned at short notice",
        description=(
            "Michael Osei leaves at half-term after a period of absence. Fiona Grant is acting "
            "head, and the family has asked Hollins Park's headteacher to act as executive head "
            "of both schools. The team has lost the lead for its HPT action plan mid-stage."
        ),
        days_ago=40,
        raised_by="Fiona Grant",
    ),
    ChallengeSpec(
        school=MILLBROOK,
        category="staff-shortage",
        impact="medium",
        urgency="medium",
        title="Two teachers on long-term sick leave",
        description=(
            "The deputy and assistant head cover classes most afternoons, so the weekly "
            "leadership meeting has been cancelled three times and the pulse follow-up stalled."
        ),
        days_ago=50,
        raised_by="Priya Shah",
    ),
    ChallengeSpec(
        school=RIVERSIDE,
        category="critical-incident",
        impact="high",
        urgency="medium",
        title="Flood closed the nursery building",
        description=(
            "A burst water main flooded the nursery and two classrooms. Children were taught in "
            "the hall for a week and the leaders' time went on recovery and on parents."
        ),
        days_ago=26,
        raised_by="Beth Collins",
    ),
    ChallengeSpec(
        school=HOLLINS_PARK,
        category="leadership-change",
        impact="medium",
        urgency="low",
        title="Headteacher is now executive head of two schools",
        description=(
            "Elizabeth Mensah spends two days a week at Castlefield; Chris Rowley leads the HPT "
            "work here in the meantime."
        ),
        days_ago=36,
        raised_by="Elizabeth Mensah",
    ),
    ChallengeSpec(
        school=HOLLINS_PARK,
        category="new-initiatives",
        impact="medium",
        urgency="high",
        title="Trust launches a new reading programme mid-year",
        description=(
            "City Learning Partnership wants every secondary on its reading programme from "
            "January, with weekly staff training in the slot used for self-governance meetings."
        ),
        days_ago=20,
        raised_by="Chris Rowley",
    ),
    ChallengeSpec(
        school=ST_ANNES,
        category="competing-priorities",
        impact="high",
        urgency="high",
        title="Inspection expected this term",
        description=(
            "The school is in its inspection window. Governors want every staff meeting this "
            "half-term given to inspection preparation, which would pause the framework."
        ),
        days_ago=16,
        raised_by="Catherine O'Neill",
    ),
    ChallengeSpec(
        school=NORTHGATE,
        category="extra-reporting",
        impact="low",
        urgency="medium",
        title="Weekly attendance returns to the local authority",
        description=(
            "Attendance figures are now due weekly rather than half-termly, which takes the "
            "business manager about half a day each week."
        ),
        days_ago=30,
        raised_by="Tom Gallagher",
    ),
    ChallengeSpec(
        school=ASHWORTH,
        category="competing-priorities",
        impact="low",
        urgency="low",
        title="Mock exams overlap the Foundations workshop",
        description=(
            "Year 11 mocks fall in the same fortnight as the Foundations workshop; two leaders "
            "invigilate and may miss day two."
        ),
        days_ago=5,
        raised_by="Yasmin Begum",
    ),
)

# What happened to each challenge after it was raised: (days ago, verb, arguments), in order.
# The chair's revision for Castlefield follows in _challenges, answering its escalation.
CHALLENGE_STEPS = {
    "Headteacher has resigned at short notice": (
        (
            40,
            "escalate",
            {
                "reason": "The team has lost its lead mid-stage and needs the family's support.",
                "schedule_impact": "Stage 2 cannot start on time; about two weeks' delay.",
            },
        ),
        (
            39,
            "respond",
            {
                "kind": "meeting",
                "with_whom": ["Fiona Grant", "Elizabeth Mensah", "Dr Rachel Moore"],
                "outcome": "Agreed that Elizabeth Mensah acts as executive head and that the "
                "chair proposes a two-week shift of stage 2 to the line managers.",
            },
        ),
    ),
    "Two teachers on long-term sick leave": (
        (
            11,
            "escalate",
            {
                "reason": "Cover has cancelled three leadership meetings; the team cannot "
                "find time without help from the family.",
                "schedule_impact": "Pulse follow-up actions will slip by a month.",
            },
        ),
    ),
    "Flood closed the nursery building": (
        (
            25,
            "escalate",
            {
                "reason": "Recovery is taking every leader's time.",
                "schedule_impact": "One month of stage 2 actions paused.",
            },
        ),
        (
            21,
            "respond",
            {
                "kind": "meeting",
                "with_whom": ["Beth Collins"],
                "outcome": "Visited the school; agreed which actions pause and that the "
                "family's estates team leads the building work.",
            },
        ),
        (
            9,
            "resolve",
            {
                "resolution": "Nursery reopened; paused actions restarted with new due dates.",
                "outcome": "back-on-track",
            },
        ),
    ),
    "Trust launches a new reading programme mid-year": (
        (
            18,
            "escalate",
            {
                "reason": "The trust's training would take the self-governance meeting slot.",
                "schedule_impact": "Staff meetings with the framework stop from January.",
            },
        ),
        (
            12,
            "respond",
            {
                "kind": "liaise",
                "with_whom": ["David Kerr"],
                "outcome": "Asked the trust to move its training to the second weekly slot; "
                "waiting for the trust's answer.",
            },
        ),
    ),
    "Inspection expected this term": (
        (
            4,
            "escalate",
            {
                "reason": "Governors want every staff meeting this half-term for inspection "
                "preparation.",
                "schedule_impact": "The framework pauses for six weeks unless agreed otherwise.",
            },
        ),
    ),
    "Weekly attendance returns to the local authority": (
        (
            28,
            "escalate",
            {
                "reason": "Half a day each week of the business manager's time.",
                "schedule_impact": "Small: one action owner has less time.",
            },
        ),
        (
            20,
            "respond",
            {
                "kind": "reprioritise",
                "with_whom": ["Dr Rachel Moore"],
                "outcome": "The authority accepts a termly return from cluster schools this year.",
            },
        ),
        (
            15,
            "resolve",
            {
                "resolution": "Returns are termly again for Northgate.",
                "outcome": "reprioritised",
            },
        ),
    ),
}

REVISION_REASON = (
    "The headteacher left at short notice. Stage 2 starts two weeks later so the acting head "
    "and the executive head can settle the team; agreed with the line managers."
)


@dataclass(frozen=True, kw_only=True)
class BriefingSpec:
    title: str
    school: str | None  # None: the whole cluster
    days: int  # from today, moved forward to `weekday`; negative is in the past
    weekday: int
    at: time
    minutes: int
    location: str
    agenda: str
    notice_days: int = 21  # how long before the briefing it was put in the calendar
    coaches_log_it: bool = False  # the coaches record it as a briefing check-in
    plan_key: str = ""  # the default-plan slot it fills


ONLINE = "https://meet.example/cfs/stakeholders"
COUNCIL_ROOM = "Council House, Committee Room 2"

BRIEFINGS = (
    BriefingSpec(
        title="Program launch: line managers and executive stakeholders",
        school=None,
        days=-165,
        weekday=TUE,
        at=time(16, 0),
        minutes=60,
        location=COUNCIL_ROOM,
        agenda=(
            "1. Why the family is doing this together\n"
            "2. The three stages and the 12-month timeline\n"
            "3. What we ask of line managers: time, focus, protection from new initiatives\n"
            "4. Questions"
        ),
    ),
    BriefingSpec(
        title="Stage 1 review: pulse dashboards and implementation plans",
        school=None,
        days=-46,
        weekday=WED,
        at=time(16, 0),
        minutes=45,
        location=ONLINE,
        agenda=(
            "1. Pulse dashboards by school, 5 minutes each\n"
            "2. Local implementation plans; line manager comments\n"
            "3. Competing pressures: what to stop, pause or protect"
        ),
        coaches_log_it=True,
    ),
    BriefingSpec(
        title="Castlefield High: revised implementation schedule",
        school=CASTLEFIELD,
        days=-39,
        weekday=THU,
        at=time(8, 0),
        minutes=30,
        location="Castlefield High School, head's office",
        notice_days=1,
        agenda=(
            "1. Support for the acting head and the executive head\n"
            "2. Agree a two-week shift before stage 2\n"
            "3. What line managers will take off the team's plate"
        ),
    ),
    BriefingSpec(
        title="Northgate: line manager presentation on stage 1",
        school=NORTHGATE,
        days=-25,
        weekday=TUE,
        at=time(15, 45),
        minutes=40,
        location="Northgate Primary School, library",
        agenda="1. The HPT action plan so far\n2. Pulse trends since launch\n3. Reporting load",
    ),
    BriefingSpec(
        title="Riverside: recovery after the flood",
        school=RIVERSIDE,
        days=-20,
        weekday=FRI,
        at=time(9, 30),
        minutes=30,
        location="https://meet.example/riverside/briefing",
        notice_days=4,
        agenda="1. Where the recovery stands\n2. Which actions pause, and until when",
    ),
    BriefingSpec(
        title="Hollins Park: reading programme and the HPT plan",
        school=HOLLINS_PARK,
        days=8,
        weekday=MON,
        at=time(16, 15),
        minutes=45,
        location="https://meet.example/hollins-park/briefing",
        notice_days=14,
        agenda=(
            "1. The trust's reading programme: timing and training load\n"
            "2. Staff meeting slots: self-governance framework vs. reading training\n"
            "3. A revised schedule to put to the trust CEO"
        ),
    ),
    BriefingSpec(
        title="St Anne's: inspection window and the action plan",
        school=ST_ANNES,
        days=15,
        weekday=WED,
        at=time(8, 15),
        minutes=30,
        location="St Anne's CE Primary School, staff room",
        agenda="1. What inspection preparation needs\n2. What the framework can keep doing",
    ),
    BriefingSpec(
        title="Mid-program stakeholder briefing",
        school=None,
        days=52,
        weekday=THU,
        at=time(16, 0),
        minutes=60,
        location=f"{COUNCIL_ROOM}, or online: {ONLINE}",
        agenda=(
            "1. Pulse trends across the family (dashboards)\n"
            "2. Case presentations: two schools, 10 minutes each\n"
            "3. Escalated challenges and revised schedules\n"
            "4. Dates for stage 3"
        ),
        plan_key="mid-program",
    ),
)
_CASTLEFIELD_BRIEFING = next(b for b in BRIEFINGS if b.school == CASTLEFIELD)


# -- building --------------------------------------------------------------------------------


class _StoryClock:
    """A clock the builder sets to when each event happened; never later than the real now."""

    def __init__(self, now: datetime, tz: ZoneInfo):
        self.real_now, self.tz, self.moment = now, tz, now

    def __call__(self) -> datetime:
        return self.moment

    def at(self, day: date, hour: int = 16, minute: int = 30) -> None:
        moment = datetime.combine(day, time(hour, minute), tzinfo=self.tz)
        self.moment = min(moment, self.real_now)


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
    story = _StoryClock(clock(), tz)
    today = story.real_now.astimezone(tz).date()
    starts = {s.name: _monday(today - timedelta(weeks=s.weeks_ago)) for s in SCHOOLS}

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
    _challenges(fl, story, teams, today)
    _briefings(fl, story, list(teams.values()), today)
    _briefing_changes(fl, story, today)
    for school in SCHOOLS:
        _pulse(fl, story, school, teams[school.name], today)
    _self_assessments(fl, story, teams, today)
    _diagnostics(fl, story, teams, today)
    _aspirations(fl, story, teams)
    return Flourish.open(root, clock)


# -- the monthly pulse survey ----------------------------------------------------------------

# Each school's staff (who answer the survey), its starting point on every dimension and its
# story: a dimension that moves in the last months ({key: (change per month, months)}).
PULSE_STAFF = {
    CASTLEFIELD: 38, HOLLINS_PARK: 34, MILLBROOK: 22, NORTHGATE: 18, ST_ANNES: 12,
    RIVERSIDE: 5, ASHWORTH: 41,
}  # fmt: skip
PULSE_START = 5.6
PULSE_STORIES = {
    MILLBROOK: {"voice": (-1.5, 2), "wellbeing": (-1.1, 3)},  # the overdue escalation shows
    HOLLINS_PARK: {"voice": (0.6, 2)},  # "'My voice is heard' rose for the second month"
    NORTHGATE: {"accountability": (0.5, 3), "collaboration": (0.4, 3)},
    CASTLEFIELD: {"trust": (-0.6, 2)},
}


def _pulse(fl: Flourish, story: _StoryClock, school: School, team: Team, today: date) -> None:
    """Monthly results since the survey's launch: a slow climb with noise, each school's own
    story, and at a small school some months with too few responses to show."""
    rng = random.Random(f"{SEED}:pulse:{school.name}")
    timeline = fl.timeline(team.id)
    days = sorted(m.start for m in timeline.milestones if m.kind.value == "pulse")
    days = [d for d in days if d + timedelta(days=5) <= today]
    base = {d.key: PULSE_START + rng.uniform(-1.2, 1.0) for d in fl.pulse_dimensions()}
    stories = PULSE_STORIES.get(school.name, {})
    for n, day in enumerate(days):
        from_end = len(days) - 1 - n
        scores = {}
        for key, start in base.items():
            step, months = stories.get(key, (0.0, 0))
            score = start + 0.25 * n + rng.uniform(-0.3, 0.3)
            score += step * max(0, months - from_end)  # the story's last `months` months
            responses = max(1, round(PULSE_STAFF[school.name] * rng.uniform(0.3, 0.85)))
            scores[key] = (round(min(9.8, max(1.0, score)), 1), responses)
        story.at(day + timedelta(days=5), 17, 0)
        fl.record_pulse(team.id, day, scores)


# -- the self-assessments --------------------------------------------------------------------

# Ratings by condition, in DEFAULT_CONDITIONS order: vision, governance, partnerships,
# participation, workforce, funding, communication, impact. As in the seed's example grid,
# impact measurement is an issue for nearly every school; partnerships are the cluster's
# strength; Castlefield's workforce fell when it lost its head.
RATINGS_EARLIER = {
    NORTHGATE: (8, 7, 8, 5, 7, 5, 6, 2),
    ST_ANNES: (6, 6, 7, 4, 5, 3, 4, 2),
    MILLBROOK: (5, 4, 7, 3, 5, 4, 4, 2),
    CASTLEFIELD: (6, 5, 7, 4, 5, 5, 5, 2),
    HOLLINS_PARK: (7, 7, 8, 6, 6, 6, 7, 3),
}
RATINGS_LATEST = {
    NORTHGATE: (9, 8, 9, 6, 7, 5, 7, 3),
    ST_ANNES: (7, 6, 8, 5, 4, 3, 5, 2),
    MILLBROOK: (5, 4, 8, 3, 3, 4, 4, 1),
    CASTLEFIELD: (6, 5, 8, 4, 2, 6, 5, 3),
    HOLLINS_PARK: (9, 8, 9, 7, 6, 7, 8, 4),
    RIVERSIDE: (8, 7, 9, 8, 5, 3, 6, 2),
}  # Ashworth joined after the round opened: its row is still empty
EVIDENCE = {
    (
        MILLBROOK,
        "impact",
    ): 'We count attendance at events, not "impact": no baseline, no follow-up.',
    (MILLBROOK, "workforce"): "Two teachers on long-term sick leave; the SENCo covers a class.",
    (CASTLEFIELD, "workforce"): "Acting head since October; two assistant heads stretched thin.",
    (NORTHGATE, "vision"): "Vision co-written with staff and governors; on every agenda.",
    (HOLLINS_PARK, "vision"): "Shared vision with Castlefield under the executive head.",
    (HOLLINS_PARK, "communication"): "Termly newsletter to families, staff bulletin every Friday.",
    (RIVERSIDE, "participation"): "Parents' forum meets half-termly; children's council surveyed.",
    (ST_ANNES, "funding"): "Budget deficit this year; extended services rely on one grant.",
    (RIVERSIDE, "funding"): "Small school budget; wraparound care runs at a loss.",
}
GENERIC_EVIDENCE = {
    "vision": "Discussed at the 1-to-1 with the head",
    "governance": "Governors' minutes and the committee structure",
    "partnerships": "Cluster meetings attended; shared CPD with the family of schools",
    "participation": "Staff and parent surveys",
    "workforce": "Staffing plan and leadership time this term",
    "funding": "This year's budget and grants",
    "communication": "Newsletters, website and staff briefings",
    "impact": "What the school measures before and after its initiatives",
}


def _term(day: date) -> str:
    return "Spring" if day.month <= 4 else "Summer" if day.month <= 8 else "Autumn"


def _self_assessments(fl: Flourish, story: _StoryClock, teams: dict[str, Team], today: date):
    """Two rounds of the sustainability grid, the 1-to-1s spread over the weeks after each
    opened, so the grid compares them."""
    keys = [c.key for c in fl.conditions()]
    for weeks, ratings in ((13, RATINGS_EARLIER), (3, RATINGS_LATEST)):
        opened = _monday(today - timedelta(weeks=weeks))
        story.at(opened, 9, 0)
        fl.start_round(f"{_term(opened)} {opened.year}", opened_on=opened)
        for n, (school, scores) in enumerate(ratings.items()):
            story.at(opened + timedelta(days=2 + 2 * n), 15, 0)
            fl.rate(
                teams[school].id,
                {
                    key: (score, EVIDENCE.get((school, key), GENERIC_EVIDENCE[key]))
                    for key, score in zip(keys, scores, strict=True)
                },
            )


# Collaboration diagnostic respondents per school, and each school's answers by section
# (DEFAULT_QUESTIONNAIRE order) before each person's own view moves them a little.
DIAGNOSTIC_PEOPLE = {
    MILLBROOK: ("Gareth Evans", "Priya Shah", ""),
    HOLLINS_PARK: ("Elizabeth Mensah", "Chris Rowley", "Hannah Price", ""),
    NORTHGATE: ("Sarah Whitfield", "James Patel"),
}
DIAGNOSTIC_BASE = {
    MILLBROOK: (1.4, 2.5, 2.2, 1.6, 2.0, 2.4, 1.5),  # no agreed money or evaluation yet
    HOLLINS_PARK: (3.2, 3.0, 2.5, 2.8, 2.6, 3.0, 2.7),
    NORTHGATE: (3.4, 3.1, 3.3, 2.6, 3.0, 2.9, 2.4),
}
DIAGNOSTIC_SPLITS = {(HOLLINS_PARK, "3.1"): (4, 4, 3, 1)}  # the staff member sees it otherwise


def _diagnostics(fl: Flourish, story: _StoryClock, teams: dict[str, Team], today: date):
    for school, people in DIAGNOSTIC_PEOPLE.items():
        rng = random.Random(f"{SEED}:diagnostic:{school}")
        for n, person in enumerate(people):
            day = _weekday_back(today - timedelta(days=12 - 2 * n))
            answers = {}
            for section, base in zip(fl.questionnaire(), DIAGNOSTIC_BASE[school], strict=True):
                for q in section.questions:
                    given = DIAGNOSTIC_SPLITS.get((school, q.key))
                    value = given[n] if given else round(base + rng.uniform(-0.8, 0.8))
                    answers[q.key] = min(4, max(0, value))
            story.at(day, 13, 0)
            fl.record_diagnostic(teams[school].id, answers, respondent=person, on=day)


def _aspirations(fl: Flourish, story: _StoryClock, teams: dict[str, Team]) -> None:
    """Where we are now / where we want to be for two schools, linked to their plans."""
    millbrook = teams[MILLBROOK].id
    meetings = fl.add_aspiration(
        millbrook,
        now="Leadership meetings are cancelled whenever something urgent comes up.",
        now_evidence="Three of the last five meetings cancelled\nActions carried over for months",
        want="A protected weekly leadership meeting that always goes ahead.",
        want_evidence="Every meeting held for a half term\nActions closed by their due date",
    )
    for action in fl.actions(millbrook)[:1]:
        fl.link_action(meetings.id, action.id)
    impact = fl.add_aspiration(
        millbrook,
        now='We count activity, not "impact".',
        now_evidence="Event attendance is our only measure\nNo baselines before initiatives start",
        want="Every initiative has a baseline and a measure of its impact.",
        want_evidence="A baseline for each action plan item\nImpact reviewed each term",
    )
    made = fl.action_from_aspiration(
        impact.id, "Agree a baseline and impact measure for each initiative"
    )
    fl.update_action(made.id, owner="Laura Bennett")
    northgate = teams[NORTHGATE].id
    pulse = fl.add_aspiration(
        northgate,
        now="Staff see pulse results weeks after the survey closes.",
        want="Staff see the month's pulse on one page within a week.",
        want_evidence="Dashboard shared at the next staff briefing",
    )
    for action in fl.actions(northgate):
        if "dashboard" in action.title.casefold():
            fl.link_action(pulse.id, action.id)


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


def _history(fl: Flourish, story: _StoryClock, school: School, team: Team, today: date) -> None:
    """The team's check-ins since its start, and the action plan agreed and worked at them."""
    rng = random.Random(f"{SEED}:{school.name}")
    names = _placeholders(team.members)
    coach = Flourish(fl.ws, user=team.coach.name)
    notes = {stage: _cycle(pool, rng) for stage, pool in STAGE_NOTES.items()}
    secrets = _cycle(CONFIDENTIAL_NOTES, rng)
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
            attendees=_attendees(visit.kind, team.members, rng),
            confidential=confidential,
            next_checkin=_next_checkin(visit.on) if contact else None,
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
    last = _weekday_back(today - timedelta(days=school.last_contact_days_ago))
    fixed = [
        _Visit(
            _weekday_back(today - timedelta(days=s.days_ago)),
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
        day = _weekday_back(day - timedelta(days=rng.randint(21, 35)))
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
        owner=_member(team.members, spec.owner_role).name,
        due=_weekday_back(team.start + timedelta(days=spec.due_after)),
        stage=spec.stage,
        success_criteria=spec.criteria.format(**names),
    )


def _direct_action(
    fl: Flourish, story: _StoryClock, team: Team, timeline: Timeline, today: date
) -> None:
    """One action a team member typed in themselves, outside a check-in."""
    foundations = timeline.milestone("foundations").start
    deputy = _member(team.members, "Deputy head")
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
            owner=_member(team.members, "Business manager").name,
            stage=1,
            due=foundations,
            status="in-progress",
            success_criteria="Every leader attends both days with no call-outs.",
        )


# -- challenges and briefings ----------------------------------------------------------------


def _challenges(fl: Flourish, story: _StoryClock, teams: dict[str, Team], today: date) -> None:
    """Raise each challenge; the school that lost its head gets a revised schedule."""
    raised = {}
    for spec in CHALLENGES:
        day = _weekday_back(today - timedelta(days=spec.days_ago))
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
    story.at(_briefing_day(_CASTLEFIELD_BRIEFING, today) + timedelta(days=1), 9, 0)
    chair = Flourish(fl.ws, user=CHAIR.name)
    castlefield, hollins = teams[CASTLEFIELD], teams[HOLLINS_PARK]
    chair.revise_schedule(
        castlefield.id,
        reason=REVISION_REASON,
        shift_days=14,
        from_stage=2,
        challenge_id=raised[CHALLENGES[0].title].id,
    )
    head = _member(hollins.members, "Headteacher")
    acting = _member(castlefield.members, "Deputy head")
    leaving = _member(castlefield.members, "Headteacher")
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


def _challenge_steps(fl: Flourish, story, raised: dict[str, Challenge], today: date) -> None:
    """Escalate, respond and resolve as CHALLENGE_STEPS tells it: escalations by the team's
    coach, the rest by the chair."""
    chair = Flourish(fl.ws, user=CHAIR.name)
    coaches = {t.id: t.coach.name for t in fl.teams()}
    for title, steps in CHALLENGE_STEPS.items():
        challenge = raised[title]
        coach = Flourish(fl.ws, user=coaches[challenge.team_id])
        for days_ago, verb, args in steps:
            story.at(_weekday_back(today - timedelta(days=days_ago)), 15, 0)
            if verb == "escalate":
                coach.escalate_challenge(challenge.id, **args)
            elif verb == "respond":
                chair.respond_to_challenge(challenge.id, **args)
            else:
                chair.resolve_challenge(challenge.id, **args)


def _briefings(fl: Flourish, story: _StoryClock, teams: list[Team], today: date) -> None:
    """Stakeholder briefings past and upcoming, put in the calendar by the chair."""
    tz = ZoneInfo(TIMEZONE)
    chair = Flourish(fl.ws, user=CHAIR.name)
    for spec in BRIEFINGS:
        day = _briefing_day(spec, today)
        start = datetime.combine(day, spec.at, tzinfo=tz)
        story.at(day - timedelta(days=spec.notice_days), 11, 0)
        # Castlefield's team changed when its head left: earlier briefings had the old roster.
        roster = fl.teams() if day >= _briefing_day(_CASTLEFIELD_BRIEFING, today) else teams
        team = next((t for t in roster if t.name == spec.school), None)
        attendees = (
            _team_audience(team)
            if team
            else _cluster_audience([t for t in roster if t.start <= day + timedelta(days=60)])
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


def _briefing_changes(fl: Flourish, story: _StoryClock, today: date) -> None:
    """The trust asked to meet a day later, and the reading programme goes on that agenda."""
    story.at(today - timedelta(days=2), 10, 0)
    chair = Flourish(fl.ws, user=CHAIR.name)
    briefing = next(b for b in chair.briefings() if b.title.startswith("Hollins Park"))
    chair.move_briefing(briefing.id, start=briefing.start + timedelta(days=1))
    reading = next(c for c in chair.challenges() if c.title.startswith("Trust launches"))
    chair.link_briefing(reading.id, briefing.id)


def _briefing_day(spec: BriefingSpec, today: date) -> date:
    return _weekday_forward(today + timedelta(days=spec.days), spec.weekday)


def _log_briefing(fl: Flourish, story: _StoryClock, teams: list[Team], day: date) -> None:
    """The coaches note the cluster briefing against the teams that had started by then."""
    story.at(day, 17, 30)
    for team in teams:
        if team.start <= day:
            names = _placeholders(team.members)
            Flourish(fl.ws, user=team.coach.name).log_checkin(
                team.id,
                on=day,
                kind="briefing",
                notes=BRIEFING_NOTE.format(**names),
                attendees=[_member(team.members, "Headteacher").name],
            )


def _cluster_audience(teams: list[Team]) -> list[Person]:
    people = [CHAIR, *COACHES]
    people += [m for t in teams for m in t.line_managers]
    people += [_at_school(_member(t.members, "Headteacher"), t) for t in teams]
    return _unique(people)


def _team_audience(team: Team) -> list[Person]:
    leaders = [m for m in team.members if "head" in m.role.lower()]
    return _unique(
        [CHAIR, *team.line_managers, *(_at_school(m, team) for m in leaders), team.coach]
    )


def _at_school(person: Person, team: Team) -> Person:
    return Person(name=person.name, email=person.email, role=f"{person.role}, {team.name}")


def _unique(people: Iterable[Person]) -> list[Person]:
    seen, out = set(), []
    for person in people:
        if person.email not in seen:
            seen.add(person.email)
            out.append(person)
    return out


# -- small helpers ---------------------------------------------------------------------------


def _member(members: list[Person], role: str) -> Person:
    """The first member with `role` (or whose role mentions it), else the team's first member."""
    wanted = role.lower()
    exact = (m for m in members if m.role.lower() == wanted)
    loose = (m for m in members if wanted in m.role.lower())
    return next(exact, None) or next(loose, None) or members[0]


def _placeholders(members: list[Person]) -> dict[str, str]:
    """First names for the {head}, {deputy}... placeholders in the notes. A role the team
    lacks goes to someone other than the head, so no note sets the head against themselves."""
    head = _member(members, "Headteacher")
    others = [m for m in members if m is not head] or [head]
    names = {}
    for key, role in ROLE_KEYS.items():
        person = _member(members, role)
        if person is head and key != "head":
            person = _member(others, role)
        names[key] = person.name.split()[0]
    return names


def _cycle(pool: tuple[str, ...], rng: random.Random):
    """The pool in a shuffled order, repeated: no note twice in a row."""
    order = list(pool)
    rng.shuffle(order)
    while True:
        yield from order


def _attendees(kind: str, members: list[Person], rng: random.Random) -> list[str]:
    names = [m.name for m in members]
    if kind in ("workshop", "observation"):
        return names
    if kind == "webinar":
        return sorted(rng.sample(names, 2), key=names.index)
    if rng.random() < 0.2:
        return []  # not recorded
    return sorted(rng.sample(names, rng.randint(2, len(names))), key=names.index)


def _next_checkin(on: date) -> date:
    return on + timedelta(weeks=4)  # the same weekday, a cadence later


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_back(day: date) -> date:
    """`day`, or the Friday before it when it falls on a weekend."""
    return day - timedelta(days=max(0, day.weekday() - FRI))


def _weekday_forward(day: date, weekday: int) -> date:
    """The first `weekday` on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)
