"""How one record is shared and how two people's versions of it become one.

A shared record is a document: the record's fields as the workspace stores them, beside
`_meta` (the table, a stamp per field saying when it was last written, and a tombstone stamp
once deleted), `_conflicts` (values that lost a true clash, kept for review) and `_resolved`
(the conflicts someone has reviewed). Everything here is pure: the stamps come in from the
caller's clock (see domain/hlc.py).

`merge(base, ours, theirs)` is the rule every machine applies to the same three versions and
gets the same bytes from, whichever side it calls "ours": the winner of each field is the
higher stamp (a causally later edit always has one), and the base only tells which edits were
concurrent (to record the loser) and what a list lost.
"""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from domain.challenges.model import Level, severity_of

Doc = dict[str, Any]

# Lists that only grow: every entry anyone added is kept, in time order.
LOGS: dict[str, frozenset[str]] = {
    "challenges": frozenset({"history", "responses"}),
    "actions": frozenset({"notes"}),
    "cluster_actions": frozenset({"notes"}),
    "leader_activities": frozenset({"feedback"}),
}
# Lists that grow and shrink: an item stays unless either side took it out.
SETS: dict[str, frozenset[str]] = {
    "cluster": frozenset({"stakeholders"}),
    "teams": frozenset({"members", "line_managers"}),
    "briefings": frozenset({"attendees"}),
    "checkins": frozenset({"attendees", "action_ids"}),
    "challenges": frozenset({"briefing_ids"}),
    "aspirations": frozenset({"action_ids"}),
    "people": frozenset({"replicas"}),
    "cluster_actions": frozenset({"team_ids"}),
    "cluster_goals": frozenset({"action_ids"}),
    "workshops": frozenset({"attendees", "themes", "issues", "reflections", "action_ids"}),
    "journey": frozenset({"team_ids"}),
    "leader_activities": frozenset({"behaviours"}),
}
# Numbers calendars read as "this event changed": they only rise.
COUNTERS: dict[str, frozenset[str]] = {
    "briefings": frozenset({"sequence"}),
    "checkins": frozenset({"sequence"}),
}
# A challenge's place in its lifecycle is one thing: never "resolved" with no closing date.
LIFECYCLE: dict[str, tuple[str, ...]] = {
    "challenges": ("status", "awaiting", "escalated_on", "closed_on", "outcome", "resolution"),
}
# Kept by their own rule, never reported as a clash.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})
# Who entered a slot's value: the later entry's, never a clash on its own.
QUIET: dict[str, frozenset[str]] = {
    "pulse": frozenset({"source"}),
    "ratings": frozenset({"by"}),
}

# Notes a coach marked confidential are sealed to their author alone (domain/visibility.py).
PRIVATE = "notes"


