from django.urls import path

from goodwill.quality import views

urlpatterns = [
    path("quality/", views.quality_board, name="quality"),
    path("quality/sample/", views.quality_sample, name="quality-sample"),
    path("quality/rubric/", views.quality_rubric, name="quality-rubric"),
    path("quality/reviews/<int:pk>/", views.quality_review, name="quality-review"),
    path("quality/me/", views.quality_me, name="quality-me"),
]
