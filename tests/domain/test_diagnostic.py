"""The collaboration diagnostic: several respondents combined per question, totals per section,
a significant gap (under half the maximum), weak questions and questions respondents see
differently flagged, and a survey export read all or nothing."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.diagnostic import (
    DEFAULT_QUESTIONNAIRE,
    DiagnosticResponse,
    SectionResult,
    answered_on,
    check_answers,
    combine,
    csv_header,
    find_section,
    latest_responses,
    parse_diagnostic_csv,
)
from domain.errors import RowsRejected, ValidationError

TODAY = date(2026, 11, 22)
VISION = DEFAULT_QUESTIONNAIRE[0]  # seven questions, 1.1 to 1.7: maximum 28


def response(answers, who="", on=TODAY, n=0) -> DiagnosticResponse:
    at = datetime(2026, 11, 1, 9, n, tzinfo=UTC)
    return DiagnosticResponse(
        created_at=at, updated_at=at, team_id="t", respondent=who, answered_on=on, answers=answers
    )


def vision(responses) -> SectionResult:
    return combine(DEFAULT_QUESTIONNAIRE, responses)[0]


def test_respondents_are_combined_per_question_and_totalled_per_section():
    everyone = {f"1.{i}": 3 for i in range(1, 8)}
    result = vision([response(everyone), response({**everyone, "1.1": 1})])

    q11 = result.questions[0]
    assert (q11.mean, q11.answered, q11.spread) == (2.0, 2, 2)
    assert result.total == 20.0 and result.maximum == 28


def test_a_section_under_half_its_maximum_has_a_significant_gap():
    just_under = {f"1.{i}": 2 for i in range(1, 8)} | {"1.7": 1}  # 13 of 28
    at_half = {f"1.{i}": 2 for i in range(1, 8)}  # 14 of 28

    assert vision([response(just_under)]).gap
    assert not vision([response(at_half)]).gap


def test_weak_questions_and_split_views_are_flagged_for_the_team_to_return_to():
    head = {f"1.{i}": 3 for i in range(1, 8)} | {"1.4": 1}
    staff = {f"1.{i}": 3 for i in range(1, 8)} | {"1.4": 1, "1.6": 1}

    result = vision([response(head, "Head"), response(staff, "Staff")])

    flagged = {q.question.key: (q.weak, q.split) for q in result.flagged}
    assert flagged == {"1.4": (True, False), "1.6": (False, True)}  # 1.6: 3 and 1 (mean 2.0)
    assert not result.gap


def test_unanswered_questions_do_not_count_towards_the_maximum():
    result = vision([response({"1.1": 4, "1.2": 0})])
    assert (result.total, result.maximum, result.share) == (4.0, 8, 0.5)
    assert combine(DEFAULT_QUESTIONNAIRE, [])[0].total is None


def test_a_named_respondent_counts_once_with_their_latest_answers():
    old = response({"1.1": 0}, "Jo", on=date(2026, 11, 1))
    new = response({"1.1": 4}, " jo ", on=date(2026, 11, 20))
    anon = [response({"1.1": 2}, n=1), response({"1.1": 2}, n=2)]

    used = latest_responses([new, old, *anon])

    assert old not in used and new in used and len(used) == 3


def test_answers_are_checked_against_the_questionnaire_and_the_scale():
    assert list(check_answers(DEFAULT_QUESTIONNAIRE, {"2.1": "3", "1.1": 0})) == ["1.1", "2.1"]
    with pytest.raises(ValidationError, match=r"no question '9\.9'"):
        check_answers(DEFAULT_QUESTIONNAIRE, {"9.9": 1})
    with pytest.raises(ValidationError, match="0 \\(not in place\\) to 4 \\(fully in place\\)"):
        check_answers(DEFAULT_QUESTIONNAIRE, {"1.1": 5})
    with pytest.raises(ValidationError, match="at least one"):
        check_answers(DEFAULT_QUESTIONNAIRE, {})


@pytest.mark.parametrize("ref", ["vision", "1", "What is our vision?", "what is our vision"])
def test_a_section_is_found_by_key_number_or_title(ref):
    assert find_section(DEFAULT_QUESTIONNAIRE, ref) is VISION


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-05", date(2026, 11, 5)),
        ("2026/11/5 10:32:00", date(2026, 11, 5)),
        ("2026-11-05T10:32:00Z", date(2026, 11, 5)),
        ("5 Nov 2026", date(2026, 11, 5)),
    ],
)
def test_a_survey_export_timestamp_counts_by_its_date(text, day):
    assert answered_on(text, TODAY) == day


def test_answers_cannot_be_given_in_the_future():
    with pytest.raises(ValidationError, match="in the future"):
        answered_on("2026-11-23", TODAY)


# -- a survey export ---------------------------------------------------------------------------


def team_of(name: str) -> str:
    if name not in ("Ash", "Birch"):
        raise ValidationError(f"no team matches {name!r}")
    return name.lower()


def test_a_survey_export_gives_one_response_per_row_with_blank_answers_left_out():
    text = "\ufeffTeam,Respondent,Date,1.1,1.2,2.1\nAsh,Jo,2026-11-05 10:00,3,,4\nBirch,,,0,1,\n"

    rows = parse_diagnostic_csv(text, team_of, DEFAULT_QUESTIONNAIRE, TODAY)

    assert [(r.team_id, r.respondent, r.answered_on, r.answers) for r in rows] == [
        ("ash", "Jo", date(2026, 11, 5), {"1.1": 3, "2.1": 4}),
        ("birch", "", None, {"1.1": 0, "1.2": 1}),
    ]


def test_a_survey_export_with_any_bad_row_is_rejected_whole_with_each_line_named():
    text = (
        "team,1.1,1.2\n"
        "Ash,3,4\n"
        "Oak,3,4\n"  # line 3: unknown team
        "Ash,7,4\n"  # line 4: out of scale
        "Ash,,\n"  # line 5: nothing answered
        "Ash,1\n"  # line 6: short
    )
    with pytest.raises(RowsRejected) as raised:
        parse_diagnostic_csv(text, team_of, DEFAULT_QUESTIONNAIRE, TODAY)

    assert [(r.line, r.reason) for r in raised.value.rejected] == [
        (3, "no team matches 'Oak'"),
        (4, "question 1.1: '7' is not 0 to 4"),
        (5, "no question is answered"),
        (6, "2 columns, not 3"),
    ]
    assert str(raised.value).startswith("4 of 5 rows rejected, so nothing was imported")


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("respondent,1.1", "a team column and question columns"),
        ("team,respondent", "a team column and question columns"),
        ("team,1.1,notes", "Unknown column 'notes'"),
        ("team,1.1,1.1", "named twice"),
    ],
)
def test_a_header_that_does_not_fit_the_questionnaire_is_refused(header, says):
    with pytest.raises(ValidationError, match=says):
        parse_diagnostic_csv(header + "\nAsh,1\n", team_of, DEFAULT_QUESTIONNAIRE, TODAY)


def test_the_template_header_names_every_question_once():
    header = csv_header(DEFAULT_QUESTIONNAIRE)
    assert header[:3] == ["team", "respondent", "date"]
    assert (
        len(header) == len(set(header)) == 3 + sum(len(s.questions) for s in DEFAULT_QUESTIONNAIRE)
    )


@given(
    st.lists(
        st.dictionaries(st.sampled_from(["1.1", "1.2", "1.3"]), st.integers(0, 4), min_size=1),
        min_size=1,
    )
)
def test_a_combined_total_never_exceeds_its_maximum_and_split_needs_two_people(answer_sets):
    result = vision([response(a, n=i) for i, a in enumerate(answer_sets)])
    assert 0 <= result.total <= result.maximum
    for q in result.questions:
        assert not q.split or q.answered >= 2
