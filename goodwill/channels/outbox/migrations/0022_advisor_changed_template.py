from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The advisor_changed template in the ten client languages (goodwill.people), as 0019
    seeded journey_stage: only missing rows are added."""
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if name == "advisor_changed":
            MessageTemplate.objects.get_or_create(
                name=name, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0021_advisor_changed_reason")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
