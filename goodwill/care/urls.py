from django.urls import path

from goodwill.care import views

urlpatterns = [
    path("board/", views.board, name="board"),
    path("care/service-levels/", views.service_levels, name="care-service-levels"),
    path("care/service-levels/new/", views.service_level_edit, name="care-service-level-new"),
    path("care/service-levels/<int:pk>/", views.service_level_edit, name="care-service-level-edit"),
    path("care/thresholds/", views.thresholds, name="care-thresholds"),
    path("care/thresholds/apply/", views.thresholds_apply, name="care-thresholds-apply"),
    path("care/hours/", views.hours, name="care-hours"),
    path("care/hours/<str:code>/", views.site_hours, name="care-site-hours"),
    path("care/escalation/", views.escalation, name="care-escalation"),
    path("care/escalation/duty/", views.escalation_duty, name="care-escalation-duty"),
    path("care/escalation/<str:code>/", views.site_escalation, name="care-site-escalation"),
    path("care/calls/<int:pk>/done/", views.call_task_done, name="call-task-done"),
]
