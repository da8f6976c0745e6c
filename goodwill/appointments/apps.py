from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "goodwill.appointments"
    default_auto_field = "django.db.models.BigAutoField"
