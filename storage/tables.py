"""The workspace's table names. The cluster file holds the cluster, its teams, briefings and
self-assessment rounds; each team's file holds the rest of that team's records."""

CLUSTER, TEAMS, BRIEFINGS, ROUNDS = "cluster", "teams", "briefings", "rounds"
ACTIONS, CHECKINS, CHALLENGES, REVISIONS = "actions", "checkins", "challenges", "revisions"
PULSE, RATINGS, DIAGNOSTIC = "pulse", "ratings", "diagnostic"
# Goals were first called aspirations; the table keeps that name so that files already written
# (and copies of Flourish not yet upgraded) read them without a migration.
GOALS = "aspirations"

TEAM_TABLES = (ACTIONS, CHECKINS, CHALLENGES, REVISIONS, PULSE, RATINGS, DIAGNOSTIC, GOALS)

# The cluster's own work, in the cluster file: its development plan and goals, review
# workshops, partnership journey, governance and aspiring leaders.
CLUSTER_ACTIONS, CLUSTER_GOALS, WORKSHOPS = "cluster_actions", "cluster_goals", "workshops"
JOURNEY, GOVERNANCE, GOVERNANCE_ANSWERS = "journey", "governance", "governance_answers"
LEADERS, LEADER_ACTIVITIES = "leaders", "leader_activities"
CLUSTER_WORK = (
    CLUSTER_ACTIONS,
    CLUSTER_GOALS,
    WORKSHOPS,
    JOURNEY,
    GOVERNANCE,
    GOVERNANCE_ANSWERS,
    LEADERS,
    LEADER_ACTIVITIES,
)
