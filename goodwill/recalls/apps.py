from django.apps import AppConfig


class RecallsConfig(AppConfig):
    name = "goodwill.recalls"
    label = "recalls"
    default_auto_field = "django.db.models.BigAutoField"
