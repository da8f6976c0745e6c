from django.urls import path

from goodwill.appointments import views

urlpatterns = [
    path("appointments/", views.day_plan, name="appointments"),
    path("appointments/slots/", views.slots_new, name="appointment-slots"),
    path("cases/<str:reference>/booking-invite/", views.invite, name="booking-invite"),
    # The client's private link: short, for a phone and an SMS.
    path("book/<str:token>/", views.booking_page, name="booking-page"),
]
