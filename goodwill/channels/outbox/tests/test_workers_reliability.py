"""Issue #4's worker test: 1,000 messages, two `run_worker` processes on PostgreSQL and Redis,
one killed with SIGKILL mid-way and replaced; every message reaches the SMTP server, and the
database shows all of them sent.

Exactly-once, honestly: SMTP has no idempotency key. If a worker dies after the server's "250"
for DATA and before its UPDATE … status='sent' commits, the message's lease runs out and another
worker sends it again, with the same Message-ID (mail clients and our inbound side show it
once). Delivery keeps that window to one UPDATE (QUIT is not awaited; the lease is renewed
*before* sending), so a kill can duplicate at most the messages in flight in that process at
that instant (one per sending thread). The test counts raw deliveries and distinct Message-IDs
and asserts exactly that bound, and prints what it saw.
"""

from __future__ import annotations

import collections
import datetime as dt
import email.parser
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from goodwill.channels.outbox.models import OutboundMessage
from goodwill.channels.outbox.services import new_message_id
from goodwill.channels.outbox.tests.smtp_sink import Sink, smtp_sink

MESSAGES = 1000
QUEUE_THREADS = 2  # per worker; with the sweep thread, 3 threads may be sending at the kill
REDIS_DB = 13


def _redis_or_skip():  # type: ignore[no-untyped-def]
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    return client


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603  (our own manage.py, fixed arguments)
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "run_worker",
            "--interval",
            "0.2",
            "--queue-threads",
            str(QUEUE_THREADS),
        ],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _sink_ids(sink: Sink) -> list[str]:
    parser = email.parser.BytesHeaderParser()
    with sink.lock:
        raw = [data for _, data in sink.received]
    return [str(parser.parsebytes(data)["Message-ID"]) for data in raw]


@pytest.mark.django_db(transaction=True)
def test_two_workers_one_killed_deliver_every_message(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): workers share the test database")
    queue = _redis_or_skip()
    queue.flushdb()
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    now = timezone.now()
    OutboundMessage.objects.bulk_create(
        OutboundMessage(
            key=f"reliability:{n}",
            purpose=OutboundMessage.Purpose.NOTIFICATION,
            to_address=f"client{n}@example.com",
            to_name=f"Client {n}",
            subject=f"News {n}",
            body_text=f"Message {n}\n",
            message_id=new_message_id(),
            next_attempt_at=now,
            created_at=now,
        )
        for n in range(MESSAGES)
    )
    expected = set(OutboundMessage.objects.values_list("message_id", flat=True))
    with smtp_sink() as sink:
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
        env.update(
            {
                "DATABASE_URL": database_url,
                "GOODWILL_QUEUE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
                "GOODWILL_SMTP_URL": sink.url,
                "GOODWILL_SMTP_TIMEOUT": "1",
                "GOODWILL_DELIVERY_LEASE_SECONDS": "3",
                "GOODWILL_SWEEP_SECONDS": "0.2",
                "GOODWILL_DATA_DIR": str(tmp_path),
                "GOODWILL_LOG_LEVEL": "ERROR",
            }
        )
        # Half the messages also go through the task queue, as outbound_queue's on_commit would:
        # the tasks and the sweeps race for the same rows.
        ids = list(
            OutboundMessage.objects.order_by("id").values_list("id", flat=True)[: MESSAGES // 2]
        )
        subprocess.run(  # noqa: S603
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "shell",
                "-c",
                "from goodwill.channels.outbox.tasks import deliver\n"
                f"for i in {ids!r}: deliver.enqueue(i)",
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        log = tmp_path / "workers.log"
        workers = [_worker(env, log), _worker(env, log)]
        try:
            deadline = time.monotonic() + 60
            while len(sink.received) < MESSAGES // 4:
                assert time.monotonic() < deadline, f"no progress; see {log.read_text()[-3000:]}"
                time.sleep(0.01)
            os.killpg(workers[0].pid, signal.SIGKILL)  # mid-way, at whatever line it is
            workers[0].wait(timeout=10)
            killed_at = len(sink.received)
            workers.append(_worker(env, log))  # restarted, as a supervisor would
            deadline = time.monotonic() + 120
            while (
                OutboundMessage.objects.filter(status=OutboundMessage.Status.SENT).count()
                < MESSAGES
            ):
                assert time.monotonic() < deadline, (
                    f"{OutboundMessage.objects.exclude(status='sent').count()} not sent; "
                    f"{log.read_text()[-3000:]}"
                )
                time.sleep(0.2)
        finally:
            for worker in workers:
                if worker.poll() is None:
                    os.killpg(worker.pid, signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
        seen = collections.Counter(_sink_ids(sink))
    duplicates = sum(n - 1 for n in seen.values())
    print(
        f"\nreliability: {sum(seen.values())} SMTP deliveries, {len(seen)} distinct Message-IDs, "
        f"{duplicates} resent after the kill (at {killed_at} received)"
    )
    assert set(seen) == expected  # every message arrived, and nothing else
    assert duplicates <= 1 + QUEUE_THREADS  # only what was in flight in the killed worker
    statuses = collections.Counter(OutboundMessage.objects.values_list("status", flat=True))
    assert statuses == {"sent": MESSAGES}
    assert not OutboundMessage.objects.filter(sent_at__isnull=True).exists()
    assert (
        OutboundMessage.objects.filter(sent_at__gt=now - dt.timedelta(minutes=5)).count()
        == MESSAGES
    )
