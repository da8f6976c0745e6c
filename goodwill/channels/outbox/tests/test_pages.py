"""The outbox pages (what clients receive) and the managers' template editor."""

from __future__ import annotations

import pytest
from django.test import Client as Browser
from django.utils import timezone

from goodwill.cases.models import Case
from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.channels.outbox.services import outbound_queue
from goodwill.channels.outbox.sweeps import deliver_due
from goodwill.clients.models import Client
from goodwill.organisation.models import User


def _queue(case: Case, n: int, **extra: object) -> OutboundMessage:
    return outbound_queue(
        key=f"page:{n}",
        purpose="notification",
        to_address="thomas.lefevre@example.com",
        to_name="Thomas Lefèvre",
        subject=f"Update {n} <b>bold</b>",
        body_text=f"Line {n}\n<script>x</script>",
        client=case.client,
        case=case,
        **extra,
    )  # type: ignore[arg-type]


def test_the_outbox_lists_messages_with_their_case_and_filters_by_status(
    client: Browser, advisor: User, case_t: Case
) -> None:
    _queue(case_t, 1)
    deliver_due(timezone.now())
    _queue(case_t, 2)
    client.force_login(advisor)
    page = client.get("/outbox/").text
    assert "Update 1 &lt;b&gt;bold&lt;/b&gt;" in page and "Update 2" in page
    assert case_t.reference in page and "captured" in page
    queued = client.get("/outbox/?status=queued").text
    assert "Update 2" in queued and "Update 1 " not in queued
    assert client.get("/outbox/?status=nonsense").status_code == 200


def test_the_outbox_shows_a_message_as_the_client_receives_it_escaped(
    client: Browser, advisor: User, case_t: Case
) -> None:
    message = _queue(case_t, 1, in_reply_to="<x@client.example>")
    client.force_login(advisor)
    page = client.get(f"/outbox/{message.pk}/").text
    assert message.message_id.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "Thomas Lefèvre &lt;thomas.lefevre@example.com&gt;" in page
    assert "&lt;x@client.example&gt;" in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    assert "Auto-Submitted" in page


def test_a_dealer_sees_only_the_messages_of_its_own_clients(
    client: Browser, foreign_dealer: User, case_t: Case, paris_client: Client
) -> None:
    message = _queue(case_t, 1)
    outbound_queue(
        key="paris",
        purpose="notification",
        to_address="camille.bernard@example.com",
        subject="Bonjour Paris",
        body_text="x",
        client=paris_client,
    )
    staff_only = outbound_queue(
        key="staff",
        purpose="staff",
        to_address="anna@aurelis.example",
        subject="Internal",
        body_text="x",
    )
    client.force_login(foreign_dealer)
    page = client.get("/outbox/").text
    assert "Bonjour Paris" in page and "Update 1" not in page and "Internal" not in page
    assert client.get(f"/outbox/{message.pk}/").status_code == 404
    assert client.get(f"/outbox/{staff_only.pk}/").status_code == 404


def test_a_failed_message_can_be_sent_again(client: Browser, advisor: User, case_t: Case) -> None:
    message = _queue(case_t, 1)
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="failed", last_error="550 no such user", attempts=3
    )
    client.force_login(advisor)
    assert "Send again" in client.get(f"/outbox/{message.pk}/").text
    client.post(f"/outbox/{message.pk}/retry/")
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("queued", 0, "")
    client.post(f"/outbox/{message.pk}/retry/")  # not failed any more: refused, nothing changes
    message.refresh_from_db()
    assert message.status == "queued"


def test_the_outbox_list_costs_the_same_queries_for_10_or_60_messages(
    client: Browser, advisor: User, case_t: Case, django_assert_num_queries
) -> None:
    client.force_login(advisor)
    for n in range(10):
        _queue(case_t, n)
    # session, user with their site (who may see what), unread badge, counts by status, page
    # count, page rows with their case joined; the visibility subquery rides inside the last three.
    with django_assert_num_queries(6):
        client.get("/outbox/")
    for n in range(10, 60):
        _queue(case_t, n)
    with django_assert_num_queries(6):
        client.get("/outbox/")


def test_only_managers_edit_templates(client: Browser, advisor: User, manager: User) -> None:
    client.force_login(advisor)
    assert client.get("/outbox/templates/").status_code == 403
    assert client.get("/outbox/templates/reply/fr/").status_code == 403
    client.force_login(manager)
    page = client.get("/outbox/templates/").text
    for name in ("reply", "acknowledgement", "status_changed", "case_update", "backup_cover"):
        assert name in page


def test_a_manager_previews_then_saves_a_template(client: Browser, manager: User) -> None:
    client.force_login(manager)
    url = "/outbox/templates/acknowledgement/it/"
    assert "Margaux Dubois se ne occuperà" in client.get(url).text  # preview on sample data
    preview = client.post(
        url,
        {"subject": "Ricevuto {{ reference }}", "body": "Caro {{ greeting_name }}", "preview": "1"},
    )
    assert "Ricevuto GW-2026-000000042" in preview.text and "Caro Mr Rossi" in preview.text
    assert MessageTemplate.objects.get(name="acknowledgement", language="it").subject.startswith(
        "Abbiamo"
    )
    saved = client.post(
        url, {"subject": "Ricevuto {{ reference }}", "body": "Caro {{ greeting_name }}"}
    )
    assert saved.status_code == 302
    template = MessageTemplate.objects.get(name="acknowledgement", language="it")
    assert (template.subject, template.body, template.updated_by) == (
        "Ricevuto {{ reference }}",
        "Caro {{ greeting_name }}",
        manager,
    )


def test_a_broken_template_is_refused_with_the_reason(client: Browser, manager: User) -> None:
    client.force_login(manager)
    response = client.post(
        "/outbox/templates/reply/de/", {"subject": "x", "body": "Hallo {% if %}"}
    )
    assert response.status_code == 400 and "does not read" in response.text
    assert MessageTemplate.objects.get(name="reply", language="de").body.startswith("Guten Tag")


def test_unknown_templates_and_languages_are_not_found(client: Browser, manager: User) -> None:
    client.force_login(manager)
    assert client.get("/outbox/templates/nope/en/").status_code == 404
    assert client.get("/outbox/templates/reply/xx/").status_code == 404


@pytest.mark.django_db
def test_the_outbox_needs_a_login(client: Browser) -> None:
    assert client.get("/outbox/").status_code == 302


def test_a_dealer_advisor_does_not_read_staff_mail_sent_to_a_colleague(
    client: Browser, advisor: User, backup: User, client_t: Client, manager: User
) -> None:
    User.objects.filter(pk=advisor.pk).update(email="anna@aurelis.example")
    User.objects.filter(pk=backup.pk).update(email="Jonas@aurelis.example")
    advisor.refresh_from_db()
    backup.refresh_from_db()
    to_anna = outbound_queue(
        key="staff:anna",
        purpose="staff",
        to_address=advisor.email,
        subject="For Anna only",
        body_text="x",
        client=client_t,
    )
    to_jonas = outbound_queue(
        key="staff:jonas",
        purpose="staff",
        to_address=backup.email,
        subject="For Jonas",
        body_text="x",
        client=client_t,
    )
    client.force_login(backup)
    page = client.get("/outbox/").text
    assert "For Anna only" not in page and "For Jonas" in page
    assert client.get(f"/outbox/{to_anna.pk}/").status_code == 404
    assert client.get(f"/outbox/{to_jonas.pk}/").status_code == 200
    client.force_login(manager)  # brand-wide staff see every message
    assert "For Anna only" in client.get("/outbox/").text
