"""GOODWILL_CLIENT_LANGUAGES: the languages clients are served in, apart from the staff
interface's; a code Django does not know stops start-up rather than serving a client nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from goodwill.languages import accepted_language, client_language, html_lang, language_name

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import os;os.environ['DJANGO_SETTINGS_MODULE']='goodwill.settings';"
    "from django.conf import settings as s;"
    "print(s.GOODWILL_CLIENT_LANGUAGES, s.GOODWILL_BRAND_LANGUAGES)"
)


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GOODWILL_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603  (our own interpreter and settings)
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env={**clean, "GOODWILL_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_reads_the_client_languages_and_the_brand_follows(tmp_path: Path) -> None:
    done = _settings(tmp_path, GOODWILL_CLIENT_LANGUAGES="en, nl, zh_Hans")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['en', 'nl', 'zh-hans'] ['en', 'nl', 'zh-hans']"


def test_it_refuses_a_language_django_does_not_know(tmp_path: Path) -> None:
    done = _settings(tmp_path, GOODWILL_CLIENT_LANGUAGES="en,klingon")

    assert done.returncode != 0
    assert "GOODWILL_CLIENT_LANGUAGES" in done.stderr and "klingon" in done.stderr


def test_codes_are_read_one_way() -> None:
    assert [client_language(c) for c in ("zh-CN", "zh_Hans", "ZH", "pt-BR", "NL", "pl")] == [
        "zh-hans",
        "zh-hans",
        "zh-hans",
        "pt",
        "nl",
        "pl",
    ]
    assert html_lang("zh-hans") == "zh-Hans" and html_lang("pt-br") == "pt-BR"
    assert [language_name(c) for c in ("es", "ja", "ar", "zh-hans")] == [
        "Español",
        "日本語",
        "العربية",
        "中文(简体)",
    ]
    assert accepted_language("pl, fr-CH;q=0.9, en;q=0.8") == "fr"
    assert accepted_language("pl, sv") is None
