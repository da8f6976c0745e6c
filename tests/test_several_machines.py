"""Issue 16's several machines, on loopback: two web servers (gunicorn with the project's
config, two processes each) and two workers (`run_worker`) on one PostgreSQL database, one Redis
queue and one shared data directory, as docs/deployment.md sets them up on several hosts.

A mail provider posts client e-mails to both web servers (POST /api/mail/inbound). Each web
server keeps the raw file in the shared data directory and queues its processing on Redis; the
workers take the tasks, open a client and a case for each sender, and send the acknowledgement
to an SMTP server on loopback; after each case's commit, the owner is told (a reaction, queued).
One worker is killed with SIGKILL mid-way and not replaced: what it held comes back to the
survivor (a task it had taken when its lease in the queue runs out, goodwill.queue; a stored mail
through the sweep of stored mail; a message it was sending when the message's lease runs out).

What must hold: every mail made exactly one client, one case, one of each timeline entry, one
notification to the owner and one acknowledgement row, sent; nothing is left in the queue.

SMTP has no idempotency key (see goodwill/channels/outbox/tests/test_workers_reliability.py):
a worker killed after the server's 250 and before its UPDATE … status='sent' commits leaves that
message to be sent again with the same Message-ID. So the SMTP server may see at most one extra
copy per sending thread of the killed worker (its sweep thread and its QUEUE_THREADS queue
threads), and never a message the database does not hold. The test prints what it saw.
"""

from __future__ import annotations

import collections
import email.parser
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from goodwill.cases.models import Case
from goodwill.channels.email.models import InboundMessage
from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.tests.smtp_sink import Sink, free_port, smtp_sink
from goodwill.clients.models import Client
from goodwill.conf import queue_from_url
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry

MAILS = 120
QUEUE_THREADS = 2  # per worker; with its sweep thread, 3 threads may be sending at the kill
REDIS_DB = 12
TOKEN = "several-machines-inbound-token"
# One of each per mail, and nothing else.
KINDS = ("client_created", "case_opened", "message_in", "message_out")


