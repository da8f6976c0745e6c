from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "goodwill.checks"
    default_auto_field = "django.db.models.BigAutoField"
