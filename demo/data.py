"""The demo's content: the cluster's seven schools and their people, the action plans, the
challenges and their steps, the briefings, and the survey results, as the story (story.py)
plays them through the facade. Changing a table changes the demo (and the app's snapshots)."""

from dataclasses import dataclass, field
from datetime import time

from domain.records import Person

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
CASTLEFIELD_BRIEFING = next(b for b in BRIEFINGS if b.school == CASTLEFIELD)


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
