from django.urls import path

from goodwill.integrations import views

urlpatterns = [
    path("me/api-tokens/", views.api_tokens, name="api-tokens"),
    path("me/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("integrations/webhooks/", views.webhooks, name="webhooks"),
    path("integrations/webhooks/<int:pk>/", views.webhook_detail, name="webhook-detail"),
    path("integrations/webhooks/<int:pk>/active/", views.webhook_active, name="webhook-active"),
    path(
        "integrations/webhooks/deliveries/<int:pk>/replay/",
        views.delivery_replay,
        name="webhook-replay",
    ),
]
