"""The distributed task queue (GOODWILL_QUEUE_URL=redis://…): huey on Redis, each task taken at
least once.

huey's own Redis queue hands a task over with BRPOP: once a worker has taken it, it is gone from
Redis, and a worker killed while running it (SIGKILL, a crash, a host lost) loses it. Here the
same atomic step that takes a task off the queue also puts it in a lease set, with the time its
lease runs out. The worker renews the leases of the tasks it is running and removes each one when
it is done; a task whose lease ran out (its worker died) goes back to the head of the queue for
another worker. A task may therefore run twice (the worker died just before removing its lease,
or could not reach Redis for a whole lease): every task is idempotent (docs/architecture.md), so
that is harmless, where a lost task is not.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from huey import RedisHuey
from huey.storage import RedisStorage

log = logging.getLogger("goodwill.queue")

# A task's lease (GOODWILL_QUEUE_LEASE_SECONDS); its worker renews it six times a lease while the
# task runs, so a slow round trip or two to Redis never lets it run out.
LEASE_SECONDS = 60.0
# How often a worker looks for tasks whose worker died.
RETURN_SECONDS = 5.0

# Redis's clock, not the workers': hosts' clocks may differ, Redis has one.
_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "
_TAKE = (
    _NOW
    + """
local data = redis.call('RPOP', KEYS[1])
if data then redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), data) end
return data
"""
)
# Back to the head of the line (tasks are pushed on the left and taken from the right).
_RETURN_EXPIRED = (
    _NOW
    + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
for _, data in ipairs(expired) do
  redis.call('ZREM', KEYS[2], data)
  redis.call('RPUSH', KEYS[1], data)
end
return #expired
"""
)
# XX: a lease that ran out and went back to the queue meanwhile is not brought back.
_RENEW = (
    _NOW
    + """
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
return 0
"""
)


class LeasedRedisStorage(RedisStorage):
    def __init__(self, *args: Any, lease_seconds: float = LEASE_SECONDS, **kwargs: Any) -> None:
        # Taking and leasing in one script cannot block: the consumer polls (start_queue_consumer
        # keeps its pause between polls short).
        kwargs["blocking"] = False
        super().__init__(*args, **kwargs)
        self.leases_key = f"{self.queue_key}.leases"
        self.lease_seconds = lease_seconds
        self._take = self.conn.register_script(_TAKE)
        self._return_expired = self.conn.register_script(_RETURN_EXPIRED)
        self._renew = self.conn.register_script(_RENEW)
        self._running: set[bytes] = set()
        self._lock = threading.Lock()
        self._renewer: threading.Thread | None = None
        self._next_return = 0.0

    def dequeue(self) -> bytes | None:
        if time.monotonic() >= self._next_return:
            self._next_return = time.monotonic() + RETURN_SECONDS
            returned = self._return_expired(keys=[self.queue_key, self.leases_key])
            if returned:
                log.warning("%s task(s) back in the queue: their worker died", returned)
        data: bytes | None = self._take(
            keys=[self.queue_key, self.leases_key], args=[self.lease_seconds]
        )
        if data is not None:
            with self._lock:
                self._running.add(data)
                if self._renewer is None:
                    self._renewer = threading.Thread(
                        target=self._renew_forever, name="goodwill-queue-leases", daemon=True
                    )
                    self._renewer.start()
        return data

    def done(self, data: bytes) -> None:
        """The task taken as `data` has finished (or failed, and huey queued its retry)."""
        with self._lock:
            self._running.discard(data)
        self.conn.zrem(self.leases_key, data)

    def renew_running(self) -> None:
        with self._lock:
            running = list(self._running)
        if running:
            self._renew(keys=[self.leases_key], args=[self.lease_seconds, *running])

    def _renew_forever(self) -> None:
        while True:
            time.sleep(self.lease_seconds / 6)
            try:
                self.renew_running()
            except Exception:  # Redis away a moment: the next round tries again
                log.exception("could not renew the leases of the running tasks")

    def leased_count(self) -> int:
        return int(self.conn.zcard(self.leases_key))

    def flush_queue(self) -> None:
        super().flush_queue()
        self.conn.delete(self.leases_key)


class LeasedRedisHuey(RedisHuey):
    storage_class = LeasedRedisStorage

    def dequeue(self) -> Any:
        data = self.storage.dequeue()
        if data is None:
            return None
        try:
            task = self.deserialize_task(data)
        except Exception:
            self.storage.done(data)  # unreadable (code changed under it): dropped, as huey does
            raise
        task.leased_as = data
        return task

    def execute(self, task: Any, timestamp: Any = None) -> Any:
        try:
            return super().execute(task, timestamp)
        finally:
            leased = getattr(task, "leased_as", None)
            if leased is not None:
                self.storage.done(leased)
