from django.urls import path

from goodwill.portal import views

urlpatterns = [
    path("portal/", views.portal_home, name="portal-home"),
    path("portal/open/<str:token>/", views.portal_open, name="portal-open"),
    path("portal/cases/<str:reference>/", views.portal_case, name="portal-case"),
    path("portal/settings/", views.portal_settings, name="portal-settings"),
    path("portal/link/", views.portal_link, name="portal-link"),
    path("portal/logout/", views.portal_logout, name="portal-logout"),
]
