"""The collaboration diagnostic's questionnaire as people edit it, in plain text:

    vision: What is our vision?
      1.1 We have agreed the principles of our partnership.
      1.2 We have agreed procedures and protocols.
      We have a shared budget.

A line at the margin starts a section (`key: title`); each indented line is a question, with
its key first if it has one. A question without a key is new and gets the next free key of its
section. Lines starting with # are left out. Rewording a question keeps its key, so the
answers already given stay with it; a question that has answers cannot be removed, since they
would be lost."""

import re
from dataclasses import dataclass, field

from domain.diagnostic import Question, Section
from domain.errors import ValidationError
from domain.text import one_line, quoted

_KEY = re.compile(r"(\d+)\.(\d+)\s+(.*)")
_SECTION_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass
class _Draft:
    """A section as written, before its new questions have keys."""

    key: str
    title: str
    line: int
    questions: list[tuple[str | None, str]] = field(default_factory=list)  # (key, words)


def questionnaire_text(sections: tuple[Section, ...]) -> str:
    lines = []
    for s in sections:
        lines.append(f"{s.key}: {s.title}")
        lines += [f"  {q.key} {q.text}" for q in s.questions]
    return "\n".join(lines) + "\n"


def parse_questionnaire(text: str, answered: set[str]) -> tuple[Section, ...]:
    """The questionnaire in `text`; `answered`: the keys of questions someone has answered."""
    drafts: list[_Draft] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):  # a comment, as in the editor's help
            continue
        if not line[0].isspace():
            drafts.append(_Draft(*_section_line(line, n), line=n))
        elif not drafts:
            raise ValidationError(f"Line {n}: a question comes after its section's line.")
        else:
            one_line(line.strip(), f"Line {n}")  # a question is one line of plain text
            found = _KEY.fullmatch(line.strip())
            key, words = (f"{found[1]}.{found[2]}", found[3]) if found else (None, line.strip())
            drafts[-1].questions.append((key, " ".join(words.split())))
    if not drafts:
        raise ValidationError("The questionnaire needs at least one section.")
    sections = tuple(_numbered(drafts))
    _check(sections, answered)
    return sections


def _section_line(line: str, n: int) -> tuple[str, str]:
    one_line(line, f"Line {n}")
    key, sep, title = line.partition(":")
    key, title = key.strip(), " ".join(title.split())
    if not sep or not title:
        raise ValidationError(
            f"Line {n}: a section's line is `key: Title`, such as `vision: What is our vision?`."
        )
    if not _SECTION_KEY.fullmatch(key):
        raise ValidationError(
            f"Line {n}: a section key is lower-case letters, digits and hyphens, not {quoted(key)}."
        )
    return key, title


def _numbered(drafts: list[_Draft]) -> list[Section]:
    """Sections with a key for each new question: the next free number in its section."""
    taken = {key for d in drafts for key, _ in d.questions if key}
    sections = []
    for position, d in enumerate(drafts, start=1):
        if not d.questions:
            raise ValidationError(f"Line {d.line}: section {quoted(d.key)} has no questions.")
        kept = [k for k, _ in d.questions if k]
        number = int(kept[0].split(".")[0]) if kept else position
        while not kept and any(t.split(".")[0] == str(number) for t in taken):
            number += 1  # a new section: a number no other section uses
        made = []
        for q_key, words in d.questions:
            if q_key is None:
                last = max(
                    [int(t.split(".")[1]) for t in taken if t.split(".")[0] == str(number)] or [0]
                )
                q_key = f"{number}.{last + 1}"
                taken.add(q_key)
            made.append(Question(key=q_key, text=words))
        sections.append(Section(key=d.key, title=d.title, questions=tuple(made)))
    return sections


def _check(sections: tuple[Section, ...], answered: set[str]) -> None:
    keys = [s.key for s in sections]
    if twice := {k for k in keys if keys.count(k) > 1}:
        raise ValidationError(f"Two sections have the key {quoted(sorted(twice)[0])}.")
    questions = [q for s in sections for q in s.questions]
    q_keys = [q.key for q in questions]
    if twice := {k for k in q_keys if q_keys.count(k) > 1}:
        raise ValidationError(f"Two questions have the key {sorted(twice)[0]}.")
    if empty := [q.key for q in questions if not q.text]:
        raise ValidationError(f"Question {empty[0]} has no words.")
    if gone := sorted(answered - set(q_keys)):
        raise ValidationError(
            f"Question {gone[0]} has answers, so it cannot be removed: keep its line (reword it "
            "if you like)."
        )
