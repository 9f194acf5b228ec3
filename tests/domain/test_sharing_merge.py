"""How two versions of a shared record become one: the same bytes whichever side a laptop
calls its own, nothing that either side wrote silently dropped."""

from hypothesis import given
from hypothesis import strategies as st

from domain import sharing
from domain.hlc import Hlc

WORDS = st.sampled_from(["Head", "Deputy", "Bursar", "Plan INSET", "", "Book hall"])


def doc(table: str, record: dict, stamps: dict) -> dict:
    return {"_meta": {"table": table, "f": stamps}, "record": record}


def edit(base: dict, replica: str, at_ms: int, **fields) -> dict:
    """`base` changed on `replica` at `at_ms`: the fields given get that replica's stamp."""
    clock = Hlc(replica, ms=at_ms)
    new = sharing.stamped(base["_meta"]["table"], base, {**base["record"], **fields}, clock.stamp)
    return new or base


BASE = doc(
    "actions",
    {"id": "a1", "title": "Plan", "owner": "Head", "status": "not-started", "notes": []},
    {"title": "1", "owner": "1", "status": "1", "notes": "1"},
)


@given(
    fields_a=st.dictionaries(st.sampled_from(["title", "owner", "status"]), WORDS, max_size=3),
    fields_b=st.dictionaries(st.sampled_from(["title", "owner", "status"]), WORDS, max_size=3),
    at_a=st.integers(1_000, 2_000),
    at_b=st.integers(1_000, 2_000),
)
def test_merge_is_the_same_whichever_side_is_ours(fields_a, fields_b, at_a, at_b):
    a = edit(BASE, "ra", at_a, **fields_a)
    b = edit(BASE, "rb", at_b, **fields_b)
    merged = sharing.merge(BASE, a, b)
    assert sharing.encode(merged) == sharing.encode(sharing.merge(BASE, b, a))
    assert sharing.merge(BASE, a, a) == a
    # Every value either side wrote is current or listed for review.
    listed = {(c["field"], c["value"]) for c in merged.get("_conflicts", [])}
    for side, fields in ((a, fields_a), (b, fields_b)):
        for name, value in fields.items():
            if side["record"][name] != BASE["record"][name]:
                assert merged["record"][name] == value or (name, value) in listed


def test_notes_from_both_sides_are_kept_in_date_order():
    a = edit(BASE, "ra", 5_000, notes=[{"date": "2026-11-02", "text": "A's", "by": "A"}])
    b = edit(BASE, "rb", 5_001, notes=[{"date": "2026-11-01", "text": "B's", "by": "B"}])
    merged = sharing.merge(BASE, a, b)
    assert [n["text"] for n in merged["record"]["notes"]] == ["B's", "A's"]
    assert "_conflicts" not in merged


def test_attendees_merge_three_ways():
    base = doc("briefings", {"id": "b", "attendees": ["Ann", "Bo", "Cy"], "sequence": 2}, {})
    a = edit(base, "ra", 10, attendees=["Ann", "Cy", "Di"])  # Bo out, Di in
    b = edit(base, "rb", 11, attendees=["Ann", "Bo", "Cy", "Ed"])  # Ed in
    merged = sharing.merge(base, a, b)
    assert merged["record"]["attendees"] == ["Ann", "Cy", "Di", "Ed"]


def test_a_calendar_sequence_raised_on_both_sides_ends_above_both():
    base = doc("briefings", {"id": "b", "sequence": 2, "start": "x"}, {})
    a = edit(base, "ra", 10, sequence=3, start="y")
    b = edit(base, "rb", 11, sequence=3)
    assert sharing.merge(base, a, b)["record"]["sequence"] == 4


def test_a_challenge_moves_as_one_and_the_clash_is_flagged():
    base = doc(
        "challenges",
        {"id": "c", "status": "escalated", "closed_on": None, "outcome": None, "history": []},
        {},
    )
    a = edit(base, "ra", 10, status="withdrawn", closed_on="2026-11-03", history=["w"])
    b = edit(base, "rb", 20, status="chair-acting", history=["r"])
    merged = sharing.merge(base, a, b)
    assert merged["record"]["status"] == "chair-acting" and merged["record"]["closed_on"] is None
    assert merged["record"]["history"] == ["r", "w"]
    (conflict,) = merged["_conflicts"]
    assert conflict["field"] == "lifecycle" and conflict["value"]["status"] == "withdrawn"


def test_severity_is_worked_out_again_after_a_merge():
    base = doc(
        "challenges",
        {"id": "c", "impact": "low", "urgency": "low", "severity": "low"},
        {},
    )
    a = edit(base, "ra", 10, impact="high", severity="medium")
    b = edit(base, "rb", 11, urgency="high", severity="medium")
    assert sharing.merge(base, a, b)["record"]["severity"] == "critical"  # high and high


def test_a_confidential_note_this_laptop_cannot_open_keeps_what_it_holds():
    record = {"id": "k", "confidential": True, "notes": "private words"}
    unopened = {**record, "notes": ""}
    assert sharing.local_fields("checkins", unopened, record)["notes"] == "private words"
    assert sharing.local_fields("checkins", unopened, None)["notes"] == ""
    opened = {**record, "notes": "newer words"}
    assert sharing.local_fields("checkins", opened, record)["notes"] == "newer words"
