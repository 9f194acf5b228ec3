"""User text is data: what would act on a terminal is shown as an escape, refused in one-line
fields, and bidirectional controls are closed before our words."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from domain.text import NOT_ONE_LINE, PDF, PDI, UNSAFE, closed, one_line, shown

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@given(ANY_TEXT)
def test_shown_text_holds_nothing_that_acts_and_keeps_everything_else(text):
    out = shown(text)
    assert not UNSAFE.search(out)
    if not UNSAFE.search(text):
        assert out == text
    # Each escape reads back as the character it stands for.
    if "\\" not in text:
        assert re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), out) == text


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("\x1b[2J", "\\u001b[2J"),
        ("\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\", "\\u001b]8;;file:///etc/passwd"),
        ("a\x9bb", "a\\u009bb"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_what_a_terminal_would_obey_is_shown_as_an_escape(typed, seen):
    assert shown(typed).startswith(seen)


@given(ANY_TEXT)
def test_a_one_line_field_refuses_exactly_control_and_break_characters(text):
    if NOT_ONE_LINE.search(text):
        with pytest.raises(ValidationError, match="cannot contain"):
            one_line(text, "The school's name")
    else:
        assert one_line(text, "The school's name") == text


def test_a_one_line_refusal_names_the_field_and_the_character():
    with pytest.raises(ValidationError) as refused:
        one_line("Hill\x1b[2Jside", "The school's name", field="name")
    assert str(refused.value).startswith("The school's name cannot contain the control char")
    assert "U+001B" in str(refused.value) and refused.value.field == "name"
    with pytest.raises(ValidationError, match="a line break"):
        one_line("two\nlines", "A title")


def _open_after(text: str) -> int:
    """Bidi embeddings and isolates still open at the end of `text`."""
    embeddings = isolates = 0
    for c in text:
        if c in "\u202a\u202b\u202d\u202e":
            embeddings += 1
        elif c == PDF and embeddings:
            embeddings -= 1
        elif c in "\u2066\u2067\u2068":
            isolates += 1
        elif c == PDI and isolates:
            isolates -= 1
            embeddings = 0
    return embeddings + isolates


@given(
    st.text(alphabet=st.sampled_from("ab \u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
)
def test_closed_text_leaves_no_override_open_for_the_words_after_it(text):
    out = closed(text)
    assert out.startswith(text)
    assert _open_after(out) == 0
