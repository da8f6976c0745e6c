from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.integrations.models import ApiToken, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("name", "user", "scope", "hint", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope",)
    list_select_related = ("user",)
    exclude = ("token_hash",)
    ordering = ("-id",)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ("url", "active", "created_by", "created_at")
    exclude = ("secret",)  # shown to the brand's managers on /integrations/webhooks/ only
    ordering = ("-id",)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("event", "endpoint", "status", "attempts", "response_status", "created_at")
    list_filter = ("status", "event")
    list_select_related = ("endpoint",)
    show_full_result_count = False
    ordering = ("-id",)
