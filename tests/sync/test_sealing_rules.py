"""Sealing a record's text for its circle (storage/sync/sealing.py), for any text: what is
sealed opens to the same words for a member of the circle and to "not shared with you" for
anyone else; text that did not change keeps its very bytes (sealing is random, and a sync must
not rewrite every note); the placeholder never leaves a laptop; and what was shared in plain
before sealing existed is found."""

from hypothesis import given, settings
from hypothesis import strategies as st
from pyrage import x25519

from domain.visibility import Level
from storage.sync import keys
from storage.sync.sealing import NOT_SHARED, Circles, Member, Sealer

COACH, CHAIR, OTHER = (x25519.Identity.generate() for _ in range(3))


def member(key, role: str, teams: set[str]) -> Member:
    return Member(keys.recipient(key), role, "approved", frozenset(teams))


CIRCLES = [
    member(COACH, "coach", {"hill"}),
    member(CHAIR, "chair", set()),
    member(OTHER, "coach", {"oak"}),
]


def sealer(key) -> Sealer:
    return Sealer(key, Circles(CIRCLES, [], keys.recipient(key)))


texts = st.text(min_size=1, max_size=80).filter(lambda t: t != NOT_SHARED)
notes = st.lists(
    st.fixed_dictionaries({"date": st.just("2026-11-30"), "text": texts, "by": st.just("Sam")}),
    max_size=4,
)


def action(title: str, evidence: str, progress: list) -> dict:
    return {"id": "a1", "team_id": "hill", "title": title, "evidence": evidence, "notes": progress}


@settings(max_examples=40, deadline=None)
@given(evidence=texts, progress=notes)
def test_the_circle_reads_the_words_and_no_one_else_does(evidence, progress):
    record = action("Plan the INSET day", evidence, progress)
    shared = sealer(COACH).seal("actions", record, None, "hill")
    assert shared["title"] == "Plan the INSET day"  # structure stays readable
    assert keys.is_sealed(shared["evidence"])
    assert all(keys.is_sealed(n["text"]) and n["by"] == "Sam" for n in shared["notes"])
    assert sealer(CHAIR).open_record("actions", shared) == record
    outside = sealer(OTHER).open_record("actions", shared)
    assert outside["evidence"] == NOT_SHARED
    assert all(n["text"] == NOT_SHARED for n in outside["notes"])


@settings(max_examples=40, deadline=None)
@given(evidence=texts, progress=notes, added=texts)
def test_unchanged_text_keeps_its_bytes_and_a_new_note_is_sealed_alone(evidence, progress, added):
    first = sealer(COACH).seal("actions", action("T", evidence, progress), None, "hill")
    again = sealer(COACH).seal("actions", action("Renamed", evidence, progress), first, "hill")
    assert again["evidence"] == first["evidence"] and again["notes"] == first["notes"]
    note = {"date": "2026-12-01", "text": added, "by": "Sam"}
    longer = sealer(CHAIR).seal("actions", action("T", evidence, [*progress, note]), first, "hill")
    assert longer["notes"][: len(progress)] == first["notes"]
    assert keys.unseal(longer["notes"][-1]["text"], COACH) == added


@settings(max_examples=30, deadline=None)
@given(title=texts, urgency=st.sampled_from(["low", "high"]))
def test_someone_outside_the_circle_never_overwrites_or_leaks_the_placeholder(title, urgency):
    record = {"id": "c1", "team_id": "hill", "title": title, "urgency": "low"}
    shared = sealer(COACH).seal("challenges", record, None, "hill")
    seen = sealer(OTHER).open_record("challenges", shared)
    assert seen["title"] == NOT_SHARED
    edited = sealer(OTHER).seal("challenges", {**seen, "urgency": urgency}, shared, "hill")
    assert edited["title"] == shared["title"]  # the same bytes, still the coach's words
    fresh = sealer(OTHER).seal("challenges", seen, None, "hill")
    assert fresh["title"] == ""  # with nothing to keep, never the placeholder itself


def test_a_confidential_note_is_sealed_to_its_author_alone():
    record = {"id": "k", "team_id": "hill", "confidential": True, "notes": "between us"}
    shared = sealer(COACH).seal("checkins", record, None, "hill")
    assert keys.unseal(shared["notes"], COACH) == "between us"
    assert keys.unseal(shared["notes"], CHAIR) is None
    assert sealer(CHAIR).open_record("checkins", shared)["notes"] == ""


def test_text_shared_in_plain_before_sealing_is_found_and_kept_until_sealed():
    plain = action("T", "from before", [{"date": "2026-11-01", "text": "old", "by": "S"}])
    assert sealer(COACH).holds_plain("actions", plain)
    kept = sealer(COACH).seal("actions", plain, plain, "hill")
    assert kept["evidence"] == "from before"  # unchanged: left for `share doctor` to seal
    sealed = sealer(COACH).seal("actions", plain, None, "hill")
    assert not sealer(COACH).holds_plain("actions", sealed)


def test_a_member_who_joins_a_circle_reads_after_resealing():
    newcomer = x25519.Identity.generate()
    shared = sealer(COACH).seal("actions", action("T", "words", []), None, "hill")
    assert keys.unseal(shared["evidence"], newcomer) is None
    grown = Sealer(CHAIR, Circles([*CIRCLES, member(newcomer, "viewer", {"hill"})], [], ""))
    again = grown.reseal("actions", shared, "hill")
    assert keys.unseal(again["evidence"], newcomer) == "words"
    assert Level.TEAM.value == again["evidence"]["to"]
