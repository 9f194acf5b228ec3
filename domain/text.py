"""User text is data, never control.

Characters that act on a terminal or on the direction of text rather than being shown (C0
controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings, overrides and
isolates) are refused in single-line fields, shown as escapes where text reaches a terminal,
and closed off where text goes into a file another program lays out (calendars, the pack), so
that a stray U+202E cannot reverse the words that follow it.
"""

import re

from domain.errors import ValidationError

# Bidirectional formatting that opens (embeddings, overrides, isolates) and closes it.
_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # closed by PDF, U+202C
_ISOLATES = "\u2066\u2067\u2068"  # closed by PDI, U+2069
PDF, PDI = "\u202c", "\u2069"
BIDI = f"{_EMBEDDINGS}{PDF}{_ISOLATES}{PDI}"

# What must never reach a terminal as itself. Tabs and newlines are text in notes.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
UNSAFE = re.compile(f"[{_CONTROL}{BIDI}]")
# What a one-line field (a name, a title, an email, a place) refuses: all of the above, and
# tabs and line breaks (including the Unicode line and paragraph separators).
NOT_ONE_LINE = re.compile(f"[{_CONTROL}{BIDI}\t\n\u2028\u2029]")


def shown(text: str) -> str:
    """`text` safe to print to a terminal: each character that would act rather than be seen
    appears as its escape (ESC as \\u001b), which is also a valid escape inside JSON."""
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def quoted(text: object) -> str:
    """The user's words in a message, between single quotes, as they typed them: a quote, an
    accent or an emoji's joiner stays itself (Python's repr would escape them), and only what
    would act on a terminal, or break the message's line, appears as its escape."""
    return "'" + NOT_ONE_LINE.sub(_escape, str(text)) + "'"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(found: re.Match[str]) -> str:
    return _NAMED.get(found[0]) or f"\\u{ord(found[0]):04x}"


def one_line(text: str, what: str, field: str | None = None) -> str:
    """Refuse a single-line value holding a control character, a line break or a bidi
    control, with one line that names the field and the character."""
    if found := NOT_ONE_LINE.search(text):
        char = found[0]
        kind = "a line break" if char in "\n\u2028\u2029" else "a tab" if char == "\t" else None
        kind = kind or f"the control character U+{ord(char):04X}"
        raise ValidationError(
            f"{what} cannot contain {kind}: type it on one line, as plain text.", field=field
        )
    return text


_HAS_BIDI = re.compile("[" + "".join(sorted(BIDI)) + "]")


def closed(text: str) -> str:
    """`text` with every bidirectional embedding, override or isolate it opens closed at its
    end, so the text after it (ours) keeps its own direction."""
    if _HAS_BIDI.search(text) is None:  # the usual case, found at C speed
        return text
    embeddings = isolates = 0
    for char in text:
        if char in _EMBEDDINGS:
            embeddings += 1
        elif char == PDF and embeddings:
            embeddings -= 1
        elif char in _ISOLATES:
            isolates += 1
        elif char == PDI and isolates:
            isolates -= 1
            embeddings = 0  # a PDI also closes the embeddings opened inside the isolate
    return text + PDF * embeddings + PDI * isolates
