"""A real SMTP server in a thread (aiosmtpd) that can be up, refusing (550), deferring (451), hanging or down.

Tests point Django's SMTP backend at it; `messages` holds what it accepted, `connections` every session opened.
"""

from __future__ import annotations

import asyncio
import socket
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller

UP, REFUSING, DEFERRING, HANGING, DOWN = "up", "refusing", "deferring", "hanging", "down"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Handler:
    def __init__(self, server: SMTPServer):
        self.server = server

    async def handle_EHLO(self, smtp_server, session, envelope, hostname, responses):
        self.server.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, smtp_server, session, envelope, address, rcpt_options):
        mode = self.server.mode
        if mode == REFUSING or address in self.server.refused_addresses:
            return "550 5.1.1 Mailbox unavailable"
        if mode == DEFERRING:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp_server, session, envelope):
        if self.server.mode == HANGING:
            await asyncio.sleep(self.server.hang_seconds)
            return "451 4.4.2 Timed out"  # never stored: the client gave up long ago
        self.server.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted"


class SMTPServer:
    def __init__(self, hang_seconds: float = 5):
        self.port = free_port()
        self.mode = UP
        self.hang_seconds = hang_seconds
        self.messages: list[Message] = []
        self.refused_addresses: set[str] = set()
        self.connections = 0
        self._controller: Controller | None = None

    def start(self):
        self._controller = Controller(Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        self.mode = UP

    def stop(self):
        """Down: nothing listens on the port any more."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
        self.mode = DOWN

    def set_mode(self, mode: str):
        if mode == DOWN:
            self.stop()
            return
        if self._controller is None:
            self.start()
        self.mode = mode

    def to(self, address: str) -> list[Message]:
        return [message for message in self.messages if address in message["To"]]

    def by_message_id(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for message in self.messages:
            counts[message["Message-ID"]] = counts.get(message["Message-ID"], 0) + 1
        return counts
