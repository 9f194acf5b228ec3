"""The diagnostic's questionnaire edited as text: it reads back as written, answers stay with
their question when it is reworded, new questions get free keys, and a question someone has
answered cannot be removed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.diagnostic import DEFAULT_QUESTIONNAIRE, Question, Section
from domain.errors import ValidationError
from domain.questionnaire import parse_questionnaire, questionnaire_text

LINE_BREAKING = ("Cc", "Cf", "Cs", "Zl", "Zp", "Zs")  # control, format (bidi), spaces
words = st.text(st.characters(blacklist_categories=LINE_BREAKING), min_size=1, max_size=12)
sentence = st.lists(words, min_size=1, max_size=6).map(" ".join)


@st.composite
def questionnaires(draw) -> tuple[Section, ...]:
    count = draw(st.integers(1, 5))
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), min_size=count,
                         max_size=count, unique=True))  # fmt: skip
    sections = []
    for n, key in enumerate(keys, start=1):
        texts = draw(st.lists(sentence, min_size=1, max_size=6))
        questions = tuple(Question(key=f"{n}.{i}", text=t) for i, t in enumerate(texts, 1))
        sections.append(Section(key=key, title=draw(sentence), questions=questions))
    return tuple(sections)


@given(questionnaires())
def test_any_questionnaire_reads_back_as_it_was_written(sections):
    assert parse_questionnaire(questionnaire_text(sections), set()) == sections


def test_the_default_questionnaire_reads_back():
    text = questionnaire_text(DEFAULT_QUESTIONNAIRE)
    assert parse_questionnaire(text, {"1.1", "7.2"}) == DEFAULT_QUESTIONNAIRE


def test_a_reworded_question_keeps_its_key_and_new_ones_get_free_keys():
    text = questionnaire_text(DEFAULT_QUESTIONNAIRE)
    text = text.replace("  1.2 We have agreed procedures and protocols.", "  1.2 Agreed rules.\n"
                        "  We share a budget.")  # fmt: skip
    text += "# a comment\nmoney: Who pays?\n  Is the budget shared?\n  Who signs it off?\n"
    sections = parse_questionnaire(text, {"1.2"})
    vision = sections[0]
    assert [(q.key, q.text) for q in vision.questions[1:3]] == [
        ("1.2", "Agreed rules."),
        ("1.8", "We share a budget."),
    ]
    money = sections[-1]
    assert (money.key, money.title) == ("money", "Who pays?")
    taken = {q.key for s in sections[:-1] for q in s.questions}
    assert [q.key for q in money.questions] == ["8.1", "8.2"] and not taken & {"8.1", "8.2"}


def test_a_question_with_answers_cannot_be_removed():
    text = questionnaire_text(DEFAULT_QUESTIONNAIRE).replace(
        "  1.3 Roles and responsibilities are agreed and understood.\n", ""
    )
    assert parse_questionnaire(text, {"1.2"})  # nobody answered 1.3
    with pytest.raises(ValidationError, match=r"Question 1\.3 has answers"):
        parse_questionnaire(text, {"1.3"})


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "at least one section"),
        ("  1.1 A question\n", "Line 1: a question comes after its section"),
        ("vision What is it\n  A question\n", "Line 1: a section's line is `key: Title`"),
        ("Vision: What?\n  A question\n", "lower-case letters"),
        ("vision: What?\nmoney: Who?\n  A question\n", "Line 1: section 'vision' has no"),
        ("a: A?\n  1.1 One\nb: B?\n  1.1 Two\n", "Two questions have the key 1.1"),
        ("a: A?\n  One\na: Again?\n  Two\n", "Two sections have the key 'a'"),
    ],
)
def test_a_malformed_questionnaire_is_refused_in_one_line(text, said):
    with pytest.raises(ValidationError, match=None) as e:
        parse_questionnaire(text, set())
    assert said in str(e.value) and "\n" not in str(e.value)


@pytest.mark.parametrize("bad", ["\x1b[2J", "\u202e", "\x07"])
def test_a_control_character_in_a_question_or_title_is_refused(bad):
    with pytest.raises(ValidationError, match="Line 2 cannot contain"):
        parse_questionnaire(f"vision: What?\n  1.1 A {bad} question\n", set())
    with pytest.raises(ValidationError, match="Line 1 cannot contain"):
        parse_questionnaire(f"vision: What {bad}?\n  1.1 A question\n", set())


def test_markup_in_a_question_is_kept_as_typed():
    (section,) = parse_questionnaire("vision: [bold]What?[/]\n  1.1 A [/] question\n", set())
    assert section.title == "[bold]What?[/]" and section.questions[0].text == "A [/] question"
