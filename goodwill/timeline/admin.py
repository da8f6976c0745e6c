from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.timeline.models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "client", "case", "actor", "summary")
    list_filter = ("kind",)
    list_select_related = ("client", "case", "actor")
    raw_id_fields = ("client", "case", "actor")
    show_full_result_count = False
    ordering = ("-id",)  # the primary key index; sorting millions of rows by time would not be
