"""gunicorn settings for `scripts/serve`, read from the environment (docs/configuration.md).

    gunicorn -c python:goodwill.gunicorn_conf goodwill.wsgi

Loaded by gunicorn's master before Django, so only the typed helpers of goodwill.conf are used.
"""

import os
from pathlib import Path

from goodwill.conf import env_bool, env_int, env_str

# Django is CPU-bound Python between short database round trips: one process per core is the
# floor, the classic 2 × cores + 1 keeps the cores busy while some processes wait on PostgreSQL.
workers = env_int("GOODWILL_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1, minimum=1)
# gthread keeps connections alive and lets a process overlap a few requests' database waits;
# GOODWILL_WEB_THREADS=1 with GOODWILL_WEB_WORKER_CLASS=sync is the classic one-at-a-time process.
worker_class = env_str("GOODWILL_WEB_WORKER_CLASS", "gthread")
if worker_class not in {"sync", "gthread"}:
    raise SystemExit(f"GOODWILL_WEB_WORKER_CLASS={worker_class!r}: use gthread or sync")
threads = env_int("GOODWILL_WEB_THREADS", 2, minimum=1)
bind = [f"{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000, minimum=1)}"]

# A process silent this long is stuck: killed and replaced. With sync workers that is a request
# running this long; a gthread process answers from its main loop, so only a process whose
# threads all hang (or that holds the GIL) is caught.
timeout = env_int("GOODWILL_WEB_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GOODWILL_WEB_GRACEFUL_TIMEOUT", 20, minimum=1)
keepalive = 5
# Django and the dependencies are imported once, before the fork: quicker start, shared memory.
# No database connection is opened at import, so no socket is shared between processes.
preload_app = True
# Errors to stderr always; one line per request only when asked for (it costs a write a request).
errorlog = "-"
loglevel = env_str("GOODWILL_LOG_LEVEL", "WARNING").lower()
accesslog = "-" if env_bool("GOODWILL_ACCESS_LOG", False) else None
# The runtime control socket has one fixed path per user: two servers on one machine would fight
# over it, and nothing here uses it.
control_socket_disable = True
proc_name = "goodwill-web"


def when_ready(server: object) -> None:
    """In the master, after the preload and before the fork: load what Django otherwise loads on
    each process's first requests (the URLconf, and with it every view and the API's schemas;
    the templates; the translation catalogues), about 0.4 s of CPU a process. A new process then
    serves at full speed at once, and shares those pages of memory with the others."""
    from django.conf import settings
    from django.db import connections
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018  (the property imports the URLconf)
    # The staff interface's languages and the clients' (the contact form, automatic messages).
    for code in {code for code, _name in settings.LANGUAGES} | set(
        settings.GOODWILL_CLIENT_LANGUAGES
    ):
        with translation.override(code):
            translation.gettext("Home")
    ours = Path(__file__).resolve().parent
    for engine in engines.all():
        for directory in engine.template_dirs:
            if Path(directory).resolve().is_relative_to(ours):  # the admin's stay lazy
                for path in Path(directory).rglob("*.html"):
                    engine.get_template(str(path.relative_to(directory)))
    # Nothing above should have touched the database; a connection opened here would be shared
    # by every forked process.
    connections.close_all()
