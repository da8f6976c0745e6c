"""Twilio calls the webhooks itself, signed its own way (X-Twilio-Signature, HMAC-SHA1 with the
account's auth token over the URL and the sorted form fields): no relay needed in between."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test.client import Client as HttpClient

from goodwill.cases.models import Case
from goodwill.channels.messaging.models import InboundText
from goodwill.channels.messaging.tests.conftest import INBOUND, STATUS
from goodwill.channels.messaging.webhook import BadSignature, twilio_sign, verify_twilio
from goodwill.clients.models import Client

# Twilio's published example (its helper libraries' tests): this token, URL and form sign to this.
VECTOR_TOKEN = "12345"
VECTOR_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
VECTOR_FIELDS = [
    ("CallSid", "CA1234567890ABCDE"),
    ("Caller", "+14158675309"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
]
VECTOR_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8="

TOKEN = "the-accounts-auth-token"
PUBLIC = "https://care.example.com"
WHATSAPP = {
    "MessageSid": "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "From": "whatsapp:+491712345678",
    "To": "whatsapp:+4930123457",
    "Body": "Ist mein Wagen fertig?",
    "NumMedia": "0",
}


@pytest.fixture(autouse=True)
def _twilio(settings: Any) -> None:
    settings.GOODWILL_MESSAGING_AUTH_TOKEN = TOKEN
    settings.GOODWILL_PUBLIC_URL = PUBLIC


def test_the_signature_is_twilios_published_example() -> None:
    assert twilio_sign(token=VECTOR_TOKEN, url=VECTOR_URL, fields=VECTOR_FIELDS) == (
        VECTOR_SIGNATURE
    )
    verify_twilio(
        token=VECTOR_TOKEN, url=VECTOR_URL, fields=VECTOR_FIELDS, signature=VECTOR_SIGNATURE
    )
    # Twilio may have signed the URL with the scheme's own port written out.
    verify_twilio(
        token=VECTOR_TOKEN,
        url="https://mycompany.com:443/myapp.php?foo=1&bar=2",
        fields=VECTOR_FIELDS,
        signature=VECTOR_SIGNATURE,
    )
    tampered = [(name, "9999" if name == "Digits" else value) for name, value in VECTOR_FIELDS]
    for token, fields in ((VECTOR_TOKEN, tampered), ("other", VECTOR_FIELDS), ("", VECTOR_FIELDS)):
        with pytest.raises(BadSignature):
            verify_twilio(token=token, url=VECTOR_URL, fields=fields, signature=VECTOR_SIGNATURE)


def _post(client: HttpClient, path: str, fields: dict[str, str], signature: str) -> Any:
    return client.post(
        path,
        data=urlencode(fields).encode(),
        content_type="application/x-www-form-urlencoded",
        headers={"X-Twilio-Signature": signature},
    )


def test_a_message_twilio_signed_lands_on_the_clients_case(
    client: HttpClient, client_t: Client, case_t: Case
) -> None:
    signature = twilio_sign(token=TOKEN, url=PUBLIC + INBOUND, fields=sorted(WHATSAPP.items()))

    response = _post(client, INBOUND, WHATSAPP, signature)

    assert response.status_code == 200, response.content
    assert response.json()["case"] == case_t.reference
    assert InboundText.objects.get().client == client_t


def test_a_forged_or_unconfigured_twilio_signature_is_refused(
    client: HttpClient, settings: Any, client_t: Client, case_t: Case
) -> None:
    good = twilio_sign(token=TOKEN, url=PUBLIC + INBOUND, fields=sorted(WHATSAPP.items()))
    forged = WHATSAPP | {"Body": "Please send the car to another address."}
    other_url = twilio_sign(
        token=TOKEN, url="https://evil.example.com" + INBOUND, fields=sorted(WHATSAPP.items())
    )

    assert _post(client, INBOUND, forged, good).status_code == 403
    assert _post(client, INBOUND, WHATSAPP, other_url).status_code == 403
    assert _post(client, INBOUND, WHATSAPP, "not base64 at all ✗").status_code == 403
    assert (
        _post(client, STATUS, {"MessageSid": "SMx", "MessageStatus": "read"}, good).status_code
        == 403
    )
    settings.GOODWILL_MESSAGING_AUTH_TOKEN = ""
    assert _post(client, INBOUND, WHATSAPP, good).status_code == 403
    assert not InboundText.objects.exists()
