from django.urls import path

from goodwill.recalls import views

urlpatterns = [
    path("recalls/", views.campaign_list, name="recalls"),
    path("recalls/new/", views.campaign_new, name="recall-new"),
    path("recalls/<str:code>/", views.campaign_detail, name="recall-detail"),
    path("recalls/<str:code>/import/", views.campaign_import, name="recall-import"),
    path("recalls/<str:code>/launch/", views.campaign_launch, name="recall-launch"),
    path("recalls/<str:code>/close/", views.campaign_close, name="recall-close"),
    path(
        "recalls/<str:code>/vehicles/<int:pk>/fixed/",
        views.vehicle_fixed,
        name="recall-vehicle-fixed",
    ),
]
