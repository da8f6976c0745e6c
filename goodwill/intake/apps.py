from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """One intake for every channel."""

    name = "goodwill.intake"
    default_auto_field = "django.db.models.BigAutoField"
