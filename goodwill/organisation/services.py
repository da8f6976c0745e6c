"""Writes to the organisation: sites and staff."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from goodwill.organisation.models import Site, Team, User
from goodwill.organisation.selectors import staff_book_size


@transaction.atomic
def site_create(
    *,
    code: str,
    name: str,
    kind: str,
    country: str,
    timezone: str = "Europe/Zurich",
    city: str = "",
    languages: list[str] | None = None,
    email: str = "",
) -> Site:
    if kind not in Site.Kind.values:
        raise ValidationError({"kind": [_("Unknown site kind “%(kind)s”.") % {"kind": kind}]})
    return Site.objects.create(
        code=code,
        name=name,
        kind=kind,
        country=country.upper(),
        timezone=timezone,
        city=city,
        languages=languages or [],
        email=email,
    )


@transaction.atomic
def staff_create(
    *,
    username: str,
    password: str | None,
    first_name: str,
    last_name: str,
    role: str,
    site: Site | None,
    email: str = "",
    language: str = "en",
    code: str | None = None,
    backup: User | None = None,
    languages_spoken: list[str] | None = None,
    phone: str = "",
) -> User:
    if role not in User.Role.values:
        raise ValidationError({"role": [_("Unknown role “%(role)s”.") % {"role": role}]})
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=role,
        site=site,
        email=email,
        language=language,
        code=code,
        backup=backup,
        languages_spoken=languages_spoken or [],
        phone=phone,
        is_staff=role == User.Role.ADMIN,
        is_superuser=role == User.Role.ADMIN,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def staff_deactivate(*, actor: User | None, user: User, require_empty_book: bool = False) -> User:
    """Someone leaves: they can no longer sign in (and are signed out at their next request), and
    keep their name on everything they did. Staff who own history are never deleted
    (organisation.selectors.staff_owns_history). Only a manager or an administrator may; `None`
    is the system itself (the admin's action checks its own permission).

    One advisor for each client: with `require_empty_book` (the staff pages) someone who still
    advises clients is refused until their book is handed over (people.services.book_handover);
    the admin's bulk action deactivates and warns instead."""
    if actor is not None and not (
        actor.is_superuser or actor.role in (User.Role.MANAGER, User.Role.ADMIN)
    ):
        raise PermissionDenied("Only managers and administrators deactivate staff.")
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    if require_empty_book and user.is_active and (book := staff_book_size(user=user)):
        raise ValidationError(
            _("%(name)s still advises %(count)s clients: hand their book over first.")
            % {"name": user, "count": book}
        )
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def team_create(*, name: str, sites: list[Site]) -> Team:
    """A region or a group of dealers; its members see the clients of all its sites."""
    if not name.strip():
        raise ValidationError({"name": [_("Name the team.")]})
    if Team.objects.filter(name=name.strip()).exists():
        raise ValidationError({"name": [_("There is a team of that name already.")]})
    team = Team.objects.create(name=name.strip())
    team.sites.set(sites)
    return team


@transaction.atomic
def staff_set_team(*, actor: User | None, user: User, team: Team | None) -> User:
    """Put `user` in `team` (None: in none). Only a brand-wide manager or an administrator may:
    a team widens what a person sees beyond their site. `None` is the system itself."""
    if actor is not None and not (
        actor.is_superuser
        or (actor.role in (User.Role.MANAGER, User.Role.ADMIN) and actor.sees_all_clients)
    ):
        raise PermissionDenied("Only the brand's managers and administrators set teams.")
    user.team = team
    user.save(update_fields=["team"])
    user.__dict__.pop("team_site_ids", None)  # the cached sites of the team before
    return user


def staff_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Unsupported language.")]})
    user.language = language
    user.save(update_fields=["language"])
    return user


@transaction.atomic
def staff_set_away(
    *,
    actor: User,
    user: User,
    away_from: dt.date | None,
    away_until: dt.date | None,
    backup: User | None = None,
    today: dt.date | None = None,
) -> User:
    """Mark `user` away from..until (inclusive days) or back (both None). Only they or a manager
    may.
    Someone must cover: the named `backup` (kept as their backup) or the one they already have,
    active,
    able to serve the same clients, and not away themselves when the absence starts."""
    if (
        actor.pk != user.pk
        and actor.role not in (User.Role.MANAGER, User.Role.ADMIN)
        and not actor.is_superuser
    ):
        raise PermissionDenied("Only the person or a manager may change their availability.")
    if away_from is None and away_until is None:
        user.away_from = user.away_until = None
        user.save(update_fields=["away_from", "away_until"])
        return user
    today = today or localdate()
    errors: dict[str, list[str]] = {}
    if away_from is None or away_until is None:
        errors["away_until"] = [_("Give the first and the last day away.")]
    elif away_until < away_from:
        errors["away_until"] = [_("The last day away comes after the first.")]
    elif away_until < today:
        errors["away_until"] = [_("That absence is over already.")]
    elif (away_until - away_from).days > 366:
        errors["away_until"] = [_("Away for more than a year: hand the clients over instead.")]
    cover = backup or user.backup
    if cover is None:
        errors["backup"] = [_("Name who looks after your clients while you are away.")]
    elif cover.pk == user.pk:
        errors["backup"] = [_("You cannot cover for yourself.")]
    elif not cover.is_active:
        errors["backup"] = [_("%(name)s can no longer take clients.") % {"name": cover}]
    elif not (cover.sees_all_clients or cover.sees_site(user.site_id)):
        errors["backup"] = [
            _("%(name)s works for another site and cannot see your clients.") % {"name": cover}
        ]
    elif away_from is not None and cover.is_away_on(away_from):
        errors["backup"] = [_("%(name)s is away then too.") % {"name": cover}]
    if errors:
        raise ValidationError(errors)
    user.away_from, user.away_until, user.backup = away_from, away_until, cover
    user.save(update_fields=["away_from", "away_until", "backup"])
    return user


def staff_set_on_duty(*, actor: User, user: User, on_duty: bool) -> User:
    """Who takes the brand's duty (the last step of every escalation chain): a care-centre
    member of staff, set by the care centre's managers (or an administrator)."""
    if not (
        actor.is_superuser
        or (actor.role in (User.Role.MANAGER, User.Role.ADMIN) and actor.sees_all_clients)
    ):
        raise PermissionDenied("Only the care centre's managers set who is on duty.")
    if on_duty and (user.site is None or not user.site.is_brand_wide or not user.is_active):
        raise ValidationError({"on_duty": [_("Only active care-centre staff can be on duty.")]})
    if user.on_duty != on_duty:
        user.on_duty = on_duty
        user.save(update_fields=["on_duty"])
    return user


def _site_zone(user: User) -> dt.tzinfo:
    if user.site_id and user.site:
        return zoneinfo.ZoneInfo(user.site.timezone)
    return timezone.get_current_timezone()


def route_to(*, user: User, at: dt.datetime | None = None) -> User:
    """Who receives what is meant for `user` at `at`: themselves, or while they are away their
    backup (and the backup's backup if that one is away too; a loop ends with the last one met)."""
    at = at or timezone.now()
    seen = {user.pk}
    current = user
    while True:
        day = timezone.localtime(at, _site_zone(current)).date()
        if not current.is_away_on(day) or current.backup_id is None or current.backup_id in seen:
            return current
        backup = current.backup
        assert backup is not None
        seen.add(backup.pk)
        current = backup


def managers_for(*, site: Site) -> list[User]:
    """The managers to alert about a case at `site`: the site's own managers, or, where it has
    none, the brand's managers at the care centre."""
    active = User.objects.filter(role=User.Role.MANAGER, is_active=True).select_related(
        "site", "backup"
    )
    local = list(active.filter(site=site))
    return local or list(active.filter(site__kind=Site.Kind.CARE_CENTRE))


# Two-factor sign-in (TOTP through django-otp; goodwill.web.signin has the pages).


def two_factor_device(*, user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator, or None: then the password alone signs them in."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def two_factor_pending(*, user: User) -> TOTPDevice:
    """The authenticator being set up (its secret shown as a QR code until a code confirms it),
    created on first use; one per person."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, code: str) -> TOTPDevice:
    """Turn two-factor sign-in on: the code the app shows proves it holds the secret."""
    if device.user_id != user.pk:
        raise PermissionDenied("This authenticator is someone else's.")
    if not code or not device.verify_token(code):
        raise ValidationError(
            _("That code does not match: scan the QR code again and type the code your app shows.")
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device


@transaction.atomic
def two_factor_remove(*, actor: User, user: User, code: str) -> None:
    """Turn two-factor sign-in off, with a current code (a lost phone: an administrator deletes
    the device in the admin). A role that must use it is asked to set it up again at once."""
    if actor.pk != user.pk:
        raise PermissionDenied("Only the person turns their own second factor off.")
    device = two_factor_device(user=user)
    if device is None:
        return
    if not code or not device.verify_token(code):
        raise ValidationError(_("Type the code your app shows now to turn two-factor sign-in off."))
    TOTPDevice.objects.filter(user=user).delete()


def backups_hand_over(*, leaving: User, successor: User) -> int:
    """Whoever had `leaving` as their backup has `successor` now, when the successor sees their
    clients (the rule `staff_set_away` checks); nobody becomes their own backup, and the others
    keep theirs until someone names a new one. Returns how many changed; a re-run changes none."""
    people = User.objects.filter(backup=leaving).exclude(pk=successor.pk)
    ids = [person.pk for person in people if successor.sees_site(person.site_id)]
    return User.objects.filter(pk__in=ids, backup=leaving).update(backup=successor)
