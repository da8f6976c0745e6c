from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The default plans of journeys/defaults.py, for every kind without one (as it is when the
    migration runs; journeys.services.journeys_ensure_defaults does the same at run time)."""
    from goodwill.journeys.defaults import DEFAULT_JOURNEYS

    JourneyTemplate = apps.get_model("journeys", "JourneyTemplate")
    Stage = apps.get_model("journeys", "Stage")
    # Fields added by later migrations (0003's repeat_*) are set by them.
    known = {field.name for field in Stage._meta.get_fields()}
    for kind, (name, stages) in DEFAULT_JOURNEYS.items():
        template, created = JourneyTemplate.objects.get_or_create(kind=kind, defaults={"name": name})
        if created:
            for i, fields in enumerate(stages):
                Stage.objects.create(
                    template=template,
                    position=(i + 1) * 10,
                    **{k: v for k, v in fields.items() if k in known},
                )


class Migration(migrations.Migration):
    dependencies = [("journeys", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
