"""Suggested replies: from the templates with the case's facts, or from the brand's own model
server (a small OpenAI-compatible server on loopback here); a draft never carries a promise the
ledger does not hold without it being flagged, and a server that fails leaves the template draft
with a message."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.checks.drafts import suggest_reply, template_draft
from goodwill.conf import model_url
from goodwill.organisation.models import User
from goodwill.promises.services import promise_make


class FakeModel:
    """What the fake server answers next, and what it was asked."""

    def __init__(self) -> None:
        self.answer: str = "Ihr Wagen ist in der Werkstatt. Ich melde mich mit Neuigkeiten."
        self.mode = "ok"  # ok | garbage | error | slow
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []


@pytest.fixture
def model_server(settings: Any) -> Iterator[FakeModel]:
    fake = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            fake.requests.append({"path": self.path, **json.loads(self.rfile.read(length))})
            fake.headers.append(dict(self.headers))
            if fake.mode == "slow":
                time.sleep(1.0)
            if fake.mode == "error":
                self.send_response(500)
                self.end_headers()
                return
            body = (
                b"<html>not json</html>"
                if fake.mode == "garbage"
                else json.dumps(
                    {"choices": [{"message": {"role": "assistant", "content": fake.answer}}]}
                ).encode()
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have given up (the slow case).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GOODWILL_MODEL_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.GOODWILL_MODEL_NAME = "house-model"
    settings.GOODWILL_MODEL_TOKEN = "s3cret-token"
    settings.GOODWILL_MODEL_TIMEOUT_SECONDS = 0.3
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_template_draft_names_the_next_promise_with_its_day(
    advisor: User, case_t: Case
) -> None:
    due = timezone.now() + dt.timedelta(days=3)
    promise_make(actor=advisor, case=case_t, text="Der Reifen ist montiert", due_at=due)
    draft = template_draft(case=case_t, language="de", sender="Anna Schmid")
    assert draft.source == "templates"
    assert draft.body.startswith("Guten Tag Herr Lefèvre,")
    assert "Nächster Schritt: Der Reifen ist montiert," in draft.body
    assert "Anna Schmid" in draft.body and f"[{case_t.reference}]" in draft.subject


def test_without_a_promise_the_draft_promises_no_day(advisor: User, case_t: Case) -> None:
    draft = template_draft(case=case_t, language="it", sender="Anna Schmid")
    assert draft.body.startswith("Gentile Herr Lefèvre,")
    assert "Le scriverò appena ci saranno novità" in draft.body


def test_suggest_a_reply_puts_the_template_draft_in_the_box_with_no_finding(
    client: Browser, advisor: User, case_t: Case
) -> None:
    due = timezone.now() + dt.timedelta(days=3)
    promise_make(actor=advisor, case=case_t, text="Der Reifen ist montiert", due_at=due)
    client.force_login(advisor)
    box = client.post(
        f"/cases/{case_t.reference}/message/suggest/",
        {"language": "de"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'id="reply-text"' in box and "A draft from the templates" in box
    assert "Nächster Schritt: Der Reifen ist montiert" in box
    assert "blocks" not in box  # the ledger's own promise is no finding


def test_the_model_server_drafts_between_greeting_and_signature(
    client: Browser, advisor: User, case_t: Case, model_server: FakeModel
) -> None:
    draft = suggest_reply(case=case_t, language="de", sender="Anna Schmid")
    assert draft.source == "model" and draft.notice == ""
    assert draft.body.startswith("Guten Tag Herr Lefèvre,\n\nIhr Wagen ist in der Werkstatt.")
    assert "Mit freundlichen Grüßen\nAnna Schmid" in draft.body
    asked = model_server.requests[0]
    assert asked["path"] == "/v1/chat/completions" and asked["model"] == "house-model"
    assert "Never promise anything" in asked["messages"][0]["content"]
    assert model_server.headers[0]["Authorization"] == "Bearer s3cret-token"


def test_a_model_draft_with_a_promise_not_in_the_ledger_is_flagged(
    client: Browser, advisor: User, case_t: Case, model_server: FakeModel
) -> None:
    model_server.answer = "Wir rufen Sie morgen an und der Wagen ist bis Freitag fertig."
    client.force_login(advisor)
    box = client.post(
        f"/cases/{case_t.reference}/message/suggest/",
        {"language": "de"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "A draft from the brand's model server" in box
    assert box.count("no promise for that day in the ledger") == 2
    assert "“morgen”" in box and "“Freitag”" in box
    # And at the preview it blocks, like any promise the ledger does not hold.
    preview = client.post(
        f"/cases/{case_t.reference}/message/preview/",
        {
            "language": "de",
            "subject": "",
            "body": suggest_reply(case=case_t, language="de", sender="Anna").body,
        },
    ).content.decode()
    assert "Send despite the findings" in preview


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("error", "the model server answered HTTP 500"),
        ("garbage", "the model server's answer is not a chat completion"),
        ("slow", "the model server did not answer in time"),
    ],
)
def test_a_failing_model_server_leaves_the_template_draft_with_a_message(
    client: Browser, advisor: User, case_t: Case, model_server: FakeModel, mode: str, reason: str
) -> None:
    model_server.mode = mode
    draft = suggest_reply(case=case_t, language="de", sender="Anna Schmid")
    assert draft.source == "templates" and reason in draft.notice
    assert draft.body == template_draft(case=case_t, language="de", sender="Anna Schmid").body


def test_a_model_server_that_is_down_leaves_the_template_draft(
    client: Browser, advisor: User, case_t: Case, settings: Any
) -> None:
    settings.GOODWILL_MODEL_URL = "http://127.0.0.1:9"  # discard: nothing listens
    client.force_login(advisor)
    box = client.post(
        f"/cases/{case_t.reference}/message/suggest/",
        {"language": "de"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "No draft from the model server (the model server cannot be reached" in box
    assert "Guten Tag Herr Lefèvre," in box


@pytest.mark.parametrize(
    "url",
    ["http://models.example.com", "ftp://127.0.0.1", "https://u:p@models.example.com", "nothing"],
)
def test_the_model_server_must_be_https_or_loopback(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        model_url(url)


def test_loopback_and_https_model_servers_are_accepted() -> None:
    assert model_url("") == ""
    assert model_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert model_url("http://localhost:11434") == "http://localhost:11434"
    assert model_url("https://models.example.com/llm") == "https://models.example.com/llm"


def test_the_model_server_summarises_the_case_from_its_story(
    client: Browser, advisor: User, case_t: Case, model_server: FakeModel
) -> None:
    model_server.answer = "Flat tyre on holiday; case opened by phone. Next: call the client."
    client.force_login(advisor)
    page = client.get(f"/cases/{case_t.reference}/").content.decode()
    assert "Summarise the case" in page
    summary = client.post(
        f"/cases/{case_t.reference}/summary/", headers={"HX-Request": "true"}
    ).content.decode()
    assert "Flat tyre on holiday; case opened by phone." in summary
    asked = model_server.requests[0]["messages"][1]["content"]
    assert case_t.reference in asked and "case_opened" in asked


def test_without_a_model_server_there_is_no_summary(
    client: Browser, advisor: User, case_t: Case, settings: Any
) -> None:
    client.force_login(advisor)
    assert "Summarise the case" not in client.get(f"/cases/{case_t.reference}/").content.decode()
    settings.GOODWILL_MODEL_URL = "http://127.0.0.1:9"  # nothing listens
    answer = client.post(
        f"/cases/{case_t.reference}/summary/", headers={"HX-Request": "true"}
    ).content.decode()
    assert "No summary (the model server cannot be reached" in answer
