from django.urls import path

from goodwill.channels.email import views

urlpatterns = [
    path("", views.mail_overview, name="mail-overview"),
    path("mailboxes/<int:pk>/toggle/", views.mailbox_toggle, name="mailbox-toggle"),
    path("messages/<int:pk>/body/", views.message_body, name="mail-body"),
    path("messages/<int:pk>/raw/", views.message_raw, name="mail-raw"),
    path("messages/<int:pk>/move/", views.message_move, name="mail-move"),
    path("attachments/<int:pk>/", views.attachment_download, name="mail-attachment"),
]
