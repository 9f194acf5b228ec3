"""The command groups, one module each; every module declares its commands' arguments beside
their handlers in a `register(top)` function. The parser adds them in this order, which is the
order `flourish --help` lists them in."""

from cli.commands import (
    action,
    agenda,
    assess,
    briefing,
    challenge,
    checkin,
    cluster,
    export,
    history,
    pulse,
    schedule,
    search,
    share,
    team,
    workspace,
)

GROUPS = (
    workspace,
    agenda,
    search,
    team,
    checkin,
    action,
    challenge,
    schedule,
    briefing,
    export,
    pulse,
    assess,
    cluster,
    history,
    share,
)
