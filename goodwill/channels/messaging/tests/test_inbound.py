"""A client's SMS or WhatsApp message, through the signed webhook, into the one intake: on their
one timeline and their open case, like a call or an e-mail; each message once; anything
malformed a 400, never a 500."""

from __future__ import annotations

import time

import pytest

from goodwill.cases.models import Case
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.tests.conftest import INBOUND, Poster, signed_headers
from goodwill.clients.models import Client, ContactPoint
from goodwill.timeline.models import Entry

WHATSAPP = {
    "MessageSid": "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "From": "whatsapp:+491712345678",
    "To": "whatsapp:+4930123457",
    "Body": "Guten Tag, wann ist mein Wagen fertig? Ich brauche ihn am Freitag.",
    "NumMedia": "0",
}


def test_a_known_clients_whatsapp_lands_on_their_open_case(
    post_form: Poster, client_t: Client, case_t: Case
) -> None:
    response = post_form(INBOUND, WHATSAPP)

    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok",
        "sid": WHATSAPP["MessageSid"],
        "case": case_t.reference,
    }
    text = InboundText.objects.get()
    assert (text.client, text.case, text.channel) == (client_t, case_t, "whatsapp")
    entry = Entry.objects.get(pk=text.entry_id)
    assert entry.kind == Entry.Kind.MESSAGE_IN and entry.channel == "whatsapp"
    assert entry.case == case_t and "mein Wagen fertig" in entry.body
    assert entry.payload["provider_sid"] == WHATSAPP["MessageSid"]


def test_a_strangers_sms_becomes_a_new_client_with_a_new_case(
    post_form: Poster, client_t: Client, care_centre: object, agent: object
) -> None:
    fields = WHATSAPP | {
        "From": "+33612345678",
        "To": "+4930123456",
        "Body": "Hello, my watch stopped.",
    }

    response = post_form(INBOUND, fields)

    assert response.status_code == 200, response.content
    text = InboundText.objects.get()
    assert text.channel == "sms" and text.client != client_t
    assert ContactPoint.objects.filter(
        client=text.client, kind=ContactPoint.Kind.PHONE, normalized="+33612345678"
    ).exists()
    assert text.case is not None and text.case.channel == Case.Channel.SMS
    assert text.case.reference == response.json()["case"]


def test_the_same_message_twice_is_filed_once(
    post_form: Poster, client_t: Client, case_t: Case
) -> None:
    first = post_form(INBOUND, WHATSAPP)
    again = post_form(INBOUND, WHATSAPP)  # the provider's retry, signed anew

    assert first.json()["status"] == "ok"
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert InboundText.objects.count() == 1
    assert Entry.objects.filter(kind=Entry.Kind.MESSAGE_IN, client=client_t).count() == 1


def test_media_are_recorded_and_never_fetched(
    post_form: Poster, client_t: Client, case_t: Case
) -> None:
    fields = WHATSAPP | {
        "Body": "",
        "NumMedia": "2",
        # Pointing at loopback: fetched, it would be a request we could see fail the test.
        "MediaUrl0": "http://127.0.0.1:9/secret",
        "MediaContentType0": "image/jpeg",
        "MediaUrl1": "http://127.0.0.1:9/other",
        "MediaContentType1": "application/pdf",
    }

    response = post_form(INBOUND, fields)

    assert response.status_code == 200, response.content
    text = InboundText.objects.get()
    assert text.media == ["image/jpeg", "application/pdf"]
    entry = Entry.objects.get(pk=text.entry_id)
    assert entry.payload["media"] == ["image/jpeg", "application/pdf"]
    assert "2 attachments (image/jpeg, application/pdf)" in entry.body
    assert "127.0.0.1" not in entry.body


@pytest.mark.parametrize("tamper", ["bad", "missing", "stale", "wrong_secret", "body_changed"])
def test_it_refuses_a_bad_or_missing_signature_and_files_nothing(
    post_form: Poster, client_t: Client, tamper: str
) -> None:
    from urllib.parse import urlencode

    body = urlencode(WHATSAPP).encode()
    headers = signed_headers(body)
    if tamper == "bad":
        headers["X-Goodwill-Signature"] = "0" * 64
    elif tamper == "missing":
        headers = {}
    elif tamper == "stale":
        headers = signed_headers(body, timestamp=int(time.time()) - 360)
    elif tamper == "wrong_secret":
        headers = signed_headers(body, secret="another-secret-of-some-length")
    elif tamper == "body_changed":
        body = body.replace(b"Freitag", b"Montag")

    response = post_form(INBOUND, body=body, headers=headers)

    assert response.status_code == (401 if tamper == "missing" else 403)
    assert not InboundText.objects.exists()


def test_without_a_secret_configured_nothing_is_accepted(
    post_form: Poster, client_t: Client, settings: object
) -> None:
    settings.GOODWILL_MESSAGING_WEBHOOK_SECRET = ""  # type: ignore[attr-defined]
    assert post_form(INBOUND, WHATSAPP).status_code == 403
    assert not InboundText.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {k: v for k, v in WHATSAPP.items() if k != "MessageSid"},
        WHATSAPP | {"MessageSid": "SM<script>"},
        WHATSAPP | {"From": ""},
        WHATSAPP | {"From": "whatsapp:BANK"},
        WHATSAPP | {"From": "12345"},
        WHATSAPP | {"NumMedia": "lots"},
        WHATSAPP | {"NumMedia": "-1"},
        WHATSAPP | {"NumMedia": "99"},
        WHATSAPP | {"Body": "nul\x00byte"},
        WHATSAPP | {"Body": "x" * 10_001},
    ],
    ids=[
        "empty",
        "no-sid",
        "bad-sid",
        "no-from",
        "named-sender",
        "short-code",
        "media-word",
        "media-negative",
        "media-too-many",
        "nul",
        "too-long",
    ],
)
def test_a_malformed_message_is_a_400_and_files_nothing(
    post_form: Poster, client_t: Client, fields: dict[str, str]
) -> None:
    response = post_form(INBOUND, fields)

    # Said by the view, or (a NUL anywhere in the form) by the guard before any view.
    assert response.status_code == 400, response.content
    assert not InboundText.objects.exists()


@pytest.mark.parametrize(
    "body", [b"\xff\xfe\x00garbage", b"MessageSid=%ZZ&From=%", b"a" * 100 + b"&&&==&"]
)
def test_a_body_that_is_not_form_data_is_a_4xx(
    post_form: Poster, client_t: Client, body: bytes
) -> None:
    response = post_form(INBOUND, body=body)
    assert 400 <= response.status_code < 500, response.content
    assert not InboundText.objects.exists()


def test_a_get_is_refused(client: object, db: None) -> None:
    assert client.get(INBOUND).status_code == 405  # type: ignore[attr-defined]
