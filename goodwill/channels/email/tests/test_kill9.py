"""2,000 messages from a real IMAP server, read by a worker process that is SIGKILLed at random
points several times and restarted: in the end every message is processed exactly once.
Nothing lost, nothing doubled (rows, timeline entries and \\Seen flags counted)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from goodwill.channels.email.tests.conftest import make_mail
from goodwill.channels.email.tests.dovecot import PASSWORD, USER, Dovecot, require_dovecot

ROOT = Path(__file__).resolve().parents[4]
MESSAGES = 2_000
KILLS = 6

SETUP = """
from goodwill.organisation.services import site_create, staff_create
from goodwill.clients.services import client_create
from goodwill.channels.email.models import Mailbox
care = site_create(code="CH-CARE", name="Care", kind="care_centre", country="CH", \
timezone="Europe/Zurich",
                   languages=["en"])
agent = staff_create(username="agent", password="x-long-password", first_name="A", last_name="Gent",
                     role="agent", site=care, language="en")
for i in range(50):
    client_create(actor=None, last_name=f"Client{i}", site=care, email=f"client{i}@example.com", \
advisor=agent)
Mailbox.objects.create(name="care", host="127.0.0.1", port=PORT, security="plain", username="USER",
                       password="PASSWORD")
"""

WORKER = """
import datetime as dt, time
from goodwill.channels.email import sweeps
from goodwill.channels.email.services import inbound_process_pending
from django.utils import timezone
sweeps.LEASE = dt.timedelta(seconds=2)  # a killed worker's lease must run out within the test
while True:
    fetched = sweeps.fetch_mail(timezone.now())
    pending = inbound_process_pending(limit=200)
    print("round", fetched, pending, flush=True)
    if fetched == 0 and pending == 0:
        time.sleep(0.2)
"""

CHECK = """
import json
from django.db.models import Count
from goodwill.channels.email.models import InboundMessage
from goodwill.timeline.models import Entry
entries = Entry.objects.filter(kind="message_in")
print(json.dumps({
    "rows": InboundMessage.objects.count(),
    "statuses": dict(InboundMessage.objects.values_list("status").annotate(n=Count("id"))),
    "distinct_ids": InboundMessage.objects.values("message_id").distinct().count(),
    "entries": entries.count(),
    "distinct_entry_ids": entries.values("payload__inbound_id").distinct().count(),
}))
"""


def _django(code: str, env: dict[str, str], **kwargs: object) -> subprocess.Popen[str]:
    program = "import django; django.setup()\n" + code
    return subprocess.Popen(  # noqa: S603  (our own interpreter, fixed program)
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )  # type: ignore[call-overload]


def _run(code: str, env: dict[str, str]) -> str:
    process = _django(code, env)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    return str(out)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_kill_minus_nine_loses_and_doubles_nothing(tmp_path: Path) -> None:
    require_dovecot()
    # The worker runs in other processes, so they share a database on disk: the transactional test
    # database on PostgreSQL, a file of its own on SQLite (the test database there is in memory).
    env = {
        **os.environ,
        "GOODWILL_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "goodwill.settings",
    }
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kill9.sqlite3'}"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
    server = Dovecot()
    try:
        _run(
            SETUP.replace("PORT", str(server.port))
            .replace("USER", USER)
            .replace("PASSWORD", PASSWORD),
            env,
        )
        rng = random.Random(9)
        senders = [f"Client {i} <client{i}@example.com>" for i in range(50)] + [
            f"Stranger {i} <stranger{i}@elsewhere.example>" for i in range(10)
        ]
        server.append(
            make_mail(
                sender=rng.choice(senders),
                subject=f"Message {n}",
                message_id=f"<kill9.{n}@example.com>",
                body=f"Message number {n}. " + "Some words about the car. " * rng.randint(1, 40),
            )
            for n in range(MESSAGES)
        )
        kills = 0
        while kills < KILLS:
            worker = _django(WORKER, env, start_new_session=True)
            time.sleep(rng.uniform(0.4, 2.5))
            assert worker.poll() is None, worker.stderr.read()[-3000:] if worker.stderr else ""
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
            kills += 1
        # Finally a worker that is left to finish
        worker = _django(WORKER, env, start_new_session=True)
        try:
            # Its speed is not what is tested here: on a busy machine it may need minutes.
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                counts = json.loads(_run(CHECK, env))
                if (
                    counts["statuses"].get("processed", 0) >= MESSAGES
                    and server.seen_count() >= MESSAGES
                ):
                    break
                time.sleep(1)
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        counts = json.loads(_run(CHECK, env))
        assert counts == {
            "rows": MESSAGES,
            "statuses": {"processed": MESSAGES},
            "distinct_ids": MESSAGES,
            "entries": MESSAGES,
            "distinct_entry_ids": MESSAGES,
        }
        assert server.seen_count() == MESSAGES
    finally:
        server.stop()
