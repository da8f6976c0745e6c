from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The journey_stage template in the ten client languages (goodwill.journeys), as 0013
    seeded the booking messages: only missing rows are added."""
    from goodwill.channels.outbox.defaults import DEFAULT_TEMPLATES

    MessageTemplate = apps.get_model("outbox", "MessageTemplate")
    for (name, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if name == "journey_stage":
            MessageTemplate.objects.get_or_create(
                name=name, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0018_journey_stage_reason")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
