"""The JSON API (OpenAPI at /api/docs), for staff sessions. Each app contributes a router."""

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.security import django_auth

from goodwill.cases.api import router as cases_router
from goodwill.channels.email.api import router as mail_router
from goodwill.channels.phone.api import router as phone_router
from goodwill.web.client_api import router as clients_router

api = NinjaAPI(title="Goodwill", version="1", auth=django_auth, urls_namespace="api")
api.add_router("", clients_router)
api.add_router("", cases_router)
api.add_router("", mail_router)  # a mail provider with a bearer token, not a session
api.add_router("", phone_router)  # signed by the telephony provider, not a session


def api_urls() -> list[URLPattern | URLResolver]:
    """The API's URLs, answering 401 itself instead of LoginRequiredMiddleware's redirect to the
    login page."""
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return list(patterns)
