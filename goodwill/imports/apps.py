from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "goodwill.imports"
    default_auto_field = "django.db.models.BigAutoField"
