"""A clamd stand-in on loopback for the tests: it speaks the INSTREAM protocol as ClamAV's daemon
does and finds the EICAR test string (the real daemon needs signature downloads)."""

from __future__ import annotations

import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The antivirus industry's harmless test file: every scanner reports it.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _read(stream: socketserver.StreamRequestHandler, size: int) -> bytes:
    data = stream.rfile.read(size)
    if len(data) != size:
        raise ConnectionError("short read")
    return data


class _Clamd(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        command = b""
        while not command.endswith(b"\0"):
            command += _read(self, 1)
        assert command == b"zINSTREAM\0", command
        received = bytearray()
        chunks = 0
        while True:
            (length,) = struct.unpack("!L", _read(self, 4))
            if length == 0:
                break
            received += _read(self, length)
            chunks += 1
        self.server.streams.append((bytes(received), chunks))  # type: ignore[attr-defined]
        found = EICAR in received
        self.wfile.write(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def fake_clamd() -> Iterator[tuple[str, list[tuple[bytes, int]]]]:
    """A clamd on 127.0.0.1 (a free port): its tcp:// address, and each stream it was sent with
    the number of chunks it came in."""
    server = _Server(("127.0.0.1", 0), _Clamd)
    server.streams = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"tcp://{host}:{port}", server.streams  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> str:
    """A loopback address where nothing listens (clamd down)."""
    server = _Server(("127.0.0.1", 0), _Clamd)
    host, port = server.server_address[:2]
    server.server_close()
    return f"tcp://{host}:{port}"
