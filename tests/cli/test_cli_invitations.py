"""`flourish briefing invite`: invitations by email (iTIP) that keep every attendee's calendar
in step with the briefing. A real SMTP server runs on the loopback interface; what it received
is read back with the standard email package and icalendar, as a mail client would."""

import email
import email.policy
from datetime import datetime
from pathlib import Path

import pytest
from cli_support import ok, ok_json, one_line_error
from icalendar import Calendar

from storage.facade import Flourish
from tests.mail_server import free_port

ATTENDEES = [
    "Ann Able, Headteacher, ann@hillside.example",
    "Lee Lane, Line manager, lee@trust.example",
    "Øyvind Ørsted, Governor, oyvind@school.example",
]


def mail_config(tmp_path: Path, port: int, username: str = "") -> dict[str, str]:
    config = tmp_path / "config.toml"
    user = f'username = "{username}"\n' if username else ""
    config.write_text(
        f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n{user}'
        'from = "chair@example.org"\n'
    )
    return {"FLOURISH_CONFIG": str(config)}


@pytest.fixture
def mail(inbox, tmp_path):
    return mail_config(tmp_path, inbox.port)


@pytest.fixture
def briefing(fl) -> str:
    attendees = [a for spec in ATTENDEES for a in ("--attendee", spec)]
    made = ok(
        fl(
            "briefing", "add", "--title", "Term review: \"where we are\"",
            "--start", "2026-12-10 15:30", "--location", "Room 4; the library",
            "--agenda", "1. Progress\n2. Challenges", *attendees,
            "--attendee", "Chris Chair, chair@example.org",  # the organizer: not emailed
        )
    )  # fmt: skip
    return ok_json(fl("briefing", "list", "--json"))[0]["id"] if made else ""


def invite(fl, ref, mail, *extra):
    return fl("briefing", "invite", ref, *extra, env_extra=mail)


def calendar_part(message) -> tuple[str, Calendar]:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0].get_param("method"), Calendar.from_ical(parts[0].get_content())


def the_event(cal: Calendar):
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_each_attendee_gets_an_invitation_their_mail_client_understands(fl, briefing, inbox, mail):
    said = ok(invite(fl, briefing, mail)).stdout

    assert "Sent 3 of 3" in said
    assert sorted(str(m["To"]) for m in inbox.messages) == [
        "Ann Able <ann@hillside.example>",
        "Lee Lane <lee@trust.example>",
        "Øyvind Ørsted <oyvind@school.example>",
    ]
    message = inbox.to("ann@hillside.example")[0]
    assert message["Subject"] == (
        'Invitation: Term review: "where we are" @ Thu 10 Dec 2026, 15:30-16:15 (Europe/London)'
    )
    assert "chair@example.org" in str(message["From"])
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Room 4; the library" in text and "1. Progress\n2. Challenges" in text
    method, cal = calendar_part(message)
    assert method == "REQUEST" and str(cal["method"]) == "REQUEST"
    event = the_event(cal)
    assert str(event["uid"]) == f"{briefing}@flourish"
    assert str(event["summary"]) == 'Term review: "where we are"'
    assert str(event["location"]) == "Room 4; the library"
    assert str(event["organizer"]).lower() == "mailto:chair@example.org"
    attendees = {str(a).lower().removeprefix("mailto:") for a in event["attendee"]}
    assert {"ann@hillside.example", "lee@trust.example", "oyvind@school.example"} <= attendees
    assert event.decoded("dtstart") == datetime.fromisoformat("2026-12-10T15:30:00+00:00")
    assert event["sequence"] == 0

    shown = ok_json(fl("briefing", "show", briefing, "--json"))["invitations"]
    assert {(i["email"], i["sequence"], i["method"]) for i in shown} == {
        ("ann@hillside.example", 0, "REQUEST"),
        ("lee@trust.example", 0, "REQUEST"),
        ("oyvind@school.example", 0, "REQUEST"),
    }


def test_inviting_again_sends_nothing_new(fl, briefing, inbox, mail):
    ok(invite(fl, briefing, mail))
    said = ok(invite(fl, briefing, mail)).stdout
    assert said.startswith("Nothing to send") and len(inbox.messages) == 3


def test_a_move_sends_an_update_with_the_same_uid_and_a_higher_sequence(fl, briefing, inbox, mail):
    ok(invite(fl, briefing, mail))
    ok(fl("briefing", "move", briefing, "--start", "2026-12-11 16:00"))

    said = ok(invite(fl, briefing, mail)).stdout

    assert "update" in said
    first, update = inbox.to("lee@trust.example")
    assert update["Subject"].startswith("Updated invitation:")
    before, after = the_event(calendar_part(first)[1]), the_event(calendar_part(update)[1])
    assert str(after["uid"]) == str(before["uid"])
    assert after["sequence"] > before["sequence"]
    assert after.decoded("dtstart") == datetime.fromisoformat("2026-12-11T16:00:00+00:00")


def test_a_cancellation_reaches_everyone_invited_as_method_cancel(fl, briefing, inbox, mail):
    ok(invite(fl, briefing, mail))
    ok(fl("briefing", "cancel", briefing, "--reason", "Snow"))

    ok(invite(fl, briefing, mail))

    cancels = inbox.messages[3:]
    assert len(cancels) == 3
    for message in cancels:
        method, cal = calendar_part(message)
        event = the_event(cal)
        assert method == "CANCEL" and str(cal["method"]) == "CANCEL"
        assert str(event["status"]) == "CANCELLED" and event["sequence"] >= 1
        assert message["Subject"].startswith("Cancelled:")


