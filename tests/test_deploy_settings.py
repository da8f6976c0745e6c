"""A public host is served safely by default: `manage.py check --deploy` finds nothing (HTTPS
redirect, HSTS, secure cookies), each is switchable for a TLS-terminating proxy, and the loopback
demo keeps working over plain http."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KEY = "k3y-" + "x7Qm2pLr9vW4sT8nB1cZ" * 3  # long and varied enough for security.W009


def _run(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    clean.pop("PYTEST_VERSION", None)
    return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, *code.split()],
        cwd=ROOT,
        env={**clean, "GOODWILL_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(tmp_path: Path, **env: str) -> dict[str, str]:
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
        "GOODWILL_PROXY_COUNT",
    ]
    script = (
        "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='goodwill.settings';"
        "from django.conf import settings as s;"
        + "".join(f"print('{n}', repr(getattr(s, '{n}', None)));" for n in names)
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("GOODWILL_")},
            "GOODWILL_DATA_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(line.split(" ", 1) for line in done.stdout.splitlines())


@pytest.mark.slow
def test_check_deploy_is_clean_for_a_public_host(tmp_path: Path) -> None:
    done = _run(
        tmp_path,
        "manage.py check --deploy --fail-level WARNING",
        GOODWILL_ALLOWED_HOSTS="care.aurelis.example",
        GOODWILL_SECRET_KEY=KEY,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_a_public_host_gets_https_hsts_and_secure_cookies(tmp_path: Path) -> None:
    public = _settings(
        tmp_path, GOODWILL_ALLOWED_HOSTS="care.aurelis.example", GOODWILL_SECRET_KEY=KEY
    )
    assert public["SECURE_SSL_REDIRECT"] == "True"
    assert public["SECURE_HSTS_SECONDS"] == "31536000"
    assert public["SESSION_COOKIE_SECURE"] == public["CSRF_COOKIE_SECURE"] == "True"
    assert public["SECURE_PROXY_SSL_HEADER"] == "None"  # no proxy named: its header is not trusted


def test_the_loopback_demo_stays_on_plain_http(tmp_path: Path) -> None:
    demo = _settings(tmp_path)
    assert demo["SECURE_SSL_REDIRECT"] == "False"
    assert demo["SECURE_HSTS_SECONDS"] == "0"
    assert demo["SESSION_COOKIE_SECURE"] == "False"


def test_behind_a_tls_terminating_proxy_each_setting_can_be_switched(tmp_path: Path) -> None:
    proxied = _settings(
        tmp_path,
        GOODWILL_ALLOWED_HOSTS="care.aurelis.example",
        GOODWILL_SECRET_KEY=KEY,
        GOODWILL_PROXY_COUNT="1",
        GOODWILL_SSL_REDIRECT="false",  # the proxy redirects itself
        GOODWILL_HSTS_SECONDS="600",
    )
    assert proxied["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert proxied["SECURE_SSL_REDIRECT"] == "False"
    assert proxied["SECURE_HSTS_SECONDS"] == "600"
    assert proxied["SESSION_COOKIE_SECURE"] == "True"


def test_a_public_host_redirects_plain_http(client, settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.GOODWILL_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    # The proxy terminated TLS and said so: served as is.
    assert client.get("/login/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def test_the_clients_address_is_the_one_the_proxy_appended(rf, settings) -> None:
    from goodwill.http import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    settings.GOODWILL_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.GOODWILL_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"  # never the first, which anyone can write
