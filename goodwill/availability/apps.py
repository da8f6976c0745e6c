from django.apps import AppConfig


class AvailabilityConfig(AppConfig):
    name = "goodwill.availability"
    default_auto_field = "django.db.models.BigAutoField"
