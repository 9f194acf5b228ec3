"""The stakeholder briefing pack: what it shows, what it never shows, and literal user text."""

import string
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from domain.actions import ActionItem, ActionStatus
from domain.briefings import Briefing
from domain.challenges import (
    Category,
    ChairResponse,
    Challenge,
    ChallengeStatus,
    ResponseKind,
    Severity,
    WaitingOn,
)
from domain.checkins import CheckIn, CheckInKind
from domain.cluster import Cluster, Team
from domain.records import Person
from domain.status import team_status
from domain.timeline import ScheduleRevision
from exports.briefing_pack import TeamSection, agenda_md, md, pack_html, pack_markdown

TODAY = date(2026, 11, 22)
AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CLUSTER = Cluster(
    created_at=AT,
    updated_at=AT,
    name="Northern Cluster",
    timezone="Pacific/Auckland",
    chair=Person(name="Dr Mere Kingi", role="Executive sponsor"),
)


def team(name="Hillside Primary"):
    return Team(
        created_at=AT, updated_at=AT, name=name, start=date(2026, 7, 1), coach=Person(name="Ana")
    )


def checkin(t, day, kind=CheckInKind.COACHING, **fields):
    return CheckIn(created_at=AT, updated_at=AT, team_id=t.id, date=day, kind=kind, **fields)


def action(t, title, status=ActionStatus.NOT_STARTED, **fields):
    return ActionItem(
        created_at=AT, updated_at=AT, team_id=t.id, title=title, status=status, **fields
    )


def challenge(t, title, status=ChallengeStatus.ESCALATED, **fields):
    fields.setdefault("category", Category.COMPETING_PRIORITIES)
    fields.setdefault("raised_on", date(2026, 10, 20))
    fields.setdefault("escalated_on", date(2026, 11, 1))
    return Challenge(
        created_at=AT, updated_at=AT, team_id=t.id, title=title, status=status, **fields
    )


def revision(t, reason, **fields):
    return ScheduleRevision(created_at=AT, updated_at=AT, team_id=t.id, reason=reason, **fields)


def section(t, *, revisions=(), actions=(), challenges=(), checkins=()):
    revisions, actions, challenges, checkins = map(list, (revisions, actions, challenges, checkins))
    status = team_status(
        t,
        CLUSTER.template,
        TODAY,
        checkins=checkins,
        actions=actions,
        challenges=challenges,
        revisions=revisions,
        response_days=CLUSTER.response_days,
    )
    return TeamSection(
        status=status,
        revisions=revisions,
        actions=actions,
        challenges=challenges,
        checkins=checkins,
    )


def render(*sections, **options):
    markdown = pack_markdown(cluster=CLUSTER, sections=list(sections), today=TODAY, **options)
    return markdown, pack_html(markdown, title="Pack")


