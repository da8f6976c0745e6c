"""Signing staff in: Django's model backend, with the staff member's site loaded alongside."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from goodwill.organisation.models import User


class StaffBackend(ModelBackend):
    """Every page reads the signed-in person's site (the header names it, and `sees_all_clients`
    asks whether it is the care centre): it comes in the same query as the person, instead of a
    second query on each request."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("site").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id: Any) -> User | None:
        try:
            user = await User._default_manager.select_related("site").aget(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ThrottledSignIn(AxesStandaloneBackend):
    """Refuses a sign-in while the account or the address is locked out after too many failures
    (django-axes; AXES_* in settings). Only sign-ins over the web are counted: a caller without a
    request (a management command, a test's `client.login`) has no address to lock out."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        return None
