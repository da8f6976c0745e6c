from django.urls import path

from goodwill.channels.phone import views

urlpatterns = [
    path("pop/", views.pop, name="phone-pop"),
    path("calls/", views.calls, name="phone-calls"),
    path("pop/<int:pk>/dismiss/", views.pop_dismiss, name="phone-pop-dismiss"),
    path("calls/<int:pk>/summary/", views.call_summary, name="phone-call-summary"),
    path("calls/<int:pk>/take/", views.call_take, name="phone-call-take"),
]
