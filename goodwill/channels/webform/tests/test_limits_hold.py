"""The contact form's limits hold across processes (one atomic counter in the database, not a
count then an insert), and a real client who wrote too often loses nothing: the message is held
for staff, who pass it on or discard it."""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client as Browser
from django.test import override_settings
from django.utils import timezone

from goodwill.channels.webform import limits
from goodwill.channels.webform.models import RateCount, Submission
from goodwill.channels.webform.services import Contact, RateLimited, webform_submit
from goodwill.notifications.models import Notification
from goodwill.organisation.models import Site, User
from goodwill.timeline.models import Entry


def _contact(n: int = 0, email: str = "marco.rossi@example.com") -> Contact:
    return Contact(
        name="Marco Rossi", email=email, message=f"My watch stopped ({n}).", language="en"
    )


@override_settings(GOODWILL_WEBFORM_PER_IP_HOUR=3)
def test_the_limit_counts_every_post_from_one_connection(
    care_centre: Site, agent: User, manager: User
) -> None:
    at = timezone.now()
    done = [
        webform_submit(contact=_contact(n, f"p{n}@example.org"), ip="198.51.100.7", at=at)
        for n in range(5)
    ]
    assert [s.held for s in done] == [False, False, False, True, True]
    # Kept, and the managers told once for that connection this hour.
    assert Submission.objects.filter(held=True, decided_at__isnull=True).count() == 2
    assert Notification.objects.filter(kind="message_held", recipient=manager).count() == 1
    # Another connection is not limited.
    assert not webform_submit(contact=_contact(9, "x@example.org"), ip="203.0.113.1", at=at).held


@override_settings(GOODWILL_WEBFORM_PER_IP_HOUR=2)
def test_the_window_slides_instead_of_resetting_on_the_hour(care_centre: Site, agent: User) -> None:
    edge = dt.datetime(2026, 3, 2, 9, 59, tzinfo=dt.UTC)
    for n in range(2):
        assert not webform_submit(contact=_contact(n, f"a{n}@x.org"), ip="1.2.3.4", at=edge).held
    # One minute later a new window has begun, but the last hour still holds two messages.
    after = edge + dt.timedelta(minutes=2)
    assert webform_submit(contact=_contact(3, "b@x.org"), ip="1.2.3.4", at=after).held
    # An hour and more later the connection is welcome again.
    later = edge + dt.timedelta(hours=2, minutes=1)
    assert not webform_submit(contact=_contact(4, "c@x.org"), ip="1.2.3.4", at=later).held


@override_settings(GOODWILL_WEBFORM_PER_IP_HOUR=1, GOODWILL_WEBFORM_HELD_PER_IP_HOUR=2)
def test_a_flood_keeps_nothing_more(care_centre: Site, agent: User) -> None:
    at = timezone.now()
    for n in range(3):
        webform_submit(contact=_contact(n, f"f{n}@x.org"), ip="9.9.9.9", at=at)
    with pytest.raises(RateLimited):
        webform_submit(contact=_contact(4, "f4@x.org"), ip="9.9.9.9", at=at)
    assert Submission.objects.count() == 3


@override_settings(GOODWILL_WEBFORM_PER_EMAIL_HOUR=1)
def test_staff_pass_a_held_message_on_or_discard_it(
    client: Browser, care_centre: Site, agent: User, advisor: User
) -> None:
    webform_submit(contact=_contact(1), ip="1.1.1.1")
    held = webform_submit(contact=_contact(2), ip="1.1.1.2")
    spam = webform_submit(contact=_contact(3), ip="1.1.1.3")
    assert held.held and spam.held
    client.force_login(advisor)  # a dealer's advisor: not theirs to review
    assert client.get("/contact/held/").status_code == 403
    client.force_login(agent)
    page = client.get("/contact/held/").content.decode()
    assert "My watch stopped (2)." in page and "My watch stopped (3)." in page
    assert client.post(f"/contact/held/{held.pk}/release/").status_code == 302
    assert client.post(f"/contact/held/{spam.pk}/discard/").status_code == 302
    held.refresh_from_db()
    spam.refresh_from_db()
    assert held.case is not None and held.decided_by == agent
    assert Entry.objects.filter(kind="message_in", body__contains="(2).").exists()
    assert spam.discarded and spam.case is None
    assert not Entry.objects.filter(kind="message_in", body__contains="(3).").exists()
    # Deciding twice changes nothing.
    client.post(f"/contact/held/{held.pk}/discard/")
    held.refresh_from_db()
    assert not held.discarded


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_from_several_processes_are_each_counted(care_centre: Site) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    at = timezone.now()
    counts: list[float] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def hit() -> None:
        try:
            barrier.wait()
            counts.append(limits.hit(bucket="ip:race", at=at))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each caller saw a different count: no two could both take "the last one left".
    assert sorted(int(c) for c in counts) == list(range(1, 9))
    assert RateCount.objects.get(bucket="ip:race").hits == 8


def test_the_counter_is_shared_not_per_process(db: None) -> None:
    at = timezone.now()
    assert limits.hit(bucket="email:x", at=at) == 1
    assert limits.hit(bucket="email:x", at=at) == 2
    # What another process would see: the row in the database.
    assert RateCount.objects.get(bucket="email:x").hits == 2
    assert limits.prune(before=at + dt.timedelta(hours=3)) == 1


REDIS_URL = os.environ.get("GOODWILL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_a_redis_store_counts_alike(db: None, settings) -> None:
    """Against the Redis server on loopback (this kind of machine runs one; CI must have it)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {REDIS_URL}")
    settings.GOODWILL_WEBFORM_LIMITS_URL = REDIS_URL
    bucket = f"ip:test-{uuid.uuid4().hex}"  # a bucket of its own: the server outlives the test
    at = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    assert limits.hit(bucket=bucket, at=at) == 1
    assert limits.hit(bucket=bucket, at=at) == 2
    assert limits.hit(bucket=bucket, at=at + dt.timedelta(hours=1)) == 1 + 2 * 0.5
    # No row in the database: Redis alone counted.
    assert not RateCount.objects.filter(bucket=bucket).exists()
