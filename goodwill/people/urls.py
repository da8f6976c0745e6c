from django.urls import path

from goodwill.people import views

urlpatterns = [
    path("staff/<str:username>/handover/", views.handover, name="people-handover"),
]
