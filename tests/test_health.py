"""GET /healthz tells a load balancer whether this web process can serve: it answers from the
database, for anyone, whatever host name or scheme the balancer probes with."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client as HttpClient


def test_it_answers_ok_without_a_login_when_the_database_answers(db: None) -> None:
    response = HttpClient().get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


def test_it_answers_a_balancer_probing_by_address_over_plain_http(
    settings: pytest.FixtureRequest, db: None
) -> None:
    settings.ALLOWED_HOSTS = ["care.aurelis.example"]  # type: ignore[attr-defined]
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]

    probe = HttpClient().get("/healthz", HTTP_HOST="10.0.0.7:8000")
    page = HttpClient().get("/login/", HTTP_HOST="10.0.0.7:8000")

    assert probe.status_code == 200
    assert page.status_code == 400  # every other address still checks the host


def test_it_answers_503_when_the_database_does_not(db: None) -> None:
    refused = OperationalError("connection refused")

    with mock.patch.object(connection, "cursor", side_effect=refused):
        response = HttpClient().get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_it_leaves_other_methods_and_paths_to_the_site(db: None) -> None:
    assert HttpClient().post("/healthz").content != b"ok\n"
    assert HttpClient().get("/healthz/extra").content != b"ok\n"
