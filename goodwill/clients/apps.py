from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "goodwill.clients"
    default_auto_field = "django.db.models.BigAutoField"
