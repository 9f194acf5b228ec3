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
    governance,
    history,
    journey,
    leaders,
    pulse,
    schedule,
    search,
    share,
    team,
    workshop,
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
    workshop,
    journey,
    governance,
    leaders,
    history,
    share,
)
