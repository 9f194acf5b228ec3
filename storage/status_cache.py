"""Each team's status facts (domain.status.TeamFacts) as the last session worked them out, kept
in one small file beside the workspace's data so that opening a dashboard of 500 teams does not
parse every team file, on any day.

    .status-cache    {"version", "template", "teams": {team id: {"stamp", "facts"}}}

Saved facts are used only while their team file has the same stamp (files are only ever
replaced, so any write, from any process, changes it), their team profile is unchanged, and the
template is the one they were worked out for. They do not depend on the day: each session reads
them on its own day (domain.status.status_on), so the first open of a day parses nothing either.
Anything else is simply worked out again. The file is derived data: it is not backed up, a
damaged or missing one is ignored (never reported), and failing to save it is not an error.
"""

import contextlib
from pathlib import Path

import msgspec

from domain.cluster import Team
from domain.program import ProgramTemplate
from domain.status import TeamFacts
from storage.atomic import atomic_write

# Not *.json and not under teams/: backups, validation and migrations take cluster.json and
# teams/*.json only, and writing here does not change the workspace's fingerprint (the app
# would otherwise reload after every save of the cache).
CACHE_FILE = ".status-cache"
# Bump when TeamFacts or the rules in domain/status.py change: older files are then ignored.
# 1: statuses for one day. 2: facts for any day. 3: with the latest pulse.
VERSION = 3

Stamp = tuple[int, int, int]
# What a team's facts depend on: (team file's stamp, team profile, template).
Key = tuple[Stamp, Team, ProgramTemplate]


class _Entry(msgspec.Struct):
    stamp: Stamp
    facts: TeamFacts


class _CacheFile(msgspec.Struct):
    version: int
    template: ProgramTemplate
    teams: dict[str, _Entry]


def load(root: Path, template: ProgramTemplate) -> dict[str, tuple[Key, TeamFacts]]:
    """The saved facts that still apply to `template`, by team id, each with the key they were
    worked out for; {} when there is no usable file."""
    try:
        cached = msgspec.json.decode((root / CACHE_FILE).read_bytes(), type=_CacheFile)
    except (OSError, ValueError):  # missing, unreadable, damaged or of another shape
        return {}
    if cached.version != VERSION or cached.template != template:
        return {}
    return {
        team_id: ((entry.stamp, entry.facts.team, template), entry.facts)
        for team_id, entry in cached.teams.items()
    }


def save(
    root: Path,
    template: ProgramTemplate,
    facts: dict[str, tuple[Key, TeamFacts]],
) -> None:
    """Save the facts worked out for `template`; others are left out."""
    teams = {
        team_id: _Entry(stamp=key[0], facts=team_facts)
        for team_id, (key, team_facts) in facts.items()
        if key[2] == template
    }
    data = msgspec.json.encode(_CacheFile(VERSION, template, teams))
    # Another process may be saving it too, or removing stale temp files: the cache is only
    # a shortcut, so a failed save just means the next session works the facts out again.
    with contextlib.suppress(OSError):
        atomic_write(root / CACHE_FILE, data)
