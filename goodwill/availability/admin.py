from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.availability.models import StandIn


@admin.register(StandIn)
class StandInAdmin(ReadOnlyAdmin):
    list_display = ("case", "absent", "backup", "away_from", "away_until", "returned_at")
    list_select_related = ("case", "absent", "backup")
    show_full_result_count = False
    ordering = ("-id",)
