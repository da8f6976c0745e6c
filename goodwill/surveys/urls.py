from django.urls import path

from goodwill.surveys import views

urlpatterns = [
    path("s/<str:token>/", views.survey_page, name="survey-page"),
    path("s/<str:token>/stop/", views.survey_stop, name="survey-stop"),
    path("s/<str:token>/<int:score>/", views.survey_click, name="survey-click"),
    path("surveys/<int:pk>/outcome/", views.outcome_record, name="survey-outcome"),
]
