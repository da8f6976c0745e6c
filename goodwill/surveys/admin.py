from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.surveys.models import Survey, SurveyPreference


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "state", "skipped", "score", "detractor", "recovered")
    list_filter = ("kind", "state", "detractor")
    list_select_related = ("case",)
    # The token's hash is not for anyone's eyes, even an administrator's.
    exclude = ("token_hash",)


@admin.register(SurveyPreference)
class SurveyPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("client", "declined_at", "via")
    list_select_related = ("client",)
