from django.urls import path

from goodwill.journeys import views

urlpatterns = [
    path("journeys/", views.templates_page, name="journeys"),
    path("journeys/stages/<int:pk>/", views.stage_edit, name="journey-stage-edit"),
    path("journeys/<int:pk>/stages/new/", views.stage_new, name="journey-stage-new"),
    path("journeys/suppressions.csv", views.suppressions_csv, name="journey-suppressions-csv"),
    path("journeys/suppressions.json", views.suppressions_json, name="journey-suppressions-json"),
    path("journeys/case/<str:reference>/", views.case_section, name="journey-case"),
    path("journeys/client/<str:ref>/", views.client_section, name="journey-client"),
    path("journeys/running/", views.running_page, name="journeys-running"),
    path("journeys/run/<int:pk>/reach/", views.reach, name="journey-reach"),
    path("journeys/run/<int:pk>/delivery/", views.delivery_plan, name="journey-delivery-plan"),
]
