from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve Goodwill with the waitress WSGI server (static files included), on loopback by "
        "default, with the background worker in the same process unless --no-worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help=(
                "do not run the background worker in this process "
                "(run `manage.py run_worker` beside it)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from goodwill.wsgi import application

        if not options["no_worker"]:
            from goodwill.worker.loop import start_in_process

            # The embedded mode: sweeps and the task queue run as threads of the web process.
            start_in_process()
            self.stdout.write("Background worker running in this process")
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}")
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            ident="goodwill",
        )
