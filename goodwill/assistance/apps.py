from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "goodwill.assistance"
    default_auto_field = "django.db.models.BigAutoField"
