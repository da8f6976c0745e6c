"""A real IMAP server for the tests: Debian's Dovecot on a free loopback port, with a temporary
config (one passwd-file user, maildir in a temporary directory), plain or TLS with a self-signed
certificate. Messages are put in with IMAP APPEND, as any mail server would deliver them."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from imapclient import IMAPClient

DOVECOT = Path("/usr/sbin/dovecot")
USER, PASSWORD = "care", "imap-secret"


def require_dovecot() -> None:
    if not DOVECOT.exists():
        reason = "/usr/sbin/dovecot is missing: scripts/test installs dovecot-imapd (as root)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Dovecot:
    def __init__(self, *, tls: bool = False, starttls: bool = False) -> None:
        """tls: IMAPS (TLS from the first byte); starttls: plain port where STARTTLS is required."""
        require_dovecot()
        self.tls, self.starttls = tls, starttls
        self.root = Path(tempfile.mkdtemp(prefix="gw-dovecot-"))
        self.root.chmod(0o755)
        self.port = _free_port()
        self.conf = self.root / "dovecot.conf"
        self.cert = self.root / "cert.pem"
        (self.root / "mail").mkdir(mode=0o777)
        (self.root / "mail").chmod(0o777)  # the mail user may be another uid than ours (see _uid)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        if tls or starttls:
            subprocess.run(  # noqa: S603  (our own programs, fixed arguments)
                [  # noqa: S607  (the system openssl)
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout",
                    str(self.root / "key.pem"),
                    "-out",
                    str(self.cert),
                ],
                check=True,
                capture_output=True,
            )
        self.conf.write_text(self._config())
        # Not captured: the daemon keeps its inherited pipes open, and run() would wait for their
        # end.
        subprocess.run(  # noqa: S603  (our own programs, fixed arguments)
            [str(DOVECOT), "-c", str(self.conf)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"dovecot did not start: {self.log()}") from None
                time.sleep(0.05)

    @staticmethod
    def _uid() -> tuple[int, int]:
        # Dovecot refuses to access mail as root; as root the mail belongs to nobody.
        return (os.getuid(), os.getgid()) if os.getuid() != 0 else (65534, 65534)

    def _config(self) -> str:
        uid, gid = self._uid()
        root = self.root
        if self.starttls:
            ssl_conf = f"ssl = required\nssl_cert = <{self.cert}\nssl_key = <{root / 'key.pem'}\n"
            listeners = (
                f"inet_listener imap {{\n address = 127.0.0.1\n port = {self.port}\n }}\n"
                f" inet_listener imaps {{\n port = 0\n }}"
            )
        elif self.tls:
            ssl_conf = f"ssl = required\nssl_cert = <{self.cert}\nssl_key = <{root / 'key.pem'}\n"
            listeners = (
                f"inet_listener imap {{\n port = 0\n }}\n"
                f" inet_listener imaps {{\n address = 127.0.0.1\n port = {self.port}\n"
                f" ssl = yes\n }}"
            )
        else:
            ssl_conf = "ssl = no\n"
            listeners = (
                f"inet_listener imap {{\n address = 127.0.0.1\n port = {self.port}\n }}\n"
                f" inet_listener imaps {{\n port = 0\n }}"
            )
        return f"""protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
{ssl_conf}disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
 {listeners}
}}
"""

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))

    def client(self) -> IMAPClient:
        conn = IMAPClient(
            "127.0.0.1",
            port=self.port,
            ssl=self.tls,
            ssl_context=self.ssl_context() if self.tls else None,
            timeout=30,
        )
        if self.starttls:
            conn.starttls(self.ssl_context())
        conn.login(USER, PASSWORD)
        return conn

    def append(self, messages: Iterable[bytes]) -> int:
        """Deliver the messages (APPEND raises on a refusal); returns how many."""
        count = 0
        with self.client() as conn:
            for raw in messages:
                conn.append("INBOX", raw)
                count += 1
        return count

    def seen_count(self) -> int:
        with self.client() as conn:
            conn.select_folder("INBOX", readonly=True)
            return len(conn.search(["SEEN"]))

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            # The master is a daemon, not our child: ask it to stop, wait, then insist, so no
            # server outlives the test (it would keep its port and its processes).
            for sig, wait in ((signal.SIGTERM, 1.5), (signal.SIGKILL, 1.0)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
                deadline = time.monotonic() + wait
                while time.monotonic() < deadline and _alive(pid):
                    time.sleep(0.05)
                if not _alive(pid):
                    break
        shutil.rmtree(self.root, ignore_errors=True)
