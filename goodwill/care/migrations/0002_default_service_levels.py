"""Sensible service levels from day one, in business minutes (a business day is 9 hours by
default): VIP tighter than premium, premium tighter than standard. Managers change them at
/care/service-levels/."""

from django.db import migrations

HOUR, DAY = 60, 9 * 60

# tier, category, first response, update cadence, resolution
DEFAULTS = [
    ("standard", "", 8 * HOUR, 2 * DAY, 10 * DAY),
    ("premium", "", 4 * HOUR, 1 * DAY, 5 * DAY),
    ("vip", "", 1 * HOUR, 4 * HOUR, 3 * DAY),
    # A VIP stranded by the roadside hears from us within half an hour, and every two hours after.
    ("vip", "breakdown", 30, 2 * HOUR, 2 * DAY),
    ("premium", "breakdown", 2 * HOUR, 4 * HOUR, 4 * DAY),
]


def seed(apps, schema_editor):
    ServiceLevel = apps.get_model("care", "ServiceLevel")
    for tier, category, first, update, resolution in DEFAULTS:
        ServiceLevel.objects.get_or_create(
            tier=tier, category=category,
            defaults={"first_response_minutes": first, "update_minutes": update,
                      "resolution_minutes": resolution, "warn_at_percent": 80},
        )


class Migration(migrations.Migration):
    dependencies = [("care", "0001_clocks_and_service_levels")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
