from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The recall_notice and recall_reminder templates in the ten client languages, for managers
    to edit (the outbox's defaults are their words), as outbox 0013 seeded booking_invite."""
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if name in ("recall_notice", "recall_reminder"):
            MessageTemplate.objects.get_or_create(
                name=name, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("recalls", "0001_initial"),
        ("outbox", "0014_all_reasons_and_kinds"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
