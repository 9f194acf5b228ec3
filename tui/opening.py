"""Opening the record a line of a cross-team list names (the week, search): an action or a
briefing in full, a challenge on its own screen, anything else on its team's view, on the
tab that shows it."""

from textual.app import App

# The team view's tab for each kind of line that opens there.
TAB = {
    "check-in": "checkins",
    "milestone": "schedule",
    "workshop": "schedule",
    "goal": "where",
}
# The Cluster view's tab for the cluster's own records that open there.
CLUSTER_TABS = {"cluster goal": "cgoals", "journey step": "journey", "aspiring leader": "leaders"}


def open_record(app: App, kind: str, ref: str, team_id: str | None) -> None:
    program = app.program  # type: ignore[attr-defined]
    if kind == "action":
        from tui.dialogs.action import ActionDetail

        app.push_screen(ActionDetail(program, program.action(ref)))
    elif kind == "briefing":
        from tui.dialogs.briefing import BriefingDetail

        app.push_screen(BriefingDetail(program, program.briefing(ref)))
    elif kind == "cluster action":
        from tui.dialogs.cluster_plan import ClusterActionDetail

        app.push_screen(ClusterActionDetail(program, ref))
    elif kind in CLUSTER_TABS:
        app.action_cluster(CLUSTER_TABS[kind])  # type: ignore[attr-defined]
        if kind == "aspiring leader":
            from tui.dialogs.leaders import LeaderDetail

            app.push_screen(LeaderDetail(program, ref))
    elif kind == "workshop" and team_id is None and ref:  # a cluster review workshop
        from tui.dialogs.workshop import WorkshopDetail

        app.push_screen(WorkshopDetail(program, ref))
    elif kind == "challenge":
        from tui.screens.challenge import ChallengeScreen

        app.push_screen(ChallengeScreen(ref))
    elif team_id:
        app.action_open_team(team_id, TAB.get(kind))  # type: ignore[attr-defined]
