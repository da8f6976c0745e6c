from __future__ import annotations

from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.imports.models import ImportedRecord


@admin.register(ImportedRecord)
class ImportedRecordAdmin(ReadOnlyAdmin):
    """What came in from other helpdesks: to answer "did ticket 1234 come over, and as what?"."""

    list_display = ("source", "kind", "foreign_id", "object_id", "imported_at")
    list_filter = ("source", "kind")
    search_fields = ("foreign_id",)
