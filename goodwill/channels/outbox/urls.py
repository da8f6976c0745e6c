from django.urls import path

from goodwill.channels.outbox import views

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_detail, name="outbox-detail"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox-retry"),
    path("outbox/templates/", views.template_list, name="outbox-templates"),
    path(
        "outbox/templates/<slug:name>/<str:language>/",
        views.template_edit,
        name="outbox-template-edit",
    ),
    path("cases/<str:reference>/message/draft/", views.reply_draft, name="reply-draft"),
]
