"""The JSON API (OpenAPI at /api/docs), for staff sessions. Each app contributes a router."""

from django.http import HttpRequest
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.security import django_auth
from ninja.types import DictStrAny

from goodwill.cases.api import router as cases_router
from goodwill.channels.email.api import router as mail_router
from goodwill.channels.phone.api import router as phone_router
from goodwill.http import json_checked
from goodwill.journeys.api import router as journeys_router
from goodwill.web.client_api import router as clients_router


class CheckedParser(Parser):
    """JSON bodies as goodwill.http.BadInputMiddleware already read and checked them (no NUL, no
    lone surrogate, no number beyond 64 bits, no deep nesting); any other body is checked here."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        checked = getattr(request, "json_checked", None)
        data: DictStrAny = checked if checked is not None else json_checked(request.body)
        return data


api = NinjaAPI(
    title="Goodwill",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    parser=CheckedParser(),
)
api.add_router("", clients_router)
api.add_router("", cases_router)
api.add_router("", mail_router)  # a mail provider with a bearer token, not a session
api.add_router("", phone_router)  # signed by the telephony provider, not a session
api.add_router("", journeys_router)  # the factory/logistics feed with a bearer token


# The documentation pages stay behind LoginRequiredMiddleware: a person is sent to the login page
# and back, as on every other page. What the API is and takes is for staff only.
_DOCS = {"openapi-json", "openapi-view", "api-root"}


def api_urls() -> list[URLPattern | URLResolver]:
    """The API's URLs, answering 401 itself instead of LoginRequiredMiddleware's redirect to the
    login page; its documentation (/api/docs, /api/openapi.json) asks for a login like any page."""
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name not in _DOCS:
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return list(patterns)
