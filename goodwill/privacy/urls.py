from django.urls import path

from goodwill.privacy import views

urlpatterns = [
    path("clients/<str:ref>/export/", views.client_export, name="client-export"),
    path("clients/<str:ref>/erase/", views.client_erase, name="client-erase"),
    path("privacy/erasures/", views.erasure_list, name="erasures"),
]
