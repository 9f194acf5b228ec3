"""The rules that keep imported calendars right, over any history of exports: whatever the
records do between exports (events change, go back, vanish, return, with any sequence and
stamp of their own), no UID's SEQUENCE or DTSTAMP ever goes down, a changed event always
has a higher SEQUENCE than the copy last given, and an event once given is never dropped."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.calendar_ledger import Sent, fingerprint, settle
from domain.program import EventKind
from domain.schedule import CalendarEvent

T0 = datetime(2026, 9, 1, tzinfo=UTC)
UIDS = [f"e{n}@flourish" for n in range(5)]


def event(uid: str, day: int, sequence: int, hours: int) -> CalendarEvent:
    start = date(2026, 10, 1) + timedelta(days=day)
    return CalendarEvent(
        uid=uid,
        kind=EventKind.COACHING,
        title="Check-in",
        start=start,
        end=start,
        sequence=sequence,
        changed_at=T0 + timedelta(hours=hours),
    )


# One export: some of the UIDs, each with a day (its content), a sequence and a stamp that
# may be lower than before, as a record taken back by undo would give.
exports = st.lists(
    st.dictionaries(
        st.sampled_from(UIDS),
        st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 50)),
    ),
    min_size=1,
    max_size=8,
)


@given(exports)
def test_no_event_goes_back_or_vanishes(history):
    sent: dict[str, Sent] = {}
    held: list[str] = []
    for n, records in enumerate(history):
        now = T0 + timedelta(days=10 + n)
        events = [event(uid, *values) for uid, values in records.items()]
        out = settle(events, sent, held, now)

        given_now = {e.uid: e for e in out}
        assert set(held) <= set(given_now)  # nothing once given is dropped
        for uid, e in given_now.items():
            if uid in sent:
                last = sent[uid].event
                assert e.sequence >= last.sequence and e.changed_at >= last.changed_at
                if fingerprint(e) != sent[uid].fingerprint:
                    assert e.sequence > last.sequence
            if uid not in records:
                assert e.cancelled
        for uid, e in given_now.items():
            sent[uid] = Sent.of(e)
        held += [uid for uid in given_now if uid not in held]


def test_an_unchanged_event_is_given_again_exactly():
    first = settle([event("a@flourish", 1, 2, 5)], {}, [], T0)
    again = settle([event("a@flourish", 1, 2, 5)], {"a@flourish": Sent.of(first[0])}, ["a"], T0)
    assert again == first
