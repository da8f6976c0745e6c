"""The brand's organisation: sites (dealers, boutiques, care centres) and the staff who work
there."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Site(models.Model):
    class Kind(models.TextChoices):
        DEALER = "dealer", _("Dealer")
        BOUTIQUE = "boutique", _("Boutique")
        SERVICE_CENTRE = "service_centre", _("Service centre")
        # The brand's own care centre: its staff work for every client of the brand.
        CARE_CENTRE = "care_centre", _("Care centre")

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=2, help_text=_("ISO 3166 country code"))
    timezone = models.CharField(max_length=64, default="Europe/Zurich")
    languages = models.JSONField(default=list, help_text=_("Languages spoken at the site"))
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["dealer", "boutique", "service_centre", "care_centre"]
                ),
                name="site_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_brand_wide(self) -> bool:
        return self.kind == self.Kind.CARE_CENTRE


class Team(models.Model):
    """A region or a group of dealers: its members see the clients of all its sites, not only
    their home site's (`User.seen_site_ids`). A user belongs to one team at most."""

    name = models.CharField(max_length=200, unique=True)
    sites = models.ManyToManyField(Site, related_name="teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Clients never have accounts."""

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("Client advisor")
        AGENT = "agent", _("Care agent")
        MANAGER = "manager", _("Care manager")
        ADMIN = "admin", _("Administrator")

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ADVISOR)
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    code = models.CharField(max_length=32, null=True, blank=True, unique=True)
    phone = models.CharField(max_length=32, blank=True)
    language = models.CharField(
        max_length=8, default="en", help_text=_("Language of the interface for this person")
    )
    languages_spoken = models.JSONField(default=list, blank=True)
    backup = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="backing_up"
    )
    # Away from..until (inclusive dates, in the site's time zone): new cases and alerts go to the
    # backup meanwhile (organisation.services.route_to).
    away_from = models.DateField(null=True, blank=True)
    away_until = models.DateField(null=True, blank=True)
    # A care-centre agent taking the brand's duty: the last step of every site's escalation chain
    # (notifications.escalation), set by the care centre's managers at /care/escalation/.
    on_duty = models.BooleanField(default=False, db_default=False)
    # A region or a group of dealers whose sites' clients this person sees too (seen_site_ids).
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["advisor", "agent", "manager", "admin"]),
                name="user_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["en", "fr", "de", "it"]),
                name="user_language_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(away_from__isnull=True, away_until__isnull=True)
                | models.Q(
                    away_from__isnull=False,
                    away_until__isnull=False,
                    away_until__gte=models.F("away_from"),
                ),
                name="user_away_dates_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def is_away_on(self, day: dt.date) -> bool:
        return (
            self.away_from is not None
            and self.away_until is not None
            and self.away_from <= day <= self.away_until
        )

    @property
    def sees_all_clients(self) -> bool:
        """Brand-wide staff (care centre, admins) see every client; a dealer's staff only their
        site's."""
        if self.is_superuser or self.role == self.Role.ADMIN:
            return True
        return self.site is not None and self.site.is_brand_wide

    @cached_property
    def team_site_ids(self) -> frozenset[int]:
        """The sites of the person's team: no query without a team, one with (kept on this
        instance, so one a request)."""
        if self.team_id is None:
            return frozenset()
        through = Team.sites.through
        return frozenset(
            through.objects.filter(team_id=self.team_id).values_list("site_id", flat=True)
        )

    @property
    def seen_site_ids(self) -> list[int] | None:
        """The sites whose clients this person sees: None for every site (brand-wide staff),
        else their home site and their team's sites (empty: none)."""
        if self.sees_all_clients:
            return None
        ids = set(self.team_site_ids)
        if self.site_id is not None:
            ids.add(self.site_id)
        return sorted(ids)

    def sees_site(self, site_id: int | None) -> bool:
        """Whether this person sees the clients of the site `site_id` (the one isolation rule)."""
        seen = self.seen_site_ids
        return seen is None or (site_id is not None and site_id in seen)