@dataclass
class Fleet:
    """The processes of the set-up, each in its own process group (gunicorn's master and its
    children die together), all stopped by the fixture whatever the test did."""

    env: dict[str, str]
    log: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def _start(self, *command: str, **extra: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(  # noqa: S603  (our own programs, fixed arguments)
            [sys.executable, *command],
            cwd=settings.BASE_DIR,
            env={**self.env, **extra},
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def web(self, port: int) -> subprocess.Popen[bytes]:
        return self._start(
            "-m",
            "gunicorn",
            "-c",
            "python:goodwill.gunicorn_conf",
            "goodwill.wsgi",
            HOST="127.0.0.1",
            PORT=str(port),
            GOODWILL_WEB_WORKERS="2",
            GOODWILL_WEB_THREADS="2",
        )

    def worker(self) -> subprocess.Popen[bytes]:
        return self._start(
            str(settings.BASE_DIR / "manage.py"),
            "run_worker",
            "--interval",
            "0.2",
            "--queue-threads",
            str(QUEUE_THREADS),
        )

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.fixture
def database_url(transactional_db: None) -> str:
    """The test database, committed to and readable by other processes (PostgreSQL only: the
    embedded SQLite takes one writer at a time and is no set-up for several machines)."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://…): the processes share its database"
        )
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def redis_queue() -> Iterator[str]:
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("needs Redis at 127.0.0.1:6379: the processes share its queue")
    client.flushdb()
    yield f"redis://127.0.0.1:6379/{REDIS_DB}"
    client.flushdb()


@pytest.fixture
def sink() -> Iterator[Sink]:
    with smtp_sink() as server:
        yield server


@pytest.fixture
def fleet(
    database_url: str, redis_queue: str, sink: Sink, tmp_path: Path, care_centre: Site, agent: User
) -> Iterator[Fleet]:
    """Every process reads the same settings, as every host would from its env file."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}  # real queue, real hooks
    env.update(
        {
            "DATABASE_URL": database_url,
            "GOODWILL_QUEUE_URL": redis_queue,
            "GOODWILL_DATA_DIR": str(tmp_path / "shared"),  # the shared mount
            "GOODWILL_SECRET_KEY": "several-machines-" + "x" * 40,
            "GOODWILL_MAIL_INBOUND_TOKEN": TOKEN,
            "GOODWILL_SMTP_URL": sink.url,
            "GOODWILL_SMTP_TIMEOUT": "1",
            "GOODWILL_DELIVERY_LEASE_SECONDS": "3",
            "GOODWILL_QUEUE_LEASE_SECONDS": "6",
            "GOODWILL_SWEEP_SECONDS": "0.2",
            "GOODWILL_LOG_LEVEL": "WARNING",  # the log counts the tasks given back
        }
    )
    running = Fleet(env=env, log=tmp_path / "processes.log")
    yield running
    running.stop()


def _wait_healthy(fleet: Fleet, process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"the web server on {port} exited: {fleet.tail()}"
        assert time.monotonic() < deadline, f"no answer on {port}: {fleet.tail()}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)


def _post(port: int, n: int) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/mail/inbound",
        data=make_mail(
            sender=f"Client {n} <client{n}@example.com>",
            subject=f"My watch {n}",
            body=f"Hello, my watch number {n} stops at night. Could someone call me back?",
        ),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "message/rfc822"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return int(answer.status)


def _post_all(ports: list[int], numbers: range) -> collections.Counter[tuple[int, int]]:
    """Each mail to one of the web servers in turn, four at a time."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = pool.map(
            lambda n: (ports[n % len(ports)], _post(ports[n % len(ports)], n)), numbers
        )
        return collections.Counter(answers)


def _wait(what: str, done: Any, fleet: Fleet, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"{what}: not reached; {fleet.tail()}"
        time.sleep(0.05)


def _message_ids(sink: Sink) -> list[str]:
    parser = email.parser.BytesHeaderParser()
    with sink.lock:
        raw = [data for _, data in sink.received]
    return [str(parser.parsebytes(data)["Message-ID"]) for data in raw]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_web_servers_and_two_workers_lose_nothing_and_do_nothing_twice_when_a_worker_dies(
    fleet: Fleet, sink: Sink
) -> None:
    started = time.monotonic()
    ports = [free_port(), free_port()]
    webs = [fleet.web(port) for port in ports]
    workers = [fleet.worker(), fleet.worker()]
    for web, port in zip(webs, ports, strict=True):
        _wait_healthy(fleet, web, port)

    queue = queue_from_url(fleet.env["GOODWILL_QUEUE_URL"])
    answers = _post_all(ports, range(MAILS // 2))
    _wait("first acknowledgements", lambda: len(sink.received) >= MAILS // 8, fleet, 60)
    os.killpg(workers[0].pid, signal.SIGKILL)  # mid-way, at whatever line it is
    workers[0].wait(timeout=10)
    killed_at = len(sink.received)
    processed_at_kill = InboundMessage.objects.filter(status="processed").count()
    answers += _post_all(ports, range(MAILS // 2, MAILS))  # the survivor carries on alone
    _wait(
        "every acknowledgement sent",
        lambda: (
            OutboundMessage.objects.filter(status=OutboundMessage.Status.SENT).count() >= MAILS
            and not InboundMessage.objects.exclude(status="processed").exists()
            and Notification.objects.filter(kind="case_opened").count() >= MAILS
            and queue.storage.leased_count() == 0  # the killed worker's tasks given back, and run
        ),
        fleet,
        90,
    )
    time.sleep(1)  # anything still running twice would show now
    fleet.stop()
    assert workers[1].returncode == 0, fleet.tail()  # the survivor stopped cleanly on SIGTERM

    returned = re.findall(r"(\d+) task\(s\) back in the queue", fleet.log.read_text())
    seen = collections.Counter(_message_ids(sink))
    duplicates = sum(n - 1 for n in seen.values())
    kinds = collections.Counter(Entry.objects.values_list("kind", flat=True))
    outbound = collections.Counter(OutboundMessage.objects.values_list("purpose", "status"))
    told = collections.Counter(Notification.objects.values_list("kind", flat=True))
    served = ", ".join(f"{n} → :{port} {code}" for (port, code), n in sorted(answers.items()))
    print(
        f"\nseveral machines: {sum(answers.values())} mails posted ({served}); "
        f"worker killed at {killed_at} SMTP deliveries, {processed_at_kill} mails processed; "
        f"{Client.objects.count()} clients, {Case.objects.count()} cases, "
        f"timeline {dict(sorted(kinds.items()))}, outbound {dict(outbound)}, "
        f"staff told {dict(told)}; "
        f"{sum(seen.values())} SMTP deliveries, {len(seen)} distinct Message-IDs, "
        f"{duplicates} resent after the kill; {sum(map(int, returned))} task(s) of the killed "
        f"worker run again by the other; {time.monotonic() - started:.0f} s"
    )

    assert (queue.pending_count(), queue.storage.leased_count()) == (0, 0)  # nothing left over
    assert answers == {(port, 202): MAILS // 2 for port in ports}  # both servers took their half
    assert InboundMessage.objects.filter(status="processed").count() == MAILS
    assert Client.objects.count() == MAILS
    assert Case.objects.count() == MAILS
    assert set(Case.objects.values_list("client_id", flat=True)) == set(
        Client.objects.values_list("id", flat=True)
    )
    assert kinds == dict.fromkeys(KINDS, MAILS)
    assert outbound == {("acknowledgement", "sent"): MAILS}
    assert told == {"case_opened": MAILS}  # the owner heard of each case once (after commit)
    expected = set(OutboundMessage.objects.values_list("message_id", flat=True))
    assert set(seen) == expected  # every acknowledgement arrived, and nothing else
    recipients = {rcpt for rcpts, _data in sink.received for rcpt in rcpts}
    assert recipients == {f"client{n}@example.com" for n in range(MAILS)}
    assert duplicates <= 1 + QUEUE_THREADS  # only what was in flight in the killed worker
    # Each raw mail was kept once, in the one shared directory both web servers wrote to.
    raw_files = list((Path(fleet.env["GOODWILL_DATA_DIR"]) / "mail" / "raw").iterdir())
    assert len([path for path in raw_files if not path.name.startswith(".")]) == MAILS
