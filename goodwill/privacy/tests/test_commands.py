"""manage.py client_export and client_erase."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from goodwill.clients.models import Client
from goodwill.privacy.models import Erasure


def test_client_export_writes_the_zip_with_progress(story: Client, tmp_path: Path) -> None:
    target = tmp_path / "out" / "export.zip"
    target.parent.mkdir()
    out, err = io.StringIO(), io.StringIO()
    call_command("client_export", story.ref, str(target), stdout=out, stderr=err)
    assert "contact_points: 2" in err.getvalue()
    assert "written" in out.getvalue()
    data = json.loads(zipfile.ZipFile(target).read("client.json"))
    assert data["reference"] == story.ref
    assert [p.name for p in target.parent.iterdir()] == ["export.zip"]


def test_client_export_of_an_unknown_client_fails(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("client_export", "CL-404", str(tmp_path / "x.zip"))


def test_client_erase_with_yes_erases_once(story: Client) -> None:
    out = io.StringIO()
    call_command("client_erase", story.ref, "--reason", "Court order 12/2026", "--yes", stdout=out)
    assert f"{story.ref} erased." in out.getvalue()
    erasure = Erasure.objects.get()
    assert erasure.client_ref == story.ref and erasure.erased_by is None and erasure.operator
    story.refresh_from_db()
    assert story.name == f"Erased client {story.ref}"
    again = io.StringIO()
    call_command("client_erase", story.ref, "--reason", "again", "--yes", stdout=again)
    assert "already erased" in again.getvalue()
    assert Erasure.objects.count() == 1


def test_client_erase_needs_a_reason(client_t: Client) -> None:
    with pytest.raises(CommandError):
        call_command("client_erase", client_t.ref, "--reason", "  ", "--yes")
    assert not Erasure.objects.exists()


def test_client_erase_asks_first(client_t: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda _prompt: "no")
    with pytest.raises(CommandError):
        call_command("client_erase", client_t.ref, "--reason", "Asked")
    assert not Erasure.objects.exists()
