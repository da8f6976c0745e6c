"""Seed the default message templates in en, fr, de and it (managers edit them afterwards).

The texts come from channels/outbox/defaults.py as it is when the migration runs: an installed
database keeps what its managers wrote, later changes to the defaults only reach new installs."""

from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.get_or_create(name=name, language=language, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0002_message_templates"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
