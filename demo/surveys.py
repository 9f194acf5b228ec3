"""The demo's survey results: the monthly pulse, two rounds of the sustainability grid, the
collaboration diagnostic, and where two schools want to be, told through the facade's verbs on
the story clock (story.py)."""

import random
from datetime import date, timedelta

from demo.clock import StoryClock
from demo.data import (
    DIAGNOSTIC_BASE,
    DIAGNOSTIC_PEOPLE,
    DIAGNOSTIC_SPLITS,
    EVIDENCE,
    GENERIC_EVIDENCE,
    MILLBROOK,
    NORTHGATE,
    PULSE_STAFF,
    PULSE_START,
    PULSE_STORIES,
    RATINGS_EARLIER,
    RATINGS_LATEST,
    SEED,
    School,
)
from demo.helpers import monday, weekday_back
from domain.cluster import Team
from storage.facade import Flourish


def add_pulse(fl: Flourish, story: StoryClock, school: School, team: Team, today: date) -> None:
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


def _term(day: date) -> str:
    return "Spring" if day.month <= 4 else "Summer" if day.month <= 8 else "Autumn"


def add_self_assessments(
    fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date
) -> None:
    """Two rounds of the sustainability grid, the 1-to-1s spread over the weeks after each
    opened, so the grid compares them."""
    keys = [c.key for c in fl.conditions()]
    for weeks, ratings in ((13, RATINGS_EARLIER), (3, RATINGS_LATEST)):
        opened = monday(today - timedelta(weeks=weeks))
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


def add_diagnostics(fl: Flourish, story: StoryClock, teams: dict[str, Team], today: date) -> None:
    for school, people in DIAGNOSTIC_PEOPLE.items():
        rng = random.Random(f"{SEED}:diagnostic:{school}")
        for n, person in enumerate(people):
            day = weekday_back(today - timedelta(days=12 - 2 * n))
            answers = {}
            for section, base in zip(fl.questionnaire(), DIAGNOSTIC_BASE[school], strict=True):
                for q in section.questions:
                    given = DIAGNOSTIC_SPLITS.get((school, q.key))
                    value = given[n] if given else round(base + rng.uniform(-0.8, 0.8))
                    answers[q.key] = min(4, max(0, value))
            story.at(day, 13, 0)
            fl.record_diagnostic(teams[school].id, answers, respondent=person, on=day)


def add_goals(fl: Flourish, story: StoryClock, teams: dict[str, Team]) -> None:
    """Where we are now / where we want to be for two schools, linked to their plans."""
    millbrook = teams[MILLBROOK].id
    meetings = fl.add_goal(
        millbrook,
        now="Leadership meetings are cancelled whenever something urgent comes up.",
        now_evidence="Three of the last five meetings cancelled\nActions carried over for months",
        want="A protected weekly leadership meeting that always goes ahead.",
        want_evidence="Every meeting held for a half term\nActions closed by their due date",
    )
    for action in fl.actions(millbrook)[:1]:
        fl.link_action(meetings.id, action.id)
    impact = fl.add_goal(
        millbrook,
        now='We count activity, not "impact".',
        now_evidence="Event attendance is our only measure\nNo baselines before initiatives start",
        want="Every initiative has a baseline and a measure of its impact.",
        want_evidence="A baseline for each action plan item\nImpact reviewed each term",
    )
    made = fl.action_from_goal(impact.id, "Agree a baseline and impact measure for each initiative")
    fl.update_action(made.id, owner="Laura Bennett")
    northgate = teams[NORTHGATE].id
    pulse = fl.add_goal(
        northgate,
        now="Staff see pulse results weeks after the survey closes.",
        want="Staff see the month's pulse on one page within a week.",
        want_evidence="Dashboard shared at the next staff briefing",
    )
    for action in fl.actions(northgate):
        if "dashboard" in action.title.casefold():
            fl.link_action(pulse.id, action.id)
