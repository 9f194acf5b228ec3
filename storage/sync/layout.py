"""Where each workspace record lives in the share: one small file per record, so that two
people's changes to different records never touch one file, and a merge is record by record.

    cluster/<table>/<id>.json             the cluster, its teams, briefings and rounds
    teams/<team id>/<table>/<id>.json     each team's own records
    people/<person id>.json               who is in the share, with their workspaces
    FLOURISH-SHARE.json                   the share's format, so an older Flourish stops
"""

from dataclasses import dataclass

from storage.paths import CLUSTER_FILE
from storage.tables import BRIEFINGS, CLUSTER, CLUSTER_WORK, ROUNDS, TEAM_TABLES, TEAMS

CLUSTER_TABLES = (CLUSTER, TEAMS, BRIEFINGS, ROUNDS, *CLUSTER_WORK)
FORMAT_FILE = "FLOURISH-SHARE.json"
PEOPLE = "people"
FORMAT = 1  # the share's layout; a share of a higher format is left alone


@dataclass(frozen=True)
class Place:
    """A record's file in the workspace (e.g. teams/<id>.json), its table and its id."""

    file: str
    table: str
    record_id: str


def team_file(team_id: str) -> str:
    return f"teams/{team_id}.json"


def tables_of(file: str) -> tuple[str, ...]:
    return CLUSTER_TABLES if file == CLUSTER_FILE else TEAM_TABLES


def folder_of(file: str) -> str:
    """The share folder holding a workspace file's records."""
    if file == CLUSTER_FILE:
        return "cluster"
    return "teams/" + file.removeprefix("teams/").removesuffix(".json")


def share_path(place: Place) -> str:
    return f"{folder_of(place.file)}/{place.table}/{place.record_id}.json"


def place_of(path: str) -> Place | None:
    """The record a share file holds; None for a file that is not a record's."""
    parts = path.split("/")
    if not parts[-1].endswith(".json"):
        return None
    record_id = parts[-1].removesuffix(".json")
    if len(parts) == 3 and parts[0] == "cluster" and parts[1] in CLUSTER_TABLES:
        return Place(CLUSTER_FILE, parts[1], record_id)
    if len(parts) == 4 and parts[0] == "teams" and parts[2] in TEAM_TABLES:
        return Place(team_file(parts[1]), parts[2], record_id)
    return None


# What each table's records are called, in messages and on the review screen.
KINDS = {
    "checkins": "check-in",
    "actions": "action",
    "challenges": "challenge",
    "briefings": "briefing",
    "teams": "team",
    "cluster": "cluster setting",
    "pulse": "pulse result",
    "ratings": "rating",
    "revisions": "schedule revision",
    "aspirations": "goal",
    "rounds": "self-assessment round",
    "diagnostic": "diagnostic answer",
    "cluster_actions": "cluster action",
    "cluster_goals": "cluster goal",
    "workshops": "workshop",
    "journey": "journey step",
    "governance": "governance choice",
    "governance_answers": "governance answer",
    "leaders": "aspiring leader",
    "leader_activities": "leader's activity",
}
