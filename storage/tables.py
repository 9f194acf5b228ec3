"""The workspace's table names. The cluster file holds the cluster, its teams, briefings and
self-assessment rounds; each team's file holds the rest of that team's records."""

CLUSTER, TEAMS, BRIEFINGS, ROUNDS = "cluster", "teams", "briefings", "rounds"
ACTIONS, CHECKINS, CHALLENGES, REVISIONS = "actions", "checkins", "challenges", "revisions"
PULSE, RATINGS, DIAGNOSTIC, ASPIRATIONS = "pulse", "ratings", "diagnostic", "aspirations"

TEAM_TABLES = (ACTIONS, CHECKINS, CHALLENGES, REVISIONS, PULSE, RATINGS, DIAGNOSTIC, ASPIRATIONS)
