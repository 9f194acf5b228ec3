"""Who is in a shared cluster, and what the chair's approval changes.

A newcomer's person file arrives as pending, with their public key. The chair compares the
key's short fingerprint with the newcomer by phone, then approves them with a role and the
teams they work with; from then on those teams' text is sealed to them too. A removed person
gets nothing written after their removal, but what they could read before stays readable to
their old key: git history cannot be un-shared.
"""

from typing import Any

from domain.errors import ValidationError
from domain.text import quoted
from storage.sync import keys
from storage.sync.sealing import APPROVED, PENDING, REMOVED

ROLES = ("coach", "chair", "viewer")


def status_of(record: dict[str, Any]) -> str:
    return str(record.get("status") or APPROVED)


def find(people: list[dict[str, Any]], ref: str) -> dict[str, Any]:
    """The one person `ref` names: their name, email or id (or the start of it)."""
    wanted = ref.strip().casefold()
    exact = [
        p
        for p in people
        if wanted in (p.get("name", "").casefold(), p.get("email", "").casefold(), p["id"])
    ]
    found = exact or [p for p in people if len(wanted) >= 4 and p["id"].startswith(wanted)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(sorted(p.get("name", "?") for p in people)) or "no one yet"
    if not found:
        raise ValidationError(f"No one called {quoted(ref)} is in the share; its members: {names}.")
    raise ValidationError(f"{quoted(ref)} names {len(found)} people; give their email instead.")


def approved(
    record: dict[str, Any], role: str, teams: list[str], by: str, on: str
) -> dict[str, Any]:
    if role not in ROLES:
        raise ValidationError(f"A role is one of {', '.join(ROLES)}, not {quoted(role)}.")
    if role != "chair" and not teams:
        raise ValidationError(
            "Say which teams they work with: --teams TEAM[,TEAM…] (a chair reads every team)."
        )
    return {
        **record,
        "status": APPROVED,
        "role": role,
        "teams": [] if role == "chair" else sorted(set(teams)),
        "approved_by": by,
        "approved_on": on,
    }


def removed(record: dict[str, Any], by: str, on: str) -> dict[str, Any]:
    return {**record, "status": REMOVED, "teams": [], "removed_by": by, "removed_on": on}


def row(record: dict[str, Any], me: str) -> dict[str, Any]:
    """One person as `share members` shows them."""
    public = record.get("recipient", "")
    return {
        "id": record["id"],
        "name": record.get("name", ""),
        "email": record.get("email", ""),
        "role": record.get("role", ""),
        "status": status_of(record),
        "teams": record.get("teams"),  # None: every team (from before approvals)
        "fingerprint": keys.fingerprint(public) if public else None,
        "workspaces": len(record.get("replicas", [])),
        "you": record["id"] == me,
    }


def pending(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in people if status_of(p) == PENDING]
