from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The WhatsApp templates in the ten client languages (goodwill.channels.messaging), as 0022
    seeded advisor_changed: only missing rows are added."""
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if name in ("whatsapp_update", "whatsapp_call_request"):
            MessageTemplate.objects.get_or_create(
                name=name, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0023_text_message_receipts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
