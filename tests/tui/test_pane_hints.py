"""The key hints under each tab of the team view name the keys that work now: a key the user
remapped in the settings file shows its new name, and the rest stay as they were."""

from pilot_support import open_team, wait_for
from textual.widgets import Static

WIDE = (140, 40)


def hint(screen, tab: str) -> str:
    return str(screen.query_one(f"#{tab}-pane .pane-hint", Static).render())


async def test_a_remapped_key_shows_its_new_name_in_the_hint(open_app, _settings_file):
    _settings_file.write_text(
        'user = "Pat Tester"\n[keys]\n"plan.note" = "ctrl+n"\n"challenge.escalate" = "ctrl+e"\n'
    )

    async with open_app(size=WIDE) as pilot:
        screen = await open_team(pilot, "Millbrook", tab="plan")
        await wait_for(pilot, lambda: "note" in hint(screen, "plan"))

        plan, challenges = hint(screen, "plan"), hint(screen, "challenges")

    assert "ctrl+n note" in plan and "· n note" not in plan
    assert "f filter" in plan and "del delete" in plan
    assert "ctrl+e escalate" in challenges and "r response" in challenges


async def test_without_a_keymap_the_hints_name_the_default_keys(open_app):
    async with open_app(size=WIDE) as pilot:
        screen = await open_team(pilot, "Millbrook", tab="plan")

        hints = {tab: hint(screen, tab) for tab in ("plan", "checkins", "schedule", "where")}

    assert hints["plan"].startswith("Enter details · p d b o x set status · n note")
    assert hints["checkins"].endswith("a logs one · e edits · del deletes · / searches the notes")
    assert "u or del reverts one" in hints["schedule"]
    assert hints["where"].startswith("a add · e edit · d delete · l link an action")
