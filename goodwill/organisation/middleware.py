import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class StaffLocaleMiddleware:
    """Speak each staff member's language and show times in their site's time zone.

    Both are kept in the session at login (and on change), so no query is needed per request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.session.get("language") or translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        zone = request.session.get("timezone")
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        try:
            response = self.get_response(request)
        finally:
            # Threads serve many people: leave nothing of this one behind.
            timezone.deactivate()
        response.headers.setdefault("Content-Language", translation.get_language())
        translation.deactivate()
        return response
