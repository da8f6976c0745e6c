"""Web processes on a set-up with separate workers run no worker of their own: gunicorn's
application never starts one, and `manage.py serve --no-worker` does not either."""

from __future__ import annotations

import threading
from unittest import mock

from django.core.management import call_command


def _serve(*args: str) -> mock.MagicMock:
    with (
        mock.patch("waitress.serve") as waitress_serve,
        mock.patch("goodwill.worker.loop.start_in_process") as start_in_process,
    ):
        call_command("serve", *args, stdout=mock.MagicMock())
    waitress_serve.assert_called_once()
    return start_in_process


def test_serve_runs_the_embedded_worker_by_default() -> None:
    assert _serve().call_count == 1


def test_serve_no_worker_runs_none() -> None:
    assert _serve("--no-worker").call_count == 0


def test_the_wsgi_application_gunicorn_loads_starts_no_worker() -> None:
    from goodwill.wsgi import application

    assert application is not None
    names = {thread.name for thread in threading.enumerate()}
    assert not names & {"goodwill-sweeps", "goodwill-queue-stop"}
