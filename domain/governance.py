"""Governance choices: six ways a cluster of schools could be governed, each with a short
description and the questions a cluster should ask before choosing it; the model the cluster
has now and the one it is moving to; and its dated answers to those questions."""

from dataclasses import dataclass
from datetime import date

from domain.errors import ValidationError
from domain.records import Record
from domain.text import quoted


@dataclass(frozen=True, kw_only=True)
class Model:
    key: str
    name: str
    summary: str
    questions: tuple[str, ...]

    @property
    def id(self) -> str:  # as records are keyed in lists
        return self.key


MODELS = (
    Model(
        key="trust",
        name="Community trust",
        summary=(
            "The schools come together under one trust, like a federation, answering to its "
            "community: parents, staff, pupils and local services all have a say, and the "
            "trust leads the whole."
        ),
        questions=(
            "Can we keep a democratic ethos and still lead the whole with energy?",
            "How will we win the commitment of every group with a stake in our schools?",
            "Will decisions move with the electoral cycle rather than with pupils' needs?",
        ),
    ),
    Model(
        key="brand",
        name="Franchise or brand",
        summary=(
            "A strong centre sets one way of working, one identity and one strategy for every "
            "site; heads run their school within it, and partners work with it by contract."
        ),
        questions=(
            "What would a shared brand do for us, and what would it cost us?",
            "Would it build an ethos and clear expectations, or just uniformity?",
            "How much say would we trade for consistency and efficiency?",
        ),
    ),
    Model(
        key="alliance",
        name="Alliance",
        summary=(
            "Independent schools agree to pool effort and resources for a few aims, keeping "
            "their own policies and governing bodies; a school may sit in several alliances."
        ),
        questions=(
            "Can we stay flexible and still plan for the long term?",
            "Is this a way to govern while we change, rather than for good?",
            "Who drives the agreed aims on the ground between meetings?",
        ),
    ),
    Model(
        key="staff",
        name="Staff-owned partnership",
        summary=(
            "Senior teachers become partners across several schools, as in a professional "
            "firm, and hire managers to run the business; the partners decide."
        ),
        questions=(
            "How do we keep from turning inward?",
            "How do we keep the variety that makes our schools good?",
            "How will parents, pupils and partners be heard?",
        ),
    ),
    Model(
        key="network",
        name="Self-organising network",
        summary=(
            "A shared platform and a strong common ethos let people and schools organise "
            "themselves; leadership comes from peers and moves over time."
        ),
        questions=(
            "How will we know what practice looks like across the network?",
            "How do we keep standards comparable from school to school?",
            "Does leading become only settling disputes?",
            "Could it close in on itself?",
        ),
    ),
    Model(
        key="parents",
        name="Parent-governed collaborative",
        summary=(
            "Schools owned and governed by their parents share resources and a belief in "
            "parents' part in learning; parents elect the council that sets the direction."
        ),
        questions=(
            "Why would parents be best placed to decide?",
            "How do we involve parents who are busy or less engaged?",
            "How do we stop one group of parents from taking over?",
            "How do we keep it open to the wider community?",
        ),
    ),
)

# Discussion prompts a workshop agenda can include, one per theme of the leadership cameos.
THEMES = {
    "capacity": (
        "Capacity: do our schools have the knowledge, people and time to lead change "
        "together, and how does what works in one school reach another?"
    ),
    "coherence": (
        "Coherence: do our services, schools and partners pull in one direction for the "
        "same families, or each in its own?"
    ),
    "activity": (
        "Activity: is what we do together building capacity or only keeping us busy, and "
        "where should our leadership effort go first?"
    ),
}


def find_model(text: str) -> Model:
    key = text.strip().casefold()
    for m in MODELS:
        if key in (m.key, m.name.casefold()):
            return m
    found = [m for m in MODELS if key and (m.key.startswith(key) or key in m.name.casefold())]
    if len(found) == 1:
        return found[0]
    names = ", ".join(m.key for m in MODELS)
    raise ValidationError(f"No governance model matches {quoted(text)}: use one of {names}.")


def check_theme(text: str) -> str:
    key = text.strip().casefold()
    if key not in THEMES:
        raise ValidationError(f"{quoted(text)} is not a discussion theme: use {', '.join(THEMES)}.")
    return key


GOVERNANCE_ID = "governance"  # one choice per cluster, the same record on every laptop


@dataclass(kw_only=True)
class GovernanceChoice(Record):
    now: str = ""  # a model's key; "" not said yet
    moving_to: str = ""
    notes: str = ""


@dataclass(kw_only=True)
class GovernanceAnswer(Record):
    """One answer to one model's key question, dated and signed; a later one does not
    replace it, so the cluster's thinking can be followed."""

    model: str
    question: int  # its index in the model's questions
    answer: str
    by: str = ""
    on: date


def find_question(model: Model, text: str | int) -> int:
    """A question by its number (1 first) as people count."""
    s = str(text).strip()
    if not s.isdigit() or not 1 <= int(s) <= len(model.questions):
        raise ValidationError(
            f"{model.name} has questions 1 to {len(model.questions)}, not {quoted(text)}."
        )
    return int(s) - 1
