from django.apps import AppConfig


class EmailChannelConfig(AppConfig):
    name = "goodwill.channels.email"
    label = "email_channel"
    verbose_name = "E-mail in"
    default_auto_field = "django.db.models.BigAutoField"
