"""Seed the default message templates in es, pt, nl, ja, zh-hans and ar (issue 11: ten client
languages). Only rows that are missing are added: a template a manager already wrote in one of
these languages is kept as it is, and the four first languages are not touched (a template a
manager deleted there stays deleted).

As in 0003, the texts come from channels/outbox/defaults.py as it is when the migration runs."""

from django.db import migrations

NEW_LANGUAGES = ("es", "pt", "nl", "ja", "zh-hans", "ar")


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if language in NEW_LANGUAGES:
            MessageTemplate.objects.get_or_create(
                name=name, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0006_words_acknowledgement_reply_by"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
