import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from goodwill.worker.loop import run_forever, run_once, start_queue_consumer


class Command(BaseCommand):
    help = (
        "Run the background worker: the sweeps (mail fetching, delivery of the outbox, "
        "service-level clocks, promises) and the task queue's consumer. Run as many as you like, "
        "on as many machines as you like: work is claimed atomically. Stops cleanly on SIGTERM or "
        "Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run every sweep once and exit")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help=(
                "seconds between idle sweeps (default GOODWILL_SWEEP_SECONDS, "
                f"{settings.GOODWILL_SWEEP_SECONDS})"
            ),
        )
        parser.add_argument(
            "--queue-threads",
            type=int,
            default=2,
            help="threads consuming the task queue in this process (default 2; 0 for none)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            for path, count in run_once().items():
                self.stdout.write(f"{path}: {'failed (see the log)' if count < 0 else count}")
            return
        stop = threading.Event()

        def _stop(signum: int, frame: object) -> None:
            self.stdout.write("Stopping after the current round…")
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        consumer = start_queue_consumer(options["queue_threads"])
        self.stdout.write(
            f"Worker running {len(settings.GOODWILL_SWEEPS)} sweeps"
            + (f" and {options['queue_threads']} queue threads" if consumer else "")
        )
        try:
            run_forever(stop, options["interval"] or settings.GOODWILL_SWEEP_SECONDS)
        finally:
            if consumer is not None:
                consumer.stop(graceful=True)
