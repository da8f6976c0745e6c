"""The CLI adds clients with the same checks, and says clearly what is wrong."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from goodwill.clients.models import Client


def test_it_adds_a_client_reading_the_phone_with_the_country(munich, advisor) -> None:
    call_command(
        "client_create",
        "--last-name",
        "Keller",
        "--phone",
        "079 123 45 67",
        "--country",
        "CH",
        "--site",
        munich.code,
        "--advisor",
        "anna",
    )
    client = Client.objects.get(last_name="Keller")
    assert client.advisor == advisor
    assert client.contact_points.get().normalized == "+41791234567"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--phone", "not a phone"], "phone: “not a phone” is not a phone number."),
        (
            ["--email", "thomas.lefevre@example.com"],
            "email: thomas.lefevre@example.com already belongs to Thomas Lefèvre",
        ),
        (["--site", "NOPE"], "No site with code 'NOPE'"),
    ],
)
def test_it_explains_what_is_wrong_and_adds_nothing(munich, client_t, extra, message) -> None:
    before = Client.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("client_create", "--last-name", "Neu", "--site", munich.code, *extra)
    assert message in str(error.value)
    assert Client.objects.count() == before


def test_a_missing_last_name_is_refused(munich) -> None:
    with pytest.raises(CommandError, match="last_name"):
        call_command("client_create", "--last-name", " ", "--site", munich.code)


def test_a_bad_email_or_country_is_explained(munich) -> None:
    with pytest.raises(CommandError, match="email: “not-an-email” is not an e-mail address"):
        call_command(
            "client_create", "--last-name", "Neu", "--email", "not-an-email", "--site", munich.code
        )
    with pytest.raises(CommandError, match="country: Use the two-letter country code"):
        call_command(
            "client_create", "--last-name", "Neu", "--country", "CHE", "--site", munich.code
        )
