from django.contrib import admin

from goodwill.availability.models import StandIn
from goodwill.clients.admin import ReadOnlyAdmin


@admin.register(StandIn)
class StandInAdmin(ReadOnlyAdmin):
    list_display = ("case", "absent", "backup", "away_from", "away_until", "returned_at")
    list_select_related = ("case", "absent", "backup")
    show_full_result_count = False
    ordering = ("-id",)
