"""The default rubric: ownership, empathy, language, accuracy, next step (quality.rules)."""

from django.db import migrations


def seed(apps, schema_editor):
    from goodwill.quality.rules import DEFAULT_RUBRIC

    Criterion = apps.get_model("quality", "Criterion")
    for position, (key, name, description) in enumerate(DEFAULT_RUBRIC):
        Criterion.objects.get_or_create(
            key=key, defaults={"name": name, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
