from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages that compose several apps."""

    name = "goodwill.web"
    default_auto_field = "django.db.models.BigAutoField"
