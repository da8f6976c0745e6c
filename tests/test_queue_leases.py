"""The Redis task queue takes each task at least once (goodwill.queue): a task whose worker died
while running it goes back to the queue when its lease runs out; one that finished, or whose
worker is alive and renewing its lease, does not."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from goodwill.conf import queue_from_url
from goodwill.queue import LeasedRedisHuey

REDIS_DB = 12  # this test's own, shared with tests/test_several_machines.py (never at once)
URL = f"redis://127.0.0.1:6379/{REDIS_DB}"


@pytest.fixture
def queue() -> Iterator[LeasedRedisHuey]:
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("needs Redis at 127.0.0.1:6379")
    huey = LeasedRedisHuey("goodwill-lease-test", url=URL, immediate=False)
    huey.storage.lease_seconds = 0.5
    huey.flush()
    yield huey
    huey.flush()


def _worker(queue: LeasedRedisHuey) -> LeasedRedisHuey:
    """Another worker process on the same queue."""
    other = LeasedRedisHuey("goodwill-lease-test", url=URL, immediate=False)
    other.storage.lease_seconds = queue.storage.lease_seconds
    other._registry = queue._registry  # the same tasks, as the same code would register
    return other


def test_the_redis_url_gives_the_leased_queue() -> None:
    assert isinstance(queue_from_url(URL), LeasedRedisHuey)


def test_a_task_whose_worker_died_runs_on_another_worker(queue: LeasedRedisHuey) -> None:
    done: list[int] = []

    @queue.task()
    def record(n: int) -> None:
        done.append(n)

    record(1)
    taken = queue.dequeue()
    queue.storage._running.clear()  # its worker dies before running it: nobody renews the lease
    assert taken is not None and queue.pending_count() == 0
    assert queue.storage.leased_count() == 1

    other = _worker(queue)
    assert other.dequeue() is None  # its lease still runs
    time.sleep(0.6)
    other.storage._next_return = 0.0
    again = other.dequeue()
    assert again is not None and again.id == taken.id
    other.execute(again)

    assert done == [1]
    assert other.storage.leased_count() == 0
    other.storage._next_return = 0.0
    assert other.dequeue() is None


def test_a_finished_task_is_not_run_again(queue: LeasedRedisHuey) -> None:
    done: list[int] = []

    @queue.task()
    def record(n: int) -> None:
        done.append(n)

    record(2)
    queue.execute(queue.dequeue())
    time.sleep(0.6)
    queue.storage._next_return = 0.0

    assert queue.dequeue() is None
    assert done == [2] and queue.storage.leased_count() == 0


def test_a_task_still_running_keeps_its_lease(queue: LeasedRedisHuey) -> None:
    @queue.task()
    def slow() -> None:
        pass

    slow()
    running = queue.dequeue()
    other = _worker(queue)
    for _ in range(4):  # a second and more, over a half-second lease
        time.sleep(0.3)
        queue.storage.renew_running()  # what its lease thread does every RENEW_SECONDS
        other.storage._next_return = 0.0
        assert other.dequeue() is None
    queue.execute(running)
    assert queue.storage.leased_count() == 0


def test_a_failing_task_leaves_no_lease(queue: LeasedRedisHuey) -> None:
    @queue.task()
    def broken() -> None:
        raise RuntimeError("boom")

    broken()
    queue.execute(queue.dequeue())

    assert queue.storage.leased_count() == 0
    time.sleep(0.6)
    queue.storage._next_return = 0.0
    assert queue.dequeue() is None
