from django.urls import path

from goodwill.checks import views

urlpatterns = [
    path("checks/", views.checks_settings, name="checks-settings"),
    path("checks/phrases/", views.brush_off_add, name="checks-phrase-add"),
    path("checks/phrases/<int:pk>/remove/", views.brush_off_remove, name="checks-phrase-remove"),
    path("checks/rules/", views.rule_add, name="checks-rule-add"),
    path("checks/rules/<int:pk>/remove/", views.rule_remove, name="checks-rule-remove"),
]
