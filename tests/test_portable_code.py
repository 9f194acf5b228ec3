"""Rules the code keeps everywhere, checked over every source file: no date format that only
glibc knows (`%-d` crashes strftime on Windows and prints "-d" on some macOS builds), and no
Python repr() of user text in what people read (it shows \\u200d for an emoji's joiner and
\\' for an apostrophe)."""

import re
from pathlib import Path

from domain.text import quoted

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("domain", "storage", "exports", "cli", "tui", "demo")
# %-d, %-m, %-I, %-H...: the "no padding" flag is a glibc extension to strftime.
PLATFORM_FORMAT = re.compile(r"%-[a-zA-Z]")
REPR = re.compile(r"!r[}:]|\brepr\(")


def sources() -> list[Path]:
    return sorted(p for name in PACKAGES for p in (REPO / name).rglob("*.py"))


def offending(pattern: re.Pattern[str], allowed: str = "") -> list[str]:
    found = []
    for path in sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if allowed and allowed in line:
                continue  # a programming error's message, never shown to a user
            if pattern.search(line) and "glibc" not in line:
                found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    return found


def test_the_source_is_found():
    assert len(sources()) > 100


def test_no_platform_only_date_format_is_used_anywhere():
    assert offending(PLATFORM_FORMAT) == []


def test_no_repr_reaches_a_user():
    assert offending(REPR, allowed="caller's bug") == []


def test_the_scan_finds_what_it_looks_for():
    # The scans would pass on any tree if their patterns were wrong.
    assert PLATFORM_FORMAT.search('f"{d:%-d %b}"')
    assert REPR.search("f'{title!r}'") and REPR.search("repr(name)")


def test_a_quoted_title_reads_as_typed():
    family = "Ms O'Neil 👩\u200d👩\u200d👧"
    assert quoted(family) == f"'{family}'"


def test_a_quoted_title_shows_what_would_act_on_a_terminal_as_an_escape():
    assert quoted("a\x1b[2Jb\u202e") == "'a\\u001b[2Jb\\u202e'"


def test_a_quoted_value_stays_on_the_message_line():
    assert quoted("a\nb\tc\r\u2028") == "'a\\nb\\tc\\r\\u2028'"
