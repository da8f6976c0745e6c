"""The layers of docs/architecture.md hold: an app imports only the apps below it (import-linter's
contracts in pyproject.toml), and the channels never import each other."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def _lint() -> int:
    return lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)


def test_every_app_imports_only_the_layers_below_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _lint() == 0


def test_an_import_against_the_layers_breaks_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract is not a formality: a case service reaching up to notifications fails it."""
    monkeypatch.chdir(ROOT)
    probe = ROOT / "goodwill" / "cases" / "_layer_probe.py"
    probe.write_text("from goodwill.notifications import services  # noqa: F401\n")
    try:
        assert _lint() != 0
    finally:
        probe.unlink()
