"""The timeline bar: column mapping, what each row shows, fitting the width, literal text."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from textual.app import App, ComposeResult
from textual.geometry import Region

from domain.program import DEFAULT_TEMPLATE
from domain.timeline import ScheduleRevision, build_timeline
from tui.widgets.timeline import REVISED_STYLE, TimelineBar, column, timeline_lines

START = date(2026, 9, 1)
TODAY = date(2026, 11, 22)
AT = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
PLAN = build_timeline(START, DEFAULT_TEMPLATE)
WIDTHS = [76, 196]


def revision(**fields) -> ScheduleRevision:
    return ScheduleRevision(created_at=AT, updated_at=AT, team_id="team-1", reason="test", **fields)


def rows(timeline=PLAN, today=TODAY, width=76) -> list[str]:
    return [line.plain for line in timeline_lines(timeline, today, width)]


def with_names(stage_names=None, milestone_title=None):
    """The default program with some stage names or every milestone title replaced."""
    template = DEFAULT_TEMPLATE
    if stage_names:
        stages = tuple(
            replace(s, name=n) for s, n in zip(template.stages, stage_names, strict=True)
        )
        template = replace(template, stages=stages)
    if milestone_title:
        milestones = tuple(replace(m, title=milestone_title) for m in template.milestones)
        template = replace(template, milestones=milestones)
    return build_timeline(START, template)


# --- column ---------------------------------------------------------------------------------

days = st.integers(min_value=1, max_value=800)
widths = st.integers(min_value=1, max_value=400)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(starts, days, widths)
def test_column_maps_start_to_zero_and_end_to_the_last_column(start, span, width):
    end = start + timedelta(days=span)
    assert column(start, start, end, width) == 0
    assert column(end, start, end, width) == width - 1


@given(starts, days, widths, st.integers(-100, 900), st.integers(-100, 900))
def test_column_is_monotonic_and_clamped(start, span, width, a, b):
    end = start + timedelta(days=span)
    first, second = sorted([start + timedelta(days=a), start + timedelta(days=b)])
    assert 0 <= column(first, start, end, width) <= column(second, start, end, width) <= width - 1


# --- fitting the width ----------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("today", [date(2026, 1, 1), TODAY, date(2027, 8, 30), date(2028, 1, 1)])
def test_every_line_is_exactly_the_width(width, today):
    lines = timeline_lines(PLAN, today, width)
    assert len(lines) == 5
    assert [line.cell_len for line in lines] == [width] * 5
    assert all("\n" not in line.plain for line in lines)


@given(
    width=st.integers(min_value=1, max_value=250),
    today=st.dates(min_value=date(2026, 6, 1), max_value=date(2028, 1, 1)),
    shift=st.integers(min_value=-20, max_value=120),
    names=st.lists(st.text(max_size=40), min_size=3, max_size=3),
)
def test_any_width_date_revision_and_name_fits_on_five_lines(width, today, shift, names):
    template = replace(
        DEFAULT_TEMPLATE,
        stages=tuple(
            replace(s, name=n) for s, n in zip(DEFAULT_TEMPLATE.stages, names, strict=True)
        ),
    )
    timeline = build_timeline(START, template, [revision(shift_days=shift, from_stage=2)])
    lines = timeline_lines(timeline, today, width)
    assert [line.cell_len for line in lines] == [width] * 5
    assert all("\n" not in line.plain for line in lines)


# --- what the rows show ---------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_bands_are_numbered_and_start_at_their_stage_columns(width):
    band = rows(width=width)[0]
    assert band.startswith(" 1 Establish")
    for stage in PLAN.stages[1:]:
        col = column(stage.start, PLAN.start, PLAN.end, width)
        assert band[col : col + 2] == f" {stage.number}"


def test_bands_are_coloured_differently():
    band = timeline_lines(PLAN, TODAY, 76)[0]
    styles = {str(span.style) for span in band.spans}
    assert len(styles) == 3


@pytest.mark.parametrize("width", WIDTHS)
def test_month_ticks_sit_where_each_month_starts(width):
    months = rows(width=width)[1]
    assert months.startswith("1 ")
    twelfth = column(START + relativedelta(months=11), PLAN.start, PLAN.end, width)
    assert months[twelfth : twelfth + 2] == "12"
    assert months.split()[0] == "1" and months.split()[-1] == "12"


@pytest.mark.parametrize("width", WIDTHS)
def test_today_marker_is_at_todays_column(width):
    today_row = rows(width=width)[3]
    assert today_row.index("▲") == column(TODAY, PLAN.start, PLAN.end, width)
    assert "today 22 Nov" in today_row


def test_today_marker_near_the_end_puts_its_label_on_the_left():
    today = date(2027, 8, 30)
    today_row = rows(today=today)[3]
    assert today_row.index("▲") == column(today, PLAN.start, PLAN.end, 76)
    assert today_row.rstrip().endswith("today 30 Aug ▲")


def test_before_the_start_and_after_the_end_the_edges_say_so():
    assert rows(today=date(2026, 8, 1))[3].startswith("◀ starts 1 Sep 2026")
    finished = rows(today=date(2027, 9, 30))[3]
    assert finished.endswith("finished 31 Aug 2027 ▶")
    assert rows(today=date(2027, 9, 30))[4].startswith("No milestones ahead")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_revised_milestone_is_drawn_with_the_revised_mark(width):
    timeline = build_timeline(
        START, DEFAULT_TEMPLATE, [revision(milestone_key="mid-workshop", move_to=date(2027, 3, 15))]
    )
    line = timeline_lines(timeline, TODAY, width)[2]
    moved = column(date(2027, 3, 15), timeline.start, timeline.end, width)
    kept = column(timeline.milestone("foundations").start, timeline.start, timeline.end, width)
    assert line.plain[moved] == "◇"
    assert line.get_style_at_offset(Console(), moved) == Console().get_style(REVISED_STYLE)
    assert line.plain[kept] == "◆"


def test_a_revised_stage_is_marked_in_its_label():
    timeline = build_timeline(START, DEFAULT_TEMPLATE, [revision(shift_days=28, from_stage=3)])
    assert "2 Drive for results (revised)" in rows(timeline, width=196)[0]
    assert " 3* Coach" in rows(timeline, width=76)[0]
    assert "revised" not in rows(width=196)[0] and "*" not in rows(width=76)[0]


def test_next_milestone_names_the_original_date_when_revised():
    timeline = build_timeline(
        START, DEFAULT_TEMPLATE, [revision(milestone_key="mid-workshop", move_to=date(2027, 3, 15))]
    )
    line = rows(timeline, today=date(2027, 3, 2), width=196)[4]
    assert line.startswith(
        "Next: Mid-program workshop and case presentations · 15 Mar 2027 (revised from 1 Mar)"
    )


def test_a_long_next_title_is_shortened_but_keeps_its_date():
    line = rows(with_names(milestone_title="A very long milestone title " * 4), width=76)[4]
    assert line.startswith("Next: A very long")
    assert "…" in line
    assert line.rstrip().endswith("· 23 Nov 2026")


# --- user text is data, never markup ---------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_markup_in_stage_names_and_titles_renders_literally(width):
    timeline = with_names(
        stage_names=("[bold]x[/]", "Drive for results", "Coach"), milestone_title="[red]boom[/]"
    )
    band, *_, next_line = rows(timeline, width=width)
    assert " 1 [bold]x[/]" in band
    assert "Next: [red]boom[/]" in next_line


# --- the widget in an app -------------------------------------------------------------------


class TimelineApp(App):
    CSS = "TimelineBar { width: 76; }"

    def __init__(self, timeline=None, today=None) -> None:
        super().__init__()
        self.bar = TimelineBar(timeline, today, id="timeline")

    def compose(self) -> ComposeResult:
        yield self.bar


def screen_text(bar: TimelineBar) -> list[str]:
    """The widget's lines as Textual draws them on screen."""
    return [strip.text for strip in bar.render_lines(Region(0, 0, *bar.size))]


async def test_widget_renders_five_lines_at_its_width():
    app = TimelineApp(PLAN, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.bar.size == (76, 5)
        lines = screen_text(app.bar)
        assert len(lines) == 5
        assert lines[0].startswith(" 1 Establish")
        assert lines[3].index("▲") == column(TODAY, PLAN.start, PLAN.end, 76)


async def test_show_updates_an_empty_widget():
    app = TimelineApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_text(app.bar)[0].startswith("No timeline yet")
        timeline = with_names(stage_names=("[bold]x[/]", "Drive", "Coach"))
        app.bar.show(timeline, TODAY)
        await pilot.pause()
        assert screen_text(app.bar)[0].startswith(" 1 [bold]x[/]")
