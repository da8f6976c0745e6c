from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "goodwill.organisation"
    default_auto_field = "django.db.models.BigAutoField"
