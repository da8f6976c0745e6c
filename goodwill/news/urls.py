from django.urls import path

from goodwill.news import views

urlpatterns = [
    path("cases/<str:reference>/milestone/", views.milestone, name="case-milestone"),
]
