from django.apps import AppConfig


class WebformConfig(AppConfig):
    name = "goodwill.channels.webform"
    label = "webform"
    default_auto_field = "django.db.models.BigAutoField"
