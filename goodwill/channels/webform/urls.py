from django.urls import path

from goodwill.channels.webform import views

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/embed/", views.contact_embed, name="contact-embed"),
    path("contact/held/", views.held, name="webform-held"),
    path(
        "contact/held/<int:pk>/<str:decision>/",
        views.held_decide,
        name="webform-held-decide",
    ),
]
