from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.checks.models import BrushOffPhrase, CheckRule


@admin.register(BrushOffPhrase)
class BrushOffPhraseAdmin(ReadOnlyAdmin):
    list_display = ("phrase", "language", "added_by", "added_at")
    list_filter = ("language",)


@admin.register(CheckRule)
class CheckRuleAdmin(ReadOnlyAdmin):
    list_display = ("text", "severity", "added_by", "added_at")
    list_filter = ("severity",)
