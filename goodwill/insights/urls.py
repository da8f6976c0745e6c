from django.urls import path

from goodwill.insights import views

urlpatterns = [
    path("insights/", views.dashboard, name="insights"),
    path("insights/cases/", views.cases, name="insights-cases"),
    path("insights/export.csv", views.export, name="insights-export"),
    path("insights/digest/", views.digest, name="insights-digest"),
]
