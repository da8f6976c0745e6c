from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "goodwill.promises"
    default_auto_field = "django.db.models.BigAutoField"
