"""Managers' templates run in a sandbox: only the documented placeholders and ifs. What else is
written is refused on preview and save with the reason (a 400, never a 500), and a stored
template that still cannot render never holds a message back: the built-in words go out and the
managers are told."""

from __future__ import annotations

import pytest
from django.test import Client as Browser

from goodwill.channels.outbox.models import MessageTemplate, OutboundMessage
from goodwill.channels.outbox.templates import check_template, render_message, render_string
from goodwill.notifications.models import Notification
from goodwill.organisation.models import User

HOSTILE = [
    ('{% include "base.html" %}', "include"),
    ("{% load static %}{% static 'x' %}", "load"),
    ("{% debug %}", "debug"),
    ("{% now 'Y' %}", "now"),
    ("{% for x in brand %}{{ x }}{% endfor %}", "for"),
    ("{% if %}x{% endif %}", "if"),
    ("{% if brand %}never closed", "endif"),
    ("{% endif %}", "endif"),
    ("{% if brand %}a{% else %}b{% else %}c{% endif %}", "else"),
    ("{{ advisor.password }}", "advisor.password"),
    ("{{ brand|upper }}", "brand|upper"),
    ('{{ brand|ljust:"999999999" }}', "ljust"),
    ("{{ settings }}", "settings"),
    ("{{ message }}", "message"),  # only a reply has what staff wrote
    ("{# a comment #}", "Comments"),
    ("Dear {{ greeting_name", "never closed"),
    ("{% if brand %}" * 9 + "x" + "{% endif %}" * 9, "nested"),
]


@pytest.mark.parametrize(("source", "named"), HOSTILE)
def test_the_sandbox_refuses_anything_but_placeholders_and_ifs(source: str, named: str) -> None:
    problem = check_template(f"Dear {{{{ greeting_name }}}},\n{source}", name="acknowledgement")
    assert problem is not None and named in problem
    assert problem.startswith("Line 2:")


def test_it_renders_placeholders_and_ifs_as_plain_text() -> None:
    source = (
        "{{ backup }} covers{% if away_until %} until {{ away_until }}{% else %} now{% endif %}"
    )
    context = {"backup": "Jonas <J&W>", "away_until": "3.12.2026"}
    assert (
        render_string(source, context, name="backup_cover") == "Jonas <J&W> covers until 3.12.2026"
    )
    assert render_string(source, {"backup": "Jonas"}, name="backup_cover") == "Jonas covers now"
    assert check_template("{{ message }}", name="reply") is None
    assert check_template("100 % sure {not a tag} }}", name="reply") is None


@pytest.mark.parametrize(("source", "named"), HOSTILE[:4])
def test_preview_and_save_answer_400_with_the_reason(
    client: Browser, manager: User, source: str, named: str
) -> None:
    client.force_login(manager)
    url = "/outbox/templates/acknowledgement/en/"
    for extra in ({"preview": "1"}, {}):
        response = client.post(url, {"subject": "Hello", "body": source, **extra})
        assert response.status_code == 400
        assert "does not read" in response.text and named in response.text
    assert not MessageTemplate.objects.filter(body=source).exists()


def test_the_editor_lists_the_placeholders_of_the_template(client: Browser, manager: User) -> None:
    client.force_login(manager)
    page = client.get("/outbox/templates/backup_cover/en/").text
    assert "{{ away_until }}" in page and "{{ backup }}" in page and "{{ message }}" not in page


@pytest.fixture
def broken_acknowledgement(db: None) -> MessageTemplate:
    """Stored before the sandbox's rules, or by hand in the database: the editor refuses it."""
    template, _ = MessageTemplate.objects.update_or_create(
        name="acknowledgement",
        language="en",
        defaults={"subject": "Thanks {{ reference }}", "body": '{% include "secret.txt" %}'},
    )
    return template


def test_a_stored_template_that_cannot_render_falls_back_to_the_built_in_words(
    broken_acknowledgement: MessageTemplate, manager: User
) -> None:
    context = {"greeting_name": "Mr Rossi", "advisor": "Anna", "reference": "GW-1", "brand": "A"}
    subject, body = render_message(name="acknowledgement", language="en", context=context)
    assert subject == "We have received your request [GW-1]"
    assert body.startswith("Dear Mr Rossi,") and "Anna will handle it" in body
    told = Notification.objects.get(kind="template_broken", recipient=manager)
    assert "acknowledgement" in told.title and "include" in told.body
    # Told once per broken version, however many messages use it.
    render_message(name="acknowledgement", language="en", context=context)
    assert Notification.objects.filter(kind="template_broken").count() == 1


def test_a_broken_template_never_loses_a_contact_form_message(
    client: Browser, broken_acknowledgement: MessageTemplate, agent: User, manager: User
) -> None:
    response = client.post(
        "/contact/",
        {
            "name": "Marco Rossi",
            "email": "marco.rossi@example.com",
            "message": "My watch stopped after the service.",
            "language": "en",
        },
    )
    assert response.status_code in (200, 302), response.content[:500]
    ack = OutboundMessage.objects.get(purpose="acknowledgement")
    assert ack.to_address == "marco.rossi@example.com"
    assert "we have received your message" in ack.body_text
    assert Notification.objects.filter(kind="template_broken", recipient=manager).exists()
    from goodwill.timeline.models import Entry

    assert Entry.objects.filter(
        kind="message_in", body__contains="My watch stopped after the service."
    ).exists()
