"""Who may read each field of a shared record: the one map of every free-text field to its level.

When a cluster is shared, its records travel through a git repository or a synced folder that
others can read (a git host, a cloud drive, an IT department, a lost laptop's copy). Structure
stays readable so that git can merge it; free text that can describe a person never does:

    cluster   plain in the share: ids, dates, statuses, scores, names and roles (the directory),
              action titles, places and times
    members   sealed to every approved member of the share: free text about the cluster's own
              work (workshop reflections, cluster action notes, aspiring leaders' feedback)
    team      sealed to a team's circle, its coaches and viewers and the chair: notes,
              challenges, evidence, goals, team-briefing agendas
    private   sealed to its author alone: a check-in marked confidential

A field is named `field`, or `field.part` for a part of each entry of a list (a progress note's
text); a name covers everything under it (`chair` covers the chair's name and email). A test
walks every record type and fails when a text field is in neither map, so a new field has to be
given a level before it can be shared.
"""

from enum import StrEnum
from typing import Any

# What someone outside a text's circle holds in its place; it never leaves their laptop, and it
# is never searched.
NOT_SHARED = "🔒 not shared with you"


class Level(StrEnum):
    CLUSTER = "cluster"
    MEMBERS = "members"
    TEAM = "team"
    PRIVATE = "private"


T, M = Level.TEAM, Level.MEMBERS

# Text sealed in the share, by table.
SEALED: dict[str, dict[str, Level]] = {
    "checkins": {"notes": T},  # private when the check-in is confidential
    "actions": {"success_criteria": T, "evidence": T, "notes.text": T},
    "challenges": {
        "title": T,
        "description": T,
        "escalation_reason": T,
        "schedule_impact": T,
        "resolution": T,
        "responses.outcome": T,
        "history.note": T,
    },
    "revisions": {"reason": T},
    "ratings": {"evidence": T},
    "aspirations": {"now": T, "want": T, "now_evidence": T, "want_evidence": T},
    # A briefing for one team is that team's; a cluster briefing's text is the members'.
    "briefings": {"agenda": T, "cancel_reason": T},
    "cluster_actions": {"success_criteria": M, "evidence": M, "notes.text": M},
    "cluster_goals": {"now": M, "want": M, "now_evidence": M, "want_evidence": M},
    "workshops": {
        "agenda.notes": M,
        "reflections.worked": M,
        "reflections.hard": M,
        "issues.issue": M,
        "issues.approach": M,
        "priorities": M,
        "authority_response": M,
        "next_steps": M,
        "evaluation": M,
    },
    "journey": {"what": M, "partners": M, "evidence": M},
    "governance": {"notes": M},
    "governance_answers": {"answer": M},
    "leader_activities": {"success_criteria": M, "feedback.text": M},
}

# Text left plain: ids and kinds, and what the whole cluster works from (names and emails,
# titles, places). Each was judged not to describe a person beyond the directory.
PLAIN: dict[str, frozenset[str]] = {
    "cluster": frozenset({"id", "name", "timezone", "chair", "template", "stakeholders"}),
    "teams": frozenset({"id", "name", "coach", "members", "line_managers", "school_type"}),
    "briefings": frozenset({"id", "title", "team_id", "attendees", "location", "plan_key"}),
    "rounds": frozenset({"id", "name"}),
    "actions": frozenset({"id", "team_id", "title", "owner", "origin", "notes.by"}),
    "checkins": frozenset({"id", "team_id", "coach", "attendees", "action_ids"}),
    "challenges": frozenset(
        {
            "id",
            "team_id",
            "raised_by",
            "briefing_ids",
            "responses.by",
            "responses.with_whom",
            "responses.revision_id",
            "history.by",
            "history.what",
        }
    ),
    "revisions": frozenset({"id", "team_id", "milestone_key", "challenge_id", "made_by"}),
    "pulse": frozenset({"id", "team_id", "dimension", "source"}),
    "ratings": frozenset({"id", "team_id", "round_id", "condition", "by"}),
    "diagnostic": frozenset({"id", "team_id", "respondent", "answers", "source"}),
    "aspirations": frozenset({"id", "team_id", "action_ids"}),
    "cluster_actions": frozenset(
        {"id", "title", "owner", "team_ids", "origin", "cascaded", "notes.by"}
    ),
    "cluster_goals": frozenset({"id", "action_ids"}),
    "workshops": frozenset(
        {
            "id",
            "title",
            "place",
            "attendees",
            "round_id",
            "agenda.title",
            "themes",
            "reflections.team_id",
            "action_ids",
        }
    ),
    "journey": frozenset({"id", "team_ids"}),
    "governance": frozenset({"id", "now", "moving_to"}),
    "governance_answers": frozenset({"id", "model", "by"}),
    "leaders": frozenset({"id", "name", "team_id", "role", "email", "mentor"}),
    "leader_activities": frozenset(
        {"id", "leader_id", "title", "where", "behaviours", "outcome_to", "feedback.by"}
    ),
}


def level_of(table: str, name: str) -> Level | None:
    """The level of a field (or of a part of a list's entries); None for one in neither map."""
    sealed = SEALED.get(table, {})
    plain = PLAIN.get(table, frozenset())
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in sealed:
            return sealed[prefix]
        if prefix in plain:
            return Level.CLUSTER
    return None


def sealed_fields(table: str, record: dict[str, Any]) -> dict[str, Level]:
    """The fields of this record sealed in the share, each with the level it is sealed at."""
    fields = dict(SEALED.get(table, {}))
    if table == "checkins" and record.get("confidential"):
        fields["notes"] = Level.PRIVATE
    if table == "briefings" and not record.get("team_id"):
        fields = {name: Level.MEMBERS for name in fields}
    return fields
