"""Writes to the organisation: sites and staff."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from goodwill.organisation.models import Site, User


@transaction.atomic
def site_create(
    *, code: str, name: str, kind: str, country: str, timezone: str = "Europe/Zurich",
    city: str = "", languages: list[str] | None = None, email: str = "",
) -> Site:
    if kind not in Site.Kind.values:
        raise ValidationError({"kind": [_("Unknown site kind “%(kind)s”.") % {"kind": kind}]})
    return Site.objects.create(code=code, name=name, kind=kind, country=country.upper(), timezone=timezone,
                               city=city, languages=languages or [], email=email)


@transaction.atomic
def staff_create(
    *, username: str, password: str | None, first_name: str, last_name: str, role: str,
    site: Site | None, email: str = "", language: str = "en", code: str | None = None,
    backup: User | None = None, languages_spoken: list[str] | None = None, phone: str = "",
) -> User:
    if role not in User.Role.values:
        raise ValidationError({"role": [_("Unknown role “%(role)s”.") % {"role": role}]})
    user = User(
        username=username, first_name=first_name, last_name=last_name, role=role, site=site, email=email,
        language=language, code=code, backup=backup, languages_spoken=languages_spoken or [], phone=phone,
        is_staff=role == User.Role.ADMIN, is_superuser=role == User.Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def staff_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Unsupported language.")]})
    user.language = language
    user.save(update_fields=["language"])
    return user
