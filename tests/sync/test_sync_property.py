"""Random edits on random replicas, synced in random order: after a final full round every
replica holds the same data, and every write is either current or listed for review, unless
someone wrote over it after seeing it (0 lost, 0 divergent).

Two people writing the same value are one write. A sync shares each record as it stands, not
each keystroke: a field changed and changed back
before a sync was not changed, so those writes are withdrawn, as they would be in git."""

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from tests.sync.conftest import build

REPLICAS = 3
FIELDS = {
    "title": st.sampled_from(["Plan INSET", "Plan the day", "Book the hall", "Draft agenda"]),
    "owner": st.sampled_from(["Head", "Deputy", "Bursar", ""]),
    "status": st.sampled_from(["not-started", "in-progress", "done", "blocked"]),
}


@dataclass(frozen=True)
class Write:
    n: int
    replica: int
    field: str
    value: str
    seen: frozenset[int]  # the writes its replica knew of when it was made


class SharedCluster(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="flourish-prop-"))
        self.cluster = build(self.tmp, REPLICAS)
        self.writes: list[Write] = []
        self.known: list[set[int]] = [set() for _ in range(REPLICAS)]
        self.remote: set[int] = set()
        self.notes: set[str] = set()
        self.checkins: set[str] = set()
        self.deleted: set[str] = set()
        self.withdrawn: set[int] = set()
        start = self._values(0)
        self.at_sync = [dict(start) for _ in range(REPLICAS)]

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _replica(self, i: int):
        return self.cluster.replicas[i]

    @rule(i=st.integers(0, REPLICAS - 1), data=st.data())
    def edit(self, i, data):
        field = data.draw(st.sampled_from(sorted(FIELDS)))
        value = data.draw(FIELDS[field])
        fl = self._replica(i).fl
        if getattr(fl.action(self.cluster.action_id), field) == value:
            return  # not a change: nothing was written
        fl.update_action(self.cluster.action_id, **{field: value})
        write = Write(len(self.writes), i, field, value, frozenset(self.known[i]))
        self.writes.append(write)
        self.known[i].add(write.n)

    @rule(i=st.integers(0, REPLICAS - 1))
    def note(self, i):
        text = f"note {len(self.notes)} from {i}"
        self._replica(i).fl.update_action(self.cluster.action_id, note=text)
        self.notes.add(text)

    @rule(i=st.integers(0, REPLICAS - 1))
    def log_checkin(self, i):
        text = f"check-in {len(self.checkins)} from {i}"
        self._replica(i).fl.log_checkin(self.cluster.team_id, on=date(2026, 11, 30), notes=text)
        self.checkins.add(text)

    @rule(i=st.integers(0, REPLICAS - 1), data=st.data())
    def delete_checkin(self, i, data):
        fl = self._replica(i).fl
        here = fl.checkins(self.cluster.team_id)
        if not here:
            return
        gone = data.draw(st.sampled_from(sorted(here, key=lambda c: c.notes)))
        fl.delete_checkin(gone.id)
        self.deleted.add(gone.notes)

    @rule(i=st.integers(0, REPLICAS - 1), score=st.sampled_from([2.5, 3.0, 4.5]))
    def pulse(self, i, score):
        # The same month and dimension on every laptop: one slot, one record.
        fl = self._replica(i).fl
        if self._values(i)["pulse"] == str(score):
            return
        fl.record_pulse(self.cluster.team_id, date(2026, 11, 1), {"trust": (score, 10)})
        write = Write(len(self.writes), i, "pulse", str(score), frozenset(self.known[i]))
        self.writes.append(write)
        self.known[i].add(write.n)

    def _values(self, i: int) -> dict[str, str]:
        fl = self._replica(i).fl
        action = fl.action(self.cluster.action_id)
        values = {f: str(getattr(action, f)) for f in FIELDS}
        pulses = fl.pulse_results(self.cluster.team_id)
        values["pulse"] = str(pulses[0].score) if pulses else ""
        return values

    @rule(i=st.integers(0, REPLICAS - 1))
    def sync(self, i):
        now = self._values(i)
        for w in self.writes:
            if (
                w.replica == i
                and w.n not in self.remote
                and now[w.field] == self.at_sync[i][w.field]
            ):
                self.withdrawn.add(w.n)  # changed back before it was shared
        self._replica(i).sync()
        self.at_sync[i] = self._values(i)
        self.remote |= self.known[i]
        self.known[i] |= self.remote

    def final_round(self):
        for _ in range(2):
            for i in range(REPLICAS):
                self.sync(i)
        replicas = self.cluster.replicas
        first = replicas[0].data()
        divergent = sum(r.data() != first for r in replicas[1:])
        action = replicas[0].fl.action(self.cluster.action_id)
        current = self._values(0)
        team = self.cluster.team_id
        (pulse,) = replicas[0].fl.pulse_results(team) or [None]
        listed = set()
        with replicas[0].share() as s:
            head = s.repo.ref(b"refs/heads/main")
            paths = [f"teams/{team}/actions/{self.cluster.action_id}.json"]
            if pulse is not None:
                paths.append(f"teams/{team}/pulse/{pulse.id}.json")
            for path in paths:
                doc = orjson.loads(s.repo.read(s.repo.tree(head), path))
                table = doc["_meta"]["table"]
                for c in doc.get("_conflicts", []):
                    field = "pulse" if table == "pulse" and c["field"] == "score" else c["field"]
                    listed.add((field, str(c["value"])))
        lost = []
        for w in self.writes:
            # The same value written twice is one write (the merge keeps one of them): it is
            # superseded once someone overwrites it having seen either.
            same = {x.n for x in self.writes if (x.field, x.value) == (w.field, w.value)}
            superseded = any(same & later.seen for later in self.writes if later.field == w.field)
            withdrawn = w.n in self.withdrawn
            current_value = current[w.field] == w.value
            if not (superseded or withdrawn or current_value or (w.field, w.value) in listed):
                lost.append(w)
        notes = {n.text for n in action.notes}
        checkins = {c.notes for c in replicas[0].fl.checkins(self.cluster.team_id)}
        expected = self.checkins - self.deleted
        return divergent, lost, self.notes - notes, expected ^ checkins


def run_machine(examples: int, steps: int) -> list[tuple[int, int, int, int]]:
    """Run the machine and return, for each example, (divergent, lost writes, lost notes,
    lost check-ins) after its final round."""
    found: list[tuple[int, int, int, int]] = []

    class Checked(SharedCluster):
        def teardown(self):
            divergent, lost, notes, checkins = self.final_round()
            found.append((divergent, len(lost), len(notes), len(checkins)))
            assert (divergent, lost, notes, checkins) == (0, [], set(), set()), (
                divergent,
                lost,
                notes,
                checkins,
            )
            super().teardown()

    Checked.TestCase.settings = settings(
        max_examples=examples, stateful_step_count=steps, deadline=None
    )
    Checked.TestCase().runTest()
    return found


def test_random_edits_and_syncs_converge_and_lose_nothing():
    found = run_machine(examples=8, steps=20)
    assert found and all(f == (0, 0, 0, 0) for f in found)
