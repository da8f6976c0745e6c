from django.urls import path

from goodwill.documents import views

urlpatterns = [
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("documents/<int:pk>/share/", views.document_share, name="document-share"),
    path("clients/<str:ref>/documents/", views.document_upload, name="document-upload"),
]
