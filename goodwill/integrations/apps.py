from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "goodwill.integrations"
    default_auto_field = "django.db.models.BigAutoField"
