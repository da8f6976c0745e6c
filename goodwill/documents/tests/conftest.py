from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client as HttpClient

from conftest import PASSWORD
from goodwill.documents.models import Document
from goodwill.documents.reading import tesseract_available
from goodwill.documents.services import document_store
from goodwill.organisation.models import User


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Documents go to a fresh DATA_DIR per test."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


def require_tesseract() -> None:
    """OCR tests need Debian's tesseract-ocr; under CI its absence fails rather than skips."""
    if not tesseract_available():
        reason = "tesseract is missing: scripts/test installs tesseract-ocr (as root)"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def login(user: User) -> HttpClient:
    browser = HttpClient()
    assert browser.login(username=user.username, password=PASSWORD)
    return browser


@pytest.fixture
def store(django_capture_on_commit_callbacks: Any) -> Callable[..., Document]:
    """document_store as a channel calls it, with the reading it queues after the commit run."""

    def run(**kwargs: Any) -> Document:
        with django_capture_on_commit_callbacks(execute=True):
            document = document_store(**kwargs)
        document.refresh_from_db()
        return document

    return run