def canonical(value: Any) -> bytes:
    """The one byte form of a value: equal values give equal bytes on every machine."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def encode(doc: Doc) -> bytes:
    """A shared record file: sorted keys, indented so that `git log -p` reads field by field."""
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"


def decode(data: bytes) -> Doc:
    doc = orjson.loads(data)
    if not isinstance(doc, dict) or not isinstance(doc.get("record"), dict):
        raise ValueError("not a shared record")
    return doc


# -- what leaves this machine --------------------------------------------------------------


def local_fields(table: str, shared: Doc, mine: Doc | None) -> Doc:
    """A shared record as this workspace stores it (its sealed text already opened, or left
    empty where it could not be): confidential notes this laptop holds are kept."""
    confidential = table == "checkins" and shared.get("confidential") and not shared.get(PRIVATE)
    if confidential and mine and mine.get("confidential"):
        return {**shared, PRIVATE: mine.get(PRIVATE, "")}
    return dict(shared)


def stamped(table: str, old: Doc | None, record: Doc, stamp: Callable[[], str]) -> Doc | None:
    """The shared document after a local edit turned `old` into `record` (already as shared),
    each changed field stamped; None when nothing a peer would see has changed."""
    if old is not None and not is_deleted(old) and old["record"] == record:
        return None
    before = {} if old is None or is_deleted(old) else old["record"]
    stamps = {} if old is None else dict(old["_meta"].get("f", {}))
    now = stamp()
    for name in set(record) | set(before):
        if (
            name not in before
            or name not in record
            or canonical(before[name]) != canonical(record[name])
        ):
            stamps[name] = now
    if old is not None and is_deleted(old):
        stamps = {name: now for name in record}  # brought back: every field is this edit's
    meta = {"table": table, "f": {k: v for k, v in stamps.items() if k in record}}
    return _doc(meta, record, old)


def tombstone(old: Doc, stamp: str) -> Doc:
    """What a deleted record leaves in the share: its id and when it was deleted."""
    meta = {**old["_meta"], "deleted": stamp}
    return _doc(meta, {"id": old["record"]["id"]}, old)


def is_deleted(doc: Doc) -> bool:
    return bool(doc["_meta"].get("deleted"))


def _doc(meta: Doc, record: Doc, old: Doc | None) -> Doc:
    doc: Doc = {"_meta": meta, "record": record}
    if old is not None:
        for key in ("_conflicts", "_resolved"):
            if old.get(key):
                doc[key] = old[key]
    return doc


# -- conflicts ------------------------------------------------------------------------------


def open_conflicts(doc: Doc) -> list[Doc]:
    """The clashes in a record nobody has reviewed yet."""
    done = set(doc.get("_resolved", []))
    return [c for c in doc.get("_conflicts", []) if c["id"] not in done]


def resolve(doc: Doc, conflict_id: str, value: Any, stamp: str) -> Doc:
    """The record after someone reviewed a clash and chose `value` for its field: the choice is
    a new edit (so it wins everywhere) and the clash stays resolved when a stale copy syncs."""
    conflict = next(c for c in doc.get("_conflicts", []) if c["id"] == conflict_id)
    field = conflict["field"]
    record = dict(doc["record"])
    meta = {**doc["_meta"], "f": dict(doc["_meta"].get("f", {}))}
    # A lifecycle clash is decided for the whole group, as it was made; a record brought back
    # from a deletion is kept by deciding alone (see tombstone() to delete it after all).
    names = LIFECYCLE.get(meta.get("table", ""), ()) if field == "lifecycle" else (field,)
    if field == "deleted":
        names = ()
    chosen = value if field == "lifecycle" else {field: value}
    for name in names:
        if name in chosen:
            record[name] = chosen[name]
            meta["f"][name] = stamp
    # Every open clash on this field is answered by the one choice.
    same = [c["id"] for c in open_conflicts(doc) if c["field"] == field]
    out = {**doc, "_meta": meta, "record": record}
    out["_resolved"] = sorted(set(doc.get("_resolved", [])) | set(same))
    return out


def _conflict(
    record_id: str, field: str, value: Any, stamp: str, against: str, note: str = ""
) -> Doc:
    key = canonical([record_id, field, value, stamp])
    conflict = {
        "id": hashlib.sha1(key).hexdigest()[:10],
        "field": field,
        "value": value,
        "stamp": stamp,
        "against": against,
    }
    if note:
        conflict["note"] = note
    return conflict


# -- merging ----------------------------------------------------------------------------------


def merge(base: Doc | None, ours: Doc | None, theirs: Doc | None) -> Doc | None:
    """One record from two versions that both descend from `base` (None where absent)."""
    if ours is None or theirs is None:
        return ours if theirs is None else theirs
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    conflicts = _union_by_id(ours.get("_conflicts", []), theirs.get("_conflicts", []))
    resolved = sorted(set(ours.get("_resolved", [])) | set(theirs.get("_resolved", [])))
    deleted = [d for d in (ours, theirs) if is_deleted(d)]
    if deleted:
        merged, extra = _merge_deletion(base, ours, theirs)
    else:
        merged, extra = _merge_fields(base, ours, theirs)
    merged["_conflicts"] = _union_by_id(conflicts, extra)
    merged["_resolved"] = resolved
    return {k: v for k, v in merged.items() if v or k in ("_meta", "record")}


def _merge_deletion(base: Doc | None, ours: Doc, theirs: Doc) -> tuple[Doc, list[Doc]]:
    if is_deleted(ours) and is_deleted(theirs):
        first = min(ours, theirs, key=lambda d: d["_meta"]["deleted"])
        return {"_meta": first["_meta"], "record": first["record"]}, []
    gone, kept = (ours, theirs) if is_deleted(ours) else (theirs, ours)
    base_stamps = {} if base is None or is_deleted(base) else base["_meta"].get("f", {})
    edited = any(s != base_stamps.get(k) for k, s in kept["_meta"].get("f", {}).items())
    if not edited:
        return {"_meta": gone["_meta"], "record": gone["record"]}, []
    # Someone changed it while someone else deleted it: the change brings it back, and the
    # deletion is kept for review.
    when = gone["_meta"]["deleted"]
    restored = {"_meta": {k: v for k, v in kept["_meta"].items() if k != "deleted"}}
    restored["record"] = kept["record"]
    note = "changed by one person while another deleted it: kept"
    return restored, [_conflict(kept["record"]["id"], "deleted", True, when, "", note)]


def restore(kept: Doc, gone: Doc) -> Doc:
    """A record one side deleted while the other still used it (a team whose records someone
    changed): `kept`, flagged for review like an edit made while someone deleted it."""
    when = gone["_meta"]["deleted"]
    note = "records were added or changed while it was removed: kept"
    conflict = _conflict(kept["record"]["id"], "deleted", True, when, "", note)
    conflicts = _union_by_id(kept.get("_conflicts", []), gone.get("_conflicts", []), [conflict])
    resolved = sorted(set(kept.get("_resolved", [])) | set(gone.get("_resolved", [])))
    doc = {**kept, "_conflicts": conflicts}
    if resolved:
        doc["_resolved"] = resolved
    return doc


def _merge_fields(base: Doc | None, ours: Doc, theirs: Doc) -> tuple[Doc, list[Doc]]:
    table = ours["_meta"].get("table", "")
    b = {} if base is None or is_deleted(base) else base["record"]
    bs = {} if base is None or is_deleted(base) else base["_meta"].get("f", {})
    o, os_ = ours["record"], ours["_meta"].get("f", {})
    t, ts = theirs["record"], theirs["_meta"].get("f", {})
    record: Doc = {}
    stamps: dict[str, str] = {}
    conflicts: list[Doc] = []
    group = LIFECYCLE.get(table, ())
    record_id = o.get("id") or t.get("id")
    for name in sorted(set(o) | set(t)):
        if name in group:
            continue
        so, st = os_.get(name, ""), ts.get(name, "")
        if name not in t or name not in o:
            value, stamp = (o[name], so) if name in o else (t[name], st)
        else:
            # Moved: a new stamp, or a new value under an old stamp (a list two merges joined
            # keeps the newer of its stamps, which the base may already have).
            was = canonical(b.get(name))
            o_moved = so != bs.get(name, "") or canonical(o[name]) != was
            t_moved = st != bs.get(name, "") or canonical(t[name]) != was
            if o_moved and t_moved:
                value, stamp, clash = _both(table, name, b.get(name), o[name], t[name], so, st)
                if clash is not None:
                    conflicts.append(_conflict(record_id, name, *clash))
            elif o_moved or t_moved:
                value, stamp = (o[name], so) if o_moved else (t[name], st)
            else:  # neither wrote it since the base: both still hold the base's value
                value, stamp, _ = _both(table, name, b.get(name), o[name], t[name], so, st)
        record[name] = value
        if stamp:
            stamps[name] = stamp
    if group:
        conflicts += _merge_group(group, record_id, (b, bs), (o, os_), (t, ts), record, stamps)
        _recompute(record)
    meta = {**ours["_meta"], "f": stamps}
    return {"_meta": meta, "record": record}, conflicts


def _both(
    table: str, name: str, base: Any, o: Any, t: Any, so: str, st: str
) -> tuple[Any, str, tuple[Any, str, str] | None]:
    """A field both sides wrote: its value, its stamp, and the losing (value, stamp, winner's
    stamp) when it was a true clash."""
    stamp = max(so, st)
    if name in COUNTERS.get(table, ()):
        # Both raised it for changes of their own: the merged event is newer than either.
        both_raised = o > (base or 0) and t > (base or 0)
        return (max(o, t) + 1 if both_raised else max(o, t)), stamp, None
    if canonical(o) == canonical(t):
        return o, stamp, None
    if name == "updated_at":
        return max(o, t), stamp, None
    if name in ("created_at", "id"):
        return min(o, t), stamp, None
    if name in LOGS.get(table, ()):
        return _log_union(o, t), stamp, None
    if name in SETS.get(table, ()):
        return _set_merge(base or [], o, t), stamp, None
    if name in QUIET.get(table, ()):
        return (o if (so, canonical(o)) > (st, canonical(t)) else t), stamp, None
    ours_wins = (so, canonical(o)) > (st, canonical(t))
    win, lose = ((o, so), (t, st)) if ours_wins else ((t, st), (o, so))
    return win[0], win[1], (lose[0], lose[1], win[1])


def _merge_group(
    group: tuple[str, ...],
    record_id: str,
    base: tuple[Doc, dict[str, str]],
    ours: tuple[Doc, dict[str, str]],
    theirs: tuple[Doc, dict[str, str]],
    record: Doc,
    stamps: dict[str, str],
) -> list[Doc]:
    """The lifecycle fields, all from the side that moved last."""
    bs, (o, os_), (t, ts) = base[1], ours, theirs

    def last(s: dict[str, str]) -> str:
        return max((s.get(n, "") for n in group), default="")

    def moved(s: dict[str, str]) -> bool:
        return any(s.get(n, "") != bs.get(n, "") for n in group)

    win, lose = ((o, os_), (t, ts)) if last(os_) >= last(ts) else ((t, ts), (o, os_))
    for name in group:
        if name in win[0]:
            record[name] = win[0][name]
        elif name in lose[0]:
            record[name] = lose[0][name]
        if stamp := max(win[1].get(name, ""), lose[1].get(name, "")):
            stamps[name] = stamp
    if not (moved(os_) and moved(ts)):
        return []
    values = {n: lose[0].get(n) for n in group}
    if canonical(values) == canonical({n: win[0].get(n) for n in group}):
        return []
    note = f"moved to {lose[0].get('status')} by one person while another moved it on"
    return [_conflict(record_id, "lifecycle", values, last(lose[1]), last(win[1]), note)]


def _recompute(record: Doc) -> None:
    """Fields worked out from others are worked out again, never merged."""
    impact, urgency = record.get("impact"), record.get("urgency")
    if impact and urgency:
        record["severity"] = str(severity_of(Level(impact), Level(urgency)))


def _entry_key(entry: Any) -> tuple[str, bytes]:
    when = (
        (entry.get("at") or entry.get("date") or entry.get("on") or "")
        if isinstance(entry, dict)
        else ""
    )
    return str(when), canonical(entry)


def _log_union(ours: Iterable[Any], theirs: Iterable[Any]) -> list[Any]:
    seen: dict[bytes, Any] = {}
    for entry in [*ours, *theirs]:
        seen.setdefault(canonical(entry), entry)
    return sorted(seen.values(), key=_entry_key)


def _set_merge(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Items both kept, in the base's order, then what either added (in a fixed order)."""
    keys_o = {canonical(x) for x in ours}
    keys_t = {canonical(x) for x in theirs}
    keys_b = {canonical(x) for x in base}
    kept = [x for x in base if canonical(x) in keys_o and canonical(x) in keys_t]
    added: dict[bytes, Any] = {}
    for x in [*ours, *theirs]:
        key = canonical(x)
        if key not in keys_b:
            added.setdefault(key, x)
    return kept + [added[k] for k in sorted(added)]


def _union_by_id(*lists: list[Doc]) -> list[Doc]:
    found: dict[str, Doc] = {}
    for items in lists:
        for item in items:
            found.setdefault(item["id"], item)
    return [found[k] for k in sorted(found)]
