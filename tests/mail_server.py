"""A real SMTP server on the loopback interface, for the invitation tests: it keeps what it
accepts, parsed with the standard email package, refuses the recipients it is told to (550),
and takes one password ("right") for AUTH."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Inbox:
    """What the server accepted, and the recipients it refuses (550) while they are listed."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class Passwords:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"right"
        return AuthResult(success=ok, handled=False)


def serve():
    """Start a server; yields its Inbox (with .port) and stops it afterwards."""
    box = Inbox()
    box.port = free_port()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=box.port,
        authenticator=Passwords(),
        auth_require_tls=False,
    )
    controller.start()
    yield box
    controller.stop()


def free_port() -> int:
    with socket.socket() as s:  # the kernel picks one nothing listens on
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