def test_someone_taken_off_the_briefing_is_sent_a_cancellation_for_their_copy(
    fl, briefing, inbox, mail, workspace
):
    ok(invite(fl, briefing, mail))
    program = Flourish.open(workspace)
    kept = [p for p in program.briefing(briefing).attendees if "lee@" not in p.email]
    program.update_briefing(briefing, attendees=kept)

    said = ok(invite(fl, briefing, mail)).stdout

    removed = inbox.to("lee@trust.example")[-1]
    method, cal = calendar_part(removed)
    event = the_event(cal)
    assert method == "CANCEL"
    assert [str(a).lower() for a in [event["attendee"]]] == ["mailto:lee@trust.example"]
    assert "no longer invited" in removed.get_body(("plain",)).get_content()
    # The others hold an older copy (the attendee list changed): they get an update.
    assert "cancellation  Lee Lane" in said and said.count("update") == 2


def test_a_refused_recipient_is_named_and_a_retry_sends_only_to_them(fl, briefing, inbox, mail):
    inbox.refuse.add("lee@trust.example")

    failed = invite(fl, briefing, mail)

    assert failed.returncode == 4
    assert "Sent 2 of 3" in failed.stdout
    assert "NOT SENT      Lee Lane <lee@trust.example>: refused by the server (550" in failed.stdout
    assert "again to send only to those not sent" in failed.stdout
    inbox.refuse.clear()
    retried = ok(invite(fl, briefing, mail)).stdout
    assert "Sent 1 of 1" in retried and "Lee Lane" in retried
    assert [str(m["To"]).split("<")[1] for m in inbox.messages].count("lee@trust.example>") == 1
    assert len(inbox.messages) == 3


def test_a_server_that_cannot_be_reached_sends_nothing_and_records_nothing(fl, briefing, tmp_path):
    config = mail_config(tmp_path, free_port())

    failed = invite(fl, briefing, config)

    assert failed.returncode == 4
    assert "Sent 0 of 3" in failed.stdout and "refused the connection" in failed.stdout
    shown = ok_json(fl("briefing", "show", briefing, "--json"))
    assert shown["invitations"] == []


def test_a_wrong_password_is_said_plainly(fl, briefing, inbox, tmp_path):
    config = mail_config(tmp_path, inbox.port, username="chair@example.org")

    wrong = invite(fl, briefing, {**config, "FLOURISH_SMTP_PASSWORD": "wrong"})
    assert wrong.returncode == 4 and "refused the username or password" in wrong.stdout
    assert inbox.messages == []

    ok(invite(fl, briefing, {**config, "FLOURISH_SMTP_PASSWORD": "right"}))
    assert len(inbox.messages) == 3


def test_without_mail_settings_it_says_what_to_do_in_one_line(fl, briefing, tmp_path):
    config = tmp_path / "empty.toml"
    config.write_text("")
    line = one_line_error(invite(fl, briefing, {"FLOURISH_CONFIG": str(config)}))
    assert "No mail server is set" in line and "--eml" in line


def test_eml_files_are_written_for_a_mail_client_and_count_as_sent(fl, briefing, tmp_path, mail):
    folder = tmp_path / "outbox"
    folder.mkdir()

    said = ok(invite(fl, briefing, {}, "--eml", str(folder))).stdout

    files = sorted(folder.glob("*.eml"))
    assert len(files) == 3 and "as files in" in said
    message = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    method, cal = calendar_part(message)
    assert method == "REQUEST" and str(the_event(cal)["uid"]) == f"{briefing}@flourish"
    assert ok(invite(fl, briefing, {}, "--eml", str(folder))).stdout.startswith("Nothing")


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(fl, briefing, inbox, mail):
    said = ok(invite(fl, briefing, mail, "--dry-run")).stdout
    assert said.startswith("Would send for") and said.count("invitation") == 3
    assert inbox.messages == []
    assert ok_json(fl("briefing", "show", briefing, "--json"))["invitations"] == []


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ('[mail]\nhost = "x"\nsecurity = "tls"\nfrom = "a@b.c"\n', "starttls, ssl or none"),
        ('[mail]\nsecurity = "ssl"\nfrom = "a@b.c"\n', "needs host"),
        ('[mail]\nhost = "x"\nport = "many"\nfrom = "a@b.c"\n', "port must be a number"),
        ('[mail]\nhost = "x"\n', "needs from"),
        ("[mail\n", "Cannot read the settings file"),
    ],
)
def test_wrong_mail_settings_are_one_line_and_send_nothing(fl, briefing, tmp_path, config, said):
    path = tmp_path / "bad.toml"
    path.write_text(config)
    line = one_line_error(invite(fl, briefing, {"FLOURISH_CONFIG": str(path)}))
    assert said in line
    assert ok_json(fl("briefing", "show", briefing, "--json"))["invitations"] == []


def test_an_eml_folder_that_does_not_exist_is_one_line(fl, briefing, tmp_path):
    line = one_line_error(invite(fl, briefing, {}, "--eml", str(tmp_path / "nowhere")))
    assert "is not a folder" in line
