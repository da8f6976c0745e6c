"""Signing in holds against guessing: failed passwords lock the account and the address out for a
while (the page says until when), the admin signs in the same way, and a second factor (a TOTP
code from an authenticator app, computed here as the app computes it) can be turned on by anyone
and required for chosen roles."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client as Browser

from conftest import PASSWORD
from goodwill.organisation.models import User

WRONG = "not-the-password"


def _login(browser: Browser, username: str, password: str, ip: str = "198.51.100.7"):
    return browser.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_the_account_and_say_until_when(
    client: Browser, advisor: User
) -> None:
    for _ in range(4):
        assert _login(client, "anna", WRONG).status_code == 400
    assert _login(client, "anna", WRONG).status_code == 429  # the fifth failure locks
    refused = _login(client, "anna", PASSWORD)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many failed sign-ins" in page
    assert re.search(r"paused until \d\d:\d\d \(15 minutes from now\)", page)
    assert refused["Retry-After"] == str(15 * 60)
    assert client.get("/").status_code == 302  # not signed in
    # The count lives in the database, so every web process refuses alike.
    assert AccessAttempt.objects.filter(username="anna").get().failures_since_start >= 5
    # Another address is refused too: the account itself is locked.
    assert _login(Browser(), "anna", PASSWORD, ip="203.0.113.9").status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(
    client: Browser, advisor: User, agent: User
) -> None:
    for n in range(5):
        _login(client, f"guess{n}", WRONG)
    assert _login(client, "chiara", PASSWORD).status_code == 429
    # Chiara, from her own desk, still signs in.
    assert _login(Browser(), "chiara", PASSWORD, ip="192.0.2.44").status_code == 302


def test_the_lockout_lifts_after_the_cool_off(client: Browser, advisor: User) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(5):
            _login(client, "anna", WRONG)
        assert _login(client, "anna", PASSWORD).status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        assert _login(client, "anna", PASSWORD).status_code == 302
        assert client.get("/").status_code == 200


def test_a_successful_sign_in_clears_the_failures(client: Browser, advisor: User) -> None:
    for _ in range(4):
        _login(client, "anna", WRONG)
    assert _login(client, "anna", PASSWORD).status_code == 302
    client.post("/logout/")
    for _ in range(4):
        _login(client, "anna", WRONG)
    assert _login(client, "anna", PASSWORD).status_code == 302


def test_the_admin_signs_in_through_the_throttled_login(client: Browser, db: None) -> None:
    User.objects.create_superuser("root", "root@example.com", "pw-long-enough-1")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/admin/"
    # Its own form no longer signs anyone in.
    client.post("/admin/login/", {"username": "root", "password": "pw-long-enough-1"})
    assert client.get("/admin/").status_code == 302
    for _ in range(5):
        _login(client, "root", WRONG)
    assert _login(client, "root", "pw-long-enough-1").status_code == 429
    assert client.get("/admin/").status_code == 302


def totp(key: bytes, at: float, *, step: int = 30, digits: int = 6) -> str:
    """RFC 6238, as an authenticator app computes it: HMAC-SHA1 of the time step, truncated."""
    mac = hmac.new(key, int(at // step).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def _secret(page: str) -> bytes:
    """The key the enrolment page shows for typing by hand, as the app would store it."""
    match = re.search(r"<code>([A-Z2-7 ]{20,})</code>", page)
    assert match, "the page shows the key"
    text = match.group(1).replace(" ", "")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def _enrol(browser: Browser, at: float) -> bytes:
    page = browser.get("/me/two-factor/").content.decode()
    assert "<svg" in page  # the QR code, drawn on the server
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in svg  # nothing fetched from elsewhere
    key = _secret(page)
    wrong = browser.post("/me/two-factor/", {"action": "enrol", "code": "000000"})
    assert wrong.status_code == 400 and 'class="errorlist" role="alert"' in wrong.content.decode()
    done = browser.post("/me/two-factor/", {"action": "enrol", "code": totp(key, at)})
    assert done.status_code == 302
    return key


def test_an_advisor_turns_on_two_factor_and_then_signs_in_with_a_code(
    client: Browser, advisor: User
) -> None:
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(advisor)
        key = _enrol(client, start)
        client.post("/logout/")

        clock.shift(dt.timedelta(seconds=60))
        now = time.time()
        response = _login(client, "anna", PASSWORD)
        assert response.status_code == 302 and response["Location"].startswith("/login/code/")
        assert client.get("/").status_code == 302  # the password alone is not enough
        wrong = client.post("/login/code/", {"code": totp(key, now - 600)})
        assert wrong.status_code == 400 and "not the one your app shows" in wrong.content.decode()
        clock.shift(dt.timedelta(seconds=2))  # wrong codes are slowed down (1 s, 2 s, 4 s…)
        signed = client.post("/login/code/", {"code": totp(key, now)})
        assert signed.status_code == 302
        assert client.get("/").status_code == 200
        # The same code never opens a second session (replay).
        client.post("/logout/")
        _login(client, "anna", PASSWORD)
        assert client.post("/login/code/", {"code": totp(key, now)}).status_code == 400


def test_a_pending_code_step_expires(client: Browser, advisor: User) -> None:
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(advisor)
        _enrol(client, start)
        client.post("/logout/")
        _login(client, "anna", PASSWORD)
        clock.shift(dt.timedelta(minutes=6))
        response = client.get("/login/code/")
        assert response.status_code == 302 and response["Location"] == "/login/"


@pytest.fixture
def two_factor_for_managers(settings) -> None:
    settings.GOODWILL_2FA_REQUIRED_FOR = ["manager", "admin"]


def test_a_manager_must_set_up_two_factor_before_anything_else(
    client: Browser, manager: User, advisor: User, two_factor_for_managers: None
) -> None:
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        assert _login(client, "margaux", PASSWORD).status_code == 302
        for url in ("/", "/board/", "/outbox/templates/"):
            response = client.get(url)
            assert response.status_code == 302 and response["Location"] == "/me/two-factor/"
        assert client.get("/api/clients", {"q": "x"}).status_code == 403
        assert client.get("/phone/pop/", headers={"HX-Request": "true"}).status_code == 204
        page = client.get("/me/two-factor/").content.decode()
        assert "Votre rôle doit se connecter avec deux facteurs" in page  # Margaux reads French
        _enrol(client, start)
        assert client.get("/").status_code == 200
        # It cannot be turned off while the role requires it.
        assert "ne peut pas être désactivée" in client.get("/me/two-factor/").content.decode()
        clock.shift(dt.timedelta(seconds=40))
        # An advisor is not asked.
        other = Browser()
        assert _login(other, "anna", PASSWORD).status_code == 302
        assert other.get("/").status_code == 200


def test_turning_two_factor_off_takes_a_current_code(client: Browser, advisor: User) -> None:
    start = time.time()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(advisor)
        key = _enrol(client, start)
        clock.shift(dt.timedelta(seconds=30))
        refused = client.post("/me/two-factor/", {"action": "remove", "code": "123"})
        assert refused.status_code == 400
        clock.shift(dt.timedelta(seconds=2))
        off = client.post("/me/two-factor/", {"action": "remove", "code": totp(key, time.time())})
        assert off.status_code == 302
        client.post("/logout/")
        assert _login(client, "anna", PASSWORD)["Location"] == "/"
