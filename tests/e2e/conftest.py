"""Debian's chromium driven by Playwright, for every end-to-end test: never a downloaded browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium keeps dialling Google, which this machine
# refuses.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def page(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    if not CHROMIUM.exists():
        # CI runs scripts/test, which installs Debian's chromium: a missing browser there is a
        # broken build.
        reason = (
            "/usr/bin/chromium is missing: scripts/test installs it (as root), "
            "or run 'apt-get install chromium'"
        )
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM
    # calls from such a thread. Only fixtures and teardown touch the database from here; the
    # requests are served by the live server's own thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(10_000)
        yield context.new_page()
        context.close()
        browser.close()
