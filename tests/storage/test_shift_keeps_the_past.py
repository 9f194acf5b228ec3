"""Shifting a stage that has started never rewrites the past: the stage keeps its start, the
stage before keeps its end, milestones already past stay where they were, and the preview says
which ones."""

from datetime import date, timedelta

from domain.records import Person
from domain.timeline import kept_in_place

STARTED = date(2026, 6, 1)  # stage 2 began on 1 Sep; the clock says 22 Nov 2026


def test_shifting_a_started_stage_moves_only_what_is_to_come(flourish, clock):
    team = flourish.add_team("Oak Primary", start=STARTED, coach=Person(name="Cat"))
    today = flourish.today()
    before = flourish.timeline(team.id)
    stage1, stage2 = before.stages[0], before.stages[1]
    assert stage2.start < today <= stage2.end
    past = [m for m in before.milestones if stage2.start <= m.start < today]
    to_come = [m for m in before.milestones if m.start >= today]
    assert past and to_come  # the case the fix is for

    _, _, revision = flourish.preview_revision(
        team.id, reason="Ofsted", shift_days=28, from_stage=2
    )
    assert kept_in_place(before, revision) == past

    flourish.revise_schedule(team.id, reason="Ofsted", shift_days=28, from_stage=2)
    now = flourish.timeline(team.id)
    assert now.stages[0] == stage1
    assert now.stages[1].start == stage2.start
    assert now.stages[1].end == stage2.end + timedelta(weeks=4)
    moved = {m.key: m.start for m in now.milestones}
    assert all(moved[m.key] == m.start for m in past)
    assert all(moved[m.key] == m.start + timedelta(weeks=4) for m in to_come)


def test_a_stage_still_to_come_moves_whole(flourish):
    team = flourish.add_team("Elm Primary", start=STARTED, coach=Person(name="Cat"))
    before = flourish.timeline(team.id)
    flourish.revise_schedule(team.id, reason="Trust review", shift_days=14, from_stage=3)
    after = flourish.timeline(team.id)
    assert after.stages[2].start == before.stages[2].start + timedelta(weeks=2)
    assert after.stages[1].end == before.stages[1].end + timedelta(weeks=2)
