"""A name typed on the contact form cannot hide a bidi override (issue 10, finding 4): the
client is stored, and shown, with the name as it reads."""

from __future__ import annotations

from goodwill.channels.webform.services import Contact, webform_submit
from goodwill.organisation.models import Site, User


def test_a_name_typed_on_the_contact_form_loses_its_bidi_controls(
    care_centre: Site, agent: User
) -> None:
    submission = webform_submit(
        contact=Contact(
            name="Giulia \u202eihcnaiB\u202c\u200b",
            email="giulia@example.it",
            message="Buongiorno",
            language="it",
        ),
        ip="203.0.113.9",
    )
    client = submission.client
    assert (client.first_name, client.last_name) == ("Giulia", "ihcnaiB")
