from django.urls import path

from goodwill.channels.messaging import views

urlpatterns = [
    path("channels/messaging/inbound", views.inbound, name="messaging-inbound"),
    path("channels/messaging/status", views.status, name="messaging-status"),
    path("cases/<str:reference>/texting/", views.case_panel, name="messaging-case-panel"),
]
