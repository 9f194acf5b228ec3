"""The chair's settings in the app: "Settings" in the palette opens one form; a wrong value is
refused under its field with nothing saved, and saving sends only what was changed, so another
window's change to a setting left alone is kept. The diagnostic questionnaire is edited as
text, and a question someone answered cannot be removed."""

from pilot_support import error, palette, wait_for, wait_for_screen
from textual.widgets import Input, TextArea

from domain.questionnaire import questionnaire_text
from domain.records import Person
from tui.dialogs.questionnaire import QuestionnaireForm
from tui.dialogs.settings import SettingsForm


async def test_settings_from_the_palette_change_what_was_typed_and_keep_the_rest(open_app):
    async with open_app(size=(120, 40)) as pilot:
        program = pilot.app.program
        before = program.cluster()
        await palette(pilot, "settings")
        await wait_for_screen(pilot, SettingsForm)
        form = pilot.app.screen
        assert form.query_one("#cadence", Input).value == str(before.template.checkin_cadence_weeks)

        # Meanwhile, another window changes the stakeholders.
        program.update_cluster(
            stakeholders=[*before.stakeholders, Person(name="Ola Nowak", email="ola@la.gov")]
        )
        form.query_one("#cadence", Input).value = "3"
        form.query_one("#response-days", Input).value = "7"
        dims = form.query_one("#dimensions", TextArea)
        dims.text = dims.text + "\nbelonging=A sense of belonging"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, SettingsForm))

        after = program.cluster()
        assert after.template.checkin_cadence_weeks == 3
        assert after.response_days == 7
        assert after.template.pulse_dimensions[-1].label == "A sense of belonging"
        assert "Ola Nowak" in [p.name for p in after.stakeholders]  # not undone by the form
        assert after.template.conditions == before.template.conditions


async def test_a_wrong_value_is_refused_under_its_field_and_nothing_is_saved(open_app):
    async with open_app(size=(120, 40)) as pilot:
        program = pilot.app.program
        before = program.cluster()
        pilot.app.action_settings()
        await wait_for_screen(pilot, SettingsForm)
        form = pilot.app.screen

        form.query_one("#cadence", Input).value = "40"
        form.query_one("#response-days", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "between 1 and 26 weeks" in error(form, "cadence")
        assert isinstance(pilot.app.screen, SettingsForm)

        form.query_one("#cadence", Input).value = "4"
        form.query_one("#conditions", TextArea).text = "vision=Vision\nVision twice"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "conditions").startswith("Line 2:")

        form.query_one("#conditions", TextArea).text = "vision=Vision\nvision=Twice"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "same key" in error(form, "conditions")
        assert program.cluster() == before


async def test_the_stakeholders_entry_opens_on_the_stakeholders(open_app):
    async with open_app(size=(120, 40)) as pilot:
        await palette(pilot, "executive stakeholders")
        await wait_for_screen(pilot, SettingsForm)
        form = pilot.app.screen
        assert pilot.app.focused is form.query_one("#stakeholders", TextArea)
        area = form.query_one("#stakeholders", TextArea)
        lines = len(area.text.splitlines())
        area.text = area.text + "\nOla Nowak, ola@la.gov, o.nowak@la.gov"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "stakeholders").startswith(f"Line {lines + 1}: ")
        assert "more than one email address" in error(form, "stakeholders")


async def test_the_questionnaire_is_reworded_in_the_app_and_a_removal_of_answers_refused(
    open_app,
):
    async with open_app(size=(100, 30)) as pilot:
        program = pilot.app.program
        await palette(pilot, "diagnostic questionnaire")
        await wait_for_screen(pilot, QuestionnaireForm)
        form = pilot.app.screen
        area = form.query_one("#questions", TextArea)
        answered = sorted({k for r in program.diagnostic_responses() for k in r.answers})
        assert answered, "the demo has diagnostic answers"
        first = answered[0]
        line = next(x for x in area.text.splitlines() if x.strip().startswith(first + " "))

        area.text = area.text.replace(line + "\n", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"Question {first} has answers" in error(form, "questions")

        area.text = questionnaire_text(program.questionnaire()).replace(
            line, f"  {first} Reworded in the app"
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, QuestionnaireForm))
        texts = {q.key: q.text for s in program.questionnaire() for q in s.questions}
        assert texts[first] == "Reworded in the app"
