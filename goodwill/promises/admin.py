from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.promises.models import Promise


@admin.register(Promise)
class PromiseAdmin(ReadOnlyAdmin):
    list_display = ("text", "status", "due_at", "made_by", "case")
    list_filter = ("status",)
    list_select_related = ("made_by", "case")
    show_full_result_count = False
    ordering = ("-id",)
