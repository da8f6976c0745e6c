from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.assistance.models import Partner, PartnerTask, ServicePolicy


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "site", "region", "active")
    list_filter = ("kind", "active")
    list_select_related = ("site",)
    ordering = ("kind", "name")


@admin.register(ServicePolicy)
class ServicePolicyAdmin(ReadOnlyAdmin):
    list_display = ("tier", "min_value", "car_class", "hotel_class", "transport_class", "nights")


@admin.register(PartnerTask)
class PartnerTaskAdmin(ReadOnlyAdmin):
    list_display = ("title", "partner", "status", "eta", "case")
    list_filter = ("status", "kind")
    list_select_related = ("partner", "case")
    # The hash of the partner's token is no one's business, even read-only.
    exclude = ("token_hash",)
    show_full_result_count = False
    ordering = ("-id",)
