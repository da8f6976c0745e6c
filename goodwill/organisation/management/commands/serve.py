from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Goodwill with the waitress WSGI server (static files included), on loopback by default."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=8, help="worker threads (default 8)")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from goodwill.wsgi import application

        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}")
        serve(application, host=options["host"], port=options["port"], threads=options["threads"],
              ident="goodwill")
