from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.organisation.models import User
from goodwill.quotes.models import Quote
from goodwill.quotes.services import quote_create

# A QuickTime-family MP4 header: enough for `filetype` to read it as a video by its bytes.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200


def png() -> bytes:
    """A small photo of the workshop's (a real PNG)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), (180, 40, 40)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _vault_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Documents go to a fresh DATA_DIR per test."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def quote_t(case_t: Case, advisor: User) -> Quote:
    """Anna's draft for Mr T: a new tyre and a wheel alignment."""
    return quote_create(
        actor=advisor,
        case=case_t,
        title="New front tyre and alignment",
        work="The front left tyre is cut on the sidewall; we fit a new one and align the wheels.",
        amount=Decimal("1480.00"),
        currency="eur",
        valid_until=timezone.localdate() + dt.timedelta(days=10),
    )
