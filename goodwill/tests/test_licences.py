"""Goodwill is Apache-2.0: nothing it runs on may be under the GPL (Unidecode was, and went).
The licences are read from each locked package's own metadata, as the README's table was."""

import re
from importlib.metadata import PackageNotFoundError, distribution, metadata
from pathlib import Path

import pytest

LOCK = Path(__file__).resolve().parents[2] / "requirements.lock"
# LGPL-3.0: imported unmodified as a library anyone can replace, which the LGPL allows.
LGPL_LIBRARIES = {"psycopg", "psycopg-binary"}


def _locked() -> list[str]:
    return [m[1] for m in re.finditer(r"^([A-Za-z0-9._-]+)==", LOCK.read_text(), re.MULTILINE)]


def _licence(package: str) -> str:
    """What the package's metadata says, else the opening of its licence file (huey, IMAPClient
    state theirs only there)."""
    meta = metadata(package)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    stated = " ".join(
        [meta.get("License-Expression") or "", meta.get("License") or "", *classifiers]
    )
    if stated.strip():
        return stated
    names = meta.get_all("License-File") or []
    files = [f for f in distribution(package).files or [] if f.name in names]
    return " ".join(f.read_text()[:400] for f in files)


def test_the_lock_lists_the_runtime_dependencies() -> None:
    assert {"django", "anyascii", "imapclient", "gunicorn"} <= set(_locked())
    assert "unidecode" not in _locked()


@pytest.mark.parametrize("package", _locked())
def test_no_runtime_dependency_is_under_the_gpl(package: str) -> None:
    try:
        licence = _licence(package)
    except PackageNotFoundError:
        pytest.skip(f"{package} is not installed here (a lock for another platform)")
    assert licence.strip(), f"{package} states no licence in its metadata"
    if package in LGPL_LIBRARIES:
        assert "LGPL" in licence
    else:
        assert "GPL" not in licence and "general public" not in licence.lower(), (
            f"{package}: {licence}"
        )