class _Text(HTMLParser):
    """The text and tags of the document's body (not its <title> or <style>)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.tags = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        self.in_head = self.in_head or tag == "head"
        if not self.in_head:
            self.tags.append(tag)

    def handle_endtag(self, tag):
        self.in_head = self.in_head and tag != "head"

    def handle_data(self, data):
        if not self.in_head:
            self.parts.append(data)


def parsed(html_text):
    parser = _Text()
    parser.feed(html_text)
    parser.close()
    return "".join(parser.parts), parser.tags


def test_no_checkin_notes_ever_appear():
    t = team()
    checkins = [
        checkin(t, date(2026, 10, 1), notes="MARKER-CONFIDENTIAL-7f3a", confidential=True),
        checkin(t, date(2026, 11, 1), notes="MARKER-OPEN-91bc"),
        checkin(t, date(2026, 11, 5), CheckInKind.WEBINAR, notes="MARKER-WEBINAR-4d2e"),
    ]
    markdown, html_text = render(section(t, checkins=checkins))
    for marker in ("MARKER-CONFIDENTIAL-7f3a", "MARKER-OPEN-91bc", "MARKER-WEBINAR-4d2e"):
        assert marker not in markdown
        assert marker not in html_text
    assert "2 contact check-ins so far" in markdown  # the check-ins were read, for dates


def test_team_progress_revisions_actions_challenges_and_responses():
    t = team()
    revisions = [
        revision(t, "Mid-term exams", milestone_key="mid-workshop", move_to=date(2027, 2, 1)),
        revision(t, "Flood", shift_days=14, from_stage=3, reverted_at=AT),
    ]
    actions = [
        action(t, "Weekly huddles", ActionStatus.IN_PROGRESS, owner="Ana", due=date(2026, 11, 1)),
        action(t, "Minutes template", ActionStatus.BLOCKED, owner="Ben"),
        action(t, "Agree norms", ActionStatus.DONE),
        action(t, "Old idea", ActionStatus.DROPPED),
        action(t, "Future plan"),
    ]
    responded = challenge(
        t,
        "District audit clashes",
        ChallengeStatus.CHAIR_ACTING,
        severity=Severity.HIGH,
        awaiting=WaitingOn.STAKEHOLDER,
        responses=[
            ChairResponse(
                at=AT,
                kind=ResponseKind.LIAISE,
                on=date(2026, 11, 3),
                with_whom=["Director of Schools"],
                outcome="Audit moved to March",
            )
        ],
    )
    waiting = challenge(t, "New literacy push", escalated_on=date(2026, 11, 5))
    challenges = [
        responded,
        waiting,
        challenge(t, "Raised only", ChallengeStatus.RAISED, escalated_on=None),
        challenge(t, "Sorted", ChallengeStatus.RESOLVED),
    ]
    _, html_text = render(section(t, revisions=revisions, actions=actions, challenges=challenges))
    text, _ = parsed(html_text)
    assert "Stakeholder briefing pack: Northern Cluster" in text
    assert "Prepared 22 Nov 2026" in text
    assert "Cluster chair: Dr Mere Kingi (Executive sponsor)" in text
    assert "Stage 2: Drive for results" in text
    assert "Program month 5 of 12, 40% through" in text
    assert "mid-workshop moved to 1 Feb 2027: Mid-term exams" in text
    assert "1 revision reverted." in text
    assert "Flood" not in text  # reverted: counted, not described
    assert "1 of 4 actions done (dropped ones left out); 1 overdue." in text
    assert "In progress: Weekly huddles (owner Ana, due 1 Nov 2026, overdue)" in text
    assert "Blocked: Minutes template (owner Ben, no due date)" in text
    assert "Future plan" not in text
    assert "District audit clashes (external, severity high, escalated 1 Nov 2026, " in text
    assert "waiting on the stakeholder)" in text
    assert (
        "3 Nov 2026, Liaised with line managers and stakeholders: Audit moved to March "
        "(with Director of Schools)"
    ) in text
    # Escalated 5 Nov: 17 days waiting against the cluster's 7.
    assert "waiting on the chair, 10 days overdue for the chair's response" in text
    assert "No chair response yet." in text
    assert "Raised only" not in text
    assert "1 challenge resolved so far." in text
    assert "Pulse survey" not in text  # no pulse data model yet
    # The most severe escalated challenge comes first.
    assert text.index("District audit") < text.index("New literacy push")


def test_checkin_cadence():
    t = team()
    checkins = [
        checkin(t, date(2026, 9, 20)),
        checkin(t, date(2026, 10, 10), CheckInKind.WORKSHOP),
        checkin(t, date(2026, 11, 1), CheckInKind.WEBINAR),  # not the team's own contact
    ]
    markdown, _ = render(section(t, checkins=checkins))
    assert (
        "Every 4 weeks; last contact 10 Oct 2026; next due 9 Nov 2026; 13 days overdue; "
        "2 contact check-ins so far."
    ) in markdown


def test_teams_sorted_by_name():
    markdown, _ = render(section(team("zeta College")), section(team("Awa School")))
    assert markdown.index("## Awa School") < markdown.index("## zeta College")


def test_markup_in_user_text_renders_literally():
    t = team("# Not a heading <b>")
    nasty = "[bold]x[/bold] *stars* _under_ <script>alert(1)</script> # heading & `code`"
    response = ChairResponse(
        at=AT, kind=ResponseKind.LIAISE, on=date(2026, 11, 3), outcome="# heading\n*stars*"
    )
    c = challenge(t, nasty, ChallengeStatus.CHAIR_ACTING, responses=[response])
    a = action(t, "1. *not a list*", ActionStatus.IN_PROGRESS, owner="<i>Ana</i>")
    _, html_text = render(section(t, actions=[a], challenges=[c]))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert "<script" not in html_text
    assert "<em>" not in html_text and "<strong>" not in html_text
    assert "<code>" not in html_text and "<b>" not in html_text and "<i>" not in html_text
    text, tags = parsed(html_text)
    assert tags.count("h1") == 1  # only the pack's own title
    assert tags.count("ol") == 0
    assert nasty in text
    assert "# Not a heading <b>" in text
    assert "# heading\n*stars*" in text  # a hard line break, not a heading
    assert "1. *not a list*" in text and "<i>Ana</i>" in text


def test_multi_line_reason_stays_in_its_list_item():
    t = team()
    reasons = "Flood closed the school\n\n  - for two weeks\r\n# then exams"
    r = revision(t, reasons, milestone_key="foundations", move_to=date(2026, 7, 28))
    _, html_text = render(section(t, revisions=[r]))
    item = html_text[html_text.index("<li>foundations") :]
    item = item[: item.index("</li>")]
    assert "for two weeks" in item and "# then exams" in item
    assert item.count("<br />") == 3


def test_briefing_title_time_place_and_agenda():
    briefing = Briefing(
        created_at=AT,
        updated_at=AT,
        title="Term 4 briefing",
        start=datetime(2026, 11, 24, 2, 30, tzinfo=UTC),  # 15:30 in Auckland (NZDT)
        minutes=45,
        location="Board room <3>",
        agenda="1. Pulse data\n2. Plans",
    )
    markdown, html_text = render(section(team()), briefing=briefing)
    text, tags = parsed(html_text)
    assert markdown.startswith("# Term 4 briefing\n")
    assert "Cluster: Northern Cluster" in text
    assert "When: Tue 24 Nov 2026, 15:30–16:15 (Pacific/Auckland)" in text
    assert "Where: Board room <3>" in text
    # The agenda keeps its list: a numbered list of its items, each as typed.
    assert "ol" in tags and "<li>Pulse data</li>\n<li>Plans</li>" in html_text
    assert render(section(team()), title="Custom", briefing=briefing)[0].startswith("# Custom\n")


def test_html_document():
    html_text = pack_html("# Hi\n\n<b>raw</b> & <script>x</script>\n", title="A <b> & C")
    assert html_text.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html_text
    assert "<title>A &lt;b&gt; &amp; C</title>" in html_text
    # Raw HTML (never in a pack: user text is escaped) does not reach the page either.
    assert "<b>raw" not in html_text and "<script>" not in html_text
    assert "<h1>Hi</h1>" in html_text
    assert "<style>" in html_text and html_text.rstrip().endswith("</html>")


def test_md_escapes_every_ascii_punctuation_character():
    rendered = MarkdownIt("commonmark").render(md(string.punctuation))
    text, tags = parsed(rendered)
    assert text.strip() == string.punctuation
    assert tags == ["p"]


@given(st.text())
def test_any_challenge_title_appears_literally(title):
    t = team()
    c = challenge(t, title)
    _, html_text = render(section(t, challenges=[c]))
    text, tags = parsed(html_text)
    # HTML collapses whitespace, and CommonMark turns NUL into U+FFFD.
    expected = " ".join(title.replace("\0", "\ufffd").split())
    assert expected in " ".join(text.split())
    assert tags.count("h1") == 1 and "em" not in tags and "a" not in tags


# -- self-assessments ------------------------------------------------------------------------


def assessed(*rows):
    """A two-round grid of (team, {condition: (before, now)}) rows; before may be None."""
    from domain.sustainability import DEFAULT_CONDITIONS, AssessmentRound, Rating, grid

    earlier, later = (
        AssessmentRound(created_at=AT, updated_at=AT, name=n, opened_on=d)
        for n, d in (("Summer 2026", date(2026, 7, 1)), ("Autumn *2026*", date(2026, 11, 1)))
    )
    ratings = [
        Rating(created_at=AT, updated_at=AT, team_id=t.id, round_id=r.id, condition=k, score=s)
        for t, scores in rows
        for k, pair in scores.items()
        for r, s in zip((earlier, later), pair, strict=True)
        if s is not None
    ]
    return grid(DEFAULT_CONDITIONS, [t for t, _ in rows], ratings, later, earlier)


def test_a_cluster_pack_opens_with_the_key_findings_and_each_team_shows_its_ratings():
    hill, dale = team(), team("Dale Academy")
    g = assessed(
        (hill, {"impact": (3, 2), "partnerships": (8, 9)}),
        (dale, {"impact": (None, 3), "partnerships": (9, 8)}),
    )
    _, html_text = render(section(hill), section(dale), grid=g, findings=True)
    text, _ = parsed(html_text)

    assert "Self-assessment key findings: Autumn *2026*" in text
    assert "Doing well on: Partnerships and networks (8.5)" in text
    assert "Priorities: Impact measurement (2.5)" in text
    hill_part = text[text.index("Hillside Primary") :]
    assert "Impact measurement: 2 (low), down 1 on the round before" in hill_part
    assert "Partnerships and networks: 9 (high), up 1 on the round before" in hill_part
    assert "Impact measurement: 3 (low)\n" in text[text.index("Dale Academy") :]


def test_a_one_team_pack_has_no_cluster_findings_and_an_unrated_team_no_ratings():
    hill, dale = team(), team("Dale Academy")
    g = assessed((hill, {"impact": (3, 2)}))
    markdown, _ = render(section(dale), grid=g)
    assert "key findings" not in markdown and "Self-assessment" not in markdown


def test_where_we_are_now_and_want_to_be_with_linked_actions_render_literally():
    from domain.goals import Goal

    t = team()
    pair = Goal(
        created_at=AT, updated_at=AT, team_id=t.id, now="[bold] *ad hoc*", want="# weekly\nmeetings"
    )
    a = action(t, "Protect the meeting", ActionStatus.IN_PROGRESS)
    s = section(t)
    s = TeamSection(**{**s.__dict__, "goals": [(pair, [a])]})
    _, html_text = render(s)
    text, tags = parsed(html_text)

    assert "Now: [bold] *ad hoc*\nWant: # weekly\nmeetings" in text
    assert "In progress: Protect the meeting" in text
    assert tags.count("h1") == 1


def test_an_agenda_keeps_its_list_and_its_words_render_literally():
    agenda = "Welcome\n1. Pulse *data* <b>\n2) Plans\n- an aside [x](y)\nClose"
    html_text = pack_html(agenda_md(agenda), title="t")
    assert "<p>Welcome</p>" in html_text
    assert "<li>Pulse *data* &lt;b&gt;</li>" in html_text and "<li>Plans</li>" in html_text
    assert "<ul>\n<li>an aside [x](y)</li>" in html_text and "<p>Close</p>" in html_text


def test_a_cluster_pack_opens_with_a_table_of_every_team_and_no_empty_boilerplate():
    a, b = section(team("Alpha | Beta")), section(team("Gamma"))
    markdown, html_text = render(a, b)
    assert markdown.index("## At a glance") < markdown.index("## Alpha")
    table = html_text.split("<table>")[1].split("</table>")[0]
    assert table.count("<tr>") == 3  # a header and a row per team
    assert "<td>Alpha | Beta</td>" in table and "<td>Gamma</td>" in table
    assert "0 revisions reverted" not in markdown and "0 challenges resolved" not in markdown
    assert "; 0 overdue" not in markdown
