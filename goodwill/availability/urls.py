from django.urls import path

from goodwill.availability import views

urlpatterns = [
    path("me/availability/", views.my_availability, name="availability"),
]
