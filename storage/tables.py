"""The workspace's table names. The cluster file holds the cluster, its teams, briefings and
self-assessment rounds; each team's file holds the rest of that team's records."""

CLUSTER, TEAMS, BRIEFINGS, ROUNDS = "cluster", "teams", "briefings", "rounds"
ACTIONS, CHECKINS, CHALLENGES, REVISIONS = "actions", "checkins", "challenges", "revisions"
PULSE, RATINGS, DIAGNOSTIC = "pulse", "ratings", "diagnostic"
# Goals were first called aspirations; the table keeps that name so that files already written
# (and copies of Flourish not yet upgraded) read them without a migration.
GOALS = "aspirations"

TEAM_TABLES = (ACTIONS, CHECKINS, CHALLENGES, REVISIONS, PULSE, RATINGS, DIAGNOSTIC, GOALS)
