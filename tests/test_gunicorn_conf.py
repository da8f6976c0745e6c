"""The production server's settings (goodwill/gunicorn_conf.py, read by scripts/serve) come from
the environment and refuse nonsense before any process starts."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

import goodwill.gunicorn_conf

VARIABLES = [
    "GOODWILL_WEB_WORKERS",
    "GOODWILL_WEB_WORKER_CLASS",
    "GOODWILL_WEB_THREADS",
    "GOODWILL_WEB_TIMEOUT",
    "GOODWILL_ACCESS_LOG",
    "HOST",
    "PORT",
]


def conf_with(monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(goodwill.gunicorn_conf)


@pytest.fixture(autouse=True)
def _reload_after(monkeypatch: pytest.MonkeyPatch):
    yield
    monkeypatch.undo()
    importlib.reload(goodwill.gunicorn_conf)


def test_it_sizes_the_workers_to_the_cores_and_stays_on_loopback(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    conf = conf_with(monkeypatch)

    assert conf.workers == 9
    assert conf.bind == ["127.0.0.1:8000"]
    assert conf.accesslog is None
    assert conf.timeout == 30
    assert conf.control_socket_disable is True


def test_it_takes_workers_bind_and_access_log_from_the_environment(monkeypatch):
    conf = conf_with(
        monkeypatch,
        GOODWILL_WEB_WORKERS="3",
        HOST="10.1.2.3",
        PORT="8010",
        GOODWILL_ACCESS_LOG="true",
        GOODWILL_WEB_WORKER_CLASS="sync",
    )

    assert conf.workers == 3
    assert conf.bind == ["10.1.2.3:8010"]
    assert conf.accesslog == "-"
    assert conf.worker_class == "sync"


def test_it_refuses_a_bad_worker_count(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="GOODWILL_WEB_WORKERS"):
        conf_with(monkeypatch, GOODWILL_WEB_WORKERS="0")


def test_it_refuses_an_unknown_worker_class(monkeypatch):
    with pytest.raises(SystemExit, match="GOODWILL_WEB_WORKER_CLASS"):
        conf_with(monkeypatch, GOODWILL_WEB_WORKER_CLASS="gevent")
