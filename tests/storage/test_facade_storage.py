"""Round trips through the facade: what a user saves is what a later session reads, exactly."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.records import Person
from domain.text import NOT_ONE_LINE
from storage.facade import ActionChange, Flourish, NewAction

SYDNEY = ZoneInfo("Australia/Sydney")
TEAM_START, CHECKIN_DAY = date(2026, 9, 1), date(2026, 11, 20)

# User text is data: markup, quotes, newlines, emoji, commas, right-to-left scripts.
TRICKY_TEXT = [
    '[bold]Ms O\'Brien[/bold] said "not yet"',
    "line one\nline two\r\n\ttabbed line",
    'commas, "quoted, text"; semicolons; \\backslash\\ {braces} $HOME',
    "Progress 🎉 👩🏽‍🏫 with the team ✅",
    "مدرسة الأمل الابتدائية",
    "\u202eflipped\u202c mixed עברית and English",
    "NUL\x00 and bell\x07 inside",
]


@pytest.fixture(params=TRICKY_TEXT, ids=range(len(TRICKY_TEXT)))
def text(request) -> str:
    return request.param


def test_every_record_kind_reads_back_equal_after_reopening(root, clock, text):
    # Names, titles, owners and places are one line of plain text: the tricky text with its
    # line breaks and control characters taken out. Notes and descriptions keep it all.
    line = " ".join(NOT_ONE_LINE.sub(" ", text).split())
    f = Flourish.create(
        root,
        name=f"Cluster {line}",
        timezone="Australia/Sydney",
        chair=Person(name=line, email="chair@example.org", role=line),
        stage_months=(4, 5, 3),
        cadence_weeks=2,
        clock=clock,
    )
    team = f.add_team(
        line,
        start=TEAM_START,
        coach=Person(name=line, role="coach"),
        members=[Person(name=line, role=line), Person(name="Second, Member")],
        line_managers=[Person(name=f"LM {line}", email="lm@example.org")],
        school_type=line,
    )
    clock.advance(minutes=1)
    action = f.add_action(
        team.id, line, owner=line, due=date(2026, 12, 1), success_criteria=text, evidence=text
    )
    clock.advance(minutes=1)
    f.update_action(action.id, status="in progress", note=text)
    clock.advance(minutes=1)
    checkin = f.log_checkin(
        team.id,
        on=CHECKIN_DAY,
        notes=text,
        coach=line,
        attendees=[line, "Second, Person"],
        confidential=True,
        next_checkin=date(2026, 12, 4),
        new_actions=[
            NewAction(title=line, owner=line, due=date(2027, 1, 8), success_criteria=text)
        ],
        action_changes=[ActionChange(action_id=action.id, status="blocked", note=text)],
    )
    clock.advance(minutes=1)
    challenge = f.raise_challenge(
        team.id,
        category="staff-shortage",
        title=line,
        description=text,
        impact="high",
        urgency="medium",
    )
    clock.advance(minutes=1)
    shift = f.revise_schedule(
        team.id, reason=text, shift_days=28, from_stage=2, challenge_id=challenge.id
    )
    clock.advance(minutes=1)
    move = f.revise_schedule(
        team.id, reason=text, milestone_key="foundations", move_to=date(2026, 10, 1)
    )
    clock.advance(minutes=1)
    reverted = f.revert_revision(team.id, shift.id)
    # The shift and its revert are both in the challenge's history, which only grows.
    challenge = f.challenge(challenge.id)
    assert [h.what for h in challenge.history] == [
        "Raised",
        "Schedule revised: stage 2 onward +4w",
        "Schedule revision reverted: stage 2 onward +4w",
    ]
    assert challenge.severity.value == "high"
    briefing = f.add_briefing(
        line,
        start=datetime(2027, 3, 4, 16, 0, tzinfo=SYDNEY),
        minutes=60,
        team_id=team.id,
        attendees=[Person(name=line, email="x@example.org", role=line)],
        location=line,
        agenda=text,
    )
    for_cluster = f.add_briefing(f"All {line}", start=datetime(2027, 5, 6, 9, 30, tzinfo=SYDNEY))
    before = f.actions(team.id)

    again = Flourish.open(root, clock=clock)

    cluster = again.cluster()
    assert (cluster.name, cluster.chair) == (f"Cluster {line}", f.cluster().chair)
    assert cluster == f.cluster()
    assert [s.months for s in cluster.template.stages] == [4, 5, 3]
    assert cluster.template.checkin_cadence_weeks == 2
    assert again.teams() == [team]
    assert again.checkins(team.id) == [checkin]
    assert again.checkins(team.id)[0].notes == text
    assert again.actions(team.id) == before
    assert [n.text for n in again.action(action.id).notes] == [text, text]
    assert again.challenges(team.id) == [challenge]
    assert again.revisions(team.id) == [reverted, move]
    assert again.briefings() == [briefing, for_cluster]
    assert again.briefings()[0].start == datetime(2027, 3, 4, 16, 0, tzinfo=SYDNEY)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(notes=st.text(min_size=1))
def test_any_unicode_notes_round_trip_exactly(root_for_hypothesis, notes):
    root, clock, team_id = root_for_hypothesis
    logged = Flourish.open(root, clock=clock).log_checkin(team_id, on=CHECKIN_DAY, notes=notes)

    (stored,) = [c for c in Flourish.open(root, clock=clock).checkins(team_id) if c.id == logged.id]

    assert logged.notes == notes.rstrip()  # the facade trims trailing blank lines only
    assert stored.notes == logged.notes
    assert stored == logged


@pytest.fixture
def root_for_hypothesis(flourish, root, clock, team):
    """One workspace shared by every example: each example adds its own check-in."""
    return root, clock, team.id


def test_text_that_is_not_valid_unicode_is_refused_with_a_clear_error(flourish, team, team_path):
    # A terminal in another encoding hands Python lone surrogates for the bytes it cannot decode.
    from domain.errors import ValidationError

    before = team_path.read_bytes()
    with pytest.raises(ValidationError, match="not valid Unicode"):
        flourish.log_checkin(team.id, on=CHECKIN_DAY, notes="caf\udce9 meeting")
    assert team_path.read_bytes() == before
    assert flourish.checkins(team.id) == []
