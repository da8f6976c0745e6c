"""The client page's export and erase buttons: who may use them, what they give."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from conftest import PASSWORD
from goodwill.clients.models import Client
from goodwill.organisation.models import Site, User
from goodwill.organisation.services import staff_create
from goodwill.privacy.models import Erasure
from goodwill.privacy.services import client_erase
from goodwill.privacy.tests.conftest import EMAIL, login


def test_staff_who_see_the_client_export_a_zip_with_their_files(
    story: Client, advisor: User
) -> None:
    browser = login(advisor)
    assert f"/clients/{story.ref}/export/" in browser.get(f"/clients/{story.ref}/").content.decode()
    response = browser.get(f"/clients/{story.ref}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{story.ref}-export-' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    data = json.loads(archive.read("client.json"))
    assert data["client"][0]["last_name"] == "Lefèvre"
    assert {c["value"] for c in data["contact_points"]} >= {EMAIL}
    assert {p["vin"] for p in data["products"]} >= {"ZAR12345678901234"}
    assert data["cases"] and data["timeline"] and data["messages_in"] and data["attachments"]
    assert "messages_out" in data and "calls" in data and "quotes" in data
    assert len(data["documents"]) == 2 and data["covers"]
    names = archive.namelist()
    assert sum(n.startswith("documents/") for n in names) == 2
    assert sum(n.startswith("mail/raw/") and n.endswith(".eml") for n in names) == 1
    assert any(n.startswith("mail/attachments/") for n in names)
    # Names inside the zip come from ids and hashes, never from the client's file names
    assert not any("lefevre" in n for n in names)


def test_another_sites_staff_get_404(story: Client, foreign_dealer: User) -> None:
    browser = login(foreign_dealer)
    assert browser.get(f"/clients/{story.ref}/export/").status_code == 404
    assert browser.get(f"/clients/{story.ref}/erase/").status_code == 404
    assert (
        browser.post(
            f"/clients/{story.ref}/erase/", {"reason": "x", "confirm": story.ref}
        ).status_code
        == 404
    )
    assert not Erasure.objects.exists()


def test_only_managers_erase(client_t: Client, advisor: User) -> None:
    browser = login(advisor)
    assert "/erase/" not in browser.get(f"/clients/{client_t.ref}/").content.decode()
    assert browser.get(f"/clients/{client_t.ref}/erase/").status_code == 403
    response = browser.post(
        f"/clients/{client_t.ref}/erase/", {"reason": "x", "confirm": client_t.ref}
    )
    assert response.status_code == 403
    assert not Erasure.objects.exists()


def test_a_manager_erases_with_a_reason_and_the_reference_typed_again(
    client_t: Client, manager: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    browser = login(manager)
    assert (
        f"/clients/{client_t.ref}/erase/"
        in browser.get(f"/clients/{client_t.ref}/").content.decode()
    )
    assert browser.get(f"/clients/{client_t.ref}/erase/").status_code == 200
    # No reason, or the wrong reference: nothing happens
    assert (
        browser.post(
            f"/clients/{client_t.ref}/erase/", {"reason": "", "confirm": client_t.ref}
        ).status_code
        == 200
    )
    page = browser.post(f"/clients/{client_t.ref}/erase/", {"reason": "Asked", "confirm": "CL-9"})
    assert "not the client&#x27;s reference" in page.content.decode()
    assert not Erasure.objects.exists()
    # Both: erased, and the audit lists the reference, never the name
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            f"/clients/{client_t.ref}/erase/",
            {"reason": "Asked by letter", "confirm": client_t.ref},
        )
    assert response.status_code == 302
    client_t.refresh_from_db()
    assert client_t.name == f"Erased client {client_t.ref}"
    audit = browser.get("/privacy/erasures/").content.decode()
    assert client_t.ref in audit and "Asked by letter" in audit and "Lefèvre" not in audit


def test_the_audit_is_for_managers(advisor: User) -> None:
    assert login(advisor).get("/privacy/erasures/").status_code == 403


def test_a_dealers_manager_reads_only_their_sites_erasures(
    client_t: Client, paris_client: Client, manager: User, paris: Site
) -> None:
    client_erase(actor=manager, client=client_t, reason="Asked")
    client_erase(actor=manager, client=paris_client, reason="Asked too")
    paris_manager = staff_create(
        username="paula",
        password=PASSWORD,
        first_name="Paula",
        last_name="Roy",
        role="manager",
        site=paris,
        language="fr",
    )
    audit = login(paris_manager).get("/privacy/erasures/").content.decode()
    assert paris_client.ref in audit and client_t.ref not in audit
    everything = login(manager).get("/privacy/erasures/").content.decode()
    assert paris_client.ref in everything and client_t.ref in everything
