"""An SMTP server for tests (aiosmtpd) on a free loopback port, keeping what it receives.

`replies` scripts its answers to DATA: each message pops the next code ("451 …", "550 …");
when empty it accepts with 250. Used by the SMTP tests and the worker reliability test.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Sink:
    port: int = 0
    replies: list[str] = field(default_factory=list)
    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?tls=none"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            raw = [data for _, data in self.received]
        return [email.message_from_bytes(data, policy=email.policy.default) for data in raw]  # type: ignore[misc]

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            self.received.append(
                (list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content))
            )
        return "250 Message accepted for delivery"


@contextmanager
def smtp_sink() -> Iterator[Sink]:
    sink = Sink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
