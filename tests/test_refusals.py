"""How a refusal reads: another site's object is not found (404, as a missing one: a 403 would
say it exists), a forbidden action is a 403, and either is one line in the log, never a
traceback."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client as HttpClient

from goodwill.organisation.models import Site, User


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("django.request", "goodwill"))]


def test_a_forbidden_page_is_a_403_on_one_log_line(
    client: HttpClient, advisor: User, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(advisor)
    with caplog.at_level(logging.WARNING):
        response = client.get("/outbox/templates/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()  # a finished page, not Django's bare one
    records = _lines(caplog)
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].exc_info is None and "\n" not in records[0].getMessage()
    assert "/outbox/templates/" in records[0].getMessage()


def test_a_refusal_on_the_api_answers_json(rf, advisor: User) -> None:
    from django.core.exceptions import PermissionDenied

    from goodwill.http import RefusalMiddleware
    from goodwill.organisation.access import OtherSite

    guard = RefusalMiddleware(lambda _request: None)  # type: ignore[arg-type,return-value]
    request = rf.get("/api/cases/GW-2026-000000001")
    request.user = advisor
    foreign = guard.process_exception(request, OtherSite("another site"))
    assert foreign is not None and foreign.status_code == 404
    assert json.loads(foreign.content) == {"detail": "Not Found"}
    refused = guard.process_exception(request, PermissionDenied("Managers only."))
    assert refused is not None and refused.status_code == 403
    assert json.loads(refused.content) == {"detail": "Managers only."}


def test_another_sites_object_is_not_found_on_one_log_line(
    client: HttpClient, foreign_dealer: User, munich: Site, caplog: pytest.LogCaptureFixture
) -> None:
    manager = User.objects.create_user(
        username="pm", password="x" * 12, role="manager", site=foreign_dealer.site
    )
    client.force_login(manager)
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/care/hours/{munich.code}/")
    assert response.status_code == 404
    assert "not yours to see" in response.content.decode()
    records = _lines(caplog)
    assert len(records) == 1 and records[0].exc_info is None
