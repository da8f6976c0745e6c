"""An optional virus scan of a document's bytes by ClamAV's daemon (clamd), when GOODWILL_CLAMD
names one (`tcp://host:port` or `unix:///path/to/clamd.ctl`).

The INSTREAM protocol: "zINSTREAM\\0", the bytes as chunks each prefixed by its length (4 bytes,
big-endian), a zero length to end; clamd answers "stream: OK" or "stream: <name> FOUND", ended
by a NUL. Written here (the PyPI `clamd` package is a 2014 release, and the lock is not changed
for forty lines). clamd's own StreamMaxLength (25 MB by default) must be at least
GOODWILL_DOCUMENT_MAX_BYTES: past it clamd answers an error, read here as "unavailable"."""

from __future__ import annotations

import dataclasses
import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

CHUNK = 256 * 1024
TIMEOUT = 30.0


class ScanUnavailable(Exception):
    """clamd could not be reached, or answered something other than a verdict."""


@dataclasses.dataclass(frozen=True)
class Verdict:
    clean: bool
    virus: str = ""  # clamd's name for what it found ("Eicar-Test-Signature")


def scanner_configured() -> bool:
    return bool(settings.GOODWILL_CLAMD)


def _connect(address: str) -> socket.socket:
    parts = urlsplit(address)
    if parts.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(parts.path)
        except OSError:
            sock.close()
            raise
        return sock
    # goodwill.conf.clamd_url accepted nothing else at start-up.
    return socket.create_connection((parts.hostname or "", parts.port or 3310), timeout=TIMEOUT)


def _read_reply(sock: socket.socket) -> bytes:
    reply = b""
    try:
        while not reply.endswith(b"\0") and len(reply) < 4096:
            received = sock.recv(4096)
            if not received:
                break
            reply += received
    except (ConnectionResetError, BrokenPipeError):
        pass  # what came before the reset is the answer
    return reply


def scan(content: bytes, *, address: str = "") -> Verdict:
    """clamd's verdict on `content`; ScanUnavailable when there is none to be had."""
    address = address or settings.GOODWILL_CLAMD
    view = memoryview(content)
    try:
        with _connect(address) as sock:
            try:
                sock.sendall(b"zINSTREAM\0")
                for start in range(0, len(view), CHUNK):
                    chunk = view[start : start + CHUNK]
                    sock.sendall(struct.pack("!L", len(chunk)))
                    sock.sendall(chunk)
                sock.sendall(struct.pack("!L", 0))
            except (BrokenPipeError, ConnectionResetError) as error:
                # clamd answers and hangs up mid-stream when it will not take more ("INSTREAM
                # size limit exceeded"): its words, if any came, say why better than the pipe.
                reply = _read_reply(sock)
                if not reply:
                    raise ScanUnavailable(f"clamd at {address}: {error}") from error
            else:
                reply = _read_reply(sock)
    except OSError as error:
        raise ScanUnavailable(f"clamd at {address}: {error}") from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer == "stream: OK":
        return Verdict(clean=True)
    if answer.startswith("stream: ") and answer.endswith(" FOUND"):
        return Verdict(clean=False, virus=answer.removeprefix("stream: ").removesuffix(" FOUND"))
    raise ScanUnavailable(f"clamd at {address} answered {answer[:200]!r}")
