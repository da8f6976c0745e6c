from django.urls import path

from goodwill.channels.webform import views

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/embed/", views.contact_embed, name="contact-embed"),
]
