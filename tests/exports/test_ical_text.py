"""Whatever people type reaches the calendar exactly: commas, semicolons, quotes, newlines,
emoji, right-to-left scripts, markup. Events are built from domain records and parsed back
with icalendar, as a calendar client would read them."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from domain.briefings import Briefing, BriefingStatus
from domain.cluster import Team
from domain.program import DEFAULT_TEMPLATE
from domain.records import Person
from domain.schedule import team_events
from exports.ical import clean_text, cn, to_ical

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")

# What a keyboard can produce: anything but surrogates and control characters (tab and line
# breaks included; clean_text's own test covers the rest).
typed = st.text(
    st.characters(
        exclude_categories=("Cs",),
        exclude_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n"] + ["\x7f"],
    ),
    min_size=1,
)


def export(team_name, coach, title, location, agenda, reason, attendee, chair, cluster_name):
    team = Team(
        created_at=NOW,
        updated_at=NOW,
        name=team_name,
        start=date(2026, 9, 1),
        coach=Person(name=coach, email="coach@example.org"),
    )
    briefing = Briefing(
        created_at=NOW,
        updated_at=NOW,
        title=title,
        start=datetime(2026, 12, 3, 15, 30, tzinfo=LONDON),
        team_id=team.id,
        attendees=[Person(name=attendee, email="someone@example.org")],
        location=location,
        agenda=agenda,
        status=BriefingStatus.CANCELLED,
        cancel_reason=reason,
    )
    events = team_events(team, DEFAULT_TEMPLATE, briefings=[briefing])
    data = to_ical(
        events,
        name=cluster_name,
        timezone="Europe/London",
        organizer=Person(name=chair, email="chair@example.org"),
        year=2026,
    )
    cal = Calendar.from_ical(data)
    assert not [c.errors for c in cal.walk() if c.errors]
    found = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    return cal, found, briefing, team


@given(
    team_name=typed,
    coach=typed,
    title=typed,
    location=typed,
    agenda=typed,
    reason=typed,
    attendee=typed,
    chair=typed,
    cluster_name=typed,
)
def test_every_text_field_reads_back_exactly(
    team_name, coach, title, location, agenda, reason, attendee, chair, cluster_name
):
    cal, found, briefing, team = export(
        team_name, coach, title, location, agenda, reason, attendee, chair, cluster_name
    )

    # Marked VALUE=TEXT, so icalendar reads it as TEXT, as Google does.
    assert str(cal["x-wr-calname"]) == cluster_name == str(cal["name"])
    event = found[f"{briefing.id}@flourish"]
    assert str(event["summary"]) == title
    assert str(event["location"]) == location
    description = str(event["description"])
    assert agenda in description and f"Cancelled: {reason}" in description
    assert event["attendee"].params["CN"] == cn(attendee)
    assert event["organizer"].params["CN"] == cn(chair)
    workshop = found[f"{team.id}.foundations@flourish"]
    assert str(workshop["summary"]) == f"Foundations 2-day workshop ({team_name})"
    checkin = found[f"{team.id}.checkin-1@flourish"]
    assert coach in str(checkin["description"])


def test_markup_and_punctuation_are_not_interpreted():
    text = '[bold]Hi[/bold], "quoted"; semi;colon\\back C:\\New\nline 2 🚸 שלום'
    _cal, found, briefing, _team = export("T", "C", text, text, text, "r", text, "C", text)

    event = found[f"{briefing.id}@flourish"]
    assert str(event["summary"]) == text
    assert str(event["location"]) == text


def test_control_characters_are_dropped_and_line_ends_kept():
    assert clean_text("a\r\nb\rc\x00d\x1be\tf\x7f") == "a\nb\ncde\tf"


def test_attendee_names_lose_double_quotes_and_line_breaks():
    assert cn('Sam "Deputy"\nOkoro') == "Sam Deputy Okoro"


def test_a_name_ending_in_a_backslash_does_not_swallow_the_next_parameter():
    _cal, found, briefing, _team = export("T", "C", "t", "l", "a", "r", "Jo\\", "Chair\\", "N")

    event = found[f"{briefing.id}@flourish"]
    assert event["attendee"].params["CN"] == "Jo"
    assert event["attendee"].params["ROLE"] == "REQ-PARTICIPANT"
    assert str(event["organizer"]).lower().startswith("mailto:")
