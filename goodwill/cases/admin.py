from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.cases.models import Case


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "summary", "status", "category", "owner", "opened_at")
    list_filter = ("status", "category")
    list_select_related = ("owner",)
    search_fields = ("reference",)
    show_full_result_count = False
    ordering = ("-id",)  # the primary key index, whatever the table's size
