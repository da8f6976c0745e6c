from django.urls import path

from goodwill.notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notifications"),
    path("notifications/read/", views.mark_all_read, name="notifications-read-all"),
    path("notifications/<int:pk>/read/", views.mark_read, name="notification-read"),
    path("notifications/<int:pk>/acknowledge/", views.acknowledge, name="notification-ack"),
    path("notifications/<int:pk>/", views.open_notification, name="notification-open"),
]
