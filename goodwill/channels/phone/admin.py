"""Read-only views of calls for administrators: calls change only through the webhook and
services."""

from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.channels.phone.models import Call, WebhookReceipt


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = (
        "started_at",
        "provider",
        "call_id",
        "direction",
        "from_number",
        "state",
        "duration_seconds",
        "client",
        "agent",
    )
    list_filter = ("state", "direction", "provider")
    list_select_related = ("client", "agent")
    search_fields = ("call_id", "from_number")
    show_full_result_count = False


@admin.register(WebhookReceipt)
class WebhookReceiptAdmin(ReadOnlyAdmin):
    list_display = ("received_at", "event_key")
    search_fields = ("event_key",)
    show_full_result_count = False
