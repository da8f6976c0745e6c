from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.care.models import Clock, Holiday, OpeningHours, ServiceLevel, TierThreshold


@admin.register(ServiceLevel)
class ServiceLevelAdmin(ReadOnlyAdmin):
    list_display = (
        "tier",
        "category",
        "first_response_minutes",
        "update_minutes",
        "resolution_minutes",
        "warn_at_percent",
        "auto_update",
    )
    ordering = ("id",)


@admin.register(TierThreshold)
class TierThresholdAdmin(ReadOnlyAdmin):
    list_display = ("currency", "premium_from", "vip_from")
    ordering = ("id",)


@admin.register(OpeningHours)
class OpeningHoursAdmin(ReadOnlyAdmin):
    list_display = ("site", "weekday", "opens", "closes")
    list_select_related = ("site",)
    ordering = ("id",)


@admin.register(Holiday)
class HolidayAdmin(ReadOnlyAdmin):
    list_display = ("site", "day", "name")
    list_select_related = ("site",)
    ordering = ("id",)


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = (
        "case",
        "kind",
        "state",
        "started_at",
        "due_at",
        "warned_at",
        "breached_at",
        "stopped_at",
    )
    list_filter = ("kind", "state")
    list_select_related = ("case",)
    raw_id_fields = ("case", "level")
    show_full_result_count = False
    ordering = ("-id",)  # the primary key index, whatever the table's size
