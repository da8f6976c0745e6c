from django.contrib import admin

from goodwill.admin_readonly import ReadOnlyAdmin
from goodwill.channels.email.models import Attachment, InboundMessage, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(ReadOnlyAdmin):
    list_display = ("name", "host", "port", "security", "active", "last_polled_at", "last_error")
    exclude = ("password",)  # never shown back, even to administrators
    ordering = ("name",)


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ("id", "received_at", "status", "sender", "subject", "reason")
    list_filter = ("status", "source")
    search_fields = ("message_id", "sender")
    exclude = ("body_html", "body_html_blocked")
    show_full_result_count = False
    ordering = ("-id",)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ("id", "filename", "content_type", "size", "client")
    list_select_related = ("client",)
    show_full_result_count = False
    ordering = ("-id",)
