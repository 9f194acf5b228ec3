"""Sending a briefing's invitations from the app: say what would go to whom, ask, then send in
a worker (a mail server can take seconds to answer) and say who got theirs and who did not.

Offered from the briefings tab and the briefing's detail (i), and after a move or a
cancellation of a briefing whose attendees were already sent it, so their calendars follow."""

from collections import Counter

from domain.errors import FlourishError
from domain.invitations import Delivery
from domain.text import quoted
from storage.facade import Flourish, InviteReport
from storage.mail import MailSettings
from storage.settings import config_path


def offer(app, briefing_id: str, *, after_change: bool = False) -> None:
    """Ask whether to send what the briefing's attendees are due. `after_change`: offered
    after a move or cancel, so said only when someone holds a copy to update."""
    program: Flourish = app.program
    try:
        report = program.plan_invitations(briefing_id)
        invited_before = bool(program.invitations(briefing_id))
        mail = MailSettings.load()
    except FlourishError as e:
        app.notify(str(e), title="Not sent", severity="error", timeout=8, markup=False)
        return
    if after_change and not invited_before:
        return  # nobody was emailed it: nothing to update
    if not report.plan.deliveries:
        app.notify("Nothing to send: every attendee has the briefing as it stands.", markup=False)
        return
    if mail is None:
        app.notify(
            f"No mail server is set: add a [mail] table to {config_path()} (see README, "
            "Invitations), or use `flourish briefing invite --eml FOLDER`.",
            title="Not sent",
            severity="warning",
            timeout=10,
            markup=False,
        )
        return
    from tui.dialogs.confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            send(app, briefing_id, mail)

    app.push_screen(ConfirmScreen(question(report), yes="Send", no="Not now"), answered)


def question(report: InviteReport) -> str:
    """ "Send updates to 6 attendees of 'Term review'?" or the mix of what would go."""
    deliveries = report.plan.deliveries
    title = quoted(report.briefing.title)
    kinds = Counter(d.describe() for d in deliveries)
    if len(kinds) == 1:
        kind = next(iter(kinds))
        noun = {"invitation": "invitations", "update": "updates", "cancellation": "cancellations"}
        return f"Send {noun[kind]} to {_people(len(deliveries))} of {title}?\n{_names(deliveries)}"
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items())]
    return f"Send {', '.join(parts)} for {title}?\n{_names(deliveries)}"


def send(app, briefing_id: str, mail: MailSettings) -> None:
    app.notify("Sending invitations…", timeout=3, markup=False)

    def run() -> None:
        # A facade of its own: the worker must not share the screens' file handles.
        program = Flourish.open(app.root, app.clock, app.program.user)
        try:
            report = program.send_invitations(briefing_id, mail=mail)
        except FlourishError as e:
            app.call_from_thread(
                app.notify, str(e), title="Not sent", severity="error", timeout=8, markup=False
            )
            return
        app.call_from_thread(_sent, app, report)

    app.run_worker(run, thread=True, group="invite")


def _sent(app, report: InviteReport) -> None:
    total = len(report.plan.deliveries)
    said = f"Sent {len(report.sent)} of {total} for {quoted(report.briefing.title)}."
    if report.failed:
        missed = "; ".join(f"{d.person.name} ({why})" for d, why in report.failed)
        said += f"\nNot sent: {missed}.\nPress i on the briefing to send to those missed."
    app.notify(
        said,
        severity="warning" if report.failed else "information",
        timeout=12 if report.failed else 5,
        markup=False,
    )
    app.data_changed(saved_here=False)  # the detail shows who now holds which version


def _people(n: int) -> str:
    return f"{n} attendee{'s' if n != 1 else ''}"


def _names(deliveries: list[Delivery]) -> str:
    names = [d.person.name for d in deliveries]
    return ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
