from django.urls import path

from goodwill.promises import views

urlpatterns = [
    path("promises/", views.promise_board, name="promises"),
    path("promises/<int:pk>/keep/", views.promise_keep, name="promise-keep"),
    path("cases/<str:reference>/promises/", views.promise_new, name="promise-new"),
]
