"""Adding clients: clear errors for bad input, and a timeline entry for every change."""

import pytest
from django.core.exceptions import ValidationError

from goodwill.clients.models import Client
from goodwill.clients.services import client_create, client_update
from goodwill.organisation.models import User
from goodwill.timeline.models import Entry


def test_the_creating_advisor_becomes_the_advisor_and_their_backup_the_backup(
    advisor: User, backup: User, munich
) -> None:
    created = client_create(actor=advisor, last_name="Brunner", email="b@example.com", site=munich)
    assert created.advisor == advisor
    assert created.backup_advisor == backup
    assert created.ref.startswith("CL-")
    assert Entry.objects.filter(client=created, kind="client_created", actor=advisor).count() == 1


def test_it_rejects_an_email_that_belongs_to_another_client(
    advisor: User, client_t: Client, munich
) -> None:
    with pytest.raises(ValidationError) as error:
        client_create(
            actor=advisor, last_name="Other", email="THOMAS.LEFEVRE@example.com", site=munich
        )
    assert "already belongs to Thomas Lefèvre" in str(error.value.message_dict["email"])
    assert Client.objects.filter(last_name="Other").count() == 0


def test_it_rejects_an_unparsable_phone(advisor: User, munich) -> None:
    with pytest.raises(ValidationError) as error:
        client_create(actor=advisor, last_name="Brunner", phone="call me maybe", site=munich)
    assert "is not a phone number" in str(error.value.message_dict["phone"])
    assert not Client.objects.filter(last_name="Brunner").exists()


def test_it_requires_a_last_name(advisor: User, munich) -> None:
    with pytest.raises(ValidationError) as error:
        client_create(actor=advisor, last_name="  ", site=munich)
    assert "last_name" in error.value.message_dict


def test_the_form_shows_the_errors_instead_of_failing(
    client, advisor: User, client_t: Client, munich
) -> None:
    client.force_login(advisor)
    response = client.post(
        "/clients/new/",
        {
            "last_name": "Neu",
            "email": "thomas.lefevre@example.com",
            "phone": "12",
            "language": "de",
            "country": "DE",
            "tier": "standard",
            "site": munich.pk,
        },
    )
    assert response.status_code == 400
    assert "already belongs to Thomas Lefèvre" in response.text
    missing = client.post(
        "/clients/new/", {"language": "de", "tier": "standard", "site": munich.pk}
    )
    assert missing.status_code == 400 and "This field is required" in missing.text


def test_a_new_client_from_the_form_lands_on_their_page(client, advisor: User, munich) -> None:
    client.force_login(advisor)
    response = client.post(
        "/clients/new/",
        {
            "first_name": "Lena",
            "last_name": "Vogt",
            "email": "lena@example.com",
            "phone": "0151 23456789",
            "language": "de",
            "country": "DE",
            "tier": "premium",
            "site": munich.pk,
            "advisor": advisor.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Lena Vogt" in response.text and "+49 1512 3456789" in response.text


def test_a_change_keeps_what_it_was_before(advisor: User, client_t: Client) -> None:
    client_update(actor=advisor, client=client_t, tier="premium", address_as="Thomas")
    entry = Entry.objects.get(client=client_t, kind="client_changed")
    assert entry.payload["changes"]["tier"] == ["vip", "premium"]
    assert entry.actor == advisor


def test_a_dealer_cannot_change_another_dealers_client(
    foreign_dealer: User, client_t: Client
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        client_update(actor=foreign_dealer, client=client_t, tier="standard")


def test_a_second_phone_is_added_and_found(client, advisor: User, client_t: Client) -> None:
    from goodwill.clients.selectors import client_search

    client.force_login(advisor)
    response = client.post(
        f"/clients/{client_t.ref}/contacts/", {"kind": "phone", "value": "089 1234567"}, follow=True
    )
    assert "+49 89 1234567 added." in response.text
    assert client_search(user=advisor, query="+49891234567", country="DE")[0].client == client_t
    assert Entry.objects.filter(client=client_t, kind="client_changed").exists()


def test_a_bad_contact_is_explained_and_nothing_added(
    client, advisor: User, client_t: Client
) -> None:
    client.force_login(advisor)
    response = client.post(
        f"/clients/{client_t.ref}/contacts/", {"kind": "phone", "value": "hello"}, follow=True
    )
    assert "is not a phone number" in response.text
    assert client_t.contact_points.count() == 2
