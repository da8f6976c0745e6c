from django.urls import path

from goodwill.portal import views

urlpatterns = [
    path("portal/", views.portal_home, name="portal-home"),
    path("portal/open/<str:token>/", views.portal_open, name="portal-open"),
    path("portal/cases/<str:reference>/", views.portal_case, name="portal-case"),
    path(
        "portal/cases/<str:reference>/documents/",
        views.portal_case_document,
        name="portal-case-document",
    ),
    path("portal/documents/", views.portal_documents, name="portal-documents"),
    path(
        "portal/documents/<int:pk>/",
        views.portal_document_download,
        name="portal-document-download",
    ),
    path("portal/settings/", views.portal_settings, name="portal-settings"),
    path("portal/products/<int:pk>/mileage/", views.portal_mileage, name="portal-mileage"),
    path("portal/survey/<int:pk>/", views.portal_survey, name="portal-survey"),
    path("portal/appointments/", views.portal_appointments, name="portal-appointments"),
    path(
        "portal/appointments/book/",
        views.portal_appointment_book,
        name="portal-appointment-book",
    ),
    path(
        "portal/appointments/<int:booking_id>/",
        views.portal_appointment,
        name="portal-appointment",
    ),
    path(
        "portal/quotes/<int:quote_id>/decide/",
        views.portal_quote_decide,
        name="portal-quote-decide",
    ),
    path(
        "portal/quotes/<int:quote_id>/media/<int:media_id>/",
        views.portal_quote_media,
        name="portal-quote-media",
    ),
    path("portal/link/", views.portal_link, name="portal-link"),
    path("portal/logout/", views.portal_logout, name="portal-logout"),
]
