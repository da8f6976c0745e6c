from django.urls import path

from goodwill.documents import views

urlpatterns = [
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("clients/<str:ref>/documents/", views.document_upload, name="document-upload"),
]
